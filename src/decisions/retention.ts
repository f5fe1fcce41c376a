import { addDays, type CalendarDate, calendarDate, daysInMonth, dateParts, fromParts } from '../calendar/calendar-date.js';

/**
 * How long decision records are kept (DECISIONS_RETENTION): a whole number of years, months or days — `10y`, `18m`,
 * `400d` —, or for ever when it is not set.
 */
export type Retention = { kind: 'forever' } | { kind: 'period'; amount: number; unit: 'y' | 'm' | 'd'; text: string };

const PERIOD = /^([1-9]\d{0,3})([ymd])$/;

/** DECISIONS_RETENTION read: unset (or empty) keeps the records for ever; anything but a period is a problem. */
export function retentionOf(setting: string | undefined): Retention | { problem: string } {
  if (setting === undefined || setting === '') return { kind: 'forever' };
  const match = PERIOD.exec(setting);
  if (match === null)
    return {
      problem: `DECISIONS_RETENTION must be a whole number (1 to 9999) of years, months or days — 10y, 18m, 400d —, not "${setting}"; unset, records are kept for ever`,
    };
  return { kind: 'period', amount: Number(match[1]), unit: match[2] as 'y' | 'm' | 'd', text: setting };
}

/** The UTC calendar date of an instant: what "today" is for the records, whose days are UTC days. */
export function utcDateOf(instant: Date): CalendarDate {
  return calendarDate(instant.toISOString().slice(0, 10));
}

/**
 * The first day whose records are still kept on `today`: those decided before it are past their retention. Months
 * and years are counted on the calendar; a day the month arrived at does not have (31 March less a month) is that
 * month's last day, so a record is never deleted before its full period. Null when records are kept for ever, or
 * the period reaches back before 0001-01-01 (no record is that old).
 */
export function purgeBefore(retention: Retention, today: CalendarDate): CalendarDate | null {
  if (retention.kind === 'forever') return null;
  if (retention.unit === 'd') return addDays(today, -retention.amount);
  const { year, month, day } = dateParts(today);
  const months = year * 12 + (month - 1) - (retention.unit === 'y' ? 12 * retention.amount : retention.amount);
  const target = { year: Math.floor(months / 12), month: (months % 12) + 1 };
  if (target.year < 1) return null;
  return fromParts({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}
