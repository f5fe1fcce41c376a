import { dayNumber, parseCalendarDate } from '../calendar/calendar-date.js';

/** How far a date moved, in days: "59 days later", "1 day earlier"; null if either is not a calendar date. */
export function dateMove(oldDate: unknown, newDate: unknown): string | null {
  const from = parseCalendarDate(oldDate);
  const to = parseCalendarDate(newDate);
  if (from === null || to === null) return null;
  const days = dayNumber(to) - dayNumber(from);
  if (days === 0) return 'same day';
  const count = Math.abs(days);
  return `${count} day${count === 1 ? '' : 's'} ${days > 0 ? 'later' : 'earlier'}`;
}
