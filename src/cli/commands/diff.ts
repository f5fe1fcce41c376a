import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { distinctCases, caseImpact, programmesReading, type CaseToRun } from '../../diff/case-impact.js';
import type { DiffReport } from '../../diff/diff-report.js';
import { sideCases, sideLabel, sidesScope, type RuleSide, type SideLoad } from '../../diff/load-side.js';
import { parseRecordedRequests } from '../../diff/recorded-requests.js';
import { renderMarkdown } from '../../diff/render-markdown.js';
import { baseSides, loadSideSpecs, resolveSideArgument, type SideSpec } from '../../diff/resolve-side.js';
import { diffRuleSets } from '../../diff/rule-set-diff.js';
import { formatProblem } from '../../rules/yaml-file.js';
import { EXIT, printErr, printOut, setExitStatus, usageError } from '../cli-output.js';
import { withRulesOption } from '../rules-option.js';

interface DiffOptions {
  rules: string;
  base?: string;
  format: string;
  impact?: boolean;
  cases?: string;
}

const FORMATS = ['markdown', 'json'] as const;

const DIFF_HELP = `
Each side is a version file (rules/<programme>/versions/<version>.yaml), a programme folder (rules/<programme>),
a rules folder (rules), or a git ref: "main" (its rules folder, --rules) or "main:rules/<programme>" (a path at
that ref). A programme folder or version file loads with the rules folder around it (calendars, emergencies,
the programmes it reads) and the report covers that programme only.
The new side is laid over the old side's rules folder unless it is a rules folder with every programme of it: a
programme folder replaces the old one, a version file goes into its programme's versions/ (one outside
<programme>/versions/ into the old side's programme), and a draft folder - one holding only the files that
change, e.g. <draft>/nsk/versions/2027-01-01.yaml or <draft>/calendar/latvia.yaml - adds and replaces files.
With one side, the old side is the rules folder (--rules).
Versions are paired by their "version" id; an added version is compared with the version before it.

Examples:
  sbsp-rules diff --base origin/main --impact            the working tree's rules against origin/main
  sbsp-rules diff /tmp/draft --impact                    rules/ against rules/ with the draft's files laid over
  sbsp-rules diff main:rules/<programme> rules/<programme> --format json
  sbsp-rules diff HEAD~1 HEAD --impact --cases requests.jsonl

Exit 0 with or without differences; 1 when a side does not load (its problems on stderr, file:line:column);
2 when the command is not used as it must be.`;

function sideSpecs(written: readonly string[], options: DiffOptions, command: Command, cwd: string): { old: SideSpec; new: SideSpec } {
  if (options.base !== undefined) {
    if (written.length > 0) usageError(command, '--base compares the working tree with a ref: give no other sides');
    const sides = baseSides(options.base, options.rules, cwd);
    if (!sides.ok) usageError(command, sides.message);
    return sides.value;
  }
  if (written.length === 0 || written.length > 2) usageError(command, 'give two sides to compare (old and new), one laid over --rules, or --base <ref>');
  const sides = written.length === 1 ? [options.rules, written[0] as string] : written;
  const [before, after] = sides.map((argument) => resolveSideArgument(argument, cwd, options.rules));
  for (const side of [before, after]) if (side && !side.ok) usageError(command, side.message);
  return { old: (before as { ok: true; value: SideSpec }).value, new: (after as { ok: true; value: SideSpec }).value };
}

function recordedRequests(file: string, command: Command, cwd: string): CaseToRun[] {
  const path = resolve(cwd, file);
  if (!existsSync(path)) usageError(command, `--cases ${file}: no such file`);
  const parsed = parseRecordedRequests(file, readFileSync(path, 'utf8'));
  if (parsed.problems.length > 0) {
    printErr(command, parsed.problems.map(formatProblem));
    usageError(command, `--cases ${file}: ${parsed.problems.length} line${parsed.problems.length === 1 ? ' is' : 's are'} not a request body`);
  }
  return parsed.requests;
}

function report(before: RuleSide, after: RuleSide, recorded: CaseToRun[] | null): DiffReport {
  const scope = sidesScope(before, after);
  const diff = diffRuleSets(before.ruleSet, after.ruleSet, { old: sideLabel(before), new: sideLabel(after) }, scope);
  if (recorded === null) return { diff };
  const programmes = programmesReading(scope.programmes, [before.ruleSet, after.ruleSet]);
  const [newCases, oldCases] = [sideCases(after, programmes), sideCases(before, programmes)];
  const cases = [...distinctCases([...newCases.cases, ...oldCases.cases]), ...recorded];
  return { diff, impact: { ...caseImpact(cases, before.ruleSet, after.ruleSet), problems: [...new Set([...newCases.problems, ...oldCases.problems])] } };
}

export function registerDiff(program: Command): void {
  withRulesOption(program.command('diff'))
    .description('compare two versions of the rules at the level of meaning, and show which cases answer differently')
    .argument(
      '[old]',
      'the old side: a version file, a programme folder, a rules folder, or a git ref (ref or ref:path); with no new side, the new side (the old one is --rules)',
    )
    .argument('[new]', "the new side, as the old one, or a draft folder holding only the files that change (laid over the old side's rules)")
    .option('--base <ref>', "compare the working tree's rules folder (--rules) with that folder at this git ref")
    .option('--format <format>', 'markdown or json', 'markdown')
    .option('--impact', 're-run every example case of both sides and list those whose answer changes')
    .option('--cases <file>', 'also re-run these recorded requests (JSON Lines, one request body a line); implies --impact')
    .addHelpText('after', DIFF_HELP)
    .action((before: string | undefined, after: string | undefined, options: DiffOptions, command: Command) => {
      if (!(FORMATS as readonly string[]).includes(options.format))
        usageError(command, `--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`);
      const cwd = process.cwd();
      const specs = sideSpecs(
        [before, after].filter((side): side is string => side !== undefined),
        options,
        command,
        cwd,
      );
      const recorded = options.cases !== undefined ? recordedRequests(options.cases, command, cwd) : options.impact ? [] : null;
      const work = mkdtempSync(join(tmpdir(), 'sbsp-rules-diff-'));
      try {
        const pair = loadSideSpecs(specs, options.rules, work, cwd);
        const loads: SideLoad[] = [pair.old, pair.new];
        const problems = loads.flatMap((load, index) =>
          load.ok || load.problems.length === 0
            ? []
            : [`${index === 0 ? 'old' : 'new'} side ${(index === 0 ? specs.old : specs.new).label} does not load:`, ...load.problems.map(formatProblem)],
        );
        if (loads.some((load) => !load.ok)) {
          printErr(command, problems);
          setExitStatus(command, EXIT.problems);
          return;
        }
        const [old, now] = loads.map((load) => (load as { ok: true; side: RuleSide }).side) as [RuleSide, RuleSide];
        const result = report(old, now, recorded);
        printOut(command, options.format === 'json' ? JSON.stringify(result, null, 2) : renderMarkdown(result).trimEnd());
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
}
