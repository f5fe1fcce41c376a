import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { loadRuleSet } from '../rules/load-rules.js';
import type { RuleSet } from '../rules/model.js';
import { formatProblem } from '../rules/yaml-file.js';
import { EXIT, printErr, setExitStatus, usageError } from './cli-output.js';

export const DEFAULT_RULES_DIRECTORY = './rules';

/** `--rules <dir>`, which every command that reads rule files takes. */
export function withRulesOption(command: Command): Command {
  return command.option('--rules <dir>', 'the rules directory', DEFAULT_RULES_DIRECTORY);
}

/**
 * The rule set in `directory`, or null after printing every located problem to stderr (exit 1). A directory
 * that does not exist is a usage error (exit 2).
 */
export function loadRulesOrReport(command: Command, directory: string, shown: (file: string) => boolean = () => true): RuleSet | null {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) usageError(command, `rules directory not found: ${directory}`);
  const loaded = loadRuleSet(directory);
  if (loaded.ok) return loaded.ruleSet;
  const problems = loaded.problems.filter((problem) => shown(problem.file));
  if (problems.length > 0) printErr(command, problems.map(formatProblem));
  const elsewhere = loaded.problems.length - problems.length;
  if (elsewhere > 0) printErr(command, `${elsewhere} more problem${elsewhere === 1 ? '' : 's'} in other files of ${directory} keep the rules from loading`);
  setExitStatus(command, EXIT.problems);
  return null;
}
