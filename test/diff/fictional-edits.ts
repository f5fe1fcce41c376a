import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A text edit of one rule file; it must find what it replaces, so a changed fixture fails the test loudly. */
export type Edit = (text: string) => string;

export function replace(from: string | RegExp, to: string): Edit {
  return (text) => {
    const found =
      typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, `${from.flags.replace('g', '')}g`)) ?? []).length;
    if (found !== 1) throw new Error(`edit: expected exactly one ${String(from)}, found ${found}`);
    return text.replace(from, to);
  };
}

export function inOrder(...edits: Edit[]): Edit {
  return (text) => edits.reduce((edited, edit) => edit(edited), text);
}

const copies: string[] = [];

/** A copy of a rules folder in a temp folder, with FICTIONAL edits to some of its files (paths relative to it). */
export function editedCopy(rulesDirectory: string, edits: Record<string, Edit> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'sbsp-diff-test-'));
  copies.push(root);
  const copy = join(root, 'rules');
  cpSync(rulesDirectory, copy, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) writeFileSync(join(copy, file), edit(readFileSync(join(copy, file), 'utf8')));
  return copy;
}

/** An empty temp folder, removed with the copies. */
export function scratchDirectory(): string {
  const root = mkdtempSync(join(tmpdir(), 'sbsp-diff-test-'));
  copies.push(root);
  return root;
}

export function removeCopies(): void {
  for (const root of copies.splice(0)) rmSync(root, { recursive: true, force: true });
}

export const NSK_2019 = 'nsk/versions/2019-01-01.yaml';

/** A git environment of the tests' own: no outer GIT_DIR, no signing, a fixed author. */
export function git(cwd: string, ...args: string[]): void {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
  const result = spawnSync(
    'git',
    ['-c', 'user.name=Rules test', '-c', 'user.email=rules-test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args],
    { cwd, env, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/** A scratch git repository whose first commit holds a copy of `rulesDirectory` as rules/. */
export function repositoryWithRules(rulesDirectory: string): string {
  const repository = scratchDirectory();
  cpSync(rulesDirectory, join(repository, 'rules'), { recursive: true });
  git(repository, 'init', '-q');
  git(repository, 'add', 'rules');
  git(repository, 'commit', '-q', '-m', 'bundled rules');
  return repository;
}
