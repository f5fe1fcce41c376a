import { fromParts, parseCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import type { Period } from '../compensate/claim-period.js';

/**
 * A period as a person types it: a calendar half-year `2024-H1` / `2024-H2`, a year `2024`, or two dates
 * `2024-01-01..2024-06-30`. Null when it is none of these.
 */
export function parsePeriodArgument(text: string): Period | null {
  const half = /^(\d{4})-H([12])$/.exec(text);
  if (half) {
    const year = Number(half[1]);
    if (year < 1) return null;
    return half[2] === '1'
      ? { from: fromParts({ year, month: 1, day: 1 }), to: fromParts({ year, month: 6, day: 30 }) }
      : { from: fromParts({ year, month: 7, day: 1 }), to: fromParts({ year, month: 12, day: 31 }) };
  }
  if (/^\d{4}$/.test(text) && Number(text) >= 1) return { from: `${text}-01-01` as CalendarDate, to: `${text}-12-31` as CalendarDate };
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (range) {
    const from = parseCalendarDate(range[1]);
    const to = parseCalendarDate(range[2]);
    if (from !== null && to !== null && from <= to) return { from, to };
  }
  return null;
}
