import { relative } from 'node:path';
import type { EmergencyPeriod, RuleFileProblem } from './model.js';
import { validateRuleFile } from './schema-validation.js';
import { parseYamlFile, problemAt, readRuleFileText } from './yaml-file.js';
import type { CalendarDate } from '../calendar/calendar-date.js';
import type { LocalisedText } from '../language/localised-text.js';

interface EmergenciesDocument {
  title: LocalisedText;
  periods: Array<{ from: string; to: string; title: LocalisedText; source: string }>;
}

/** Declared emergency periods (rules/emergencies/<name>.yaml): ordered, each ending on or after it starts, none overlapping. */
export function loadEmergencyPeriods(
  file: string,
  displayRoot = process.cwd(),
): { ok: true; value: EmergencyPeriod[] } | { ok: false; problems: RuleFileProblem[] } {
  const displayName = relative(displayRoot, file) || file;
  const read = readRuleFileText(file, displayName);
  return 'problems' in read ? { ok: false, problems: read.problems } : emergencyPeriodsFromText(displayName, read.text);
}

/** Reads an emergencies file's text (see loadEmergencyPeriods); `file` names it in problems. */
export function emergencyPeriodsFromText(file: string, text: string): { ok: true; value: EmergencyPeriod[] } | { ok: false; problems: RuleFileProblem[] } {
  const parsed = parseYamlFile(file, text);
  if (!parsed.yaml) return { ok: false, problems: parsed.problems };
  const yaml = parsed.yaml;
  const schemaProblems = validateRuleFile('emergencies', yaml);
  if (schemaProblems.length > 0) return { ok: false, problems: schemaProblems };
  const periods = (yaml.data as EmergenciesDocument).periods;
  const problems: RuleFileProblem[] = [];
  periods.forEach((period, index) => {
    if (period.to < period.from) problems.push(problemAt(yaml, ['periods', index, 'to'], `ends (${period.to}) before it starts (${period.from})`));
    const previous = periods[index - 1];
    if (previous && period.from <= previous.to)
      problems.push(
        problemAt(yaml, ['periods', index, 'from'], `overlaps or comes before the period above it (${previous.from}…${previous.to}); list periods in order`),
      );
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: periods.map((period) => ({ ...period, from: period.from as CalendarDate, to: period.to as CalendarDate })) };
}

/** Whether every day from `from` to `to` lies in a declared period. */
export function coveredByEmergency(periods: readonly EmergencyPeriod[], from: CalendarDate, to: CalendarDate): EmergencyPeriod | null {
  return periods.find((period) => period.from <= from && to <= period.to) ?? null;
}
