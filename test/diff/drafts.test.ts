import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiffReport } from '../../src/diff/diff-report.js';
import { runCommand } from '../cli/run-cli.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';
import { writeFile } from './draft-versions.js';
import { inOrder, NSK_2019, removeCopies, replace, scratchDirectory } from './fictional-edits.js';

afterAll(removeCopies);

/**
 * An officer's draft kept outside the repository, holding only what changes, laid over the rules it changes.
 * FICTIONAL edits of the test fixture (its last version, 2023-04-01-fictional, has an annual amount of 8400.00).
 */
const FIXTURE = relative(process.cwd(), FIXTURE_RULES);
const LAST = 'nsk/versions/2023-04-01-fictional.yaml';
const DRAFT_FILE = 'nsk/versions/2027-01-01.yaml';

const PERSON = {
  birthDate: '1985-04-02',
  conditions: [{ type: 'mental_disorder', severity: 'severe' }],
  disabilityGroup: 'II',
  vsacExit: { date: '2018-12-31', service: 'institutional_care' },
  receivedDiServices: false,
  nskAsChild: false,
  residence: 'group_home',
};
const SERVICES = [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }];
const HALF_YEAR_2027 = {
  programme: 'nsk',
  period: { from: '2027-01-01', to: '2027-06-30' },
  person: PERSON,
  services: SERVICES,
  costs: [{ service: 'day_care_centre', from: '2027-01-01', to: '2027-06-30', amount: '5000.00', funding: 'municipality', inPlan: true }],
};

/** FICTIONAL: the last version copied as 2027-01-01 with an annual amount of 9000.00. */
function version2027(): string {
  return inOrder(
    replace('version: "2023-04-01-fictional"', 'version: "2027-01-01"'),
    replace('effectiveFrom: "2023-04-01"', 'effectiveFrom: "2027-01-01"'),
    replace('adopted: "2023-02-01"', 'adopted: "2026-10-01"'),
    replace('value: "8400.00"', 'value: "9000.00"'),
  )(readFileSync(join(FIXTURE_RULES, LAST), 'utf8'));
}

function requestsFile(...bodies: object[]): string {
  const file = join(scratchDirectory(), 'requests.jsonl');
  writeFileSync(file, bodies.map((body) => JSON.stringify(body)).join('\n'));
  return file;
}

describe('a draft folder holding one new version (the README’s amendment, outside the repository)', () => {
  it('shows the version as what it changes against the one before it, from its first day, and the requests it moves', async () => {
    const draft = scratchDirectory();
    writeFile(draft, DRAFT_FILE, version2027());
    const requests = requestsFile(HALF_YEAR_2027);
    const run = await runCommand(['diff', FIXTURE, draft, '--cases', requests]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`## Rule changes: \`${FIXTURE}\` → \`${draft} laid over ${FIXTURE}\``);
    expect(run.stdout).toContain(
      '#### Version 2027-01-01 — added, in force from 2027-01-01: what it changes against 2023-04-01-fictional, the version before it',
    );
    expect(run.stdout).toContain('_version 2023-04-01-fictional now ends on 2026-12-31_');
    expect(run.stdout).toMatch(/\| `annualAmount` [^|]*\| `8400\.00` \| `9000\.00` \| \+7\.14% \|/);
    expect(run.stdout).toContain(`| nsk 2027-01-01…2027-06-30 (recorded compensation request) | \`${requests}:1\` | compensation 4200.00 → 4500.00 (+7.14%)`);
    expect(run.stdout).not.toContain('2019-01-01 — ');
  });

  it('with one side, laid over --rules; the draft’s own example cases run too', async () => {
    const draft = scratchDirectory();
    writeFile(draft, DRAFT_FILE, version2027());
    writeFile(
      draft,
      'nsk/tests/amendment.yaml',
      `cases:\n  - name: A1 the 2027 half-year cap\n    endpoint: compensation\n    request: ${JSON.stringify(HALF_YEAR_2027)}\n    expect: { compensation: "4500.00" }\n`,
    );
    const run = await runCommand(['diff', draft, '--rules', FIXTURE, '--impact', '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as DiffReport;
    expect(report.impact?.changed).toEqual([
      expect.objectContaining({
        name: 'A1 the 2027 half-year cap',
        where: 'nsk/tests/amendment.yaml:2',
        expectationMet: { old: false, new: true },
        changes: expect.arrayContaining(['compensation 4200.00 → 4500.00 (+7.14%)']),
      }),
    ]);
  });

  it('a draft that does not load names its own file, not the copy it was laid into', async () => {
    const draft = scratchDirectory();
    const file = writeFile(draft, DRAFT_FILE, version2027().replace('operator: equal\n', 'operator: equalz\n'));
    const run = await runCommand(['diff', FIXTURE, draft]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`new side ${draft} does not load:`);
    expect(run.stderr).toContain(`${relative(process.cwd(), file)}:`);
    expect(run.stderr).toContain('unknown operator "equalz"');
    expect(run.stderr).not.toContain('sbsp-rules-diff-');
  });

  it('a programme’s draft folder without programme.yaml is laid over that programme', async () => {
    const draft = scratchDirectory();
    writeFile(draft, DRAFT_FILE, version2027());
    const run = await runCommand(['diff', join(FIXTURE, 'nsk'), join(draft, 'nsk'), '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as DiffReport;
    expect(report.diff.programmes.map((programme) => programme.programme)).toEqual(['nsk']);
    expect(report.diff.programmes[0]?.versions.find((version) => version.version === '2027-01-01')).toMatchObject({
      change: 'added',
      comparedWith: '2023-04-01-fictional',
      effectiveFrom: '2027-01-01',
    });
  });
});

describe('a loose version file (the README’s `diff rules/nsk/versions/2019-01-01.yaml ~/draft/2019-01-01.yaml`)', () => {
  it('of the same name takes the old file’s place: one version changed, and the cases it moves', async () => {
    const loose = writeFile(
      scratchDirectory(),
      '2019-01-01.yaml',
      replace('value: "7085.20"', 'value: "7500.00"')(readFileSync(join(FIXTURE_RULES, NSK_2019), 'utf8')),
    );
    const requests = requestsFile({
      ...HALF_YEAR_2027,
      period: { from: '2019-01-01', to: '2019-06-30' },
      costs: [{ ...HALF_YEAR_2027.costs[0], from: '2019-01-01', to: '2019-06-30' }],
    });
    const run = await runCommand(['diff', join(FIXTURE, NSK_2019), loose, '--cases', requests, '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as DiffReport;
    expect(report.diff.programmes[0]?.versions).toEqual([expect.objectContaining({ version: '2019-01-01', change: 'changed' })]);
    expect(report.diff.programmes[0]?.versions[0]?.parameters).toContainEqual(
      expect.objectContaining({ name: 'annualAmount', old: '7085.20', new: '7500.00' }),
    );
    expect(report.impact?.changed.map((impact) => impact.changes[0])).toEqual(['compensation 3542.60 → 3750.00 (+5.85%)']);
  });

  it('with nothing to say whose version it is, is a located problem', async () => {
    const loose = writeFile(scratchDirectory(), '2019-01-01.yaml', readFileSync(join(FIXTURE_RULES, NSK_2019), 'utf8'));
    const run = await runCommand(['diff', FIXTURE, loose]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('a version file outside <programme>/versions/ is read as a version of the other side');
  });
});
