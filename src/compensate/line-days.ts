import { daysInclusive, maxDate, minDate, type CalendarDate } from '../calendar/calendar-date.js';
import type { Segment } from '../evaluate/segments.js';
import type { RuleVersion } from '../rules/model.js';
import type { Period } from './claim-period.js';

/** The part of an input line that one eligibility segment covers. */
export interface LinePart {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  segment: Segment;
  version: RuleVersion;
}

/** A line's days split by the segments of the claim period; days outside the period belong to no part. */
export function splitLine(line: Period, segments: readonly Segment[]): { parts: LinePart[]; days: number; outsidePeriodDays: number } {
  const parts: LinePart[] = [];
  for (const segment of segments) {
    const from = maxDate(line.from, segment.from);
    const to = minDate(line.to, segment.to);
    if (from <= to) parts.push({ from, to, days: daysInclusive(from, to), segment, version: segment.span.version });
  }
  const days = daysInclusive(line.from, line.to);
  const covered = parts.reduce((total, part) => total + part.days, 0);
  return { parts, days, outsidePeriodDays: days - covered };
}

export function uniqueSorted(refs: Iterable<string>): string[] {
  return [...new Set(refs)].sort();
}
