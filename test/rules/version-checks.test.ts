import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { LINE_FACTS } from '../../src/rules/line-facts.js';
import { placeOf } from '../check/fixture-copies.js';
import { EVERY_OPERATOR_RULES, FICTIONAL_PROGRAMMES, FIXTURE_RULES, loadProblems, rulesCopy } from '../support/rule-sets.js';

/**
 * What the loader checks in a version file beyond its schema (src/rules/check-version.ts), each refusal with its exact
 * message at file:line:column, and the boundary case it accepts. Every version file here is SYNTHETIC, written by the
 * test into a copy of the every-operator programme (test/fixtures/every-operator), so no figure or date of the law is
 * asserted: each rule sits on one line, and a place is found by the literal it names on that line.
 */

const FILE = 'every-operator/versions/2020-01-01-synthetic.yaml';
const PROGRAMME_FACTS = 'declared in every-operator/programme.yaml';
const SOURCES = '(src1, law.txt)';

interface VersionParts {
  top?: string[];
  assumptions?: string[];
  parameters?: string[];
  conditions?: string[];
  rules: string[];
}

const PARAMETERS = [
  '  adultAge: { type: number, value: 18, title: { lv: P, en: P }, source: src1 — ages }',
  '  firstGroup: { type: string, value: I, title: { lv: P, en: P }, source: src1 — groups }',
  '  groups: { type: list, value: [I, II], title: { lv: P, en: P }, source: src1 — groups }',
  '  cutoff: { type: date, value: "2020-07-01", title: { lv: P, en: P }, source: src1 — dates }',
  '  amount: { type: money, value: "10.00", title: { lv: P, en: P }, source: src1 — sums }',
  '  share: { type: decimal, value: "0.5", title: { lv: P, en: P }, source: src1 — shares }',
];

function versionFile(parts: VersionParts): string {
  return [
    'version: "2020-01-01-synthetic"',
    'title: { lv: S, en: S }',
    'effectiveFrom: "2020-01-01"',
    'adopted: "2019-12-01"',
    ...(parts.top ?? []),
    'sources:',
    '  - { id: src1, document: law.txt, citation: made up }',
    'assumptions:',
    ...(parts.assumptions ?? ['  - { id: A1, text: { lv: a, en: a } }']),
    'parameters:',
    ...PARAMETERS,
    ...(parts.parameters ?? []),
    ...(parts.conditions ? ['conditions:', ...parts.conditions] : []),
    'rules:',
    ...parts.rules,
    '',
  ].join('\n');
}

/** A basis rule on one line: `conditions` is written as given (flow YAML). */
const rule = (id: string, conditions: string, extra = ''): string =>
  `  - { id: ${id}, kind: basis, title: { lv: R, en: R }, source: src1 — r${extra}, conditions: ${conditions} }`;

/** A rule whose conditions are `{ all: [leaf] }`. */
const leafRule = (leaf: string): string => rule('R1', `{ all: [${leaf}] }`);

function problemsOf(text: string): string[] {
  return loadProblems(rulesCopy(EVERY_OPERATOR_RULES, { [FILE]: text }));
}

/** `FILE:line:column` of `literal` on the first line of `text` containing `needle` (default: the literal). */
function at(text: string, literal: string, needle = literal): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(needle) && line.includes(literal));
  if (index < 0) throw new Error(`"${literal}" on a line with "${needle}" not found`);
  const line = lines[index] as string;
  const after = line.indexOf(literal, line.indexOf(needle));
  const column = after >= 0 ? after : line.indexOf(literal);
  return `${FILE}:${index + 1}:${column + 1}`;
}

/** The problems of a version with one rule whose conditions are `{ all: [leaf] }`, and the place of `literal` in it. */
function leafProblems(leaf: string): { problems: string[]; place: (literal: string) => string } {
  const text = versionFile({ rules: [leafRule(leaf)] });
  return { problems: problemsOf(text), place: (literal) => at(text, literal, 'id: R1') };
}

describe('the synthetic version itself', () => {
  it('loads, so each refusal below comes from its one edit', () => {
    expect(problemsOf(versionFile({ rules: [leafRule('{ fact: age, operator: greaterThanInclusive, value: { param: adultAge } }')] }))).toEqual([]);
  });

  it('the every-operator fixture (every operator with a literal, a parameter and a fact) loads', () => {
    const loaded = loadRuleSet(EVERY_OPERATOR_RULES);
    expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual([]);
  });
});

