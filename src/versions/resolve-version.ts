import { maxDate, minDate, nextDay, previousDay, type CalendarDate } from '../calendar/calendar-date.js';
import type { Programme, RuleVersion } from '../rules/model.js';

/**
 * A version with the days it is in force, as known on some date: a version without its own effectiveTo stays in
 * force until the next known version starts, so a version adopted later shortens it only for askers who know it.
 */
export interface VersionInForce {
  version: RuleVersion;
  effectiveFrom: CalendarDate;
  effectiveTo: CalendarDate | null;
}

/** No known version is in force on `date`; the nearest ones on either side, if any. */
export interface NoVersionInForce {
  date: CalendarDate;
  before: VersionInForce | null;
  after: VersionInForce | null;
}

export interface VersionSpan extends VersionInForce {
  /** The part of the asked period this version covers. */
  from: CalendarDate;
  to: CalendarDate;
}

/** The versions adopted by `asOf` (all without it), each with the days it is in force. */
export function versionsInForce(programme: Programme, asOf?: CalendarDate): VersionInForce[] {
  const known = programme.versions.filter((version) => asOf === undefined || version.adopted <= asOf);
  return known.map((version, index) => {
    const next = known[index + 1];
    const dayBeforeNext = next ? previousDay(next.effectiveFrom) : null;
    let effectiveTo = version.effectiveTo;
    if (dayBeforeNext !== null) effectiveTo = effectiveTo === null ? dayBeforeNext : minDate(effectiveTo, dayBeforeNext);
    return { version, effectiveFrom: version.effectiveFrom, effectiveTo };
  });
}

function covers(range: VersionInForce, date: CalendarDate): boolean {
  return range.effectiveFrom <= date && (range.effectiveTo === null || date <= range.effectiveTo);
}

function nearest(ranges: VersionInForce[], date: CalendarDate): NoVersionInForce {
  const before = ranges.filter((range) => range.effectiveTo !== null && range.effectiveTo < date).at(-1) ?? null;
  const after = ranges.find((range) => range.effectiveFrom > date) ?? null;
  return { date, before, after };
}

export function resolveVersion(programme: Programme, date: CalendarDate, asOf?: CalendarDate): VersionInForce | NoVersionInForce {
  const ranges = versionsInForce(programme, asOf);
  return ranges.find((range) => covers(range, date)) ?? nearest(ranges, date);
}

export function isNoVersion(value: VersionInForce | NoVersionInForce | VersionSpan[]): value is NoVersionInForce {
  return !Array.isArray(value) && 'date' in value;
}

/** The period cut at every version boundary, or the first day of it that no known version covers. */
export function versionSpans(programme: Programme, from: CalendarDate, to: CalendarDate, asOf?: CalendarDate): VersionSpan[] | NoVersionInForce {
  const ranges = versionsInForce(programme, asOf);
  const spans: VersionSpan[] = [];
  let day: CalendarDate | null = from;
  while (day !== null && day <= to) {
    const current: CalendarDate = day;
    const range = ranges.find((candidate) => covers(candidate, current));
    if (!range) return nearest(ranges, current);
    const spanTo = range.effectiveTo === null ? to : minDate(range.effectiveTo, to);
    spans.push({ ...range, from: maxDate(current, range.effectiveFrom), to: spanTo });
    day = nextDay(spanTo);
  }
  return spans;
}

export function describeNoVersion(programme: Programme, missing: NoVersionInForce, asOf?: CalendarDate): string {
  const known = asOf === undefined ? '' : ` adopted by ${asOf}`;
  const parts = [`No version of ${programme.id}${known} is in force on ${missing.date}.`];
  if (missing.before)
    parts.push(`Nearest before: ${missing.before.version.version} (in force ${missing.before.effectiveFrom} to ${missing.before.effectiveTo ?? 'open'}).`);
  if (missing.after)
    parts.push(`Nearest after: ${missing.after.version.version} (in force from ${missing.after.effectiveFrom}, adopted ${missing.after.version.adopted}).`);
  const unadopted = asOf === undefined ? [] : programme.versions.filter((version) => version.adopted > asOf);
  if (unadopted.length > 0) parts.push(`Adopted after ${asOf}: ${unadopted.map((version) => `${version.version} (adopted ${version.adopted})`).join(', ')}.`);
  if (!missing.before && !missing.after && unadopted.length === 0) parts.push('The programme has no versions.');
  return parts.join(' ');
}
