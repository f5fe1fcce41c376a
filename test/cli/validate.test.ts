import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../src/package-directory.js';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULES, FIXTURE_RULES, rulesCopy } from '../support/rule-sets.js';
import { lineOf, runCommand, shownPath } from './run-cli.js';

const VERSION = 'nsk/versions/2019-01-01.yaml';
const SECOND = 'nsk/versions/2022-01-01-fictional.yaml';
const VERSION_TEXT = readFileSync(join(FIXTURE_RULES, VERSION), 'utf8');

describe('sbsp-rules validate', () => {
  it('the bundled rules: no errors, exit 0, a summary on stdout', async () => {
    const run = await runCommand(['validate', '--rules', BUNDLED_RULES]);
    expect(run.stderr).not.toMatch(/: error: /);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/programmes?, \d+ versions?, \d+ example cases? — 0 errors, \d+ warnings?\n$/);
  });

  it('a rule file that does not load: every problem as file:line:column: message on stderr, exit 1', async () => {
    const rules = rulesCopy(FIXTURE_RULES, { [VERSION]: (text) => text.replace('  - id: T2\n', '  - id: T1\n') });
    const run = await runCommand(['validate', '--rules', rules]);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${shownPath(rules, VERSION)}:${lineOf(VERSION_TEXT, '- id: T2')}:9: duplicate rule id T1\n` });
  });

  it('a condition that never holds is an error: exit 1', async () => {
    const rules = rulesCopy(FIXTURE_RULES, {
      [VERSION]: (text) => text.replace('operator: equal\n          value: institution', 'operator: in\n          value: []'),
    });
    const run = await runCommand(['validate', '--rules', rules, shownPath(rules, VERSION)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${shownPath(rules, VERSION)}:${lineOf(VERSION_TEXT, '- id: E1')}:9: error: rule E1 can never hold, so it never excludes anyone\n`,
    );
    expect(run.stdout).toMatch(/— 2 errors, 1 warning\n$/);
  });

  it.each([
    ['warnings alone exit 0', [], 0],
    ['with --strict, warnings exit 1', ['--strict'], 1],
  ])('%s', async (_name, flags, code) => {
    const rules = rulesCopy(FIXTURE_RULES);
    const run = await runCommand(['validate', '--rules', rules, ...flags]);
    expect(run.code).toBe(code);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${shownPath(rules, VERSION)}:3:10: warning: no example case asks about a day of version 2019-01-01 `)),
      expect.stringMatching(new RegExp(`^${shownPath(rules, SECOND)}:3:10: warning: `)),
      expect.stringMatching(new RegExp(`^${shownPath(rules, 'nsk/versions/2023-04-01-fictional.yaml')}:3:10: warning: `)),
    ]);
  });

  it('paths narrow the report to those files and folders', async () => {
    const rules = rulesCopy(FIXTURE_RULES);
    const run = await runCommand(['validate', '--rules', rules, shownPath(rules, SECOND)]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `${shownPath(rules, SECOND)}:3:10: warning: no example case asks about a day of version 2022-01-01-fictional (2022-01-01 to 2023-03-31): add one to nsk/tests/\n`,
    );
    expect(run.stdout).toMatch(/— 0 errors, 1 warning\n$/);
  });

  it('an example case file that is not valid is an error at its place', async () => {
    const rules = rulesCopy(FIXTURE_RULES, { 'nsk/tests/cases.yaml': 'cases:\n  - name: T1 without an expectation\n    request: { programme: nsk }\n' });
    const run = await runCommand(['validate', '--rules', rules]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${shownPath(rules, 'nsk/tests/cases.yaml')}:2:5: missing required field "expect"\n`);
  });

  it.each([
    ['a rules directory that does not exist', ['validate', '--rules', '/nonexistent/rules'], 'error: rules directory not found: /nonexistent/rules'],
    ['a path that does not exist', ['validate', '--rules', FIXTURE_RULES, 'no/such/file.yaml'], 'error: no such file or folder: no/such/file.yaml'],
    ['an unknown option', ['validate', '--strcit'], "error: unknown option '--strcit'"],
    ['an unknown command', ['valdate'], "error: unknown command 'valdate'"],
  ])('usage errors exit 2: %s', async (_name, args, message) => {
    const run = await runCommand(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('--help says what is an error and what is a warning, and exits 0', async () => {
    const run = await runCommand(['validate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: sbsp-rules validate [options] [paths...]');
    expect(run.stdout).toContain('warnings (exit 0; exit 1 with --strict)');
  });
});

describe('sbsp-rules validate: values no request can send', () => {
  it('T1 a typo in a severity stops the rules from loading: located, with the nearest value, exit 1', async () => {
    const rules = rulesCopy(FIXTURE_RULES, { [VERSION]: (text) => text.replace('severity: [severe, very_severe] }', 'severity: [severe, very_sever] }') });
    const run = await runCommand(['validate', '--rules', rules]);
    const line = lineOf(VERSION_TEXT, 'severity: [severe, very_severe] }');
    const column = (VERSION_TEXT.split('\n')[line - 1] as string).indexOf('very_severe') + 1;
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `${shownPath(rules, VERSION)}:${line}:${column}: value "very_sever" is not a severity a request can send (mild, moderate, severe, very_severe): did you mean "very_severe"?\n`,
    });
  });
});

