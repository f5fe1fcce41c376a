import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATORS } from '../../src/evaluate/operators.js';
import { versionChangeDays } from '../../src/evaluate/version-change-days.js';
import type { Programme, RuleVersion } from '../../src/rules/model.js';
import { ruleSetAt } from '../support/rule-sets.js';

/**
 * The days a version's rules can change an answer on besides the dates in the facts: for an age, the ages on reaching
 * which a comparison changes, and for the evaluated day, the dates it is compared with and the days after them. The
 * bundled rules compare ages only with `>=` and `<` and whole numbers; this SYNTHETIC programme (written here, for this
 * test only) compares them with every operator an age can take, with whole and fractional limits.
 */

const folder = mkdtempSync(join(tmpdir(), 'sbsp-change-days-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const PROGRAMME = `
id: ages
title: { lv: Sintētiska vecuma programma, en: Synthetic ages programme }
noBasisBlocker: { ref: T, title: { lv: Nav pamata, en: No basis } }
facts:
  birthDate: { type: date, in: person, required: true, title: { lv: Dzimšanas datums, en: Date of birth } }
  careLevel: { type: number, in: person, required: false, title: { lv: Līmenis, en: Level } }
  planDate: { type: date, in: person, required: false, title: { lv: Plāna datums, en: Plan date } }
derivedFacts:
  age: { kind: wholeYearsOn, of: birthDate, title: { lv: Vecums, en: Age } }
  otherAge: { kind: wholeYearsOn, of: birthDate, title: { lv: Vecums vēlreiz, en: Age again } }
  planYears: { kind: wholeYearsOn, of: planDate, title: { lv: Plāna gadi, en: Plan years } }
`;

/** Each age comparison with the ages on reaching which it changes, worked by hand. */
const AGE_COMPARISONS: Array<[operator: string, value: unknown, changesOnReaching: number[]]> = [
  ['greaterThanInclusive', 18, [18]],
  ['greaterThanInclusive', 17.5, [18]],
  ['lessThan', 25, [25]],
  ['lessThan', 24.5, [25]],
  ['greaterThan', 30, [31]],
  ['greaterThan', 34.5, [35]],
  ['lessThanInclusive', 40, [41]],
  ['lessThanInclusive', 44.5, [45]],
  ['equal', 50, [50, 51]],
  ['equal', 52.5, []],
  ['notEqual', 55, [55, 56]],
  ['in', [60, 61.5, 'x'], [60, 61]],
  ['notIn', [65], [65, 66]],
];

function version(rules: string): string {
  return `
version: "2020-01-01-ages"
title: { lv: Sintētiska versija, en: Synthetic version }
effectiveFrom: "2020-01-01"
adopted: "2019-12-01"
sources:
  - { id: synthetic, document: synthetic.txt, citation: "A made-up source, for engineering tests only" }
rules:
${rules}`;
}

function rule(id: string, condition: string): string {
  return `  - { id: ${id}, kind: basis, title: { lv: ${id}, en: ${id} }, source: synthetic, conditions: { all: [${condition}] } }\n`;
}

function programmeWith(name: string, rules: string): { programme: Programme; version: RuleVersion } {
  const root = join(folder, name);
  mkdirSync(join(root, 'ages', 'versions'), { recursive: true });
  writeFileSync(join(root, 'ages', 'programme.yaml'), PROGRAMME);
  writeFileSync(join(root, 'ages', 'versions', '2020-01-01-ages.yaml'), version(rules));
  const programme = ruleSetAt(root).programmes.get('ages') as Programme;
  return { programme, version: programme.versions[0] as RuleVersion };
}

describe('the ages on reaching which a comparison of an age can change', () => {
  it.each(AGE_COMPARISONS)('age %s %j: on reaching %j', (operator, value, expected) => {
    const { programme, version } = programmeWith(
      `age-${operator}-${JSON.stringify(value)}`,
      rule('A', `{ fact: age, operator: ${operator}, value: ${JSON.stringify(value)} }`),
    );
    const ages = versionChangeDays(programme, version).ages.get('age');
    expect(ages).toEqual(expected);
    // The same, asked of the operator itself: the ages from 1 to 100 at which the comparison differs from the year before.
    const evaluate = OPERATORS.get(operator)?.evaluate as (factValue: unknown, compareTo: unknown) => boolean;
    const differs = Array.from({ length: 100 }, (_, index) => index + 1).filter((age) => evaluate(age, value) !== evaluate(age - 1, value));
    expect([...(ages as number[])].sort((a, b) => a - b)).toEqual(differs);
  });

  it('every comparison of one age together: each age once', () => {
    const rules = AGE_COMPARISONS.map(([operator, value], index) =>
      rule(`A${index}`, `{ fact: age, operator: ${operator}, value: ${JSON.stringify(value)} }`),
    ).join('');
    const { programme, version } = programmeWith('age-all', `${rules}${rule('AGAIN', '{ fact: age, operator: greaterThanInclusive, value: 18 }')}`);
    const ages = versionChangeDays(programme, version).ages.get('age') as number[];
    expect([...ages].sort((a, b) => a - b)).toEqual([...new Set(AGE_COMPARISONS.flatMap(([, , reached]) => reached))].sort((a, b) => a - b));
  });

  it('every birthday where an age is compared with another fact, on either side, or in a way no limit describes', () => {
    const { programme, version } = programmeWith(
      'age-every',
      [
        rule('F1', '{ fact: age, operator: greaterThan, value: { fact: careLevel } }'),
        rule('F2', '{ fact: careLevel, operator: lessThan, value: { fact: otherAge } }'),
        rule('F3', '{ fact: planYears, operator: greaterThanInclusive, value: 1 }'),
        rule('F4', '{ fact: planYears, operator: lessThan, value: { fact: careLevel } }'),
      ].join(''),
    );
    const days = versionChangeDays(programme, version);
    expect(Object.fromEntries(days.ages)).toEqual({ age: 'everyBirthday', otherAge: 'everyBirthday', planYears: 'everyBirthday' });
  });

  it('an age fact the rules never read names no day', () => {
    const { programme, version } = programmeWith('age-unread', rule('U', '{ fact: careLevel, operator: equal, value: 2 }'));
    expect([...versionChangeDays(programme, version).ages.keys()]).toEqual([]);
  });
});

describe('the dates the evaluated day is compared with', () => {
  it('each date and the day after it, once each; the last day of the calendar has no day after', () => {
    const { programme, version } = programmeWith(
      'dates',
      [
        rule('D1', '{ fact: evaluationDate, operator: dateOnOrAfter, value: "2021-03-31" }'),
        rule('D2', '{ fact: evaluationDate, operator: dateBefore, value: "2021-03-31" }'),
        rule('D3', '{ fact: evaluationDate, operator: in, value: ["2022-12-31", "2023-06-01"] }'),
        rule('D4', '{ fact: evaluationDate, operator: dateBefore, value: "9999-12-31" }'),
        rule('D5', '{ fact: evaluationDate, operator: dateAfter, value: { fact: planDate } }'),
        rule('D6', '{ fact: planDate, operator: dateBefore, value: "2024-02-29" }'),
      ].join(''),
    );
    const days = versionChangeDays(programme, version);
    expect([...days.dates].sort()).toEqual(['2021-03-31', '2021-04-01', '2022-12-31', '2023-01-01', '2023-06-01', '2023-06-02', '9999-12-31']);
    expect(versionChangeDays(programme, version)).toBe(days); // worked out once per version
  });
});
