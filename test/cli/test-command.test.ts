import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RULES, rulesCopy } from '../support/rule-sets.js';
import { lineOf, runCommand, shownPath } from './run-cli.js';

/** A fictional programme "demo": B1 (adult: age >= 18) and R1 (careLevel in [3, 4] and age < 65) — 2 rules, 6 condition sides. */
const DEMO_RULES = fileURLToPath(new URL('./fixtures/coverage-rules', import.meta.url));
const DEMO_VERSION = 'demo/versions/2020-01-01.yaml';
const DEMO_TEXT = readFileSync(join(DEMO_RULES, DEMO_VERSION), 'utf8');

interface DemoCase {
  name: string;
  request: Record<string, unknown>;
  expect: Record<string, unknown>;
}

const ADULT_AT_LEVEL_3: DemoCase = {
  name: 'B1 R1 an adult at care level 3',
  request: { programme: 'demo', date: '2024-01-01', person: { birthDate: '1990-01-01', careLevel: 3 } },
  expect: { eligible: true, basis: ['B1'], blockers: [] },
};
const CHILD_AT_LEVEL_1: DemoCase = {
  name: 'B1 R1 a child at care level 1',
  request: { programme: 'demo', date: '2024-01-01', person: { birthDate: '2014-01-01', careLevel: 1 } },
  expect: { eligible: false, blockers: ['T', 'R1'] },
};

function demoWith(cases: DemoCase[]): string {
  return rulesCopy(DEMO_RULES, { 'demo/tests/cases.yaml': JSON.stringify({ cases }) });
}

