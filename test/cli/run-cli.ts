import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { buildProgram, runProgram } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sbsp-rules <args>` in this process, as the launcher would, with stdout and stderr captured. */
export async function runCommand(args: readonly string[]): Promise<CliRun> {
  const run = { stdout: '', stderr: '' };
  const program = buildProgram({
    writeOut: (text) => {
      run.stdout += text;
    },
    writeErr: (text) => {
      run.stderr += text;
    },
  });
  const code = await runProgram(program, args);
  return { code, ...run };
}

/** A copy of a rules folder in a temp directory, with some files edited or added (path → new text or edit). */
export function rulesCopy(from: string, edits: Record<string, string | ((text: string) => string)> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-cli-'));
  cpSync(from, directory, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(directory, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof edit === 'string' ? edit : edit(readFileSync(path, 'utf8')));
  }
  return directory;
}

/** How the CLI names a file of a copied rules folder: relative to the working directory. */
export function shownPath(directory: string, file: string): string {
  return relative(process.cwd(), join(directory, file));
}

/** The 1-based line of the `occurrence`-th line of `text` containing `needle`. */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const index = text.split('\n').findIndex((line) => line.includes(needle) && ++seen === occurrence);
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}
