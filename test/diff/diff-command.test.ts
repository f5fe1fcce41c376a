import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiffReport } from '../../src/diff/diff-report.js';
import { runCommand } from '../cli/run-cli.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';
import { editedCopy, NSK_2019, removeCopies, replace, scratchDirectory } from './fictional-edits.js';

afterAll(removeCopies);

const FIXTURE = relative(process.cwd(), FIXTURE_RULES);
const V2019 = join(FIXTURE, NSK_2019);
const V2023 = join(FIXTURE, 'nsk/versions/2023-04-01-fictional.yaml');

const REQUEST = {
  programme: 'nsk',
  date: '2019-06-03',
  person: {
    birthDate: '1985-04-02',
    conditions: [{ type: 'mental_disorder', severity: 'severe' }],
    disabilityGroup: 'II',
    vsacExit: { date: '2018-12-31', service: 'institutional_care' },
    receivedDiServices: false,
    nskAsChild: false,
    residence: 'group_home',
  },
  services: [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }],
};

describe('sbsp-rules diff', () => {
  it('two version files: Markdown with the parameters old → new and their % change; exit 0', async () => {
    const run = await runCommand(['diff', V2019, V2023]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`## Rule changes: \`${V2019}\` → \`${V2023}\``);
    expect(run.stdout).toContain('#### Version 2023-04-01-fictional — changed (old side: version 2019-01-01)');
    expect(run.stdout).toContain('| `annualAmount` Annual amount per person | `7085.20` | `8400.00` | +18.56% | compensation.annualAmount |');
    expect(run.stdout).toContain('| `youngChildAge` Age limit of young children | `4` | `5` | +25.00% | T3, T4, X3 |');
  });

  it('--format json is the report as data', async () => {
    const run = await runCommand(['diff', V2019, V2023, '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DiffReport;
    expect(report.impact).toBeUndefined();
    expect(report.diff.programmes[0]?.versions[0]?.parameters).toContainEqual(
      expect.objectContaining({ name: 'exitCutoff', old: '2018-07-01', new: '2018-01-01', moved: '181 days earlier' }),
    );
  });

  it('the same rules: no differences, exit 0', async () => {
    const run = await runCommand(['diff', FIXTURE, editedCopy(FIXTURE_RULES), '--impact']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No differences in meaning between the two sides.');
    expect(run.stdout).toContain('None of the 0 cases and requests answers differently.');
  });

  it('--cases re-runs recorded requests under both sides and lists the one whose blockers change', async () => {
    const changed = editedCopy(FIXTURE_RULES, { [NSK_2019]: replace('value: [own_home, social_house, group_home]', 'value: [own_home, social_house]') });
    const requests = join(scratchDirectory(), 'requests.jsonl');
    writeFileSync(requests, `${JSON.stringify(REQUEST)}\n${JSON.stringify({ ...REQUEST, person: { ...REQUEST.person, residence: 'own_home' } })}\n`);
    const run = await runCommand(['diff', FIXTURE, changed, '--cases', requests, '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DiffReport;
    expect(report.impact?.ran).toBe(2);
    expect(report.impact?.changed).toEqual([
      { name: 'nsk 2019-06-03', origin: 'recorded', where: `${requests}:1`, endpoint: 'eligibility', changes: ['eligible true → false', 'blockers [] → [R2]'] },
    ]);
  });

  it('a side that does not load: its located problems on stderr, exit 1', async () => {
    const broken = editedCopy(FIXTURE_RULES, {
      [NSK_2019]: replace('operator: equal\n          value: institution', 'operator: equalz\n          value: institution'),
    });
    const run = await runCommand(['diff', FIXTURE, join(broken, 'nsk')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`new side ${join(broken, 'nsk')} does not load:`);
    expect(run.stderr).toMatch(
      new RegExp(`${relative(process.cwd(), join(broken, NSK_2019)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: unknown operator "equalz"`),
    );
  });

  it('a git ref side: a path as it is at HEAD', async () => {
    const run = await runCommand(['diff', `HEAD:${FIXTURE}/nsk`, join(FIXTURE, 'nsk')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^## Rule changes: \`HEAD:${FIXTURE}/nsk\` → `));
  });

  it.each([
    ['no sides', ['diff'], 'give two sides to compare (old and new), one laid over --rules, or --base <ref>'],
    ['three sides', ['diff', FIXTURE, FIXTURE, FIXTURE], 'too many arguments'],
    ['--base and sides', ['diff', FIXTURE, FIXTURE, '--base', 'HEAD'], '--base compares the working tree with a ref: give no other sides'],
    ['an unknown format', ['diff', FIXTURE, FIXTURE, '--format', 'xml'], '--format must be one of markdown, json, not "xml"'],
    ['a side that is neither a path nor a ref', ['diff', 'no/such/rules', FIXTURE], '"no/such/rules" is not a file, a folder or a git ref'],
    ['a base that is no ref', ['diff', '--base', 'no-such-ref-anywhere'], '--base no-such-ref-anywhere: not a git ref of'],
    ['a cases file that is not there', ['diff', FIXTURE, FIXTURE, '--cases', 'no/such/requests.jsonl'], '--cases no/such/requests.jsonl: no such file'],
  ])('usage error, exit 2: %s', async (_name, args, message) => {
    const run = await runCommand(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error: ${message}`);
  });

  it('a cases file with a line that is not JSON: the line located, exit 2', async () => {
    const requests = join(scratchDirectory(), 'requests.jsonl');
    writeFileSync(requests, `${JSON.stringify(REQUEST)}\n{"programme":\n`);
    const run = await runCommand(['diff', FIXTURE, FIXTURE, '--cases', requests]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${requests}:2:1: not JSON: `);
    expect(run.stderr).toContain('1 line is not a request body');
  });
});
