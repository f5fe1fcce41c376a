import type { DeclaredFact, DerivedFact, Programme, RuleSet, RuleVersion } from '../rules/model.js';
import { canonicalJson, sameValue } from './canonical-json.js';
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
    ...(canonicalJson(before.noBasisBlocker) !== canonicalJson(after.noBasisBlocker) ? [`no-basis blocker ${before.noBasisBlocker.ref} → ${after.noBasisBlocker.ref} ("${after.noBasisBlocker.title.en}")`] : []),
    ...compareMaps('fact', before.facts, after.facts, describeFact),
    ...compareMaps('derived fact', before.derivedFacts, after.derivedFacts, describeDerivedFact),
  ];
}

/** The version in force just before `version` starts, among the others on its side. */
function predecessorOf(version: RuleVersion, versions: readonly RuleVersion[]): RuleVersion | undefined {
  return versions.filter((other) => other !== version && other.effectiveFrom < version.effectiveFrom).at(-1);
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
    diffs.push(old ? diffVersions(old, version) : oneSidedVersion(version, 'added', predecessorOf(version, after.versions)));
  }
  for (const old of before.versions) {
    if (!after.versions.some((candidate) => candidate.version === old.version)) diffs.push(oneSidedVersion(old, 'removed'));
  }
  return diffs;
}

function diffProgramme(before: Programme | undefined, after: Programme | undefined): ProgrammeDiff {
  if (!before) {
    const added = after as Programme;
    return { programme: added.id, title: added.title.en, change: 'added', details: [], versions: added.versions.map((version) => oneSidedVersion(version, 'added')) };
  }
  if (!after) return { programme: before.id, title: before.title.en, change: 'removed', details: [], versions: before.versions.map((version) => oneSidedVersion(version, 'removed')) };
  const details = programmeDetails(before, after);
  const versions = diffProgrammeVersions(before, after);
  const unchanged = details.length === 0 && versions.every((version) => version.change === 'unchanged');
  return { programme: after.id, title: after.title.en, change: unchanged ? 'unchanged' : 'changed', details, versions };
}

/** Two rule sets compared programme by programme, version by version. Pure. */
export function diffRuleSets(before: RuleSet, after: RuleSet, labels: { old: string; new: string }): RuleSetDiff {
  const names = [...new Set([...before.programmes.keys(), ...after.programmes.keys()])].sort();
  return { old: labels.old, new: labels.new, programmes: names.map((name) => diffProgramme(before.programmes.get(name), after.programmes.get(name))) };
}
