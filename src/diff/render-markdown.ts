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

/** A table cell: pipes escaped, line breaks as <br>, so any text stays in its cell. */
function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${ticks === '``' ? ' ' : ''}${text}${ticks === '``' ? ' ' : ''}${ticks}`;
}

function parameterTable(parameters: readonly ParameterChange[]): string[] {
  const rows = parameters.map((parameter) => {
    const old = parameter.change === 'added' ? '—' : code(describeParameterValue(parameter.old));
    const now = parameter.change === 'removed' ? '—' : code(describeParameterValue(parameter.new));
    const what = [
      ...(parameter.change !== 'changed' ? [parameter.change] : []),
      ...(parameter.percent !== undefined ? [parameter.percent ?? 'from zero'] : []),
      ...(parameter.gained && parameter.gained.length > 0 ? [`gained ${parameter.gained.join(', ')}`] : []),
      ...(parameter.lost && parameter.lost.length > 0 ? [`lost ${parameter.lost.join(', ')}`] : []),
      ...(parameter.moved ? [parameter.moved] : []),
      ...parameter.notes,
    ];
    return `| ${code(parameter.name)} ${cell(parameter.title)} | ${cell(old)} | ${cell(now)} | ${cell(what.join('; ') || 'value unchanged')} | ${cell(parameter.usedBy.join(', ') || '—')} |`;
  });
  return ['| parameter | old | new | change | used by |', '|---|---|---|---|---|', ...rows];
}

function ruleList(rules: readonly RuleChange[]): string[] {
  return rules.flatMap((rule) => [`- **${rule.id}** (${rule.kind}) ${rule.change} — ${rule.title}`, ...rule.details.map((detail) => `  - ${detail}`)]);
}

function namedConditionList(conditions: readonly NamedConditionChange[]): string[] {
  return conditions.flatMap((condition) => [
    `- ${code(condition.name)} ${condition.change}${condition.usedBy.length > 0 ? ` (read by ${condition.usedBy.join(', ')})` : ''}`,
    ...condition.details.map((detail) => `  - ${detail}`),
  ]);
}

function textList(changes: readonly TextChange[]): string[] {
  return changes.flatMap((change) => [`- **${change.id}** ${change.change}`, ...change.details.map((detail) => `  - ${detail}`)]);
}

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [`**${title}**`, '', ...lines, ''];
}

function versionSection(version: VersionDiff): string[] {
  const from = version.effectiveFrom !== undefined ? `, in force from ${version.effectiveFrom}` : '';
  const heading =
    version.change === 'added' && version.comparedWith
      ? `#### Version ${version.version} — added${from}: what it changes against ${version.comparedWith}, the version before it`
      : `#### Version ${version.version} — ${version.change}${version.change === 'added' ? from : ''}${version.oldVersion !== undefined ? ` (old side: version ${version.oldVersion})` : ''}`;
  return [
    heading,
    '',
    ...version.summary.map((line) => `_${line}_`),
    ...(version.summary.length > 0 ? [''] : []),
    // An added version's own dates are in its summary; moved from the version before it, they say nothing.
    ...section('Dates', version.change === 'added' ? [] : version.dates.map((line) => `- ${line}`)),
    ...section(
      'Title',
      version.title.map((line) => `- ${line}`),
    ),
    ...section('Parameters', version.parameters.length > 0 ? parameterTable(version.parameters) : []),
    ...section('Rules', ruleList(version.rules)),
    ...section('Named conditions', namedConditionList(version.conditions)),
    ...section('Assumptions', textList(version.assumptions)),
    ...section('Sources', textList(version.sources)),
    ...section(
      'Compensation',
      version.compensation.map((line) => `- ${line}`),
    ),
    ...section('Compensation line rules', ruleList(version.lineRules)),
  ];
}

function programmeSection(programme: ProgrammeDiff): string[] {
  return [
    `### ${programme.programme} — ${programme.title}${programme.change === 'changed' ? '' : ` (${programme.change})`}`,
    '',
    ...section(
      'Programme',
      programme.details.map((line) => `- ${line}`),
    ),
    ...programme.versions.filter((version) => version.change !== 'unchanged').flatMap(versionSection),
  ];
}

function dataFileSection(file: DataFileDiff): string[] {
  const readers = file.usedBy.length > 0 ? ` (read by ${file.usedBy.join(', ')})` : '';
  return [`#### ${code(file.file)} — ${file.change}${readers}`, '', ...file.details.map((line) => `- ${line}`), ''];
}

function impactRow(impact: CaseImpact): string {
  const expectation =
    impact.expectationMet && impact.expectationMet.old !== impact.expectationMet.new
      ? [impact.expectationMet.new ? 'its expectation now holds' : '**its expectation no longer holds**']
      : [];
  const name = `${impact.name}${impact.origin === 'recorded' ? ` (recorded ${impact.endpoint} request)` : ''}`;
  return `| ${cell(name)} | ${code(impact.where)} | ${cell([...impact.changes, ...expectation].join('\n'))} |`;
}

function impactSection(impact: ImpactReport): string[] {
  const lines = ['### Impact on cases', ''];
  lines.push(
    impact.changed.length === 0
      ? `None of the ${impact.ran} cases and requests answers differently.`
      : `${impact.changed.length} of ${impact.ran} cases and requests answer differently (old → new):`,
    '',
  );
  if (impact.changed.length > 0) lines.push('| case | where | what changes |', '|---|---|---|', ...impact.changed.map(impactRow), '');
  if (impact.problems.length > 0) lines.push('Case files that could not be read:', '', ...impact.problems.map((problem) => `- ${code(problem)}`), '');
  return lines;
}

/** The diff as a pull-request comment: a heading per programme and version, tables for parameters and impact. */
export function renderMarkdown(report: DiffReport): string {
  const { diff } = report;
  const changed = diff.programmes.filter((programme) => programme.change !== 'unchanged');
  const unchanged = diff.programmes.filter((programme) => programme.change === 'unchanged').map((programme) => programme.programme);
  const data = diff.data ?? [];
  const lines = [`## Rule changes: ${code(diff.old)} → ${code(diff.new)}`, ''];
  if (changed.length === 0 && data.length === 0) lines.push('No differences in meaning between the two sides.', '');
  if (unchanged.length > 0 && (changed.length > 0 || data.length > 0)) lines.push(`Unchanged: ${unchanged.join(', ')}.`, '');
  lines.push(...changed.flatMap(programmeSection));
  if (data.length > 0) lines.push('### Data files', '', ...data.flatMap(dataFileSection));
  if (report.impact) lines.push(...impactSection(report.impact));
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
