import { join, relative } from 'node:path';
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