describe('assumptions', () => {
  it('a duplicate assumption id is refused at the second one, not the first', () => {
    const text = versionFile({
      assumptions: ['  - { id: A1, text: { lv: a, en: a } }', '  - { id: A2, text: { lv: a, en: a } }', '  - { id: A1, text: { lv: b, en: b } }'],
      rules: [leafRule('{ fact: age, operator: lessThan, value: 3 }')],
    });
    expect(problemsOf(text)).toEqual([`${at(text, 'A1', 'text: { lv: b')}: duplicate assumption id A1`]);
  });

  it('distinct assumption ids load', () => {
    const text = versionFile({
      assumptions: ['  - { id: A1, text: { lv: a, en: a } }', '  - { id: A2, text: { lv: a, en: a } }'],
      rules: [leafRule('{ fact: age, operator: lessThan, value: 3 }')],
    });
    expect(problemsOf(text)).toEqual([]);
  });

  it('a rule or parameter citing an assumption the version does not state is refused at that element of its list', () => {
    const text = versionFile({
      parameters: ['  p9: { type: number, value: 1, title: { lv: P, en: P }, source: src1, assumptions: [A1, A8] }'],
      rules: [rule('R1', '{ all: [{ fact: age, operator: lessThan, value: { param: p9 } }] }', ', assumptions: [A1, A9]')],
    });
    expect(problemsOf(text)).toEqual([
      `${at(text, 'A8')}: assumption A8 is not stated in this version's assumptions`,
      `${at(text, 'A9')}: assumption A9 is not stated in this version's assumptions`,
    ]);
  });
});

describe('effectiveTo against effectiveFrom', () => {
  it.each([
    { effectiveTo: '2020-01-01', problems: [] as string[], name: 'on the first day (a version of one day) loads' },
    { effectiveTo: '2020-01-02', problems: [], name: 'the day after loads' },
    { effectiveTo: '2019-12-31', problems: ['effectiveTo 2019-12-31 is before effectiveFrom 2020-01-01'], name: 'the day before is refused at effectiveTo' },
  ])('effectiveTo $effectiveTo: $name', ({ effectiveTo, problems }) => {
    const text = versionFile({ top: [`effectiveTo: "${effectiveTo}"`], rules: [leafRule('{ fact: age, operator: lessThan, value: 3 }')] });
    expect(problemsOf(text)).toEqual(problems.map((message) => `${at(text, `"${effectiveTo}"`)}: ${message}`));
  });
});

describe('a parameter value must be of its type', () => {
  const cases: Array<{ type: string; value: string; fits: boolean }> = [
    ...['"10.00"', '"0.00"', '"100.05"'].map((value) => ({ type: 'money', value, fits: true })),
    ...['10', '10.25', '"10.0"', '"10.000"', '"01.00"', '"x10.00"', '"10.00x"', '"10,00"', '".50"', '"-1.00"'].map((value) => ({
      type: 'money',
      value,
      fits: false,
    })),
    ...['"0"', '"10"', '"0.5"', '"0.125"', '"100"'].map((value) => ({ type: 'decimal', value, fits: true })),
    ...['0.5', '"01"', '"1."', '".5"', '"x1"', '"1x"', '"1.5x"', '"-1"'].map((value) => ({ type: 'decimal', value, fits: false })),
    { type: 'date', value: '"2020-02-29"', fits: true },
    ...['"2019-02-29"', '"2020-1-01"'].map((value) => ({ type: 'date', value, fits: false })),
    ...['18', '0', '-2.5'].map((value) => ({ type: 'number', value, fits: true })),
    ...['"18"', 'true'].map((value) => ({ type: 'number', value, fits: false })),
    ...['x', '""'].map((value) => ({ type: 'string', value, fits: true })),
    ...['1', 'true', '[x]'].map((value) => ({ type: 'string', value, fits: false })),
    ...['true', 'false'].map((value) => ({ type: 'boolean', value, fits: true })),
    ...['"true"', '0'].map((value) => ({ type: 'boolean', value, fits: false })),
    ...['[]', '[1, x]'].map((value) => ({ type: 'list', value, fits: true })),
    ...['x', '3'].map((value) => ({ type: 'list', value, fits: false })),
    // The schema lets a parameter value be a string, a number, a yes/no or a list: never an object.
    ...['[]', 'x', '3'].map((value) => ({ type: 'object', value, fits: false })),
  ];

  it.each(cases)('$type $value: fits $fits', ({ type, value, fits }) => {
    const line = `  p9: { type: ${type}, value: ${value}, title: { lv: P, en: P }, source: src1 }`;
    const text = versionFile({ parameters: [line], rules: [leafRule('{ fact: age, operator: lessThan, value: 3 }')] });
    expect(problemsOf(text)).toEqual(fits ? [] : [`${at(text, `${value},`, '  p9:').replace(/,$/, '')}: value is not a ${type}`]);
  });
});

