import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { EXPLAIN_LEVELS, type ExplainLevel } from '../../answer/explain-level.js';
import { renderAnswer, renderCompensation, type Language } from '../../explain/render-text.js';
import { ask, endpointOf, type Endpoint } from '../../answer/ask.js';
import { responseData } from '../../wire/answer-json.js';
import type { Problem } from '../../answer/problem.js';
import { formatProblem, parseYamlFile } from '../../rules/yaml-file.js';
import { EXIT, printErr, printOut, setExitStatus, usageError } from '../cli-output.js';
import { loadRulesOrReport, withRulesOption } from '../rules-option.js';

interface EvalOptions {
  rules: string;
  lang: Language;
  json?: boolean;
  case?: string;
  explain?: ExplainLevel;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The request in a file: a request itself, one case entry, or the chosen case of a case file. */
function requestIn(command: Command, document: unknown, choice: string | undefined): { request: unknown; endpoint: Endpoint } {
  let entry = document;
  if (isObject(document) && Array.isArray(document.cases)) {
    const cases = document.cases.filter(isObject);
    const index = choice !== undefined && /^\d+$/.test(choice) ? Number(choice) : -1;
    const chosen =
      choice === undefined ? (cases.length === 1 ? cases[0] : undefined) : (cases[index] ?? cases.find((candidate) => String(candidate.name).includes(choice)));
    if (!chosen) {
      const names = cases.map((candidate, position) => `  ${position}: ${String(candidate.name)}`).join('\n');
      usageError(
        command,
        `${choice === undefined ? 'the file holds several cases' : `no case "${choice}"`}; choose one with --case <index or part of its name>:\n${names}`,
      );
    }
    entry = chosen;
  }
  if (isObject(entry) && isObject(entry.request)) {
    const written = entry.endpoint;
    return { request: entry.request, endpoint: written === 'eligibility' || written === 'compensation' ? written : endpointOf(entry.request) };
  }
  return { request: entry, endpoint: isObject(entry) ? endpointOf(entry) : 'eligibility' };
}

export function registerEval(program: Command): void {
  withRulesOption(program.command('eval'))
    .description('answer one request (YAML or JSON: a request, a case entry, or a case file with --case) and explain it')
    .argument('<file>', 'the request; costs or deliveries make it a compensation request')
    .addOption(new Option('--lang <language>', 'language of the explanation').choices(['lv', 'en']).default('lv'))
    .option('--json', 'print the answer as the API returns it')
    .option('--case <case>', 'in a case file with several cases: the index (from 0) or part of the name of the one to answer')
    .addOption(new Option('--explain <level>', 'how much explanation: full (every condition), rules (each rule), none').choices([...EXPLAIN_LEVELS]))
    .action((file: string, options: EvalOptions, command: Command) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        usageError(command, `cannot read ${file}: ${(error as Error).message}`);
      }
      const parsed = parseYamlFile(file, text);
      if (!parsed.yaml) {
        printErr(command, parsed.problems.map(formatProblem));
        usageError(command, `${file} is not YAML or JSON`);
      }
      const { request, endpoint } = requestIn(command, parsed.yaml.data, options.case);
      const ruleSet = loadRulesOrReport(command, options.rules);
      if (!ruleSet) return;

      const asked = options.explain === undefined || !isObject(request) ? request : { ...request, explain: options.explain };
      const response = responseData(ask(ruleSet, endpoint, asked));
      if (options.json) printOut(command, JSON.stringify(response.body, null, 2));
      if (response.status !== 200) {
        const problem = response.body as Problem;
        printErr(command, [
          `${response.status} ${problem.title}: ${problem.detail}`,
          ...(problem.errors ?? []).map((error) => `  ${error.path || '/'}: ${error.message}`),
        ]);
        setExitStatus(command, EXIT.problems);
        return;
      }
      if (options.json) return;
      const body = response.body as Parameters<typeof renderAnswer>[0] & Parameters<typeof renderCompensation>[0];
      printOut(command, endpoint === 'compensation' ? renderCompensation(body, options.lang) : renderAnswer(body, options.lang));
    });
}
