import { cpSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiffReport, VersionDiff } from '../../src/diff/diff-report.js';
import { runCommand } from '../cli/run-cli.js';
import { BUNDLED_RULES } from '../support/rule-sets.js';
import { addedVersion, programmeFolders, versionPath, versionsOf, writeFile } from './draft-versions.js';
import { removeCopies, scratchDirectory } from './fictional-edits.js';

afterAll(removeCopies);

/**
 * `diff` for every programme folder of the bundled rules, read where it is, copied out of the repository, and as a
 * draft that holds only a new version. The drafts are FICTIONAL (draft-versions.ts); nothing here asserts a figure.
 */
const PROGRAMMES = programmeFolders(BUNDLED_RULES);
const RULES = relative(process.cwd(), BUNDLED_RULES);

function report(run: { code: number; stdout: string; stderr: string }): DiffReport {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as DiffReport;
}

function versionIn(result: DiffReport, programme: string, version: string): VersionDiff | undefined {
  return result.diff.programmes.find((candidate) => candidate.programme === programme)?.versions.find((candidate) => candidate.version === version);
}

it('the bundled rules hold the programme folders issue 13 names', () => {
  expect(PROGRAMMES).toEqual(expect.arrayContaining(['di', 'ibm', 'nsk', 'sbsp-4351', 'vsac-admission']));
});

describe.each(PROGRAMMES)('programme %s', (programme) => {
  const folder = join(RULES, programme);

  it('its folder against itself: no differences, exit 0', async () => {
    const run = await runCommand(['diff', folder, folder]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No differences in meaning between the two sides.');
  });

  it('each version file against itself: no differences, exit 0', async () => {
    for (const version of versionsOf(BUNDLED_RULES, programme)) {
      const file = relative(process.cwd(), versionPath(version));
      const run = await runCommand(['diff', file, file]);
      expect(run.stderr, file).toBe('');
      expect(run.code, file).toBe(0);
      expect(run.stdout, file).toContain('No differences in meaning between the two sides.');
    }
  });

  it('a draft folder outside the repository holding only a new version: laid over the rules, shown against the version before it, with its impact', async () => {
    const added = addedVersion(BUNDLED_RULES, programme);
    const draft = scratchDirectory();
    writeFile(draft, added.file, added.text);

    const result = report(await runCommand(['diff', RULES, draft, '--impact', '--format', 'json']));
    expect(result.diff.new).toContain(draft);
    const version = versionIn(result, programme, added.id);
    expect(version).toMatchObject({ change: 'added', comparedWith: added.previous });
    expect(version?.parameters).toContainEqual(expect.objectContaining({ name: added.parameter.name, old: added.parameter.old, new: added.parameter.new }));
    expect(result.diff.programmes.filter((other) => other.programme !== programme).every((other) => other.change === 'unchanged')).toBe(true);
    expect(result.impact?.problems).toEqual([]);
    if (existsSync(join(BUNDLED_RULES, programme, 'tests'))) expect(result.impact?.ran).toBeGreaterThan(0);

    const markdown = await runCommand(['diff', RULES, draft]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain(
      `#### Version ${added.id} — added, in force from ${added.from}: what it changes against ${added.previous}, the version before it`,
    );
  });

  it('with one side, the draft is laid over --rules', async () => {
    const added = addedVersion(BUNDLED_RULES, programme);
    const draft = scratchDirectory();
    writeFile(draft, added.file, added.text);
    const result = report(await runCommand(['diff', draft, '--rules', RULES, '--format', 'json']));
    expect(versionIn(result, programme, added.id)).toMatchObject({ change: 'added', comparedWith: added.previous });
  });

  it('a loose version file is read as a version of the other side’s programme', async () => {
    const added = addedVersion(BUNDLED_RULES, programme);
    const loose = writeFile(scratchDirectory(), `${added.id}.yaml`, added.text);
    const previous = versionsOf(BUNDLED_RULES, programme).at(-1);
    const result = report(
      await runCommand(['diff', relative(process.cwd(), versionPath(previous as NonNullable<typeof previous>)), loose, '--format', 'json']),
    );
    expect(result.diff.programmes.map((other) => other.programme)).toEqual([programme]);
    expect(versionIn(result, programme, added.id)).toMatchObject({ change: 'added', comparedWith: added.previous });
  });

  it('its folder copied out of the repository alone, with a new version', async () => {
    const added = addedVersion(BUNDLED_RULES, programme);
    const elsewhere = join(scratchDirectory(), programme);
    cpSync(join(BUNDLED_RULES, programme), elsewhere, { recursive: true });
    writeFile(elsewhere, added.file.slice(programme.length + 1), added.text);
    const result = report(await runCommand(['diff', folder, elsewhere, '--format', 'json']));
    expect(result.diff.programmes.map((other) => other.programme)).toEqual([programme]);
    expect(versionIn(result, programme, added.id)).toMatchObject({ change: 'added', comparedWith: added.previous });
  });
});

describe('a full copy of the rules elsewhere', () => {
  it('stands on its own: a version it no longer has is shown removed', async () => {
    const copy = join(scratchDirectory(), 'rules');
    cpSync(BUNDLED_RULES, copy, { recursive: true });
    const added = addedVersion(BUNDLED_RULES, PROGRAMMES[0] as string);
    writeFile(copy, added.file, added.text);
    const result = report(await runCommand(['diff', RULES, copy, '--format', 'json']));
    expect(versionIn(result, added.programme, added.id)?.change).toBe('added');
    const back = report(await runCommand(['diff', copy, RULES, '--format', 'json']));
    expect(versionIn(back, added.programme, added.id)?.change).toBe('removed');
  });
});
