import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadExampleCases } from '../../src/cases/example-cases.js';
import { createApp } from '../../src/http/app.js';
import { LiveRuleSet, type ReloadOutcome } from '../../src/reload/live-rule-set.js';
import { MAX_YAML_FILE_BYTES } from '../../src/rules/yaml-file.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';

/**
 * What officers and deploy scripts may leave in RULES_DIR, in a temporary copy of the FICTIONAL fixture rules: a reload
 * reads only regular *.yaml files inside the folder, each of bounded size; anything else is a located problem that
 * refuses the change while the last good rules keep serving. (A FIFO, a link to /dev/zero and an unreadable file are
 * tried on the running service, in hostile-rules-folder-service.test.ts: on code that reads them they hang or kill.)
 */

const LAST_VERSION = 'nsk/versions/2023-04-01-fictional.yaml';
const NEW_VERSION = 'nsk/versions/2099-01-01.yaml';
const TWO_GIB = 2 * 1024 * 1024 * 1024;

const folders: string[] = [];
const opened: LiveRuleSet[] = [];
afterEach(() => {
  for (const live of opened.splice(0)) live.close();
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A temporary folder holding `rules` (a copy of the fixture rules) and room beside it. */
function workspace(): { root: string; rules: string } {
  const root = mkdtempSync(join(tmpdir(), 'sbsp-rules-folder-'));
  folders.push(root);
  const rules = join(root, 'rules');
  cpSync(FIXTURE_RULES, rules, { recursive: true });
  return { root, rules };
}

function open(directory: string): LiveRuleSet {
  const loaded = LiveRuleSet.load(directory, { displayRoot: directory });
  if (!loaded.ok) throw new Error('the fixture rules did not load');
  opened.push(loaded.live);
  return loaded.live;
}

function annualAmountOf(live: LiveRuleSet): unknown {
  return live.current().programmes.get('nsk')?.versions.at(-1)?.parameters.get('annualAmount')?.value;
}

function editAmount(file: string, amount: string): void {
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/(annualAmount:\n\s+type: money\n\s+value: )"[\d.]+"/, `$1"${amount}"`);
  if (edited === text) throw new Error(`no annualAmount value in ${file}`);
  writeFileSync(file, edited);
}

/** Waits until the watcher has reported `count` outcomes (or 10 s went by). */
async function outcomesAfter(outcomes: ReloadOutcome[], count: number): Promise<ReloadOutcome[]> {
  for (let waited = 0; waited < 10_000 && outcomes.length < count; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
  return outcomes;
}

/** Waits until the watcher's last outcome satisfies `done`. */
async function settledOn(outcomes: ReloadOutcome[], done: (outcome: ReloadOutcome) => boolean): Promise<ReloadOutcome | undefined> {
  for (let waited = 0; waited < 10_000; waited += 25) {
    const last = outcomes.at(-1);
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return outcomes.at(-1);
}

describe('item 7: files of any size under RULES_DIR', () => {
  it('a 2 GiB sparse version file (truncate -s 2G) is a located problem at 1:1, refused without being read; the last good rules keep serving', () => {
    const { rules } = workspace();
    const live = open(rules);
    const before = live.current();
    writeFileSync(join(rules, NEW_VERSION), '');
    truncateSync(join(rules, NEW_VERSION), TWO_GIB);
    expect(live.reload()).toEqual({
      reloaded: false,
      problems: [{ file: NEW_VERSION, line: 1, column: 1, message: `the file has ${TWO_GIB} bytes; at most ${MAX_YAML_FILE_BYTES} are read` }],
    });
    expect(live.current()).toBe(before);
    expect(live.status()).toMatchObject({ state: 'degraded', generation: 1 });
  });

  it('a 2 GiB file of another name (nsk/recording.bin) is not a rule file: never read, and the reload goes through', () => {
    const { rules } = workspace();
    const live = open(rules);
    writeFileSync(join(rules, 'nsk', 'recording.bin'), '');
    truncateSync(join(rules, 'nsk', 'recording.bin'), TWO_GIB);
    editAmount(join(rules, LAST_VERSION), '8800.00');
    expect(live.reload()).toEqual({ reloaded: true, generation: 2 });
    expect(annualAmountOf(live)).toBe('8800.00');
  });
});

describe('items 8 and 9: only regular files are read; every other kind of *.yaml is a located problem, never a throw', () => {
  it.each([
    ['a folder named like a version file', (path: string) => mkdirSync(path), 'not a regular file (a folder); only regular files are read'],
    ['a symbolic link to itself (ELOOP)', (path: string) => symlinkSync('2099-01-01.yaml', path), 'cannot read: a loop of symbolic links (ELOOP)'],
    [
      'a symbolic link to nothing (a target removed)',
      (path: string) => symlinkSync('gone.yaml', path),
      'cannot read: a symbolic link to nothing, or the file was removed (ENOENT)',
    ],
  ])('%s', (_name, make, message) => {
    const { rules } = workspace();
    const live = open(rules);
    const before = live.current();
    make(join(rules, NEW_VERSION));
    expect(live.reload()).toEqual({ reloaded: false, problems: [{ file: NEW_VERSION, line: 1, column: 1, message }] });
    expect(live.current()).toBe(before);
  });

  it('a programme whose programme.yaml is a symbolic link to nothing is a located problem, not a programme quietly gone', () => {
    const { root, rules } = workspace();
    const live = open(rules);
    renameSync(join(rules, 'nsk', 'programme.yaml'), join(root, 'programme.yaml'));
    symlinkSync('missing.yaml', join(rules, 'nsk', 'programme.yaml'));
    expect(live.reload()).toEqual({
      reloaded: false,
      problems: [{ file: 'nsk/programme.yaml', line: 1, column: 1, message: 'cannot read: a symbolic link to nothing, or the file was removed (ENOENT)' }],
    });
    expect(live.current().programmes.has('nsk')).toBe(true);
  });
});

describe('item 10: symbolic links leading out of the rules folder', () => {
  it('are not followed: a located problem, and neither the problem nor the public /health shows anything of the target', async () => {
    const { root, rules } = workspace();
    const live = open(rules);
    const outside = join(root, 'elsewhere');
    mkdirSync(outside);
    writeFileSync(join(outside, 'tokens.yaml'), 'tokens:\n  - id: officer\n    secret: outside-secret-0123456789\n');
    symlinkSync(join(outside, 'tokens.yaml'), join(rules, NEW_VERSION));

    const outcome = live.reload();
    expect(outcome).toEqual({
      reloaded: false,
      problems: [{ file: NEW_VERSION, line: 1, column: 1, message: 'a symbolic link leading out of the rules folder; it is not followed' }],
    });

    const health = await request(createApp(live)).get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'degraded', rules: { ok: false, problems: 1 } });
    const shown = JSON.stringify(health.body);
    for (const hidden of ['tokens', 'secret', 'outside-secret', outside, root, NEW_VERSION, '2099-01-01.yaml']) expect(shown).not.toContain(hidden);
  });

  it('are not followed for a whole folder either (rules/calendar → a folder outside)', () => {
    const { root, rules } = workspace();
    const live = open(rules);
    renameSync(join(rules, 'calendar'), join(root, 'calendar'));
    symlinkSync(join(root, 'calendar'), join(rules, 'calendar'));
    const outcome = live.reload();
    // Without the calendar, the versions that name it have problems of their own.
    expect(outcome.reloaded ? [] : outcome.problems[0]).toEqual({
      file: 'calendar',
      line: 1,
      column: 1,
      message: 'a symbolic link leading out of the rules folder; it is not followed',
    });
  });

  it('a symbolic link that stays inside the folder is followed (as a ConfigMap mount lays files out)', () => {
    const { rules } = workspace();
    const live = open(rules);
    mkdirSync(join(rules, '..data'));
    renameSync(join(rules, LAST_VERSION), join(rules, '..data', 'last.yaml'));
    editAmount(join(rules, '..data', 'last.yaml'), '8900.00');
    symlinkSync('../../..data/last.yaml', join(rules, LAST_VERSION));
    expect(live.reload()).toEqual({ reloaded: true, generation: 2 });
    expect(annualAmountOf(live)).toBe('8900.00');
  });

  it('are not followed from the example case files either (sbsp-rules test, diff --impact: their problems go into the PR comment)', () => {
    const { root, rules } = workspace();
    mkdirSync(join(rules, 'nsk', 'tests'));
    writeFileSync(join(root, 'runner-secret.txt'), 'npm_token: outside-secret-0123456789\n');
    symlinkSync(join(root, 'runner-secret.txt'), join(rules, 'nsk', 'tests', 'leak.yaml'));
    const loaded = loadExampleCases(rules);
    expect(loaded.problems).toEqual([
      {
        file: expect.stringMatching(/nsk\/tests\/leak\.yaml$/),
        line: 1,
        column: 1,
        message: 'a symbolic link leading out of the rules folder; it is not followed',
      },
    ]);
    expect(JSON.stringify(loaded)).not.toContain('outside-secret');
  });
});

describe('item 11: hot reload after the folder is replaced, or a linked file is removed', () => {
  it('goes on after rm -rf rules && mv rules.new rules, and /health reports a broken file in the new folder', async () => {
    const { root, rules } = workspace();
    const live = open(rules);
    const outcomes: ReloadOutcome[] = [];
    live.watch((outcome) => outcomes.push(outcome), 50);

    cpSync(rules, join(root, 'rules.new'), { recursive: true });
    editAmount(join(root, 'rules.new', LAST_VERSION), '9100.00');
    rmSync(rules, { recursive: true });
    renameSync(join(root, 'rules.new'), rules);
    expect(await settledOn(outcomes, (outcome) => outcome.reloaded)).toMatchObject({ reloaded: true });
    expect(annualAmountOf(live)).toBe('9100.00');

    const seen = outcomes.length;
    writeFileSync(join(rules, LAST_VERSION), `${readFileSync(join(rules, LAST_VERSION), 'utf8')}\n  - this is not yaml: [`);
    await outcomesAfter(outcomes, seen + 1);
    expect(await settledOn(outcomes, (outcome) => !outcome.reloaded)).toMatchObject({ reloaded: false });
    expect(annualAmountOf(live)).toBe('9100.00');
    const health = await request(createApp(live)).get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'degraded', rules: { ok: false, problems: 1 } });
  });

  it('goes on when RULES_DIR is a symbolic link switched to another release (ln -sfn)', async () => {
    const { root } = workspace();
    const release = (name: string, amount: string): string => {
      const folder = join(root, 'releases', name);
      cpSync(FIXTURE_RULES, folder, { recursive: true });
      editAmount(join(folder, LAST_VERSION), amount);
      return folder;
    };
    symlinkSync(release('1', '8500.00'), join(root, 'current'));
    const live = open(join(root, 'current'));
    const outcomes: ReloadOutcome[] = [];
    live.watch((outcome) => outcomes.push(outcome), 50);

    symlinkSync(release('2', '9200.00'), join(root, 'current.next'));
    renameSync(join(root, 'current.next'), join(root, 'current'));
    expect(await settledOn(outcomes, (outcome) => outcome.reloaded)).toMatchObject({ reloaded: true });
    expect(annualAmountOf(live)).toBe('9200.00');

    // A change inside the release the link points at now is picked up too: that folder is the one watched.
    const seen = outcomes.length;
    editAmount(join(root, 'releases', '2', LAST_VERSION), '9300.00');
    expect(await settledOn(outcomes, (outcome) => outcome.reloaded && outcomes.length > seen)).toMatchObject({ reloaded: true });
    expect(annualAmountOf(live)).toBe('9300.00');
  });

  it('a version file linked to a file in the folder whose target is removed: the change is refused and /health is not ok', async () => {
    const { rules } = workspace();
    mkdirSync(join(rules, 'shared'));
    renameSync(join(rules, LAST_VERSION), join(rules, 'shared', 'last.yaml'));
    symlinkSync('../../shared/last.yaml', join(rules, LAST_VERSION));
    const live = open(rules);
    const outcomes: ReloadOutcome[] = [];
    live.watch((outcome) => outcomes.push(outcome), 50);

    rmSync(join(rules, 'shared', 'last.yaml'));
    expect(await settledOn(outcomes, (outcome) => !outcome.reloaded)).toEqual({
      reloaded: false,
      problems: [{ file: LAST_VERSION, line: 1, column: 1, message: 'cannot read: a symbolic link to nothing, or the file was removed (ENOENT)' }],
    });
    const health = await request(createApp(live)).get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'degraded' });
  });
});