describe('sbsp-rules test: example cases', () => {
  it('all pass: exit 0, the summary and the coverage table on stdout', async () => {
    const rules = demoWith([ADULT_AT_LEVEL_3, CHILD_AT_LEVEL_1]);
    const run = await runCommand(['test', '--rules', rules]);
    const file = shownPath(rules, DEMO_VERSION);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        '2 of 2 example cases passed',
        '',
        'programme  cases passed  rules covered  condition sides covered',
        'demo       2/2           2/2 (100.0 %)  5/6 (83.3 %)',
        'total      2/2           2/2 (100.0 %)  5/6 (83.3 %)',
        '',
        'Condition sides no case exercised:',
        // The child's age < 65 is never needed: R1 already fails on the care level.
        `  ${file}:${lineOf(DEMO_TEXT, '- fact: age', 2)}:11: demo 2020-01-01 rule R1 › age lessThan 65 never seen false`,
        '',
      ].join('\n'),
    );
  });

  it('one case: rules seen one way only, and each unexercised side at its file:line:column', async () => {
    const rules = demoWith([ADULT_AT_LEVEL_3]);
    const run = await runCommand(['test', 'demo', '--rules', rules]);
    const file = shownPath(rules, DEMO_VERSION);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('demo       1/1           0/2 (0.0 %)    3/6 (50.0 %)');
    expect(run.stdout).toContain(
      [
        'Rules not seen both ways:',
        `  ${file}:${lineOf(DEMO_TEXT, '- id: B1')}:5: demo 2020-01-01 rule B1 never seen false`,
        `  ${file}:${lineOf(DEMO_TEXT, '- id: R1')}:5: demo 2020-01-01 rule R1 never seen false`,
        '',
        'Condition sides no case exercised:',
        `  ${file}:${lineOf(DEMO_TEXT, '- fact: age')}:9: demo 2020-01-01 rule B1 › age greaterThanInclusive {"param":"adultAge"} never seen false`,
        `  ${file}:${lineOf(DEMO_TEXT, '- fact: careLevel')}:11: demo 2020-01-01 rule R1 › careLevel in {"param":"careLevels"} never seen false`,
        `  ${file}:${lineOf(DEMO_TEXT, '- fact: age', 2)}:11: demo 2020-01-01 rule R1 › age lessThan 65 never seen false`,
      ].join('\n'),
    );
  });

  it('a failing case: exit 1, where it is and what differed on stderr', async () => {
    const rules = demoWith([ADULT_AT_LEVEL_3, { ...CHILD_AT_LEVEL_1, name: 'R1 a child expected eligible by mistake', expect: { eligible: true } }]);
    const run = await runCommand(['test', '--rules', rules]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^1 of 2 example cases passed, 1 failed\n/);
    expect(run.stderr).toMatch(
      new RegExp(
        `^${shownPath(rules, 'demo/tests/cases.yaml')}:1:\\d+: case "R1 a child expected eligible by mistake"\n  - eligible: expected true, got false\n  explanation:\n`,
      ),
    );
  });

  it.each([
    ['rule coverage under its minimum', ['--min-rule-coverage', '50'], 1, 'rule coverage 0.0 % is under the minimum 50 %'],
    ['condition coverage under its minimum', ['--min-condition-coverage', '50.1'], 1, 'condition coverage 50.0 % is under the minimum 50.1 %'],
    ['both at their minimum', ['--min-rule-coverage', '0', '--min-condition-coverage', '50'], 0, ''],
  ])('%s', async (_name, flags, code, complaint) => {
    const run = await runCommand(['test', '--rules', demoWith([ADULT_AT_LEVEL_3]), ...flags]);
    expect(run.code).toBe(code);
    expect(run.stderr).toBe(complaint === '' ? '' : `${complaint}\n`);
  });

  it('--json: the same report for machines', async () => {
    const rules = demoWith([ADULT_AT_LEVEL_3, CHILD_AT_LEVEL_1]);
    const run = await runCommand(['test', '--rules', rules, '--json']);
    const report = JSON.parse(run.stdout) as {
      cases: { total: number; passed: number; failed: unknown[] };
      coverage: {
        rules: { covered: number; total: number };
        conditionSides: {
          covered: number;
          total: number;
          items: Array<{ rule: string; path: string; seenTrue: boolean; seenFalse: boolean; position: { line: number } }>;
        };
      };
    };
    expect(run.code).toBe(0);
    expect(report.cases).toEqual({ total: 2, passed: 2, failed: [] });
    expect([report.coverage.rules.covered, report.coverage.rules.total, report.coverage.conditionSides.covered, report.coverage.conditionSides.total]).toEqual([
      2, 2, 5, 6,
    ]);
    expect(report.coverage.conditionSides.items.map(({ rule, path, seenTrue, seenFalse }) => [rule, path, seenTrue, seenFalse])).toEqual([
      ['B1', 'conditions/adult/all/0', true, true],
      ['R1', 'rules/1/conditions/all/0', true, true],
      ['R1', 'rules/1/conditions/all/1', true, false],
    ]);
  });

  it('compensation cases cover line rules through each line explanation', async () => {
    const rules = rulesCopy(FIXTURE_RULES, {
      'nsk/tests/compensation.yaml': JSON.stringify({
        cases: [
          {
            name: 'R3 E2 one municipal line in the plan',
            endpoint: 'compensation',
            request: {
              programme: 'nsk',
              period: { from: '2024-01-01', to: '2024-06-30' },
              person: {
                birthDate: '1985-04-02',
                conditions: [{ type: 'mental_disorder', severity: 'severe' }],
                vsacExit: { date: '2019-03-31', service: 'institutional_care' },
                receivedDiServices: false,
                nskAsChild: false,
                residence: 'own_home',
              },
              services: [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }],
              costs: [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-01-31', amount: '100.00', funding: 'municipality', inPlan: true }],
            },
            expect: { compensation: '100.00' },
          },
        ],
      }),
    });
    const run = await runCommand(['test', 'nsk', '--rules', rules, '--json']);
    const report = JSON.parse(run.stdout) as {
      coverage: { rules: { items: Array<{ version: string; list: string; rule: string; seenTrue: boolean; seenFalse: boolean }> } };
    };
    const lineRules = report.coverage.rules.items.filter((item) => item.list === 'lineRules' && item.version === '2023-04-01-fictional');
    expect(run.code).toBe(0);
    expect(lineRules.map(({ rule, seenTrue, seenFalse }) => [rule, seenTrue, seenFalse])).toEqual([
      ['R3', true, false],
      ['E2', false, true],
    ]);
  });

  it.each([
    ['an unknown programme', ['test', 'nsq', '--rules', FIXTURE_RULES], 'error: no programme "nsq" in'],
    ['a coverage that is not a percentage', ['test', '--min-rule-coverage', 'most'], 'must be a percentage from 0 to 100'],
  ])('usage errors exit 2: %s', async (_name, args, message) => {
    const run = await runCommand(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
