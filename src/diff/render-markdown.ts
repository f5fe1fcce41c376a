import type {
  CaseImpact,
  DataFileDiff,
  DiffReport,
  ImpactReport,
  NamedConditionChange,
  ParameterChange,
  ProgrammeDiff,
  RuleChange,
  TextChange,
  VersionDiff,
} from './diff-report.js';
import { describeParameterValue } from './condition-words.js';
import { markdownCode as code, markdownListItem as item, markdownText as text } from './markdown-text.js';

/*
 * Every text that comes from a rule or case file goes through text(), code() or item() (markdown-text.ts): a rule's
 * title is the officer's, and a pull request may come from anyone.
 */

/** Texts one per line in a table cell. */
function lines(texts: readonly string[]): string {
  return texts.map(text).join('<br>');
}

function parameterTable(parameters: readonly ParameterChange[]): string[] {
  const rows = parameters.map((parameter) => {
    const old = parameter.change === 'added' ? '—' : code(describeParameterValue(parameter.old), 'cell');
    const now = parameter.change === 'removed' ? '—' : code(describeParameterValue(parameter.new), 'cell');
    const what = [
      ...(parameter.change !== 'changed' ? [parameter.change] : []),
      ...(parameter.percent !== undefined ? [parameter.percent ?? 'from zero'] : []),
      ...(parameter.gained && parameter.gained.length > 0 ? [`gained ${parameter.gained.join(', ')}`] : []),
      ...(parameter.lost && parameter.lost.length > 0 ? [`lost ${parameter.lost.join(', ')}`] : []),
      ...(parameter.moved ? [parameter.moved] : []),
      ...parameter.notes,
    ];
    return `| ${code(parameter.name, 'cell')} ${text(parameter.title)} | ${old} | ${now} | ${text(what.join('; ') || 'value unchanged')} | ${text(parameter.usedBy.join(', ') || '—')} |`;
  });
  return ['| parameter | old | new | change | used by |', '|---|---|---|---|---|', ...rows];
}

function details(texts: readonly string[]): string[] {
  return texts.map((detail) => item(detail, '  '));
}

function ruleList(rules: readonly RuleChange[]): string[] {
  return rules.flatMap((rule) => [`- **${text(rule.id)}** (${text(rule.kind)}) ${rule.change} — ${text(rule.title)}`, ...details(rule.details)]);
}

function namedConditionList(conditions: readonly NamedConditionChange[]): string[] {
  return conditions.flatMap((condition) => [
    `- ${code(condition.name)} ${condition.change}${condition.usedBy.length > 0 ? ` (read by ${text(condition.usedBy.join(', '))})` : ''}`,
    ...details(condition.details),
  ]);
}

function textList(changes: readonly TextChange[]): string[] {
  return changes.flatMap((change) => [`- **${text(change.id)}** ${change.change}`, ...details(change.details)]);
}

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [`**${title}**`, '', ...lines, ''];
}

function versionSection(version: VersionDiff): string[] {
  const from = version.effectiveFrom !== undefined ? `, in force from ${text(version.effectiveFrom)}` : '';
  const heading =
    version.change === 'added' && version.comparedWith
      ? `#### Version ${text(version.version)} — added${from}: what it changes against ${text(version.comparedWith)}, the version before it`
      : `#### Version ${text(version.version)} — ${version.change}${version.change === 'added' ? from : ''}${version.oldVersion !== undefined ? ` (old side: version ${text(version.oldVersion)})` : ''}`;
  return [
    heading,
    '',
    ...version.summary.map((line) => `_${text(line)}_`),
    ...(version.summary.length > 0 ? [''] : []),
    // An added version's own dates are in its summary; moved from the version before it, they say nothing.
    ...section('Dates', version.change === 'added' ? [] : version.dates.map((line) => item(line))),
    ...section(
      'Title',
      version.title.map((line) => item(line)),
    ),
    ...section('Parameters', version.parameters.length > 0 ? parameterTable(version.parameters) : []),
    ...section('Rules', ruleList(version.rules)),
    ...section('Named conditions', namedConditionList(version.conditions)),
    ...section('Assumptions', textList(version.assumptions)),
    ...section('Sources', textList(version.sources)),
    ...section(
      'Compensation',
      version.compensation.map((line) => item(line)),
    ),
    ...section('Compensation line rules', ruleList(version.lineRules)),
  ];
}

function programmeSection(programme: ProgrammeDiff): string[] {
  return [
    `### ${text(programme.programme)} — ${text(programme.title)}${programme.change === 'changed' ? '' : ` (${programme.change})`}`,
    '',
    ...section(
      'Programme',
      programme.details.map((line) => item(line)),
    ),
    ...programme.versions.filter((version) => version.change !== 'unchanged').flatMap(versionSection),
  ];
}

function dataFileSection(file: DataFileDiff): string[] {
  const readers = file.usedBy.length > 0 ? ` (read by ${text(file.usedBy.join(', '))})` : '';
  return [`#### ${code(file.file)} — ${file.change}${readers}`, '', ...file.details.map((line) => item(line)), ''];
}

function impactRow(impact: CaseImpact): string {
  const expectation =
    impact.expectationMet && impact.expectationMet.old !== impact.expectationMet.new
      ? [impact.expectationMet.new ? 'its expectation now holds' : '**its expectation no longer holds**']
      : [];
  const name = `${impact.name}${impact.origin === 'recorded' ? ` (recorded ${impact.endpoint} request)` : ''}`;
  return `| ${text(name)} | ${code(impact.where, 'cell')} | ${[lines(impact.changes), ...expectation].filter((part) => part !== '').join('<br>')} |`;
}

function impactSection(impact: ImpactReport): string[] {
  const written = ['### Impact on cases', ''];
  written.push(
    impact.changed.length === 0
      ? `None of the ${impact.ran} cases and requests answers differently.`
      : `${impact.changed.length} of ${impact.ran} cases and requests answer differently (old → new):`,
    '',
  );
  if (impact.changed.length > 0) written.push('| case | where | what changes |', '|---|---|---|', ...impact.changed.map(impactRow), '');
  if (impact.problems.length > 0) written.push('Case files that could not be read:', '', ...impact.problems.map((problem) => `- ${code(problem)}`), '');
  return written;
}

/** The diff as a pull-request comment: a heading per programme and version, tables for parameters and impact. */
export function renderMarkdown(report: DiffReport): string {
  const { diff } = report;
  const changed = diff.programmes.filter((programme) => programme.change !== 'unchanged');
  const unchanged = diff.programmes.filter((programme) => programme.change === 'unchanged').map((programme) => programme.programme);
  const data = diff.data ?? [];
  const written = [`## Rule changes: ${code(diff.old)} → ${code(diff.new)}`, ''];
  if (changed.length === 0 && data.length === 0) written.push('No differences in meaning between the two sides.', '');
  if (unchanged.length > 0 && (changed.length > 0 || data.length > 0)) written.push(`Unchanged: ${text(unchanged.join(', '))}.`, '');
  written.push(...changed.flatMap(programmeSection));
  if (data.length > 0) written.push('### Data files', '', ...data.flatMap(dataFileSection));
  if (report.impact) written.push(...impactSection(report.impact));
  return `${written
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
