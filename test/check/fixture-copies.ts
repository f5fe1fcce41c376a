import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExampleCases } from '../../src/cases/example-cases.js';
import { formatFinding, type Finding } from '../../src/check/finding.js';
import { staticChecks } from '../../src/check/static-checks.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { FIXTURE_RULES, loadProblems, rulesCopy } from '../support/rule-sets.js';

export const VERSION = 'nsk/versions/2019-01-01.yaml';
export const PROGRAMME = 'nsk/programme.yaml';

export type Edits = Record<string, string | ((text: string) => string)>;

/** A copy of the fixture rules with `edits`: the load problems (file:line:column: message, named relative to the copy) and the edited texts. */
export function loadProblemsAfter(edits: Edits): { problems: string[]; text: (file: string) => string } {
  const directory = rulesCopy(FIXTURE_RULES, edits);
  return { problems: loadProblems(directory), text: (file) => readFileSync(join(directory, file), 'utf8') };
}

/** The static findings of a copy of the fixture rules with `edits` (which must load), besides its untested versions. */
export function findingsAfter(
  edits: Edits,
  keep: (finding: Finding) => boolean = (finding) => finding.check !== 'untested',
): { findings: string[]; text: (file: string) => string } {
  const directory = rulesCopy(FIXTURE_RULES, edits);
  const loaded = loadRuleSet(directory, { displayRoot: directory });
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return {
    findings: staticChecks(loaded.ruleSet, loadExampleCases(directory).cases).filter(keep).map(formatFinding),
    text: (file) => readFileSync(join(directory, file), 'utf8'),
  };
}

/** `line:column` of the `occurrence`-th `literal` written on a line that contains `needle` (default: the literal itself). */
export function placeOf(text: string, literal: string, needle = literal, occurrence = 1): string {
  let seen = 0;
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(needle) && line.includes(literal) && ++seen === occurrence);
  if (index < 0) throw new Error(`"${literal}" on a line with "${needle}" not found`);
  return `${index + 1}:${(lines[index] as string).indexOf(literal) + 1}`;
}

/** Replaces exactly one occurrence of `from`; fails when it is not there once, so an edit cannot silently miss. */
export function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`"${from}" occurs ${parts.length - 1} times`);
  return parts.join(to);
}
