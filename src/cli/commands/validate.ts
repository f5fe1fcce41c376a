import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { loadExampleCases } from '../../cases/example-cases.js';
import { formatFinding } from '../../check/finding.js';
import { staticChecks } from '../../check/static-checks.js';
import { formatProblem } from '../../rules/yaml-file.js';
import { EXIT, printErr, printOut, setExitStatus, usageError } from '../cli-output.js';
import { loadRulesOrReport, withRulesOption } from '../rules-option.js';

interface ValidateOptions {
  rules: string;
  strict?: boolean;
}

const SEVERITIES = `
What it reports (file:line:column: message, on stderr):
  errors (exit 1)
    - everything start-up checks: YAML, schemas, names that do not resolve, types, overlapping versions,
      citations that name none of the version's sources; and example case files that are not valid
    - a condition that can never hold (age < 4 and age >= 18 in one all; equal to two values; in-lists
      that share nothing; in: []), and each rule that then never holds
    - a citation that names its source and nothing else (no section or paragraph)
  warnings (exit 0; exit 1 with --strict)
    - days between one version's effectiveTo and the next version's effectiveFrom
    - a parameter no condition or compensation setting uses; a named condition no rule uses
    - a declared or derived fact no condition of any version reads
    - a version no example case asks about (a date or period in its days, expecting an answer)`;

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Whether `file` (as problems name it, relative to the working directory) is one of `paths` or inside one. */
function within(paths: readonly string[], file: string): boolean {
  if (paths.length === 0) return true;
  const absolute = resolve(file);
  return paths.some((path) => absolute === resolve(path) || absolute.startsWith(resolve(path) + sep));
}

export function registerValidate(program: Command): void {
  withRulesOption(program.command('validate'))
    .description('check the rule files as start-up does, then run the static checks')
    .argument('[paths...]', 'report only on these files or folders (the whole rule set is always loaded)')
    .option('--strict', 'warnings count as problems (exit 1)')
    .addHelpText('after', SEVERITIES)
    .action((paths: string[], options: ValidateOptions, command: Command) => {
      const missing = paths.filter((path) => !existsSync(path));
      if (missing.length > 0) usageError(command, `no such file or folder: ${missing.join(', ')}`);
      const shown = (file: string): boolean => within(paths, file);
      const ruleSet = loadRulesOrReport(command, options.rules, shown);
      if (!ruleSet) return;

      const { cases, problems } = loadExampleCases(options.rules);
      const caseProblems = problems.filter((problem) => shown(problem.file));
      const findings = staticChecks(ruleSet, cases).filter((finding) => shown(finding.file));
      const errors = caseProblems.length + findings.filter((finding) => finding.severity === 'error').length;
      const warnings = findings.filter((finding) => finding.severity === 'warning').length;
      const report = [...caseProblems.map(formatProblem), ...findings.map(formatFinding)];
      if (report.length > 0) printErr(command, report);

      const versions = [...ruleSet.programmes.values()].reduce((count, programme) => count + programme.versions.length, 0);
      printOut(
        command,
        `${options.rules}: ${counted(ruleSet.programmes.size, 'programme')}, ${counted(versions, 'version')}, ${counted(cases.length, 'example case')} — ${counted(errors, 'error')}, ${counted(warnings, 'warning')}`,
      );
      if (errors > 0 || (options.strict && warnings > 0)) setExitStatus(command, EXIT.problems);
    });
}
