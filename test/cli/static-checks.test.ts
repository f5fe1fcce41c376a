import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExampleCases } from '../../src/cases/example-cases.js';
import { satisfiable, type FactConstraint } from '../../src/check/fact-constraints.js';
import { formatFinding, type Finding } from '../../src/check/finding.js';
import { staticChecks } from '../../src/check/static-checks.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { BUNDLED_RULES, FIXTURE_RULES, rulesCopy } from '../support/rule-sets.js';
import { lineOf } from './run-cli.js';

const VERSION = 'nsk/versions/2019-01-01.yaml';
const PROGRAMME = 'nsk/programme.yaml';
const SECOND = 'nsk/versions/2022-01-01-fictional.yaml';
const THIRD = 'nsk/versions/2023-04-01-fictional.yaml';

/** The fixture rules have no example cases, so each of their versions is reported untested. */
const UNTESTED = [
  `${VERSION}:3:10: warning: no example case asks about a day of version 2019-01-01 (2019-01-01 to 2021-12-31): add one to nsk/tests/`,
  `${SECOND}:3:10: warning: no example case asks about a day of version 2022-01-01-fictional (2022-01-01 to 2023-03-31): add one to nsk/tests/`,
  `${THIRD}:3:10: warning: no example case asks about a day of version 2023-04-01-fictional (2023-04-01 to open): add one to nsk/tests/`,
];

/** The static findings of a copy of the fixture rules with `edits`, named relative to the copy, and the edited texts. */
function findingsAfter(
  edits: Record<string, string | ((text: string) => string)>,
  keep: (finding: Finding) => boolean = () => true,
): { findings: string[]; text: (file: string) => string } {
  const directory = rulesCopy(FIXTURE_RULES, edits);
  const loaded = loadRuleSet(directory, { displayRoot: directory });
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const { cases, problems } = loadExampleCases(directory);
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
  return {
    findings: staticChecks(loaded.ruleSet, cases).filter(keep).map(formatFinding),
    text: (file) => readFileSync(join(directory, file), 'utf8'),
  };
}

/** Findings besides the untested versions (the fixture has no example cases). */
function newFindings(edits: Record<string, string | ((text: string) => string)>): { findings: string[]; text: (file: string) => string } {
  return findingsAfter(edits, (finding) => finding.check !== 'untested');
}

/** The line that is exactly `content` once indentation is set aside. */
function lineIs(text: string, content: string): number {
  const index = text.split('\n').findIndex((line) => line.trim() === content);
  if (index < 0) throw new Error(`no line "${content}"`);
  return index + 1;
}

describe('static checks on rules that need none', () => {
  it('the fixture rules: only their untested versions', () => {
    expect(findingsAfter({}).findings).toEqual(UNTESTED);
  });

  it('the bundled rules: no errors', () => {
    const loaded = loadRuleSet(BUNDLED_RULES);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const errors = staticChecks(loaded.ruleSet, loadExampleCases(BUNDLED_RULES).cases).filter((finding) => finding.severity === 'error');
    expect(errors.map(formatFinding)).toEqual([]);
  });
});

describe('(a) gaps between versions are warnings at the effectiveTo that leaves them', () => {
  it.each([
    ['a month', '2021-11-30', 'from 2021-12-01 to 2021-12-31'],
    ['one day', '2021-12-30', 'on 2021-12-31'],
  ])('MK797 ends %s before the next version starts', (_name, effectiveTo, days) => {
    const { findings, text } = newFindings({
      [VERSION]: (written) => written.replace('adopted: "2018-12-18"', `adopted: "2018-12-18"\neffectiveTo: "${effectiveTo}"`),
    });
    expect(findings).toEqual([
      `${VERSION}:${lineOf(text(VERSION), 'effectiveTo:')}:14: warning: no version of nsk is in force ${days}: this version ends on ${effectiveTo}, ${SECOND} starts on 2022-01-01`,
    ]);
  });

  it('a version that ends the day before the next starts leaves no gap', () => {
    expect(
      newFindings({ [VERSION]: (written) => written.replace('adopted: "2018-12-18"', 'adopted: "2018-12-18"\neffectiveTo: "2021-12-31"') }).findings,
    ).toEqual([]);
  });
});

