import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { packagePath } from '../package-directory.js';
import { type CliOutput, EXIT, exitStatusOf, PROCESS_OUTPUT } from './cli-output.js';
import { registerBatch } from './commands/batch.js';
import { registerDecisions } from './commands/decisions.js';
import { registerDiff } from './commands/diff.js';
import { registerEval } from './commands/eval.js';
import { registerNewVersion } from './commands/new-version.js';
import { registerTest } from './commands/test.js';
import { registerTokens } from './commands/tokens.js';
import { registerValidate } from './commands/validate.js';

const EXIT_CODES = `
Exit codes: 0 all is well; 1 problems found or cases failed; 2 the command was not used as it must be.
Answers go to stdout, problems to stderr.`;

/** The version in package.json: the one `npm ci` installed and the one a bug report should name. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

/** The sbsp-rules program: one command a file in ./commands, each adding itself with register<Name>(program). */
export function buildProgram(output: CliOutput = PROCESS_OUTPUT): Command {
  // Output and exit handling first: subcommands copy them from the program when they are added.
  const program = new Command('sbsp-rules')
    .description('Tools for policy officers and reviewers of the SBSP rule files')
    .configureOutput(output)
    .exitOverride()
    .version(packageVersion(), '-V, --version', 'print the version of sbsp-rules')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES);
  registerValidate(program);
  registerTest(program);
  registerEval(program);
  registerDiff(program);
  registerNewVersion(program);
  registerBatch(program);
  registerDecisions(program);
  registerTokens(program);
  return program;
}

/**
 * Parses `argv` (without node and script) with `program` and returns the exit code; tests call it with a
 * program whose output they capture.
 */
export async function runProgram(program: Command, argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // Commander stops on --help (0) and on its own usage errors (1), which are usage errors here.
    if (error instanceof CommanderError) return error.exitCode === EXIT.ok ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return exitStatusOf(program);
}

export function runCli(argv: readonly string[], output: CliOutput = PROCESS_OUTPUT): Promise<number> {
  return runProgram(buildProgram(output), argv);
}
