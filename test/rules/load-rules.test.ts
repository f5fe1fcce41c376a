import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { BUNDLED_RULES, FIXTURE_RULES, loadProblems, rulesCopy } from '../support/rule-sets.js';

const VERSION = 'nsk/versions/2019-01-01.yaml';
const SECOND = 'nsk/versions/2022-01-01-fictional.yaml';

/** A copy of the fixture rules with some files edited; returns the located messages, relative to the copy. */
function problemsAfter(edits: Record<string, (text: string) => string>): string[] {
  return loadProblems(rulesCopy(FIXTURE_RULES, edits));
}

function lineOf(file: string, needle: string, occurrence = 1): number {
  const lines = readFileSync(join(FIXTURE_RULES, file), 'utf8').split('\n');
  let seen = 0;
  const index = lines.findIndex((line) => line.includes(needle) && ++seen === occurrence);
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  return index + 1;
}

describe('rule files that load', () => {
  it.each([
    ['bundled', BUNDLED_RULES],
    ['fixture', FIXTURE_RULES],
  ])('%s rules load without problems', (_name, directory) => {
    const loaded = loadRuleSet(directory);
    expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual([]);
  });

  it('every bundled rule file points editors at its schema on its first line', () => {
    const files = readdirSync(BUNDLED_RULES, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const firstLine = readFileSync(join(BUNDLED_RULES, file), 'utf8').split('\n')[0];
      expect([file, firstLine]).toEqual([file, expect.stringMatching(/^# yaml-language-server: \$schema=(\.\.\/)+schemas\/[a-z-]+\.schema\.json$/)]);
    }
  });
});

describe('rule files that stop start-up name file, line and column', () => {
  it('a YAML syntax error', () => {
    const problems = problemsAfter({ [VERSION]: (text) => text.replace('adopted: "2018-12-18"', 'adopted: [2018-12-18') });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${VERSION}:\\d+:\\d+: `));
  });

  it('a duplicate key', () => {
    const problems = problemsAfter({ [VERSION]: (text) => text.replace('adopted: "2018-12-18"', 'adopted: "2018-12-18"\nadopted: "2018-12-19"') });
    expect(problems).toEqual([
      `${VERSION}:${lineOf(VERSION, 'adopted:') + 1}:1: "adopted" is written twice here (first on line ${lineOf(VERSION, 'adopted:')}): keep one of them`,
    ]);
  });

  it('an unknown field, at its key', () => {
    const line = lineOf(VERSION, 'source: 000_23e6dbc396def2aa.txt — Personu loks un pakalpojumi, 1. mērķa grupa');
    const problems = problemsAfter({
      [VERSION]: (text) =>
        text.replace(
          '    source: 000_23e6dbc396def2aa.txt — Personu loks un pakalpojumi, 1. mērķa grupa',
          '    sourse: 000_23e6dbc396def2aa.txt — Personu loks un pakalpojumi, 1. mērķa grupa',
        ),
    });
    expect(problems).toContain(`${VERSION}:${line}:5: unknown field "sourse"`);
    expect(problems.some((problem) => problem.includes('missing required field "source"'))).toBe(true);
  });

  it('an impossible date and an unknown rule kind', () => {
    const problems = problemsAfter({
      [VERSION]: (text) => text.replace('effectiveFrom: "2019-01-01"', 'effectiveFrom: "2019-02-30"').replace('kind: exclusion', 'kind: exception'),
    });
    expect(problems).toContain(`${VERSION}:${lineOf(VERSION, 'effectiveFrom:')}:16: must be a real date (YYYY-MM-DD, years 0001–9999)`);
    expect(problems).toContain(`${VERSION}:${lineOf(VERSION, 'kind: exclusion')}:11: must be one of "basis", "requirement", "exclusion"`);
  });

  it('overlapping versions: a version that runs past the next one starts', () => {
    const problems = problemsAfter({ [VERSION]: (text) => text.replace('adopted: "2018-12-18"', 'adopted: "2018-12-18"\neffectiveTo: "2022-06-30"') });
    expect(problems).toEqual([
      `${VERSION}:${lineOf(VERSION, 'adopted:') + 1}:14: overlaps ${SECOND}: this version runs to 2022-06-30, that one starts on 2022-01-01`,
    ]);
  });

  it('overlapping versions: two versions starting on the same day', () => {
    const problems = problemsAfter({ [SECOND]: (text) => text.replace('effectiveFrom: "2022-01-01"', 'effectiveFrom: "2019-01-01"') });
    expect(problems).toEqual([`${SECOND}:${lineOf(SECOND, 'effectiveFrom:')}:16: overlaps ${VERSION}: both start on 2019-01-01`]);
  });

  it('a duplicate rule id', () => {
    const problems = problemsAfter({ [VERSION]: (text) => text.replace('  - id: T2\n', '  - id: T1\n') });
    expect(problems).toEqual([`${VERSION}:${lineOf(VERSION, '- id: T2')}:9: duplicate rule id T1`]);
  });

  it('a condition naming an undeclared fact, parameter, named condition or operator', () => {
    const problems = problemsAfter({
      [VERSION]: (text) =>
        text
          .replace('- fact: residence\n          operator: equal', '- fact: residense\n          operator: equal')
          .replace('value: { param: youngChildAge }', 'value: { param: youngChildAgeLimit }')
          .replace('condition: t2Group', 'condition: t2Gruop')
          .replace('operator: dateBefore\n          value: { fact: evaluationDate }', 'operator: onOrAfter\n          value: { fact: evaluationDate }'),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        `${VERSION}:${lineOf(VERSION, 'value: { param: youngChildAge }')}:25: parameter "youngChildAgeLimit" is not declared in this version`,
        `${VERSION}:${lineOf(VERSION, 'condition: t2Group')}:20: no condition named "t2Gruop" in this version's conditions`,
        expect.stringMatching(new RegExp(`^${VERSION}:\\d+:17: fact "residense" is not declared in nsk/programme.yaml$`)),
        expect.stringMatching(new RegExp(`^${VERSION}:\\d+:21: unknown operator "onOrAfter" \\(known: `)),
      ]),
    );
  });

  it('an operator that does not fit its fact, and a parameter whose value is not its type', () => {
    const problems = problemsAfter({
      [VERSION]: (text) =>
        text
          .replace(
            '- fact: age\n        operator: greaterThanInclusive\n        value: { param: adultAge }',
            '- fact: age\n        operator: dateBefore\n        value: { param: adultAge }',
          )
          .replace('value: "2018-07-01"', 'value: "1st July 2018"'),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/: dateBefore does not apply to age, a number \(it takes date\)$/),
        `${VERSION}:${lineOf(VERSION, 'value: "2018-07-01"')}:12: value is not a date`,
      ]),
    );
  });

  it('named conditions that refer to each other in a circle', () => {
    const problems = problemsAfter({ [VERSION]: (text) => text.replace('  adult:\n    all:\n', '  adult:\n    all:\n      - condition: t1Group\n') });
    expect(problems.some((problem) => problem.includes('refer to each other in a circle: adult → t1Group → adult'))).toBe(true);
  });

  it('a rule whose source names none of the version sources, and an assumption the version does not state', () => {
    const problems = problemsAfter({
      [VERSION]: (text) =>
        text.replace('source: 000_23e6dbc396def2aa.txt — 1. zemsvītras piezīme\n    assumptions: [A4]', 'source: somewhere in the law\n    assumptions: [A9]'),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/: source must name one of this version's sources/),
        expect.stringMatching(/: assumption A9 is not stated in this version's assumptions$/),
      ]),
    );
  });

  it('every problem in every file at once', () => {
    const problems = problemsAfter({
      [VERSION]: (text) => text.replace('version: "2019-01-01"', 'version: 2019'),
      [SECOND]: (text) => text.replace('kind: exclusion', 'kind: exception'),
      'nsk/programme.yaml': (text) => text.replace('  residence:\n    type: string', '  residence:\n    type: text'),
    });
    const files = new Set(problems.map((problem) => problem.split(':')[0]));
    expect(files).toEqual(new Set(['nsk/programme.yaml', VERSION, SECOND]));
  });

  it('an alias bomb is bounded, not expanded', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 8 },
        (_, index) =>
          `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)}]`,
      ),
    ].join('\n');
    const problems = problemsAfter({ [VERSION]: (text) => `${text}\nbomb:\n${bomb.replace(/^/gm, '  ')}\n` });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(new RegExp(`^${VERSION}:\\d+:\\d+: `));
  });
});
