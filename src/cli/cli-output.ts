import type { Command } from 'commander';

/** 0: all is well; 1: problems found or cases failed; 2: the command was not used as it must be. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** Where a command writes: the answer to stdout, problems to stderr. Tests pass their own. */
export interface CliOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

export const PROCESS_OUTPUT: CliOutput = {
  writeOut: (text) => void process.stdout.write(text),
  writeErr: (text) => void process.stderr.write(text),
};

const statuses = new WeakMap<Command, ExitStatus>();

function rootOf(command: Command): Command {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
}

function outputOf(command: Command): CliOutput {
  const configured = rootOf(command).configureOutput();
  return {
    writeOut: configured.writeOut ?? PROCESS_OUTPUT.writeOut,
    writeErr: configured.writeErr ?? PROCESS_OUTPUT.writeErr,
  };
}

export function printOut(command: Command, lines: string | readonly string[]): void {
  const text = typeof lines === 'string' ? lines : lines.join('\n');
  outputOf(command).writeOut(`${text}\n`);
}

export function printErr(command: Command, lines: string | readonly string[]): void {
  const text = typeof lines === 'string' ? lines : lines.join('\n');
  outputOf(command).writeErr(`${text}\n`);
}

/** Records the outcome of a command; the worst one reported wins. */
export function setExitStatus(command: Command, status: ExitStatus): void {
  const root = rootOf(command);
  statuses.set(root, Math.max(statuses.get(root) ?? EXIT.ok, status) as ExitStatus);
}

export function exitStatusOf(program: Command): ExitStatus {
  return statuses.get(program) ?? EXIT.ok;
}

/** Stops the command with a message on stderr and exit status 2. */
export function usageError(command: Command, message: string): never {
  return command.error(`error: ${message}`, { exitCode: EXIT.usage, code: 'sbsp-rules.usage' });
}

/** Rows as a plain-text table: each column as wide as its widest cell, two spaces between, no trailing blanks. */
export function columns(table: readonly (readonly string[])[]): string[] {
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => row[column]?.length ?? 0))) ?? [];
  return table.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
