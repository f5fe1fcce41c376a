import { previousDay } from '../calendar/calendar-date.js';
import type { DeclaredFact, DerivedFact, Programme, RuleSet, RuleVersion } from '../rules/model.js';
import { canonicalJson, sameValue } from './canonical-json.js';
import { diffDataFiles } from './data-file-change.js';
import type { ProgrammeDiff, RuleSetDiff, VersionDiff } from './diff-report.js';
import { diffVersions, oneSidedVersion } from './version-diff.js';

function describeFact(fact: DeclaredFact): string {
  return `${fact.type}, from ${fact.in}, ${fact.required ? 'required' : 'optional'}`;
}

function describeDerivedFact(fact: DerivedFact): string {
  switch (fact.kind) {
    case 'wholeYearsOn':
      return `whole years of ${fact.of} on the evaluated day`;
    case 'itemsByDate':
      return `items of ${fact.of} whose ${fact.field} is ${fact.keep === 'onOrAfterDay' ? 'on or after' : 'absent or before'} the evaluated day`;
    case 'field':
      return `field ${fact.field} of ${fact.of} (${fact.type})`;
  }
}

function compareMaps<T>(label: string, before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>, describe: (item: T) => string): string[] {
  const lines: string[] = [];
  for (const [name, item] of after) {
    const old = before.get(name);
    if (old === undefined) lines.push(`${label} ${name} added: ${describe(item)}`);
    else if (describe(old) !== describe(item)) lines.push(`${label} ${name}: ${describe(old)} → ${describe(item)}`);
    else if (!sameValue(old, item)) lines.push(`${label} ${name}: title or help changed`);
  }
  for (const [name, item] of before) if (!after.has(name)) lines.push(`${label} ${name} removed (was ${describe(item)})`);
  return lines;
}

function programmeDetails(before: Programme, after: Programme): string[] {
  return [
    ...(before.title.en !== after.title.en ? [`title "${before.title.en}" → "${after.title.en}"`] : []),
    ...(before.title.lv !== after.title.lv ? [`Latvian title "${before.title.lv}" → "${after.title.lv}"`] : []),
    ...(canonicalJson(before.noBasisBlocker) !== canonicalJson(after.noBasisBlocker)
      ? [`no-basis blocker ${before.noBasisBlocker.ref} → ${after.noBasisBlocker.ref} ("${after.noBasisBlocker.title.en}")`]
      : []),
    ...compareMaps('fact', before.facts, after.facts, describeFact),
    ...compareMaps('derived fact', before.derivedFacts, after.derivedFacts, describeDerivedFact),
  ];
}

/** The version in force just before `version` starts, among the others on its side. */
export function predecessorOf(version: RuleVersion, versions: readonly RuleVersion[]): RuleVersion | undefined {
  return versions.filter((other) => other !== version && other.effectiveFrom < version.effectiveFrom).at(-1);
}

/** An added version compared with the one before it; that one, if open-ended, now ends the day before. */
function addedVersion(version: RuleVersion, versions: readonly RuleVersion[]): VersionDiff {
  const predecessor = predecessorOf(version, versions);
  const diff: VersionDiff = { ...oneSidedVersion(version, 'added', predecessor), effectiveFrom: version.effectiveFrom };
  const end = previousDay(version.effectiveFrom);
  if (predecessor && predecessor.effectiveTo === null && end !== null) diff.summary.push(`version ${predecessor.version} now ends on ${end}`);
  return diff;
}

/**
 * Versions paired by their `version` id. When each side holds exactly one version (two version files, or a
 * programme with one version), the two are paired whatever their ids.
 */
function diffProgrammeVersions(before: Programme, after: Programme): VersionDiff[] {
  if (before.versions.length === 1 && after.versions.length === 1) return [diffVersions(before.versions[0] as RuleVersion, after.versions[0] as RuleVersion)];
  const diffs: VersionDiff[] = [];
  for (const version of after.versions) {
    const old = before.versions.find((candidate) => candidate.version === version.version);
    diffs.push(old ? diffVersions(old, version) : addedVersion(version, after.versions));
  }
  for (const old of before.versions) {
    if (!after.versions.some((candidate) => candidate.version === old.version)) diffs.push(oneSidedVersion(old, 'removed'));
  }
  return diffs;
}

/**
 * Two named versions (two version files): a version the new side adds beside the old one it names is shown as
 * added, against the version before it; otherwise the two are paired whatever their ids.
 */
function diffNamedVersions(before: Programme, after: Programme, names: { old: string; new: string }): VersionDiff[] {
  const old = before.versions.find((candidate) => candidate.version === names.old);
  const now = after.versions.find((candidate) => candidate.version === names.new);
  if (!old || !now) return diffProgrammeVersions(before, after).filter((diff) => diff.version === names.old || diff.version === names.new);
  if (old.version === now.version) return [diffVersions(old, now)];
  const added =
    !before.versions.some((candidate) => candidate.version === now.version) && after.versions.some((candidate) => candidate.version === old.version);
  if (!added) return [diffVersions(old, now)];
  const kept = after.versions.find((candidate) => candidate.version === old.version) as RuleVersion;
  return [diffVersions(old, kept), addedVersion(now, after.versions)];
}

function diffProgramme(before: Programme | undefined, after: Programme | undefined, versions?: { old: string; new: string }): ProgrammeDiff {
  if (!before) {
    const added = after as Programme;
    return {
      programme: added.id,
      title: added.title.en,
      change: 'added',
      details: [],
      versions: added.versions.map((version) => oneSidedVersion(version, 'added')),
    };
  }
  if (!after)
    return {
      programme: before.id,
      title: before.title.en,
      change: 'removed',
      details: [],
      versions: before.versions.map((version) => oneSidedVersion(version, 'removed')),
    };
  const details = programmeDetails(before, after);
  const diffs = versions ? diffNamedVersions(before, after, versions) : diffProgrammeVersions(before, after);
  const unchanged = details.length === 0 && diffs.every((version) => version.change === 'unchanged');
  return { programme: after.id, title: after.title.en, change: unchanged ? 'unchanged' : 'changed', details, versions: diffs };
}

/**
 * What a diff is about: every programme and data file (two rule folders), or the programmes a programme folder
 * or version file names, and for two version files the two versions they hold.
 */
export interface DiffScope {
  programmes?: readonly string[];
  versions?: { old: string; new: string };
}

/** Two rule sets compared programme by programme, version by version, and their data files. Pure. */
export function diffRuleSets(before: RuleSet, after: RuleSet, labels: { old: string; new: string }, scope: DiffScope = {}): RuleSetDiff {
  const names = [...new Set([...before.programmes.keys(), ...after.programmes.keys()])]
    .filter((name) => !scope.programmes || scope.programmes.includes(name))
    .sort();
  const paired = scope.versions && names.length === 1 ? scope.versions : undefined;
  return {
    old: labels.old,
    new: labels.new,
    programmes: names.map((name) => diffProgramme(before.programmes.get(name), after.programmes.get(name), paired)),
    data: scope.programmes ? [] : diffDataFiles(before, after),
  };
}
