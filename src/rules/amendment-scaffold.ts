import type { CalendarDate } from '../calendar/calendar-date.js';
import type { Parameter, Programme, RuleVersion } from './model.js';

/** The version an amendment from `from` extends: the last version that starts before it. */
export function versionBefore(programme: Programme, from: CalendarDate): RuleVersion | null {
  return programme.versions.filter((version) => version.effectiveFrom < from).at(-1) ?? null;
}

function yamlValue(value: Parameter['value']): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : JSON.stringify(value);
}

function commentedParameter(parameter: Parameter): string[] {
  return [
    `#   ${parameter.name}:`,
    `#     # ${parameter.title.lv} / ${parameter.title.en} (${parameter.type}); now ${yamlValue(parameter.value)}, from: ${parameter.source}`,
    `#     value: ${yamlValue(parameter.value)}`,
    '#     source: <the amending act> — <its point>',
  ];
}

/**
 * The text of a new amendment file: its dates, the version it extends, and every parameter of that version as a
 * commented example. Left untouched it is a valid version that changes nothing; an officer uncomments what the
 * amending act changes.
 */
export function amendmentScaffold(programme: Programme, base: RuleVersion, from: CalendarDate, adopted: CalendarDate): string {
  const lines = [
    '# yaml-language-server: $schema=../../../schemas/version.schema.json',
    `# An amendment of ${programme.id} version ${base.version}: state only what the amending act changes; everything else`,
    `# is version ${base.version}'s. Name the act in the title and under sources, then uncomment what it changes — each`,
    "# parameter with the act's point as its source. A rule given here with the id of one in the version it extends",
    '# replaces that rule, a new id adds one; `remove:` repeals parameters, rules, named conditions, assumptions or sources.',
    `version: "${from}"`,
    `extends: "${base.version}"`,
    'title:',
    `  lv: Grozījumi no ${from}`,
    `  en: Amendment from ${from}`,
    `effectiveFrom: "${from}"`,
    `adopted: "${adopted}"`,
    '',
    '# sources:',
    '#   - id: amendingAct',
    '#     document: MK …',
    '#     citation: Ministru kabineta … gada … noteikumi Nr. … "Grozījumi …"',
    '',
    '# parameters:',
    ...[...base.parameters.values()].flatMap(commentedParameter),
    '',
    '# remove:',
    `#   rules: [${base.rules.at(-1)?.id ?? 'R1'}]`,
    '',
  ];
  return lines.join('\n');
}
