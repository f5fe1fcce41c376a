import { dayNumber, type CalendarDate } from './calendar-date.js';

/** ISO 8601 day of the week: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const SATURDAY: IsoWeekday = 6;
export const SUNDAY: IsoWeekday = 7;

/** Day number 0 (1970-01-01) was a Thursday; the modulo is kept non-negative for dates before 1970. */
export function isoWeekday(date: CalendarDate): IsoWeekday {
  return (((((dayNumber(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isWeekend(date: CalendarDate): boolean {
  return isoWeekday(date) >= SATURDAY;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export function weekdayName(date: CalendarDate): (typeof WEEKDAY_NAMES)[number] {
  return WEEKDAY_NAMES[isoWeekday(date) - 1] as (typeof WEEKDAY_NAMES)[number];
}
