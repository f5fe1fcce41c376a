import { InvalidArgumentError, type Command } from 'commander';
import { caseCoverage, coverageCounts, type CaseCoverage, type ConditionCoverage, type CoverageCount, type RuleCoverage } from '../../cases/case-coverage.js';
import { describeFailure, loadExampleCases, runExampleCase, type CaseOutcome } from '../../cases/example-cases.js';
import { formatProblem } from '../../rules/yaml-file.js';
import { EXIT, printErr, printOut, setExitStatus, usageError, columns } from '../cli-output.js';
import { loadRulesOrReport, withRulesOption } from '../rules-option.js';

interface TestOptions {
  rules: string;
  minRuleCoverage?: number;
  minConditionCoverage?: number;
  json?: boolean;
}

const COVERAGE_HELP = `
Coverage, from the explanations in the answers:
  a rule is covered when some case saw it hold and some case saw it not hold;
  a condition (as each rule reaches it, named conditions followed) has two sides, true and false, each covered
  when a case needed it that way (conditions a short-circuiting engine skips do not count).
Exit 1 when a case fails or coverage is under a --min-… percentage.`;

function percentage(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) throw new InvalidArgumentError('must be a percentage from 0 to 100');
  return value;
}

function shown(count: CoverageCount): string {
  return `${count.covered}/${count.total} (${count.percent.toFixed(1)} %)`;
}

function unseen(item: RuleCoverage): string {
  return item.seenTrue ? 'never seen false' : item.seenFalse ? 'never seen true' : 'never seen true or false';
}

function where(item: RuleCoverage): string {
  return `${item.position.file}:${item.position.line}:${item.position.column}`;
}

function ruleName(item: RuleCoverage): string {
  return `${item.programme} ${item.version} ${item.list === 'lineRules' ? 'line rule' : 'rule'} ${item.rule}`;
}

function coverageTable(programmes: readonly string[], outcomes: readonly CaseOutcome[], coverage: CaseCoverage): string[] {
  const rows = [...programmes, null].map((programme) => {
    const part: CaseCoverage =
      programme === null
        ? coverage
        : {
            rules: coverage.rules.filter((item) => item.programme === programme),
            conditions: coverage.conditions.filter((item) => item.programme === programme),
          };
    const cases = programme === null ? outcomes : outcomes.filter((outcome) => outcome.exampleCase.programme === programme);
    const counts = coverageCounts(part);
    return [
      programme ?? 'total',
      `${cases.filter((outcome) => outcome.differences.length === 0).length}/${cases.length}`,
      shown(counts.rules),
      shown(counts.conditionSides),
    ];
  });
  const table = [['programme', 'cases passed', 'rules covered', 'condition sides covered'], ...rows];
  return columns(table);
}

function uncoveredLines(coverage: CaseCoverage): string[] {
  const rules = coverage.rules.filter((item) => !(item.seenTrue && item.seenFalse));
  const conditions = coverage.conditions.filter((item) => !(item.seenTrue && item.seenFalse));
  const lines: string[] = [];
  if (rules.length > 0) lines.push('', 'Rules not seen both ways:', ...rules.map((item) => `  ${where(item)}: ${ruleName(item)} ${unseen(item)}`));
  if (conditions.length > 0) {
    lines.push(
      '',
      'Condition sides no case exercised:',
      ...conditions.map((item: ConditionCoverage) => `  ${where(item)}: ${ruleName(item)} › ${item.condition} ${unseen(item)}`),
    );
  }
  return lines;
}

export function registerTest(program: Command): void {
  withRulesOption(program.command('test'))
    .description("run the officers' example cases (rules/<programme>/tests/*.yaml) and report rule and condition coverage")
    .argument('[programme]', 'only this programme (default: every programme)')
    .option('--min-rule-coverage <pct>', 'exit 1 when fewer rules than this percentage are seen both ways', percentage)
    .option('--min-condition-coverage <pct>', 'exit 1 when fewer condition sides than this percentage are exercised', percentage)
    .option('--json', 'print the report as JSON')
    .addHelpText('after', COVERAGE_HELP)
    .action((programme: string | undefined, options: TestOptions, command: Command) => {
      const ruleSet = loadRulesOrReport(command, options.rules);
      if (!ruleSet) return;
      if (programme !== undefined && !ruleSet.programmes.has(programme)) {
        usageError(command, `no programme "${programme}" in ${options.rules} (known: ${[...ruleSet.programmes.keys()].join(', ')})`);
      }
      const programmes = programme === undefined ? [...ruleSet.programmes.keys()].sort() : [programme];
      const { cases, problems } = loadExampleCases(options.rules, programme);
      const outcomes = cases.map((exampleCase) => runExampleCase(ruleSet, exampleCase));
      const failures = outcomes.filter((outcome) => outcome.differences.length > 0);
      const coverage = caseCoverage(ruleSet, programmes, outcomes);
      const counts = coverageCounts(coverage);

      const shortfalls: string[] = [];
      if (options.minRuleCoverage !== undefined && counts.rules.percent < options.minRuleCoverage) {
        shortfalls.push(`rule coverage ${counts.rules.percent.toFixed(1)} % is under the minimum ${options.minRuleCoverage} %`);
      }
      if (options.minConditionCoverage !== undefined && counts.conditionSides.percent < options.minConditionCoverage) {
        shortfalls.push(`condition coverage ${counts.conditionSides.percent.toFixed(1)} % is under the minimum ${options.minConditionCoverage} %`);
      }
      if (problems.length > 0 || failures.length > 0 || shortfalls.length > 0) setExitStatus(command, EXIT.problems);

      if (options.json) {
        const report = {
          problems: problems.map(formatProblem),
          cases: {
            total: outcomes.length,
            passed: outcomes.length - failures.length,
            failed: failures.map((outcome) => ({ ...outcome.exampleCase.position, name: outcome.exampleCase.name, differences: outcome.differences })),
          },
          coverage: { ...counts, rules: { ...counts.rules, items: coverage.rules }, conditionSides: { ...counts.conditionSides, items: coverage.conditions } },
          shortfalls,
        };
        printOut(command, JSON.stringify(report, null, 2));
        return;
      }
      const complaints = [...problems.map(formatProblem), ...failures.map(describeFailure), ...shortfalls];
      if (complaints.length > 0) printErr(command, complaints);
      printOut(command, [
        `${outcomes.length - failures.length} of ${outcomes.length} example cases passed${failures.length > 0 ? `, ${failures.length} failed` : ''}`,
        '',
        ...coverageTable(programmes, outcomes, coverage),
        ...uncoveredLines(coverage),
      ]);
    });
}
