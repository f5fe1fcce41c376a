import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RULES } from '../support/rule-sets.js';
import { runCommand } from './run-cli.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';

const PERSON = T1_PERSON;
const SERVICES = T1_SERVICES;
// Every command runs with the fictional fixture rules (test/fixtures/rules), never today's law: on 2024-03-15 their
// 2023-04-01-fictional version is in force, and none before 2019-01-01.
const T1_ON_A_DATE = { programme: 'nsk', date: '2024-03-15', person: PERSON, services: SERVICES };
// With the fictional fixture rules (annual amount 7085.20 in their 2019-01-01 version): out of the VSAC on
// 2020-05-31, so of the half-year only June is eligible: cap 7085.20 ÷ 12 = 590.433… → 590.43 (A1); the June line's
// 620.00 is all eligible, so the cap pays.
const T1_JUNE_COSTS = {
  programme: 'nsk',
  period: { from: '2020-01-01', to: '2020-06-30' },
  person: { ...PERSON, vsacExit: { date: '2020-05-31', service: 'institutional_care' } },
  services: SERVICES,
  costs: [{ service: 'day_care_centre', from: '2020-06-01', to: '2020-06-30', amount: '620.00', funding: 'municipality', inPlan: true }],
};

function fileWith(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sbsp-rules-eval-')), name);
  writeFileSync(path, text);
  return path;
}

