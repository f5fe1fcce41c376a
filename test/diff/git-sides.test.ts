import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, isSeq, isMap } from 'yaml';
import type { DiffReport } from '../../src/diff/diff-report.js';
import { sidesScope } from '../../src/diff/load-side.js';
import { loadSideSpecs } from '../../src/diff/resolve-side.js';
import { diffRuleSets } from '../../src/diff/rule-set-diff.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { runCommand } from '../cli/run-cli.js';
import { BUNDLED_RULES, FIXTURE_RULES } from '../support/rule-sets.js';
import { addedVersion, programmeFolders, type AddedVersion, writeFile } from './draft-versions.js';
import { editedCopy, git, removeCopies, replace, repositoryWithRules, scratchDirectory } from './fictional-edits.js';

afterAll(removeCopies);

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const PROGRAMMES = programmeFolders(BUNDLED_RULES);

function sbspRules(cwd: string, args: readonly string[]): DiffReport {
  const result = spawnSync(process.execPath, [join(REPOSITORY, 'bin', 'sbsp-rules.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as DiffReport;
}

/** FICTIONAL: the last emergency period ends ten days later. */
function longerLastEmergency(text: string): { text: string; from: string; oldTo: string; newTo: string } {
  const document = parseDocument(text);
  const periods = document.get('periods');
  if (!isSeq(periods)) throw new Error('no periods');
  const last = periods.items.at(-1);
  if (!isMap(last)) throw new Error('no period');
  const oldTo = String(last.get('to'));
  const date = new Date(`${oldTo}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 10);
  const newTo = date.toISOString().slice(0, 10);
  last.set('to', newTo);
  return { text: document.toString(), from: String(last.get('from')), oldTo, newTo };
}

describe('every programme at a git ref, in a temporary repository', () => {
  let repository = '';
  const added = new Map<string, AddedVersion>();
  let emergency: ReturnType<typeof longerLastEmergency> | null = null;

  beforeAll(() => {
    repository = repositoryWithRules(BUNDLED_RULES);
    // FICTIONAL edits in the working tree: a new version of every programme, a longer last state of emergency.
    for (const programme of PROGRAMMES) {
      const version = addedVersion(BUNDLED_RULES, programme);
      added.set(programme, version);
      writeFile(join(repository, 'rules'), version.file, version.text);
    }
    const emergencies = join(repository, 'rules', 'emergencies', 'latvia.yaml');
    emergency = longerLastEmergency(readFileSync(emergencies, 'utf8'));
    writeFileSync(emergencies, emergency.text);
  });

  it('--base HEAD --impact: every programme’s new version against the one before it, and the emergencies file in words', () => {
    const result = sbspRules(repository, ['diff', '--base', 'HEAD', '--impact', '--format', 'json']);
    for (const [programme, version] of added) {
      const diff = result.diff.programmes
        .find((candidate) => candidate.programme === programme)
        ?.versions.find((candidate) => candidate.version === version.id);
      expect(diff, programme).toMatchObject({ change: 'added', comparedWith: version.previous });
    }
    const file = result.diff.data?.find((candidate) => candidate.file === 'emergencies/latvia.yaml');
    expect(file?.change).toBe('changed');
    expect(file?.details).toContainEqual(expect.stringContaining(`ends ${emergency?.oldTo} → ${emergency?.newTo} (10 days later)`));
    expect(result.impact?.ran).toBeGreaterThan(0);
    expect(result.impact?.problems).toEqual([]);
  });

  it('HEAD:rules/<programme> against the working tree’s folder, on the command line', () => {
    const programme = 'ibm';
    const result = sbspRules(repository, ['diff', `HEAD:rules/${programme}`, `rules/${programme}`, '--impact', '--format', 'json']);
    expect(result.diff.programmes.map((candidate) => candidate.programme)).toEqual([programme]);
    const version = added.get(programme) as AddedVersion;
    expect(result.diff.programmes[0]?.versions.find((candidate) => candidate.version === version.id)).toMatchObject({
      change: 'added',
      comparedWith: version.previous,
    });
    expect(result.impact?.ran).toBeGreaterThan(0);
  });

  it.each(PROGRAMMES)('%s: its folder and its last version file at HEAD (git archive) against the working tree', (programme) => {
    const version = added.get(programme) as AddedVersion;
    const sides = [
      { old: `rules/${programme}`, new: `rules/${programme}` },
      { old: `rules/${programme}/versions/${version.previous}.yaml`, new: `rules/${version.file}` },
    ];
    for (const paths of sides) {
      const work = scratchDirectory();
      const specs = {
        old: { kind: 'git' as const, ref: 'HEAD', path: paths.old, label: `HEAD:${paths.old}`, topLevel: repository },
        new: { kind: 'path' as const, path: join(repository, paths.new), label: paths.new },
      };
      const loads = loadSideSpecs(specs, join(repository, 'rules'), work, repository);
      if (!loads.old.ok || !loads.new.ok)
        throw new Error([...(loads.old.ok ? [] : loads.old.problems), ...(loads.new.ok ? [] : loads.new.problems)].map(formatProblem).join('\n'));
      const diff = diffRuleSets(loads.old.side.ruleSet, loads.new.side.ruleSet, { old: 'old', new: 'new' }, sidesScope(loads.old.side, loads.new.side));
      expect(
        diff.programmes.map((candidate) => candidate.programme),
        paths.old,
      ).toEqual([programme]);
      expect(
        diff.programmes[0]?.versions.find((candidate) => candidate.version === version.id),
        paths.old,
      ).toMatchObject({ change: 'added', comparedWith: version.previous });
    }
  });
});

describe('--base compares two whole rule sets', () => {
  it('a programme the working tree no longer has is shown removed, not laid over', async () => {
    const copy = editedCopy(FIXTURE_RULES);
    cpSync(join(copy, 'nsk'), join(copy, 'nsk2'), { recursive: true });
    writeFileSync(join(copy, 'nsk2', 'programme.yaml'), replace('id: nsk', 'id: nsk2')(readFileSync(join(copy, 'nsk2', 'programme.yaml'), 'utf8')));
    const repository = join(copy, '..');
    git(repository, 'init', '-q');
    git(repository, 'add', 'rules');
    git(repository, 'commit', '-q', '-m', 'two programmes');
    rmSync(join(copy, 'nsk2'), { recursive: true });
    const run = await runCommand(['diff', '--base', 'HEAD', '--rules', copy, '--format', 'json']);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as DiffReport;
    expect(result.diff.programmes.map((programme) => [programme.programme, programme.change])).toEqual([
      ['nsk', 'unchanged'],
      ['nsk2', 'removed'],
    ]);
  });
});