describe('sources', () => {
  it.each([
    { source: 'src1', name: 'the source id alone' },
    { source: 'law.txt — 2. punkts', name: 'the document alone' },
    { source: 'as law.txt says', name: 'the document inside the citation' },
  ])('a parameter and a rule citing $name load', ({ source }) => {
    const text = versionFile({
      parameters: [`  p9: { type: number, value: 1, title: { lv: P, en: P }, source: ${source} }`],
      rules: [
        `  - { id: R1, kind: basis, title: { lv: R, en: R }, source: ${source}, conditions: { all: [{ fact: age, operator: lessThan, value: { param: p9 } }] } }`,
      ],
    });
    expect(problemsOf(text)).toEqual([]);
  });

  it('a parameter and a rule citing neither the id nor the document are refused at their source, naming every source', () => {
    const text = versionFile({
      parameters: ['  p9: { type: number, value: 1, title: { lv: P, en: P }, source: src2 — somewhere }'],
      rules: [
        '  - { id: R1, kind: basis, title: { lv: R, en: R }, source: law.pdf, conditions: { all: [{ fact: age, operator: lessThan, value: { param: p9 } }] } }',
      ],
    });
    expect(problemsOf(text)).toEqual([
      `${at(text, 'src2 — somewhere')}: source must name one of this version's sources ${SOURCES}`,
      `${at(text, 'law.pdf')}: source must name one of this version's sources ${SOURCES}`,
    ]);
  });
});

describe('rule ids', () => {
  it('a duplicate rule id is refused at the later rule only', () => {
    const leaf = '{ all: [{ fact: age, operator: lessThan, value: 3 }] }';
    const text = versionFile({ rules: [rule('R1', leaf), rule('R2', leaf), rule('R1', leaf).replace('source: src1 — r', 'source: src1 — again')] });
    expect(problemsOf(text)).toEqual([`${at(text, 'R1', 'again')}: duplicate rule id R1`]);
  });
});

