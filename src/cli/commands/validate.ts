import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { loadExampleCases } from '../../cases/example-cases.js';
import { formatFinding, type Finding } from '../../check/finding.js';
import { staticChecks } from '../../check/static-checks.js';
import { loadRuleSet } from '../../rules/load-rules.js';
import type { RuleFileProblem, RuleSet } from '../../rules/model.js';
import { formatProblem } from '../../rules/yaml-file.js';
import { EXIT, printErr, printOut, setExitStatus, usageError } from '../cli-output.js';
import { loadRulesOrReport, withRulesOption } from '../rules-option.js';

interface ValidateOptions {
  rules: string;
  strict?: boolean;
  json?: boolean;
}

/** What `validate --json` prints: the same errors and findings as the text, as data. */
interface ValidationReport {
  /** No errors (and, with --strict, no warnings): exit 0. */
  ok: boolean;
  /** What keeps the rules from loading, and example case files that are not valid. */
  errors: RuleFileProblem[];
  /** The static checks' findings, `kind` naming the check (impossible, always, structure, unused, citation, gap, untested). */
  findings: Array<RuleFileProblem & { severity: Finding['severity']; kind: string }>;
  summary: {
    rules: string;
    /** False when the rules did not load: then only `errors` is filled. */
    loaded: boolean;
    programmes: number;
    versions: number;
    exampleCases: number;
    /** Errors and error findings together, as the text's summary counts them. */
    errors: number;
    warnings: number;
    /** Problems in files outside the paths asked about, which still keep the rules from loading. */
    errorsElsewhere: number;
  };
}

const SEVERITIES = `
What it reports (file:line:column: message, on stderr):
  errors (exit 1)
    - everything start-up checks: YAML, schemas, names that do not resolve, types, overlapping versions,
      citations that name none of the version's sources; and example case files that are not valid
    - a value a condition compares a fact with that no request can send ("very_sever"), with the nearest one
    - a condition that can never hold (age < 4 and age >= 18 in one all; equal to two values; in-lists
      that share nothing; in: []; notIn every value a request can send; an item pattern no item meets),
      and each rule that then never holds
    - a citation that names its source and nothing else (no section or paragraph)
  warnings (exit 0; exit 1 with --strict)
    - a condition that always holds (in every value a request can send; notIn: []), an item pattern
      field every item meets
    - an all or any with one condition; an all directly inside an all, an any directly inside an any
    - days between one version's effectiveTo and the next version's effectiveFrom
    - a parameter no condition or compensation setting uses (or only a named condition no rule uses);
      a named condition no rule uses
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

/** The errors and findings of the rule set in `directory`, those in `shown` files reported. */
function validationReport(directory: string, shown: (file: string) => boolean, strict: boolean): ValidationReport {
  const loaded = loadRuleSet(directory);
  const summary = { rules: directory, loaded: loaded.ok, programmes: 0, versions: 0, exampleCases: 0, errors: 0, warnings: 0, errorsElsewhere: 0 };
  if (!loaded.ok) {
    const errors = loaded.problems.filter((problem) => shown(problem.file));
    return { ok: false, errors, findings: [], summary: { ...summary, errors: errors.length, errorsElsewhere: loaded.problems.length - errors.length } };
  }
  const { errors, findings, exampleCases } = checked(loaded.ruleSet, directory, shown);
  const errorCount = errors.length + findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  return {
    ok: errorCount === 0 && !(strict && warnings > 0),
    errors,
    findings: findings.map(({ file, line, column, severity, check, message }) => ({ file, line, column, severity, kind: check, message })),
    summary: { ...summary, programmes: loaded.ruleSet.programmes.size, versions: versionCount(loaded.ruleSet), exampleCases, errors: errorCount, warnings },
  };
}

function versionCount(ruleSet: RuleSet): number {
  return [...ruleSet.programmes.values()].reduce((count, programme) => count + programme.versions.length, 0);
}

/** The example case files' problems and the static checks' findings, in the `shown` files. */
function checked(
  ruleSet: RuleSet,
  directory: string,
  shown: (file: string) => boolean,
): { errors: RuleFileProblem[]; findings: Finding[]; exampleCases: number } {
  const { cases, problems } = loadExampleCases(directory);
  return {
    errors: problems.filter((problem) => shown(problem.file)),
    findings: staticChecks(ruleSet, cases).filter((finding) => shown(finding.file)),
    exampleCases: cases.length,
  };
}

export function registerValidate(program: Command): void {
  withRulesOption(program.command('validate'))
    .description('check the rule files as start-up does, then run the static checks')
    .argument('[paths...]', 'report only on these files or folders (the whole rule set is always loaded)')
    .option('--strict', 'warnings count as problems (exit 1)')
    .option('--json', 'print { ok, errors, findings, summary } on stdout instead of lines (same exit status)')
    .addHelpText('after', SEVERITIES)
    .action((paths: string[], options: ValidateOptions, command: Command) => {
      const missing = paths.filter((path) => !existsSync(path));
      if (missing.length > 0) usageError(command, `no such file or folder: ${missing.join(', ')}`);
      const shown = (file: string): boolean => within(paths, file);
      if (options.json) {
        if (!existsSync(options.rules) || !statSync(options.rules).isDirectory()) usageError(command, `rules directory not found: ${options.rules}`);
        const report = validationReport(options.rules, shown, options.strict === true);
        printOut(command, JSON.stringify(report, null, 2));
        if (!report.ok) setExitStatus(command, EXIT.problems);
        return;
      }
      const ruleSet = loadRulesOrReport(command, options.rules, shown);
      if (!ruleSet) return;

      const { errors: caseProblems, findings, exampleCases } = checked(ruleSet, options.rules, shown);
      const errors = caseProblems.length + findings.filter((finding) => finding.severity === 'error').length;
      const warnings = findings.filter((finding) => finding.severity === 'warning').length;
      const report = [...caseProblems.map(formatProblem), ...findings.map(formatFinding)];
      if (report.length > 0) printErr(command, report);

      printOut(
        command,
        `${options.rules}: ${counted(ruleSet.programmes.size, 'programme')}, ${counted(versionCount(ruleSet), 'version')}, ${counted(exampleCases, 'example case')} — ${counted(errors, 'error')}, ${counted(warnings, 'warning')}`,
      );
      if (errors > 0 || (options.strict && warnings > 0)) setExitStatus(command, EXIT.problems);
    });
}
