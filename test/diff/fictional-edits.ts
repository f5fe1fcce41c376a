import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A text edit of one rule file; it must find what it replaces, so a changed fixture fails the test loudly. */
export type Edit = (text: string) => string;

export function replace(from: string | RegExp, to: string): Edit {
  return (text) => {
    const found = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, `${from.flags.replace('g', '')}g`)) ?? []).length;
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
