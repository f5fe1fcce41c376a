import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { itemMatcher, OPERATORS, prepareOperator } from '../../src/evaluate/operators.js';
import { OPERATOR_DEFINITIONS } from '../../src/rules/operator-definitions.js';
import { seeded } from '../support/property-seed.js';

/**
 * What each operator means, asked of evaluate/operators.ts directly. The reference engine of the differential tests
 * registers *our* date and item operators on json-rules-engine, so a change to one of them would change both sides
 * alike: their meaning is pinned here by hand-worked cases. json-rules-engine's own ten are compared with
 * json-rules-engine's own implementations (its operators, with its fact-value validators).
 */

/** json-rules-engine's own operators (its operator map; not in its type declarations). */
const theirs = (new Engine() as unknown as { operators: { get(name: string): { evaluate(factValue: unknown, compareTo: unknown): boolean } | null } })
  .operators;
const JSON_RULES_ENGINE_OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];

function operator(name: string): NonNullable<ReturnType<typeof OPERATORS.get>> {
  const found = OPERATORS.get(name);
  if (!found) throw new Error(`no operator ${name}`);
  return found;
}

/** The operator's answer, asked both ways: evaluate, and the prepared form with the compared value fixed. */
function both(name: string, factValue: unknown, compareTo: unknown): boolean {
  const evaluated = operator(name).evaluate(factValue, compareTo);
  expect(prepareOperator(operator(name), compareTo)(factValue), `${name} prepared, on ${JSON.stringify(factValue)}`).toBe(evaluated);
  return evaluated;
}

describe('the operators a rule file may use', () => {
  it('are every operator the loader accepts, each with its definition; json-rules-engine has exactly the built-in ones', () => {
    expect([...OPERATORS.keys()]).toEqual([...OPERATOR_DEFINITIONS.keys()]);
    for (const [name, definition] of OPERATOR_DEFINITIONS) expect(OPERATORS.get(name)).toMatchObject(definition);
    expect([...OPERATORS.values()].filter((each) => each.builtIn).map((each) => each.name)).toEqual(JSON_RULES_ENGINE_OPERATORS);
    for (const each of OPERATORS.values()) expect(theirs.get(each.name) !== null, each.name).toBe(each.builtIn);
  });
});

describe("json-rules-engine's operators mean what json-rules-engine says", () => {
  const scalar = fc.oneof(
    fc.constantFrom<unknown>(null, undefined, Number.NaN, 0, -1, 1, 2, '1', '2', '', 'a', 'b', '1.5x', true, false, Number.POSITIVE_INFINITY),
    fc.integer({ min: -5, max: 5 }),
    fc.double({ min: -5, max: 5 }),
    fc.string({ maxLength: 3 }),
  );
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }));

  it.each(JSON_RULES_ENGINE_OPERATORS)('%s, on generated fact values and compared values', (name) => {
    const reference = theirs.get(name);
    if (!reference) throw new Error(`json-rules-engine has no ${name}`);
    fc.assert(
      fc.property(value, value, (factValue, compareTo) => {
        // json-rules-engine's `in` and `notIn` call indexOf on the compared value: a list, as the loader requires.
        const compared = (name === 'in' || name === 'notIn') && !Array.isArray(compareTo) ? [compareTo] : compareTo;
        expect(both(name, factValue, compared)).toBe(reference.evaluate(factValue, compared));
      }),
      seeded(3000),
    );
  });

  it('a numeric operator on a value that is no number is false, also where JavaScript would compare it as 0', () => {
    expect(both('greaterThan', null, -1)).toBe(false); // null > -1 is true in JavaScript
    expect(both('greaterThanInclusive', null, 0)).toBe(false);
    expect(both('lessThanInclusive', [], 0)).toBe(false); // [] <= 0 is true
    expect(both('lessThan', 'x', 2)).toBe(false);
    expect(both('lessThan', Number.NaN, 2)).toBe(false);
    expect(both('lessThan', '1', 2)).toBe(true); // json-rules-engine accepts what parseFloat reads
    expect([both('lessThan', 2, 2), both('lessThanInclusive', 2, 2), both('greaterThan', 2, 2), both('greaterThanInclusive', 2, 2)]).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });
});

