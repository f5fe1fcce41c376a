import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderAnswer } from '../explain/render-text.js';
import { ask } from '../answer/ask.js';
import { responseData, type ResponseData } from '../wire/answer-json.js';
import type { RuleFileProblem, RuleSet, SourcePosition } from '../rules/model.js';
import { validateRuleFile } from '../rules/schema-validation.js';
import { parseYamlFile, positionOf } from '../rules/yaml-file.js';
import { openRuleFolder, readRuleFile, yamlFilesIn } from '../rules/rule-folder.js';

export const CASES_DIRECTORY = 'tests';

interface SegmentExpectation {
  from: string;
  to: string;
  eligible?: boolean;
  basis?: string[];
  blockers?: string[];
  version?: string;
}

export interface Expectation {
  status?: number;
  eligible?: boolean;
  basis?: string[];
  blockers?: string[];
  version?: string;
  eligibleDays?: number;
  segments?: SegmentExpectation[];
  errors?: Array<{ path: string; message?: string }>;
  detail?: string;
  compensation?: string;
  eligibleCost?: string;
  cap?: string;
  reportDue?: string;
  paymentDue?: string;
  lines?: Array<{ index: number } & Record<string, unknown>>;
}

/** Top-level answer fields compared as written. */
const SCALAR_EXPECTATIONS = ['eligibleDays', 'compensation', 'eligibleCost', 'cap', 'reportDue', 'paymentDue'] as const;

/** An officer's example case: a request and what its answer must say. */
export interface ExampleCase {
  name: string;
  covers: string[];
  endpoint: 'eligibility' | 'compensation';
  request: Record<string, unknown>;
  expect: Expectation;
  programme: string;
  position: SourcePosition;
}

export interface CaseOutcome {
  exampleCase: ExampleCase;
  differences: string[];
  /** The response as data, its explanations complete (coverage counts each condition as each rule reaches it). */
  response: ResponseData;
}