describe('names a condition refers to', () => {
  it('a fact neither the programme nor the engine declares is refused at the fact; a derived and a built-in fact load', () => {
    expect(leafProblems('{ fact: age, operator: dateBefore, value: { fact: evaluationDate } }').problems).toEqual([
      expect.stringMatching(/: dateBefore does not apply to age, a number \(it takes date\)$/),
    ]);
    expect(leafProblems('{ fact: evaluationDate, operator: dateBefore, value: { param: cutoff } }').problems).toEqual([]);
    const { problems, place } = leafProblems('{ fact: agee, operator: lessThan, value: 3 }');
    expect(problems).toEqual([`${place('agee')}: fact "agee" is not ${PROGRAMME_FACTS}`]);
  });

  it('an unknown operator is refused at the operator, listing every known one in order', () => {
    const { problems, place } = leafProblems('{ fact: age, operator: atLeast, value: 3 }');
    expect(problems).toEqual([
      `${place('atLeast')}: unknown operator "atLeast" (known: equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, dateBefore, dateOnOrBefore, dateAfter, dateOnOrAfter, hasItemMatching, hasNoItemMatching)`,
    ]);
  });

  it('an unknown fact with an unknown operator: both refused, and the value is not judged', () => {
    const { problems, place } = leafProblems('{ fact: agee, operator: atLeast, value: [x] }');
    expect(problems).toEqual([`${place('agee')}: fact "agee" is not ${PROGRAMME_FACTS}`, expect.stringMatching(/unknown operator "atLeast"/)]);
  });

  it('an unknown fact with a known operator and a wrong value: only the fact is refused', () => {
    const { problems, place } = leafProblems('{ fact: agee, operator: lessThan, value: x }');
    expect(problems).toEqual([`${place('agee')}: fact "agee" is not ${PROGRAMME_FACTS}`]);
  });

  it('a known fact with an unknown operator and a wrong value: only the operator is refused', () => {
    const { problems } = leafProblems('{ fact: age, operator: atLeast, value: [x] }');
    expect(problems).toEqual([expect.stringMatching(/: unknown operator "atLeast" \(known: /)]);
  });

  it('an undeclared parameter is refused at its name, and the value is not judged further', () => {
    const { problems, place } = leafProblems('{ fact: residence, operator: equal, value: { param: nope } }');
    expect(problems).toEqual([`${place('nope')}: parameter "nope" is not declared in this version`]);
  });

  it.each(['amount', 'share'])('a %s parameter is refused: conditions compare facts, not amounts', (name) => {
    const { problems, place } = leafProblems(`{ fact: age, operator: lessThan, value: { param: ${name} } }`);
    const type = name === 'amount' ? 'money' : 'decimal';
    expect(problems).toEqual([`${place(name)}: parameter "${name}" is ${type}; conditions compare facts, not amounts`]);
  });

  it.each(['equal', 'lessThan', 'in', 'dateBefore', 'hasItemMatching'])(
    'a value fact no one declares is refused at its name (operator %s), nothing else',
    (operator) => {
      const fact = { equal: 'residence', lessThan: 'age', in: 'residence', dateBefore: 'supportPlanDate', hasItemMatching: 'tags' }[operator];
      const { problems, place } = leafProblems(`{ fact: ${fact}, operator: ${operator}, value: { fact: nope } }`);
      expect(problems).toEqual([`${place('nope')}: fact "nope" is not ${PROGRAMME_FACTS}`]);
    },
  );

  it('a condition nested in any, not and all is located where it is written', () => {
    const text = versionFile({
      rules: [
        rule(
          'R1',
          '{ any: [{ fact: age, operator: lessThan, value: 3 }, { not: { all: [{ fact: careLevel, operator: equal, value: 1 }, { fact: agee, operator: lessThan, value: 3 }] } }] }',
        ),
      ],
    });
    expect(problemsOf(text)).toEqual([`${at(text, 'agee')}: fact "agee" is not ${PROGRAMME_FACTS}`]);
  });

  it('a rule naming a condition the version does not have is refused at the name', () => {
    const text = versionFile({ rules: [rule('R1', '{ all: [{ condition: grownUp }] }')] });
    expect(problemsOf(text)).toEqual([`${at(text, 'grownUp')}: no condition named "grownUp" in this version's conditions`]);
  });
});

/** Each operator on a fact of a type it does not take, and on a fact it takes with a value of the wrong kind. */
const OPERATORS: Array<{ operator: string; wrongFact: string; takes: string; rightFact: string; wrongValue: string; expects: string }> = [
  ...['equal', 'notEqual'].map((operator) => ({
    operator,
    wrongFact: 'tags, a list',
    takes: 'string or number or boolean or date',
    rightFact: 'residence',
    wrongValue: '[x]',
    expects: 'compares with a single value',
  })),
  ...['in', 'notIn'].map((operator) => ({
    operator,
    wrongFact: 'tags, a list',
    takes: 'string or number or boolean or date',
    rightFact: 'residence',
    wrongValue: 'x',
    expects: 'compares with a list',
  })),
  ...['contains', 'doesNotContain'].map((operator) => ({
    operator,
    wrongFact: 'residence, a string',
    takes: 'list',
    rightFact: 'tags',
    wrongValue: '[x]',
    expects: 'compares with a single value',
  })),
  ...['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'].map((operator) => ({
    operator,
    wrongFact: 'residence, a string',
    takes: 'number',
    rightFact: 'age',
    wrongValue: '"3"',
    expects: 'compares with a number',
  })),
  ...['dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter'].map((operator) => ({
    operator,
    wrongFact: 'careLevel, a number',
    takes: 'date',
    rightFact: 'supportPlanDate',
    wrongValue: '"2020-02-30"',
    expects: 'compares with a date (YYYY-MM-DD)',
  })),
  ...['hasItemMatching', 'hasNoItemMatching'].map((operator) => ({
    operator,
    wrongFact: 'residence, a string',
    takes: 'list',
    rightFact: 'tags',
    wrongValue: '[x]',
    expects: 'compares with an item pattern such as { type: [mental_disorder] }',
  })),
];

describe('what each operator applies to and compares with', () => {
  it('the table has every operator', () => {
    expect(OPERATORS.map(({ operator }) => operator)).toHaveLength(16);
  });

  it.each(OPERATORS)('$operator on $wrongFact is refused at the operator (it takes $takes)', ({ operator, wrongFact, takes }) => {
    const fact = wrongFact.split(',')[0] as string;
    const { problems, place } = leafProblems(`{ fact: ${fact}, operator: ${operator}, value: { fact: ${fact} } }`);
    expect(problems).toEqual([`${place(`${operator},`)}: ${operator} does not apply to ${wrongFact} (it takes ${takes})`]);
  });

  it.each(OPERATORS)('$operator on $rightFact with $wrongValue is refused at the value: $expects', ({ operator, rightFact, wrongValue, expects }) => {
    const { problems, place } = leafProblems(`{ fact: ${rightFact}, operator: ${operator}, value: ${wrongValue} }`);
    expect(problems).toEqual([`${place(wrongValue)}: ${operator} ${expects}`]);
  });

  it.each(['equal', 'notEqual', 'in', 'notIn'])('%s applies to a string, a number, a boolean and a date fact', (operator) => {
    const list = operator === 'in' || operator === 'notIn';
    for (const [fact, value] of [
      ['residence', 'own_home'],
      ['careLevel', '2'],
      ['receivedDiServices', 'true'],
      ['supportPlanDate', '"2020-01-01"'],
    ] as const) {
      expect([fact, leafProblems(`{ fact: ${fact}, operator: ${operator}, value: ${list ? `[${value}]` : value} }`).problems]).toEqual([fact, []]);
    }
  });
});

describe('the value each kind of operator compares with', () => {
  it.each([
    // number
    { leaf: '{ fact: age, operator: lessThan, value: 3 }', refused: null },
    { leaf: '{ fact: age, operator: lessThan, value: { param: adultAge } }', refused: null },
    { leaf: '{ fact: age, operator: lessThan, value: { fact: careLevel } }', refused: null },
    { leaf: '{ fact: age, operator: lessThan, value: { param: firstGroup } }', refused: ['{ param: firstGroup }', 'lessThan compares with a number'] },
    { leaf: '{ fact: age, operator: lessThan, value: { fact: supportPlanDate } }', refused: ['{ fact: supportPlanDate }', 'lessThan compares with a number'] },
    // date
    { leaf: '{ fact: supportPlanDate, operator: dateAfter, value: "2020-02-29" }', refused: null },
    { leaf: '{ fact: supportPlanDate, operator: dateAfter, value: { param: cutoff } }', refused: null },
    { leaf: '{ fact: supportPlanDate, operator: dateAfter, value: { fact: evaluationDate } }', refused: null },
    {
      leaf: '{ fact: supportPlanDate, operator: dateAfter, value: { param: adultAge } }',
      refused: ['{ param: adultAge }', 'dateAfter compares with a date (YYYY-MM-DD)'],
    },
    { leaf: '{ fact: supportPlanDate, operator: dateAfter, value: { fact: age } }', refused: ['{ fact: age }', 'dateAfter compares with a date (YYYY-MM-DD)'] },
    { leaf: '{ fact: supportPlanDate, operator: dateAfter, value: 20200101 }', refused: ['20200101', 'dateAfter compares with a date (YYYY-MM-DD)'] },
    // list
    { leaf: '{ fact: residence, operator: in, value: [] }', refused: null },
    { leaf: '{ fact: disabilityGroup, operator: in, value: { param: groups } }', refused: null },
    { leaf: '{ fact: residence, operator: in, value: { fact: tags } }', refused: null },
    { leaf: '{ fact: residence, operator: in, value: { param: firstGroup } }', refused: ['{ param: firstGroup }', 'in compares with a list'] },
    { leaf: '{ fact: residence, operator: in, value: { fact: disabilityGroup } }', refused: ['{ fact: disabilityGroup }', 'in compares with a list'] },
    // scalar
    { leaf: '{ fact: disabilityGroup, operator: equal, value: { param: firstGroup } }', refused: null },
    { leaf: '{ fact: residence, operator: equal, value: { fact: disabilityGroup } }', refused: null },
    { leaf: '{ fact: residence, operator: equal, value: null }', refused: null },
    { leaf: '{ fact: careLevel, operator: equal, value: 2 }', refused: null },
    { leaf: '{ fact: receivedDiServices, operator: notEqual, value: false }', refused: null },
    { leaf: '{ fact: residence, operator: equal, value: { fact: careLevel } }', refused: ['{ fact: careLevel }', 'compares a string fact with a number'] },
    { leaf: '{ fact: careLevel, operator: notEqual, value: { fact: residence } }', refused: ['{ fact: residence }', 'compares a number fact with a string'] },
    { leaf: '{ fact: residence, operator: equal, value: { param: groups } }', refused: ['{ param: groups }', 'compares a string fact with a list'] },
    { leaf: '{ fact: residence, operator: equal, value: { a: 1, b: 2 } }', refused: ['{ a: 1, b: 2 }', 'equal compares with a single value'] },
    {
      leaf: '{ fact: residence, operator: equal, value: { param: firstGroup, fact: tags } }',
      refused: ['{ param: firstGroup, fact: tags }', 'equal compares with a single value'],
    },
    { leaf: '{ fact: tags, operator: contains, value: { param: firstGroup } }', refused: null },
    { leaf: '{ fact: tags, operator: contains, value: { param: adultAge } }', refused: null },
    { leaf: '{ fact: tags, operator: doesNotContain, value: { fact: residence } }', refused: null },
    { leaf: '{ fact: tags, operator: contains, value: 3 }', refused: null },
    // item pattern
    { leaf: '{ fact: tags, operator: hasItemMatching, value: { type: [a] } }', refused: null },
    { leaf: '{ fact: tags, operator: hasItemMatching, value: { type: [a], kind: { notIn: [b] } } }', refused: null },
    { leaf: '{ fact: tags, operator: hasNoItemMatching, value: { type: { notIn: [] } } }', refused: null },
  ])('$leaf: refused $refused', ({ leaf, refused }) => {
    const { problems, place } = leafProblems(leaf);
    expect(problems).toEqual(refused ? [`${place(refused[0] as string)}: ${refused[1]}`] : []);
  });

  const PATTERN = 'compares with an item pattern such as { type: [mental_disorder] }';
  it.each([
    { value: '{ param: groups }', message: `hasItemMatching ${PATTERN}` },
    { value: '{ fact: tags }', message: `hasItemMatching ${PATTERN}` },
    { value: 'null', message: `hasItemMatching ${PATTERN}` },
    { value: 'x', message: `hasItemMatching ${PATTERN}` },
    { value: '{}', message: `hasItemMatching ${PATTERN}` },
    { value: '{ type: x }', message: 'item pattern field "type" must list its values or be { notIn: [...] }' },
    { value: '{ type: null }', message: 'item pattern field "type" must list its values or be { notIn: [...] }' },
    { value: '{ type: [a], kind: x }', message: 'item pattern field "kind" must list its values or be { notIn: [...] }' },
    { value: '{ type: { notIn: x } }', message: 'item pattern field "type" must list its values or be { notIn: [...] }' },
    { value: '{ type: { notIn: [a], in: [b] } }', message: 'item pattern field "type" must list its values or be { notIn: [...] }' },
    { value: '{ type: { in: [a] } }', message: 'item pattern field "type" must list its values or be { notIn: [...] }' },
    { value: '{ type: { notIn: null } }', message: 'item pattern field "type" must list its values or be { notIn: [...] }' },
  ])('hasItemMatching with $value is refused: $message', ({ value, message }) => {
    const { problems, place } = leafProblems(`{ fact: tags, operator: hasItemMatching, value: ${value} }`);
    expect(problems).toEqual([`${place(value)}: ${message}`]);
  });
});

describe('named conditions', () => {
  const fact = '{ fact: age, operator: lessThan, value: 3 }';

  it('a chain of named conditions without a circle loads', () => {
    const text = versionFile({
      conditions: [
        `  leaf: { all: [${fact}] }`,
        '  middle: { any: [{ not: { condition: leaf } }] }',
        '  top: { all: [{ condition: leaf }, { condition: middle }] }',
      ],
      rules: [rule('R1', '{ condition: top }')],
    });
    expect(problemsOf(text)).toEqual([]);
  });

  it('a condition naming itself is a circle of one, refused at the name', () => {
    const text = versionFile({ conditions: ['  self: { any: [{ condition: self }] }'], rules: [rule('R1', '{ condition: self }')] });
    expect(problemsOf(text)).toEqual([`${at(text, 'self', 'any:')}: named conditions refer to each other in a circle: self → self`]);
  });

  it('two conditions in a circle through all, any and not: each refused at its reference, and not at the rule that names one', () => {
    const text = versionFile({
      conditions: [
        `  first: { all: [{ condition: leaf }, { any: [{ not: { condition: second } }] }] }`,
        '  second: { not: { condition: first } }',
        `  leaf: { all: [${fact}] }`,
      ],
      rules: [rule('R1', '{ condition: first }')],
    });
    expect(problemsOf(text)).toEqual([
      `${at(text, 'second', 'first: {')}: named conditions refer to each other in a circle: first → second → first`,
      `${at(text, 'first', '  second: {')}: named conditions refer to each other in a circle: second → first → second`,
    ]);
  });

  it('a circle the condition leads into but is not part of is refused only where the circle is', () => {
    const text = versionFile({
      conditions: ['  entry: { all: [{ condition: loopA }] }', '  loopA: { all: [{ condition: loopB }] }', '  loopB: { all: [{ condition: loopA }] }'],
      rules: [rule('R1', '{ condition: entry }')],
    });
    expect(problemsOf(text)).toEqual([
      `${at(text, 'loopB', '  loopA:')}: named conditions refer to each other in a circle: loopA → loopB → loopA`,
      `${at(text, 'loopA', '  loopB:')}: named conditions refer to each other in a circle: loopB → loopA → loopB`,
    ]);
  });

  it('a named condition that names a missing one is refused once, at the missing name, and is no circle', () => {
    const text = versionFile({
      conditions: ['  outer: { all: [{ condition: inner }] }', '  inner: { all: [{ condition: missing }] }'],
      rules: [rule('R1', '{ condition: outer }')],
    });
    expect(problemsOf(text)).toEqual([`${at(text, 'missing')}: no condition named "missing" in this version's conditions`]);
  });

  it('a problem inside a named condition is located there', () => {
    const text = versionFile({ conditions: ['  bad: { all: [{ fact: age, operator: lessThan, value: x }] }'], rules: [rule('R1', '{ condition: bad }')] });
    expect(problemsOf(text)).toEqual([`${at(text, 'x }', '  bad:').replace(/$/, '')}: lessThan compares with a number`]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The compensation block of each calculation kind: copies of the fixture NSK (cappedActualCost) and the FICTIONAL
// DI (unitCostDeliveries) and IBM (individualBudgetLines) versions, each edited where a check looks.

/** The located problems of a copy of `rules` with `edits`, and the edited text of `file`. */
function fixtureProblems(
  rules: string,
  file: string,
  edit: (text: string) => string,
): { problems: string[]; place: (literal: string, needle?: string) => string } {
  const directory = rulesCopy(rules, { [file]: edit });
  const text = readFileSync(join(directory, file), 'utf8');
  return { problems: loadProblems(directory), place: (literal, needle = literal) => `${file}:${placeOf(text, literal, needle)}` };
}

/** `text` with each [from, to] replaced exactly once; fails when `from` is not there once. */
function edited(...replacements: Array<[string, string]>): (text: string) => string {
  return (text) =>
    replacements.reduce((result, [from, to]) => {
      const parts = result.split(from);
      if (parts.length !== 2) throw new Error(`"${from}" occurs ${parts.length - 1} times`);
      return parts.join(to);
    }, text);
}

const NSK = 'nsk/versions/2019-01-01.yaml';
const DI = 'di/versions/2015-07-01-fictional.yaml';
const IBM = 'ibm/versions/2020-04-20-fictional.yaml';
const NOWHERE = 'nowhere in particular';

describe('a cappedActualCost compensation', () => {
  it('refuses an undeclared or mistyped parameter, an unknown calendar or assumption, and an uncited source, each at its place', () => {
    const { problems, place } = fixtureProblems(
      FIXTURE_RULES,
      NSK,
      edited(
        ['  annualAmount: { param: annualAmount }', '  annualAmount: { param: annualSum }'],
        ['  periodShare: { param: halfYearShare }', '  periodShare: { param: annualAmount }'],
        ['monthsAfterPeriod: { param: reportMonthsAfter }', 'monthsAfterPeriod: { param: halfYearShare }'],
        ['dayOfMonth: { param: reportDayOfMonth }', 'dayOfMonth: { param: exitCutoff }'],
        ['workingDays: { param: paymentWorkingDays }', 'workingDays: { param: annualAmount }'],
        ['    calendar: latvia\n', '    calendar: mars\n'],
        ['  capAssumption: A1\n', '  capAssumption: A91\n'],
        ['  proRataAssumption: A2\n', '  proRataAssumption: A92\n'],
        ['    workingDayAssumption: A7\n', '    workingDayAssumption: A93\n'],
        ['    source: 000_23e6dbc396def2aa.txt — NSK apmērs un saņemšanas kārtība; MK 797 2. pielikums (pārskata forma)', `    source: ${NOWHERE} one`],
        ['    source: 000_23e6dbc396def2aa.txt — NSK apmērs un saņemšanas kārtība, "LM', `    source: ${NOWHERE} two, "LM`],
        ['  claimPeriod: calendarHalfYear\n', `  claimPeriod: calendarHalfYear\n  claimPeriodSource: ${NOWHERE} three\n`],
      ),
    );
    const sources = problems.find((problem) => problem.includes('source must name'))?.replace(/^.*\(/, '(');
    expect(problems).toEqual([
      `${place('annualSum')}: parameter "annualSum" is not declared in this version`,
      `${place('annualAmount', 'periodShare')}: parameter "annualAmount" is a money; this needs a decimal`,
      `${place('halfYearShare', 'monthsAfterPeriod')}: parameter "halfYearShare" is a decimal; this needs a number`,
      `${place('exitCutoff', 'dayOfMonth')}: parameter "exitCutoff" is a date; this needs a number`,
      `${place('annualAmount', 'workingDays')}: parameter "annualAmount" is a money; this needs a number`,
      `${place('mars')}: no calendar "mars" in rules/calendar/ (known: latvia)`,
      `${place('A91')}: assumption A91 is not stated in this version's assumptions`,
      `${place('A92')}: assumption A92 is not stated in this version's assumptions`,
      `${place('A93')}: assumption A93 is not stated in this version's assumptions`,
      `${place(`${NOWHERE} one`)}: source must name one of this version's sources ${sources}`,
      `${place(`${NOWHERE} two`)}: source must name one of this version's sources ${sources}`,
      `${place(`${NOWHERE} three`)}: source must name one of this version's sources ${sources}`,
    ]);
    expect(sources).toMatch(/^\(.+, .+\)$/);
  });

  it('a claim period source that cites a source loads', () => {
    const { problems } = fixtureProblems(
      FIXTURE_RULES,
      NSK,
      edited(['  claimPeriod: calendarHalfYear\n', '  claimPeriod: calendarHalfYear\n  claimPeriodSource: 000_23e6dbc396def2aa.txt — pusgads\n']),
    );
    expect(problems).toEqual([]);
  });

  it('with no calendar beside the rules, the known calendars are "none"', () => {
    const directory = mkdtempSync(join(tmpdir(), 'sbsp-version-checks-'));
    cpSync(join(FIXTURE_RULES, 'nsk'), join(directory, 'nsk'), { recursive: true });
    const loaded = loadRuleSet(directory, { displayRoot: directory });
    const problems = loaded.ok ? [] : loaded.problems.map(formatProblem);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.endsWith(': no calendar "latvia" in rules/calendar/ (known: none)'))).toBe(true);
  });

  it('a line rule citing an assumption the version does not state is refused at it', () => {
    const { problems, place } = fixtureProblems(FIXTURE_RULES, NSK, edited(['    - id: R3\n', '    - id: R3\n      assumptions: [A94]\n']));
    expect(problems).toEqual([`${place('A94')}: assumption A94 is not stated in this version's assumptions`]);
  });
});

describe('a unitCostDeliveries compensation', () => {
  it('refuses an undeclared or mistyped rate, an unknown assumption and an uncited source, each at its place', () => {
    const { problems, place } = fixtureProblems(
      FICTIONAL_PROGRAMMES,
      DI,
      edited(
        ['  proRataAssumption: A2\n', '  proRataAssumption: A91\n'],
        [
          '      provision: municipal\n      ref: C1\n      source: 002_9cefcd43c3585bb9.txt —',
          `      provision: municipal\n      ref: C1\n      source: ${NOWHERE} unit —`,
        ],
        ['      ref: C2\n      source: 002_9cefcd43c3585bb9.txt —', `      ref: C2\n      source: ${NOWHERE} actual —`],
        [
          '    short_term_care:\n      unit: day\n      rate: { param: shortTermCareRate }',
          '    short_term_care:\n      unit: day\n      rate: { param: shortRate }',
        ],
        ['      rate: { param: shortTermCareRate }\n      assumptions: [A22]', '      rate: { param: adultAge }\n      assumptions: [A22, A92]'],
        ['lower: { param: dayCareCentreLowerRate }', 'lower: { param: lowRate }'],
        ['higher: { param: dayCareCentreHigherRate }', 'higher: { param: measureStart }'],
        [
          '      tierAssumption: A5\n      source: 004_2c7da3a02bd8f104.txt — Dienas aprūpes centrs',
          `      tierAssumption: A93\n      source: ${NOWHERE} centre`,
        ],
      ),
    );
    const sources = problems.find((problem) => problem.includes('source must name'))?.replace(/^.*\(/, '(');
    expect(problems).toEqual([
      `${place('A91')}: assumption A91 is not stated in this version's assumptions`,
      `${place('shortRate')}: parameter "shortRate" is not declared in this version`,
      `${place('adultAge', 'rate:')}: parameter "adultAge" is a number; this needs a money`,
      `${place('A92')}: assumption A92 is not stated in this version's assumptions`,
      `${place('lowRate')}: parameter "lowRate" is not declared in this version`,
      `${place('measureStart', 'higher')}: parameter "measureStart" is a date; this needs a money`,
      `${place('A93')}: assumption A93 is not stated in this version's assumptions`,
      `${place(`${NOWHERE} centre`)}: source must name one of this version's sources ${sources}`,
      `${place(`${NOWHERE} unit`)}: source must name one of this version's sources ${sources}`,
      `${place(`${NOWHERE} actual`)}: source must name one of this version's sources ${sources}`,
    ]);
  });
});

describe('an individualBudgetLines compensation', () => {
  it('refuses unknown emergency periods, an unknown assumption and an uncited unit-cost source', () => {
    const { problems, place } = fixtureProblems(
      FICTIONAL_PROGRAMMES,
      IBM,
      edited(
        ['  emergencies: fictional\n', '  emergencies: martian\n'],
        ['  proRataAssumption: A2\n', '  proRataAssumption: A91\n'],
        ['    programme: di\n    source: 001_6f194e5a14c90dce.txt —', `    programme: di\n    source: ${NOWHERE} —`],
      ),
    );
    const sources = problems.find((problem) => problem.includes('source must name'))?.replace(/^.*\(/, '(');
    expect(problems).toEqual([
      `${place('A91')}: assumption A91 is not stated in this version's assumptions`,
      `${place(NOWHERE)}: source must name one of this version's sources ${sources}`,
      `${place('martian')}: no emergency periods "martian" in rules/emergencies/ (known: fictional)`,
    ]);
  });

  it('a line rule reading a fact that is not a field of its line is refused, naming the fields', () => {
    const { problems, place } = fixtureProblems(
      FICTIONAL_PROGRAMMES,
      IBM,
      edited([
        '          - fact: service\n            operator: equal\n            value: assistant',
        '          - fact: residence\n            operator: equal\n            value: assistant',
      ]),
    );
    expect(problems).toEqual([
      `${place('residence')}: fact "residence" is not a field of a individualBudgetLines line (${[...LINE_FACTS.individualBudgetLines.keys()].join(', ')})`,
    ]);
  });

  it('a line rule may share an eligibility rule id: the ids are unique within each list', () => {
    const { problems } = fixtureProblems(FICTIONAL_PROGRAMMES, IBM, edited(['    - id: IB1\n', '    - id: P1\n']));
    expect(problems).toEqual([]);
  });
});