describe('the date operators', () => {
  const cases: Array<[string, [before: boolean, same: boolean, after: boolean]]> = [
    ['dateBefore', [true, false, false]],
    ['dateOnOrBefore', [true, true, false]],
    ['dateAfter', [false, false, true]],
    ['dateOnOrAfter', [false, true, true]],
  ];

  it.each(cases)('%s compares calendar dates: a day before, the same day, a day after', (name, expected) => {
    expect([both(name, '2024-02-28', '2024-02-29'), both(name, '2024-02-29', '2024-02-29'), both(name, '2024-03-01', '2024-02-29')]).toEqual(expected);
    expect([both(name, '2023-12-31', '2024-01-01'), both(name, '2024-01-01', '2023-12-31')]).toEqual([expected[0], expected[2]]);
  });

  it.each(cases)('%s is false when either side is not a ten-character date, though as strings they would compare', (name) => {
    // As strings, "2023" < "2024-01-01" and "2025" > "2024-01-01": only the length check makes these false.
    for (const [factValue, compareTo] of [
      ['2023', '2024-01-01'],
      ['2025', '2024-01-01'],
      ['2024-01-01', '2025'],
      ['2024-01-01', '2023'],
      [null, '2024-01-01'],
      ['2024-01-01', null],
      [20240101, '2024-01-01'],
    ] as Array<[unknown, unknown]>) {
      expect(both(name, factValue, compareTo), `${name}(${JSON.stringify(factValue)}, ${JSON.stringify(compareTo)})`).toBe(false);
    }
  });
});

describe('the item operators', () => {
  const pattern = { type: ['mental_disorder', 'intellectual'], severity: { notIn: ['mild'] } };

  it('hasItemMatching: some item (an object) has an allowed value in every named field and no excluded one', () => {
    expect(both('hasItemMatching', [{ type: 'mental_disorder', severity: 'severe' }], pattern)).toBe(true);
    expect(both('hasItemMatching', [{ type: 'intellectual' }], pattern)).toBe(true); // no severity: not an excluded one
    expect(both('hasItemMatching', [{ type: 'mental_disorder', severity: 'mild' }], pattern)).toBe(false);
    expect(both('hasItemMatching', [{ type: 'hearing', severity: 'severe' }], pattern)).toBe(false);
    expect(both('hasItemMatching', [{ severity: 'severe' }], pattern)).toBe(false); // no type: not an allowed one
    expect(both('hasItemMatching', [null, 'mental_disorder', 7, { type: 'hearing' }, { type: 'intellectual', severity: 'moderate' }], pattern)).toBe(true);
    expect(both('hasItemMatching', [null, 'mental_disorder', 7], pattern)).toBe(false);
    expect(both('hasItemMatching', [], pattern)).toBe(false);
    expect(both('hasItemMatching', { type: 'mental_disorder' }, pattern)).toBe(false); // not a list
    expect(both('hasItemMatching', null, pattern)).toBe(false);
  });

  it('hasNoItemMatching: a list none of whose items matches; anything but a list is false', () => {
    expect(both('hasNoItemMatching', [{ type: 'mental_disorder', severity: 'severe' }], pattern)).toBe(false);
    expect(both('hasNoItemMatching', [{ type: 'mental_disorder', severity: 'mild' }, { type: 'hearing' }], pattern)).toBe(true);
    expect(both('hasNoItemMatching', [], pattern)).toBe(true);
    expect(both('hasNoItemMatching', null, pattern)).toBe(false);
    expect(both('hasNoItemMatching', 'mental_disorder', pattern)).toBe(false);
  });

  it("reads only an item's own fields: an inherited field is absent", () => {
    const inherited = Object.create({ type: 'mental_disorder' }) as object;
    expect(itemMatcher({ type: ['mental_disorder'] })(inherited)).toBe(false);
    expect(itemMatcher({ type: { notIn: ['mental_disorder'] } })(inherited)).toBe(true);
    expect(itemMatcher({ type: ['mental_disorder'] })({ type: 'mental_disorder' })).toBe(true);
  });

  it('an absent field is undefined, not null: a pattern allowing null does not match it', () => {
    expect(itemMatcher({ endDate: [null] })({})).toBe(false);
    expect(itemMatcher({ endDate: [null] })({ endDate: null })).toBe(true);
    expect(itemMatcher({ endDate: { notIn: [null] } })({})).toBe(true);
  });

  it('an empty pattern matches every object and nothing else', () => {
    expect([{}, { type: 'x' }, [], null, 'x', 1].map((item) => itemMatcher({})(item))).toEqual([true, true, true, false, false, false]);
  });
});