describe('sbsp-rules validate --json', () => {
  interface Report {
    ok: boolean;
    errors: Array<{ file: string; line: number; column: number; message: string }>;
    findings: Array<{ file: string; line: number; column: number; severity: string; kind: string; message: string }>;
    summary: Record<string, unknown>;
  }
  const reportOf = (stdout: string): Report => JSON.parse(stdout) as Report;

  it('rules that load: the findings as data, ok, exit 0, nothing on stderr', async () => {
    const rules = rulesCopy(FIXTURE_RULES);
    const run = await runCommand(['validate', '--rules', rules, '--json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const report = reportOf(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.findings[0]).toEqual({
      file: shownPath(rules, VERSION),
      line: 3,
      column: 10,
      severity: 'warning',
      kind: 'untested',
      message: 'no example case asks about a day of version 2019-01-01 (2019-01-01 to 2021-12-31): add one to nsk/tests/',
    });
    expect(report.summary).toEqual({ rules, loaded: true, programmes: 1, versions: 3, exampleCases: 0, errors: 0, warnings: 3, errorsElsewhere: 0 });
  });

  it('with --strict, warnings make it not ok: exit 1', async () => {
    const run = await runCommand(['validate', '--rules', rulesCopy(FIXTURE_RULES), '--json', '--strict']);
    expect(run.code).toBe(1);
    expect(reportOf(run.stdout).ok).toBe(false);
  });

  it('a condition that never holds: error findings with their kind, exit 1', async () => {
    const rules = rulesCopy(FIXTURE_RULES, {
      [VERSION]: (text) => text.replace('operator: equal\n          value: institution', 'operator: in\n          value: []'),
    });
    const run = await runCommand(['validate', '--rules', rules, '--json']);
    expect(run.code).toBe(1);
    const report = reportOf(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([
      {
        file: shownPath(rules, VERSION),
        line: lineOf(VERSION_TEXT, '- id: E1'),
        column: 9,
        severity: 'error',
        kind: 'impossible',
        message: 'rule E1 can never hold, so it never excludes anyone',
      },
      {
        file: shownPath(rules, VERSION),
        line: lineOf(VERSION_TEXT, 'value: institution') - 2,
        column: 11,
        severity: 'error',
        kind: 'impossible',
        message: 'never holds: no value meets residence in []',
      },
    ]);
    expect(report.summary).toMatchObject({ errors: 2, warnings: 3 });
  });

  it('rules that do not load: each problem as data, no findings, exit 1', async () => {
    const rules = rulesCopy(FIXTURE_RULES, { [VERSION]: (text) => text.replace('  - id: T2\n', '  - id: T1\n') });
    const run = await runCommand(['validate', '--rules', rules, '--json']);
    expect([run.code, run.stderr]).toEqual([1, '']);
    expect(reportOf(run.stdout)).toEqual({
      ok: false,
      errors: [{ file: shownPath(rules, VERSION), line: lineOf(VERSION_TEXT, '- id: T2'), column: 9, message: 'duplicate rule id T1' }],
      findings: [],
      summary: { rules, loaded: false, programmes: 0, versions: 0, exampleCases: 0, errors: 1, warnings: 0, errorsElsewhere: 0 },
    });
  });
});

describe('sbsp-rules --version', () => {
  it.each([['--version'], ['-V']])('%s prints the version in package.json, exit 0', async (flag) => {
    const { version } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };
    expect(await runCommand([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
