import { formatMoney, sum, type Money } from '../money/money.js';
import { daysInclusive, maxDate, minDate, nextDay, parseCalendarDate, previousDay, type CalendarDate } from '../calendar/calendar-date.js';
import type { Segment } from '../evaluate/segments.js';
import type { RuleVersion } from '../rules/model.js';
import type { Period } from './claim-period.js';
import type { KindAnswer } from './compensation-context.js';

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

/**
 * Parts cut again on the day after each of the line's own dates (e.g. the last day a DI project compensates the
 * line's service), so that line rules comparing such a date with the evaluated day hold on the whole of each part.
 */
export function cutAtLineDates(parts: readonly LinePart[], line: object, dateFields: readonly string[]): LinePart[] {
  const points = dateFields.flatMap((field) => {
    const date = parseCalendarDate((line as Record<string, unknown>)[field]);
    const after = date === null ? null : nextDay(date);
    return after === null ? [] : [after];
  });
  if (points.length === 0) return [...parts];
  return parts.flatMap((part) => {
    const inside = [...new Set(points.filter((point) => point > part.from && point <= part.to))].sort();
    const pieces: LinePart[] = [];
    let from = part.from;
    for (const point of inside) {
      const to = previousDay(point) as CalendarDate;
      pieces.push({ ...part, from, to, days: daysInclusive(from, to) });
      from = point;
    }
    pieces.push({ ...part, from, to: part.to, days: daysInclusive(from, part.to) });
    return pieces;
  });
}

export function uniqueSorted(refs: Iterable<string>): string[] {
  return [...new Set(refs)].sort();
}

/** A kind's answer that is the sum of its lines, rounded once at the end. */
export function summedLines(lines: ReadonlyArray<{ exact: Money; answer: KindAnswer['lines'][number] }>, rule: string): { body: KindAnswer } {
  const total = sum(lines.map((line) => line.exact));
  return {
    body: {
      compensation: formatMoney(total),
      lines: lines.map((line) => line.answer),
      explanation: [{ step: 'compensation', compensation: formatMoney(total), rule }],
    },
  };
}
