import { readableCitation, sourceName } from '../rules/citations.js';
import type { Assumption, RuleVersion, Source } from '../rules/model.js';
import { compareCompensation } from './compensation-change.js';
import type { ConditionSides } from './condition-change.js';
import { dateMove } from './date-move.js';
import type { TextChange, VersionDiff } from './diff-report.js';
import { compareParameters } from './parameter-change.js';
import { parameterUsers } from './parameter-usage.js';
import { compareNamedConditions, compareRules, type VersionSides } from './rule-change.js';

function dateChanges(before: RuleVersion, after: RuleVersion): string[] {
  const changes: string[] = [];
  for (const field of ['effectiveFrom', 'effectiveTo', 'adopted'] as const) {
    const from = before[field];
    const to = after[field];
    if (from === to) continue;
    const moved = dateMove(from, to);
    changes.push(`${field} ${from ?? '(open)'} → ${to ?? '(open)'}${moved ? ` (${moved})` : ''}`);
  }
  return changes;
}

function compareById<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  describe: (item: T) => string,
  details: (a: T, b: T) => string[],
): TextChange[] {
  const changes: TextChange[] = [];
  for (const item of after) {
    const old = before.find((candidate) => candidate.id === item.id);
    if (!old) changes.push({ id: item.id, change: 'added', details: [describe(item)] });
    else {
      const found = details(old, item);
      if (found.length > 0) changes.push({ id: item.id, change: 'changed', details: found });
    }
  }
  for (const old of before) {
    if (!after.some((item) => item.id === old.id)) changes.push({ id: old.id, change: 'removed', details: [describe(old)] });
  }
  return changes;
}

function textChange(label: string, before: string, after: string): string[] {
  return before === after ? [] : [`${label}: "${before}" → "${after}"`];
}

const compareSources = (before: readonly Source[], after: readonly Source[]): TextChange[] =>
  compareById(
    before,
    after,
    (source) => `${sourceName(source)} — ${source.citation}`,
    (a, b) => [
      ...textChange('document', a.document, b.document),
      ...textChange('title', sourceName(a), sourceName(b)),
      ...textChange('citation', a.citation, b.citation),
    ],
  );

const NONE = '(none)';

/** An assumption's text, and where the sources leave it open, its other reading and passage. */
const compareAssumptions = (before: readonly Assumption[], after: readonly Assumption[]): TextChange[] =>
  compareById(
    before,
    after,
    (assumption) => (assumption.otherReading ? `${assumption.text.en} (open question; other reading: ${assumption.otherReading.en})` : assumption.text.en),
    (a, b) => [
      ...textChange('en', a.text.en, b.text.en),
      ...textChange('lv', a.text.lv, b.text.lv),
      ...textChange('other reading (en)', a.otherReading?.en ?? NONE, b.otherReading?.en ?? NONE),
      ...textChange('other reading (lv)', a.otherReading?.lv ?? NONE, b.otherReading?.lv ?? NONE),
      ...textChange('passage', a.passage ?? NONE, b.passage ?? NONE),
    ],
  );

/** What a version is, in a line or two: for a version only one side has. */
export function versionSummary(version: RuleVersion): string[] {
  return [
    `in force ${version.effectiveFrom} … ${version.effectiveTo ?? '(until the next version)'}, adopted ${version.adopted}`,
    `${version.parameters.size} parameters, ${version.rules.length} rules${version.compensation ? `, compensation ${version.compensation.kind}` : ''}`,
  ];
}

/**
 * Two versions compared at the level of meaning: dates, title, sources, parameters, assumptions, named
 * conditions, rules, compensation settings and line rules.
 */
export function diffVersions(before: RuleVersion, after: RuleVersion): VersionDiff {
  const conditions: ConditionSides = { oldParameters: before.parameters, newParameters: after.parameters };
  const sides: VersionSides = { old: before, new: after, conditions };
  const named = compareNamedConditions(sides);
  const diff: VersionDiff = {
    programme: after.programme,
    version: after.version,
    change: 'changed',
    summary: [],
    dates: dateChanges(before, after),
    title: [...textChange('title', before.title.en, after.title.en), ...textChange('Latvian title', before.title.lv, after.title.lv)],
    sources: compareSources(before.sources, after.sources),
    parameters: compareParameters(
      before.parameters,
      after.parameters,
      { old: parameterUsers(before), new: parameterUsers(after) },
      { old: (citation) => readableCitation(before.sources, citation), new: (citation) => readableCitation(after.sources, citation) },
    ),
    assumptions: compareAssumptions(before.assumptions, after.assumptions),
    conditions: named,
    rules: compareRules(before.rules, after.rules, sides, named),
    compensation: compareCompensation(before.compensation, after.compensation, conditions),
    lineRules: compareRules(before.compensation?.lineRules ?? [], after.compensation?.lineRules ?? [], sides, named),
  };
  if (before.version !== after.version) diff.oldVersion = before.version;
  const lists = [diff.dates, diff.title, diff.sources, diff.parameters, diff.assumptions, diff.conditions, diff.rules, diff.compensation, diff.lineRules];
  if (diff.oldVersion === undefined && lists.every((list) => list.length === 0)) diff.change = 'unchanged';
  return diff;
}

/** A version only one side has; an added one is compared with the version it follows, if there is one. */
export function oneSidedVersion(version: RuleVersion, change: 'added' | 'removed', predecessor?: RuleVersion): VersionDiff {
  const base: VersionDiff = predecessor
    ? { ...diffVersions(predecessor, version), comparedWith: predecessor.version }
    : {
        programme: version.programme,
        version: version.version,
        change,
        summary: [],
        dates: [],
        title: [],
        sources: [],
        parameters: [],
        assumptions: [],
        conditions: [],
        rules: [],
        compensation: [],
        lineRules: [],
      };
  const { oldVersion: _oldVersion, ...rest } = base;
  return { ...rest, change, summary: versionSummary(version) };
}