describe('(b) conditions that can never hold are errors, with each rule that then never holds', () => {
  it('T3 a named condition that contradicts its neighbours: adult inside "under 4"', () => {
    const { findings, text } = newFindings({
      [VERSION]: (written) =>
        written.replace(
          '      - condition: severeDevelopmentalDisorder\n  t4Group:',
          '      - condition: severeDevelopmentalDisorder\n      - condition: adult\n  t4Group:',
        ),
    });
    const edited = text(VERSION);
    const t3Group = lineOf(edited, '  t3Group:');
    expect(findings).toEqual([
      `${VERSION}:${t3Group + 6}:9: error: never holds: age greaterThanInclusive 18 (adultAge) contradicts age lessThan 4 (youngChildAge) (line ${t3Group + 2}) in the same all`,
      `${VERSION}:${lineOf(edited, '- id: T3')}:9: error: rule T3 can never hold, so it is never a basis`,
    ]);
  });

  it('E1 equal to two different values', () => {
    const { findings, text } = newFindings({
      [VERSION]: (written) =>
        written.replace(
          '          value: institution\n',
          '          value: institution\n        - fact: residence\n          operator: equal\n          value: own_home\n',
        ),
    });
    const edited = text(VERSION);
    expect(findings).toEqual([
      `${VERSION}:${lineOf(edited, '- id: E1')}:9: error: rule E1 can never hold, so it never excludes anyone`,
      `${VERSION}:${lineOf(edited, 'value: own_home') - 2}:11: error: never holds: residence equal "own_home" contradicts residence equal "institution" (line ${lineOf(edited, 'value: institution') - 2}) in the same all`,
    ]);
  });

  it('R2 in-lists with nothing in common, in one branch of an any: the rule still holds by the other', () => {
    const { findings, text } = newFindings({
      [VERSION]: (written) =>
        written.replace(
          '              value: { param: adultResidences }\n',
          '              value: { param: adultResidences }\n            - fact: residence\n              operator: in\n              value: { param: childResidences }\n',
        ),
    });
    const edited = text(VERSION);
    expect(findings).toEqual([
      `${VERSION}:${lineOf(edited, 'value: { param: adultResidences }') + 1}:15: error: never holds: residence in ["family","guardian","foster_family"] (childResidences) contradicts residence in ["own_home","social_house","group_home"] (adultResidences) (line ${lineOf(edited, 'value: { param: adultResidences }') - 2}) in the same all`,
    ]);
  });

  it('E1 an in-list with no values', () => {
    const { findings, text } = newFindings({
      [VERSION]: (written) => written.replace('operator: equal\n          value: institution', 'operator: in\n          value: []'),
    });
    const edited = text(VERSION);
    expect(findings).toEqual([
      `${VERSION}:${lineOf(edited, '- id: E1')}:9: error: rule E1 can never hold, so it never excludes anyone`,
      `${VERSION}:${lineOf(edited, 'value: []') - 2}:11: error: never holds: no value meets residence in []`,
    ]);
  });

  it('X3 dates: on or after the cut-off and before it, in a named condition only X3 needs whole', () => {
    const { findings, text } = newFindings({
      [VERSION]: (written) =>
        written.replace(
          '  exitBeforeCutoffWithDiServices:\n    all:\n',
          '  exitBeforeCutoffWithDiServices:\n    all:\n      - fact: vsacExitDate\n        operator: dateOnOrAfter\n        value: "2018-07-01"\n',
        ),
    });
    const edited = text(VERSION);
    const named = lineOf(edited, 'exitBeforeCutoffWithDiServices:');
    expect(findings).toEqual([
      `${VERSION}:${named + 5}:9: error: never holds: vsacExitDate dateBefore "2018-07-01" (exitCutoff) contradicts vsacExitDate dateOnOrAfter "2018-07-01" (line ${named + 2}) in the same all`,
      `${VERSION}:${lineOf(edited, '- id: X3')}:9: error: rule X3 can never hold, so it is never a basis`,
    ]);
  });
});

describe('(b) when a fact can take no value', () => {
  const on = (operator: string, value: unknown): FactConstraint => ({ fact: 'x', operator, value, text: '' });
  it.each([
    ['A4 age < 4 and age >= 18', [on('lessThan', 4), on('greaterThanInclusive', 18)], false],
    ['A4 4 <= age < 18', [on('greaterThanInclusive', 4), on('lessThan', 18)], true],
    ['age > 4 and age < 4', [on('greaterThan', 4), on('lessThan', 4)], false],
    ['age >= 4 and age <= 4', [on('greaterThanInclusive', 4), on('lessThanInclusive', 4)], true],
    ['age >= 4 and age <= 4 but not 4', [on('greaterThanInclusive', 4), on('lessThanInclusive', 4), on('notEqual', 4)], false],
    ['a number strictly between 4 and 5', [on('greaterThan', 4), on('lessThan', 5)], true],
    ['A3 after 2018-06-30 and before 2018-07-01: no whole day', [on('dateAfter', '2018-06-30'), on('dateBefore', '2018-07-01')], false],
    ['A3 after 2018-06-30 and on or before 2018-07-01', [on('dateAfter', '2018-06-30'), on('dateOnOrBefore', '2018-07-01')], true],
    ['equal to two values', [on('equal', 'II'), on('equal', 'I')], false],
    ['equal to a value in the list', [on('equal', 'II'), on('in', ['I', 'II'])], true],
    ['in lists that share one value', [on('in', ['I', 'II']), on('in', ['II', 'III'])], true],
    ['in a list, then not in it', [on('in', ['I', 'II']), on('notIn', ['I', 'II'])], false],
    ['in a list of numbers and under a bound', [on('in', [3, 4]), on('lessThan', 3)], false],
    ['not equal and not in: still open', [on('notEqual', 'I'), on('notIn', ['II'])], true],
  ])('%s', (_name, constraints, expected) => {
    expect(satisfiable(constraints)).toBe(expected);
  });
});

