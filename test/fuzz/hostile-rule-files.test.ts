import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_RULES } from '../support/rule-sets.js';
import { applyLineMutation, lineMutationArbitrary } from './rule-file-mutations.js';

const RUNS = 1_000;
/** Generous on a loaded two-core machine: a load takes milliseconds; one that takes this long is a hang. */
const TIME_BOX_MILLISECONDS = 10_000;
const LOCATED = /^(.+):(\d+):(\d+): (\S.*)$/;
const DATA_FOLDERS = ['calendar', 'emergencies'];

interface VersionFile {
  programme: string;
  folder: string;
  file: string;
  text: string;
  siblings: Array<{ file: string; text: string }>;
}

const root = mkdtempSync(join(tmpdir(), 'sbsp-rule-fuzz-'));
/** One folder per programme — the programme, its versions and the data files they name — so a load reads one programme. */
const VERSION_FILES: VersionFile[] = readdirSync(BUNDLED_RULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !DATA_FOLDERS.includes(entry.name))
  .flatMap((entry) => {
    const folder = join(root, entry.name);
    mkdirSync(join(folder, entry.name), { recursive: true });
    cpSync(join(BUNDLED_RULES, entry.name, 'programme.yaml'), join(folder, entry.name, 'programme.yaml'));
    cpSync(join(BUNDLED_RULES, entry.name, 'versions'), join(folder, entry.name, 'versions'), { recursive: true });
    const files = readdirSync(join(folder, entry.name, 'versions')).map((name) => ({
      file: `${entry.name}/versions/${name}`,
      text: readFileSync(join(folder, entry.name, 'versions', name), 'utf8'),
    }));
    // Only the data files the versions name (a calendar costs tens of milliseconds to load, a thousand times over).
    for (const data of DATA_FOLDERS)
      if (files.some((file) => file.text.includes(`${data}:`))) cpSync(join(BUNDLED_RULES, data), join(folder, data), { recursive: true });
    return files.map((file) => ({ programme: entry.name, folder, ...file, siblings: files }));
  });

let loader: ChildProcess;
let pending: { index: number; resolve: (outcome: LoadOutcome) => void } | null = null;
type LoadOutcome = { ok: boolean; problems: string[] } | { threw: string } | { timedOut: true };

function startLoader(): Promise<void> {
  loader = fork(fileURLToPath(new URL('./rule-file-loader.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  loader.on('message', (message: { index?: number } & Record<string, unknown>) => {
    if (pending && message.index === pending.index) {
      const { resolve } = pending;
      pending = null;
      resolve(message as unknown as LoadOutcome);
    }
  });
  return new Promise((resolve) => loader.once('message', () => resolve()));
}

let sent = 0;
async function load(version: VersionFile, text: string): Promise<LoadOutcome> {
  sent += 1;
  const index = sent;
  const writes = version.siblings.map((sibling) => (sibling.file === version.file ? { file: sibling.file, text } : sibling));
  const outcome = await new Promise<LoadOutcome>((resolve) => {
    pending = { index, resolve };
    loader.send({ index, folder: version.folder, writes });
    setTimeout(() => pending?.index === index && resolve({ timedOut: true }), TIME_BOX_MILLISECONDS);
  });
  if ('timedOut' in outcome) {
    pending = null;
    loader.kill('SIGKILL');
    await startLoader();
  }
  return outcome;
}

beforeAll(startLoader, 30_000);
afterAll(() => {
  loader.kill();
  rmSync(root, { recursive: true, force: true });
});

describe('hostile rule files', () => {
  it(`${RUNS} mutated bundled version files: each rejected with located file:line:column messages or accepted, never a throw or a hang`, async () => {
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VERSION_FILES), fc.array(lineMutationArbitrary, { minLength: 1, maxLength: 3 }), async (version, mutations) => {
        const text = mutations.reduce(applyLineMutation, version.text);
        const outcome = await load(version, text);
        expect('timedOut' in outcome, `${version.file} took over ${TIME_BOX_MILLISECONDS} ms`).toBe(false);
        expect('threw' in outcome ? outcome.threw : null).toBeNull();
        if (!('ok' in outcome)) return;
        if (outcome.ok) accepted += 1;
        else {
          rejected += 1;
          expect(outcome.problems.length).toBeGreaterThan(0);
          for (const problem of outcome.problems) {
            const located = LOCATED.exec(problem);
            expect(located, problem).not.toBeNull();
            expect(Number(located?.[2])).toBeGreaterThanOrEqual(1);
            expect(Number(located?.[3])).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: RUNS, seed: 11, endOnFailure: true },
    );
    expect(accepted + rejected).toBe(RUNS);
    // Both outcomes occur: some edits are harmless (a comment, a blank line), most are caught.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(RUNS / 2);
    console.info(`hostile rule files: ${accepted} accepted, ${rejected} rejected with located messages`);
  }, 240_000);
});
