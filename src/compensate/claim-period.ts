import { dateParts, daysInMonth, fromParts, type CalendarDate } from '../calendar/calendar-date.js';

export interface Period {
  from: CalendarDate;
  to: CalendarDate;
}

/** The calendar half-year (1 January–30 June or 1 July–31 December) that holds `date`. */
export function calendarHalfYearOf(date: CalendarDate): Period {
  const { year, month } = dateParts(date);
  return month <= 6
    ? { from: fromParts({ year, month: 1, day: 1 }), to: fromParts({ year, month: 6, day: 30 }) }
    : { from: fromParts({ year, month: 7, day: 1 }), to: fromParts({ year, month: 12, day: 31 }) };
}

/** The claim period that `period` is exactly, or null when it is not one whole claim period. */
export function wholeClaimPeriod(period: Period): Period | null {
  const holding = calendarHalfYearOf(period.from);
  return period.from === holding.from && period.to === holding.to ? holding : null;
}

/** Day `dayOfMonth` of the month `months` after the month `date` is in (clamped to that month's length). */
export function dayOfMonthAfter(date: CalendarDate, months: number, dayOfMonth: number): CalendarDate | null {
  const { year, month } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  if (targetYear < 1 || targetYear > 9999) return null;
  return fromParts({ year: targetYear, month: targetMonth, day: Math.min(dayOfMonth, daysInMonth(targetYear, targetMonth)) });
}

/** The days of [from, to] split at month ends: [{ month: 'YYYY-MM', from, to, days, daysInMonth }]. */
export function monthsOf(
  from: CalendarDate,
  to: CalendarDate,
): Array<{ month: string; from: CalendarDate; to: CalendarDate; days: number; daysInMonth: number }> {
  const pieces = [];
  let cursor = from;
  while (cursor <= to) {
    const { year, month, day } = dateParts(cursor);
    const length = daysInMonth(year, month);
    const monthEnd = fromParts({ year, month, day: length });
    const end = monthEnd < to ? monthEnd : to;
    const lastDay = dateParts(end).day;
    pieces.push({ month: cursor.slice(0, 7), from: cursor, to: end, days: lastDay - day + 1, daysInMonth: length });
    if (end === to) break;
    cursor = month === 12 ? fromParts({ year: year + 1, month: 1, day: 1 }) : fromParts({ year, month: month + 1, day: 1 });
  }
  return pieces;
}