describe('(c) what nothing uses is a warning at its key', () => {
  it('a parameter no condition or compensation setting names', () => {
    const { findings, text } = newFindings({
      [VERSION]: (written) =>
        written.replace(
          '  halfYearShare:\n',
          '  retirementAge:\n    type: number\n    value: 65\n    title: { lv: Pensija, en: Pension }\n    source: MK 797, 5. punkts\n  halfYearShare:\n',
        ),
    });
    expect(findings).toEqual([
      `${VERSION}:${lineOf(text(VERSION), 'retirementAge:')}:3: warning: parameter "retirementAge" is used by no condition or compensation setting`,
    ]);
  });

  it('a named condition no rule uses', () => {
    const { findings } = newFindings({
      [VERSION]: (written) =>
        written.replace(
          'conditions:\n  adult:\n',
          'conditions:\n  atHome:\n    all:\n      - fact: residence\n        operator: equal\n        value: own_home\n  adult:\n',
        ),
    });
    expect(findings).toEqual([
      `${VERSION}:${lineOf(readFileSync(join(FIXTURE_RULES, VERSION), 'utf8'), 'conditions:') + 1}:3: warning: condition "atHome" is used by no rule`,
    ]);
  });

  it('a declared fact and a derived fact that no condition of any version reads', () => {
    const { findings, text } = newFindings({
      [PROGRAMME]: (written) =>
        written
          .replace('derivedFacts:\n', 'derivedFacts:\n  ageAgain:\n    kind: wholeYearsOn\n    of: birthDate\n    title: { lv: Vecums, en: Age }\n')
          .replace(
            '  services:\n',
            '  pensionAgeReached:\n    type: boolean\n    in: person\n    required: false\n    title: { lv: Pensijas vecums, en: Pension age }\n  services:\n',
          ),
    });
    const edited = text(PROGRAMME);
    expect(findings).toEqual([
      `${PROGRAMME}:${lineOf(edited, 'pensionAgeReached:')}:3: warning: fact "pensionAgeReached" is read by no condition of any version`,
      `${PROGRAMME}:${lineOf(edited, 'ageAgain:')}:3: warning: derived fact "ageAgain" is read by no condition of any version`,
    ]);
  });
});

describe('(d) a citation that names its source and nothing else is an error at the citation', () => {
  it.each([
    [
      'a rule (T2) citing only the seed file',
      'source: 000_23e6dbc396def2aa.txt — Personu loks un pakalpojumi, 2. mērķa grupa',
      'source: 000_23e6dbc396def2aa.txt',
      '000_23e6dbc396def2aa.txt',
    ],
    [
      'a parameter citing only the act',
      'source: 000_23e6dbc396def2aa.txt — Personu loks un pakalpojumi, "ir noteikta I vai II invaliditātes grupa"',
      'source: MK 797',
      'MK 797',
    ],
    [
      'a compensation setting citing only a source id and a dash',
      'source: 000_23e6dbc396def2aa.txt — NSK apmērs un saņemšanas kārtība; MK 797 2. pielikums (pārskata forma)',
      'source: mk797 —',
      'mk797 —',
    ],
  ])('%s', (_name, written, bare, citation) => {
    const { findings, text } = newFindings({ [VERSION]: (original) => original.replace(written, bare) });
    const line = lineIs(text(VERSION), bare);
    const column = (text(VERSION).split('\n')[line - 1] ?? '').indexOf(bare) + 'source: '.length + 1;
    expect(findings).toEqual([`${VERSION}:${line}:${column}: error: "${citation}" names a source but no section or paragraph: write "<document> — <section>"`]);
  });
});

describe('(e) a version no example case asks about is a warning', () => {
  const person = {
    birthDate: '1985-04-02',
    conditions: [{ type: 'mental_disorder', severity: 'severe' }],
    receivedDiServices: false,
    nskAsChild: false,
    residence: 'own_home',
  };
  const services = [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }];
  const caseFile = (cases: Array<{ name: string; request: Record<string, unknown>; expect: Record<string, unknown> }>): string => JSON.stringify({ cases });

  it.each([
    [
      'MK797 a date in 2019 reaches only version 2019-01-01; a 400 case in 2022 reaches nothing',
      [
        { name: 'T1 eligible in 2019', request: { programme: 'nsk', date: '2019-06-01', person, services }, expect: { eligible: true } },
        { name: 'a 400 in 2022', request: { programme: 'nsk', date: '2022-06-01', person: {} }, expect: { status: 400 } },
      ],
      [UNTESTED[1], UNTESTED[2]],
    ],
    [
      'a period across 2023-04-01 reaches both fictional versions',
      [
        {
          name: 'T1 across a version boundary',
          request: { programme: 'nsk', period: { from: '2023-03-15', to: '2023-04-15' }, person, services },
          expect: { eligible: true },
        },
      ],
      [UNTESTED[0]],
    ],
  ])('%s', (_name, cases, expected) => {
    expect(findingsAfter({ 'nsk/tests/cases.yaml': caseFile(cases) }).findings).toEqual(expected);
  });
});