describe('sbsp-rules eval', () => {
  it.each([
    [
      'T1 a JSON eligibility request, in Latvian by default',
      'request.json',
      JSON.stringify(T1_ON_A_DATE),
      [],
      'nsk dienā 2024-03-15: tiesīga — pamats: T1; šķēršļi: nav; noteikumi 2023-04-01-fictional',
    ],
    [
      'T1 the same in English',
      'request.json',
      JSON.stringify(T1_ON_A_DATE),
      ['--lang', 'en'],
      'nsk on 2024-03-15: eligible — basis: T1; blockers: none; rules 2023-04-01-fictional',
    ],
    [
      'T1 a case entry in YAML',
      'case.yaml',
      `name: T1 an adult\nrequest: ${JSON.stringify(T1_ON_A_DATE)}\nexpect: { eligible: true }\n`,
      ['--lang', 'en'],
      'nsk on 2024-03-15: eligible',
    ],
    [
      'T1 the chosen case of a case file',
      'cases.yaml',
      `cases:\n  - name: T1 first\n    request: ${JSON.stringify({ ...T1_ON_A_DATE, date: '2024-01-10' })}\n    expect: { eligible: true }\n  - name: T1 second\n    request: ${JSON.stringify(T1_ON_A_DATE)}\n    expect: { eligible: true }\n`,
      ['--case', 'second', '--lang', 'en'],
      'nsk on 2024-03-15: eligible',
    ],
  ])('%s', async (_name, fileName, text, flags, firstLine) => {
    const run = await runCommand(['eval', fileWith(fileName, text), '--rules', FIXTURE_RULES, ...flags]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^${firstLine}`));
    expect(run.stdout).toContain('+ T1 (basis)');
  });

  it('A1 costs make it a compensation request: totals, the cap month by month and each line with its refs', async () => {
    const run = await runCommand(['eval', fileWith('costs.json', JSON.stringify(T1_JUNE_COSTS)), '--rules', FIXTURE_RULES, '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 7)).toEqual([
      'nsk from 2020-01-01 to 2020-06-30: compensation 590.43 EUR',
      '  eligible cost 620.00; cap 590.43; report due 2020-07-15',
      '  cap by month (A1):',
      '    2020-06 (2019-01-01): 30/30 days × 7085.20 a year ÷ 12 = 590.433333',
      '    limit: 0.5 × 7085.20 = 3542.60',
      '  lines:',
      '    #0 day_care_centre 2020-06-01…2020-06-30: 620.00 → 620.00, 30/30 days counted [T1]',
    ]);
    expect(run.stdout).toContain('  eligibility:\n    from 2020-01-01 to 2020-05-31: not eligible — basis: T1; blockers: R1; rules 2019-01-01\n');
    expect(run.stdout).toContain('\n    from 2020-06-01 to 2020-06-30: eligible — basis: T1; blockers: none; rules 2019-01-01\n');
  });

  it('A1 in Latvian', async () => {
    const run = await runCommand(['eval', fileWith('costs.json', JSON.stringify(T1_JUNE_COSTS)), '--rules', FIXTURE_RULES]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'nsk no 2020-01-01 līdz 2020-06-30: kompensācija 590.43 EUR',
      '  attiecināmās izmaksas 620.00; griesti 590.43; pārskats jāiesniedz līdz 2020-07-15',
    ]);
  });

  it('--explain rules prints each rule and no condition tree; --explain none no explanation at all', async () => {
    const file = fileWith('request.json', JSON.stringify(T1_ON_A_DATE));
    const full = await runCommand(['eval', file, '--rules', FIXTURE_RULES, '--lang', 'en']);
    const rules = await runCommand(['eval', file, '--rules', FIXTURE_RULES, '--lang', 'en', '--explain', 'rules']);
    const none = await runCommand(['eval', file, '--rules', FIXTURE_RULES, '--lang', 'en', '--explain', 'none']);
    for (const run of [full, rules, none]) expect(run.stdout.split('\n')[0]).toBe(full.stdout.split('\n')[0]);
    expect(full.stdout).toContain('all of:');
    expect(rules.stdout).toContain('+ T1 (basis)');
    expect(rules.stdout).not.toContain('all of:');
    expect(none.stdout).not.toContain('T1 (basis)');
    const bad = await runCommand(['eval', file, '--rules', FIXTURE_RULES, '--explain', 'some']);
    expect(bad.code).toBe(2);
  });

  it('--json prints the answer as the API gives it', async () => {
    const run = await runCommand(['eval', fileWith('costs.yaml', JSON.stringify(T1_JUNE_COSTS)), '--rules', FIXTURE_RULES, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      programme: 'nsk',
      compensation: '590.43',
      cap: '590.43',
      lines: [{ index: 0, eligibleAmount: '620.00', refs: ['T1'] }],
    });
  });

  it('a 400: exit 1 and every problem with its path on stderr', async () => {
    const { birthDate: _birthDate, ...person } = PERSON;
    const run = await runCommand([
      'eval',
      fileWith('request.json', JSON.stringify({ ...T1_ON_A_DATE, person: { ...person, favouriteColour: 'blue' } })),
      '--rules',
      FIXTURE_RULES,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^400 Bad request: 2 problems in the request\n/);
    expect(run.stderr).toContain('\n  /person/birthDate: ');
    expect(run.stderr).toContain('\n  /person/favouriteColour: ');
  });

  it('a 422: exit 1 with the nearest versions', async () => {
    const run = await runCommand(['eval', fileWith('request.json', JSON.stringify({ ...T1_ON_A_DATE, date: '2018-12-31' })), '--rules', FIXTURE_RULES]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^422 No rule version in force: No version of nsk is in force on 2018-12-31\. Nearest after: 2019-01-01 \(in force from 2019-01-01, adopted 2018-12-18\)/,
    );
  });

  it.each([
    ['a file that does not exist', ['eval', '/nonexistent/request.yaml'], 'error: cannot read /nonexistent/request.yaml'],
    ['a file that is not YAML', ['eval', fileWith('broken.yaml', 'programme: [nsk\n')], 'is not YAML or JSON'],
    [
      'a case file with several cases and no --case',
      [
        'eval',
        fileWith('cases.yaml', `cases:\n  - { name: one, request: {}, expect: { status: 400 } }\n  - { name: two, request: {}, expect: { status: 400 } }\n`),
      ],
      '  1: two',
    ],
    ['a language that is not lv or en', ['eval', 'request.json', '--lang', 'fr'], "argument 'fr' is invalid. Allowed choices are lv, en."],
  ])('usage errors exit 2: %s', async (_name, args, message) => {
    const run = await runCommand([...args, '--rules', FIXTURE_RULES]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
