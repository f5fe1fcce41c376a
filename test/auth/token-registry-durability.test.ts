import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenRegistryFile } from '../../src/auth/token-registry-file.js';
import { tokensFromEnvironment } from '../../src/auth/tokens-from-environment.js';
import { formatProblem } from '../../src/rules/yaml-file.js';

/**
 * A token added or revoked must survive a power cut before `sbsp-rules tokens add` says it is done: lowdb replaces
 * the document by a rename, so the new document and then its folder (which holds the rename) are fsynced. A kill -9
 * keeps the page cache, so no crash test can see a missing fsync; this one records the fsyncs instead, with
 * `node:fs` wrapped for the registry module: which path each synced descriptor was opened for, and what the
 * document held at that moment.
 */

type Synced = { path: string; text: string | null };
const synced: Synced[] = [];
/** Descriptors the registry module opened and has not closed yet (its own, not the worker's other threads'). */
const stillOpen = new Set<number>();

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const opened = new Map<number, string>();
  const openSync = ((path: string, ...rest: unknown[]) => {
    const descriptor = (fs.openSync as (...args: unknown[]) => number)(path, ...rest);
    opened.set(descriptor, String(path));
    stillOpen.add(descriptor);
    return descriptor;
  }) as typeof fs.openSync;
  const closeSync = (descriptor: number): void => {
    fs.closeSync(descriptor);
    stillOpen.delete(descriptor);
  };
  const fsyncSync = (descriptor: number): void => {
    const path = opened.get(descriptor) ?? `descriptor ${descriptor}`;
    let text: string | null = null;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch {
      text = null; // a folder
    }
    synced.push({ path, text });
    fs.fsyncSync(descriptor);
  };
  const wrapped = { ...fs, openSync, closeSync, fsyncSync };
  return { ...wrapped, default: wrapped };
});

const NOW = new Date('2026-11-27T10:15:03Z');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function registryFile(): TokenRegistryFile {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-token-durability-'));
  folders.push(folder);
  return new TokenRegistryFile(join(folder, 'data', 'tokens.json'));
}

beforeEach(() => {
  synced.length = 0;
});

describe('a change to the token registry', () => {
  it('add: the new document is fsynced, then its folder, before add() returns', () => {
    const registry = registryFile();
    const outcome = registry.add({ id: 'riga-cw-01', role: 'caseworker', municipality: 'riga' }, NOW);
    expect(outcome.ok).toBe(true);
    const document = readFileSync(registry.path, 'utf8');
    expect(synced).toEqual([
      { path: registry.path, text: document },
      { path: dirname(registry.path), text: null },
    ]);
    expect(document).toContain('"riga-cw-01"');
  });

  it('revoke: the document that says revoked is the one fsynced, then its folder', () => {
    const registry = registryFile();
    registry.add({ id: 'riga-cw-01', role: 'caseworker', municipality: 'riga' }, NOW);
    synced.length = 0;
    expect(registry.revoke('riga-cw-01', NOW).ok).toBe(true);
    expect(synced.map(({ path }) => path)).toEqual([registry.path, dirname(registry.path)]);
    expect(JSON.parse(synced[0]?.text ?? '{}').tokens[0].revoked).toBe('2026-11-27T10:15:03Z');
  });

  it('closes every descriptor it opened to sync: no descriptor is left open by a change', () => {
    const registry = registryFile();
    registry.add({ id: 'first', role: 'caseworker', municipality: 'riga' }, NOW);
    for (const id of ['a', 'b', 'c', 'd']) registry.add({ id, role: 'caseworker', municipality: 'riga' }, NOW);
    registry.revoke('a', NOW);
    expect(synced).toHaveLength(2 * 6);
    expect([...stillOpen]).toEqual([]);
  });

  it('a change refused, or one that changes nothing, writes and syncs nothing', () => {
    const registry = registryFile();
    registry.add({ id: 'riga-cw-01', role: 'caseworker', municipality: 'riga' }, NOW);
    registry.revoke('riga-cw-01', NOW);
    synced.length = 0;
    expect(registry.add({ id: 'riga-cw-01', role: 'officer', municipality: 'riga' }, NOW).ok).toBe(false);
    expect(registry.revoke('no-such-token', NOW).ok).toBe(false);
    expect(registry.revoke('riga-cw-01', NOW)).toMatchObject({ ok: true, already: true });
    expect(synced).toEqual([]);
  });
});

describe('a TOKENS_DB that cannot be read', () => {
  it('a folder where the file should be: one problem at 1:1, "cannot read", and the service does not start', () => {
    const registry = registryFile();
    mkdirSync(registry.path, { recursive: true });
    const read = registry.read();
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ file: registry.path, line: 1, column: 1 });
    expect(read.problems[0]?.message).toMatch(/^cannot read: .*EISDIR/);
    const configured = tokensFromEnvironment({ TOKENS_DB: registry.path });
    expect(configured.ok).toBe(false);
    if (!configured.ok) expect(configured.problems.map(formatProblem).join('\n')).toContain('cannot read: ');
  });

  it('a file where its folder should be: adding a token is refused with the reason, and nothing is synced', () => {
    const registry = registryFile();
    writeFileSync(dirname(registry.path), 'not a folder\n'); // data/ is a file: data/tokens.json can be neither read nor made
    const outcome = registry.add({ id: 'riga-cw-01', role: 'caseworker', municipality: 'riga' }, NOW);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems.join('\n')).toMatch(/cannot read: .*ENOTDIR/);
    expect(synced).toEqual([]);
    expect(readFileSync(dirname(registry.path), 'utf8')).toBe('not a folder\n');
  });
});