/** Every example case under rules/<programme>/tests/, or the located problems of the files that are not valid. */
export function loadExampleCases(rulesDirectory: string, programme?: string): { cases: ExampleCase[]; problems: RuleFileProblem[] } {
  const cases: ExampleCase[] = [];
  const problems: RuleFileProblem[] = [];
  // Case files are read as rule files are: regular files inside the rules folder only (a pull request may add a link).
  const folder = openRuleFolder(rulesDirectory) ?? undefined;
  const programmes = programme
    ? [programme]
    : readdirSync(rulesDirectory, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
  for (const name of programmes.sort()) {
    const directory = join(rulesDirectory, name, CASES_DIRECTORY);
    const listed = yamlFilesIn(directory, relative(process.cwd(), directory) || directory, folder);
    problems.push(...listed.problems);
    for (const fileName of listed.names) {
      const path = join(directory, fileName);
      const displayName = relative(process.cwd(), path) || path;
      const read = readRuleFile(path, displayName, folder);
      if ('problems' in read) {
        problems.push(...read.problems);
        continue;
      }
      const parsed = parseYamlFile(displayName, read.text);
      if (!parsed.yaml) {
        problems.push(...parsed.problems);
        continue;
      }
      const schemaProblems = validateRuleFile('case', parsed.yaml);
      if (schemaProblems.length > 0) {
        problems.push(...schemaProblems);
        continue;
      }
      const yaml = parsed.yaml;
      const document = yaml.data as {
        cases: Array<Omit<ExampleCase, 'programme' | 'position' | 'covers' | 'endpoint'> & { covers?: string[]; endpoint?: 'eligibility' | 'compensation' }>;
      };
      document.cases.forEach((written, index) => {
        cases.push({
          ...written,
          covers: written.covers ?? [],
          endpoint: written.endpoint ?? 'eligibility',
          programme: name,
          position: positionOf(yaml, ['cases', index]),
        });
      });
    }
  }
  return { cases, problems };
}

function sameRefs(actual: unknown, expected: string[]): boolean {
  return Array.isArray(actual) && [...actual].sort().join() === [...expected].sort().join();
}

function compareAnswer(prefix: string, actual: Record<string, unknown>, expected: Omit<SegmentExpectation, 'from' | 'to'>, differences: string[]): void {
  if (expected.eligible !== undefined && actual.eligible !== expected.eligible)
    differences.push(`${prefix}eligible: expected ${expected.eligible}, got ${String(actual.eligible)}`);
  if (expected.basis && !sameRefs(actual.basis, expected.basis))
    differences.push(`${prefix}basis: expected [${expected.basis.join(', ')}], got [${String(actual.basis)}]`);
  if (expected.blockers && !sameRefs(actual.blockers, expected.blockers))
    differences.push(`${prefix}blockers: expected [${expected.blockers.join(', ')}], got [${String(actual.blockers)}]`);
  const version = (actual.ruleset as { version?: string } | undefined)?.version;
  if (expected.version !== undefined && version !== expected.version)
    differences.push(`${prefix}version: expected ${expected.version}, got ${String(version)}`);
}

/** Runs one case through the same request → response path as the HTTP API and lists what differs. */
export function runExampleCase(ruleSet: RuleSet, exampleCase: ExampleCase): CaseOutcome {
  // Complete explanations: coverage counts each condition as each rule reaches it, also in named conditions that recur.
  const response = responseData(ask(ruleSet, exampleCase.endpoint, exampleCase.request), 'complete');
  const expected = exampleCase.expect;
  const differences: string[] = [];
  const body = response.body as Record<string, unknown>;
  const status = expected.status ?? 200;
  if (response.status !== status)
    differences.push(`status: expected ${status}, got ${response.status}${response.status !== 200 ? ` (${String(body.detail)})` : ''}`);
  compareAnswer('', body, expected, differences);
  for (const field of SCALAR_EXPECTATIONS) {
    if (expected[field] !== undefined && body[field] !== expected[field])
      differences.push(`${field}: expected ${String(expected[field])}, got ${String(body[field])}`);
  }
  const lines = (body.lines ?? []) as Array<Record<string, unknown>>;
  for (const want of expected.lines ?? []) {
    const got = lines[want.index];
    if (!got) {
      differences.push(`lines[${want.index}]: no such line`);
      continue;
    }
    for (const [field, value] of Object.entries(want)) {
      const same = field === 'refs' ? sameRefs(got.refs, value as string[]) : got[field] === value;
      if (!same) differences.push(`lines[${want.index}].${field}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got[field])}`);
    }
  }
  if (expected.segments) {
    const segments = (body.segments ?? []) as Array<Record<string, unknown>>;
    if (segments.length !== expected.segments.length) {
      differences.push(
        `segments: expected ${expected.segments.length}, got ${segments.length}: ${segments.map((segment) => `${String(segment.from)}…${String(segment.to)}`).join(', ')}`,
      );
    }
    expected.segments.forEach((want, index) => {
      const got = segments[index];
      if (!got) return;
      if (got.from !== want.from || got.to !== want.to)
        differences.push(`segments[${index}]: expected ${want.from}…${want.to}, got ${String(got.from)}…${String(got.to)}`);
      compareAnswer(`segments[${index}].`, got, want, differences);
    });
  }
  const errors = (body.errors ?? []) as Array<{ path: string; message: string }>;
  for (const want of expected.errors ?? []) {
    const found = errors.find((error) => error.path === want.path && (want.message === undefined || error.message.includes(want.message)));
    if (!found) differences.push(`errors: expected a problem at ${want.path}${want.message ? ` saying "${want.message}"` : ''}, got ${JSON.stringify(errors)}`);
  }
  if (expected.detail !== undefined && !String(body.detail ?? '').includes(expected.detail))
    differences.push(`detail: expected to contain "${expected.detail}", got "${String(body.detail)}"`);
  return { exampleCase, differences, response };
}

/** A failing case as an officer reads it: where it is, what differed, and the explanation. */
export function describeFailure(outcome: CaseOutcome): string {
  const { position, name } = outcome.exampleCase;
  const lines = [`${position.file}:${position.line}:${position.column}: case "${name}"`, ...outcome.differences.map((difference) => `  - ${difference}`)];
  if (outcome.response.status === 200 && outcome.exampleCase.endpoint === 'eligibility')
    lines.push('  explanation:', renderAnswer(outcome.response.body as Parameters<typeof renderAnswer>[0]));
  if (outcome.response.status === 200 && outcome.exampleCase.endpoint === 'compensation') {
    const { segments: _segments, ...body } = outcome.response.body as Record<string, unknown>;
    lines.push(
      '  answer:',
      JSON.stringify({ ...body, lines: ((body.lines ?? []) as Array<Record<string, unknown>>).map(({ lineRules: _rules, ...line }) => line) }, null, 1),
    );
  }
  return lines.join('\n');
}
