/**
 * A calendar date with no time zone: the ISO string `YYYY-MM-DD` (years 0001–9999), branded so that a plain
 * string cannot be passed where a checked date is meant. Arithmetic goes through a day number (days since
 * 1970-01-01 in the proleptic Gregorian calendar) computed with integer maths, never through `Date`.
 */
export type CalendarDate = string & { readonly __calendarDate: unique symbol };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The date if `text` is a real calendar date (2023-02-30 is not), else null. */
export function parseCalendarDate(text: unknown): CalendarDate | null {
  if (typeof text !== 'string') return null;
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return text as CalendarDate;
}

export function calendarDate(text: string): CalendarDate {
  const date = parseCalendarDate(text);
  if (date === null) throw new RangeError(`not a calendar date: ${text}`);
  return date;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function dateParts(date: CalendarDate): DateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function fromParts({ year, month, day }: DateParts): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CalendarDate;
}

/** Days since 1970-01-01 (Hinnant's days_from_civil). */
export function dayNumber(date: CalendarDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of dayNumber (Hinnant's civil_from_days). */
export function fromDayNumber(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return fromParts({ year, month, day });
}

export const MIN_DATE = '0001-01-01' as CalendarDate;
export const MAX_DATE = '9999-12-31' as CalendarDate;

/** `date` moved by `days`, or null when that leaves years 0001–9999. */
export function addDays(date: CalendarDate, days: number): CalendarDate | null {
  const moved = dayNumber(date) + days;
  if (moved < dayNumber(MIN_DATE) || moved > dayNumber(MAX_DATE)) return null;
  return fromDayNumber(moved);
}

export function nextDay(date: CalendarDate): CalendarDate | null {
  return addDays(date, 1);
}

export function previousDay(date: CalendarDate): CalendarDate | null {
  return addDays(date, -1);
}

/** Days from `from` to `to` inclusive of both. */
export function daysInclusive(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** ISO strings of four-digit years order as the dates do. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/**
 * The day a person born on `birthDate` turns `years` old. Someone born on 29 February turns a year older on
 * 1 March in a common year (the anniversary that does not exist is passed, not anticipated).
 */
export function anniversary(birthDate: CalendarDate, years: number): CalendarDate | null {
  const { year, month, day } = dateParts(birthDate);
  const target = year + years;
  if (target < 1 || target > 9999) return null;
  if (month === 2 && day === 29 && !isLeapYear(target)) return fromParts({ year: target, month: 3, day: 1 });
  return fromParts({ year: target, month, day });
}

/**
 * Whole years of age on `on` (A4); negative before birth. Comparing month and day as MMDD numbers gives the
 * anniversary rule above: born 29 February, one is a year older on 1 March of a common year.
 */
export function wholeYearsOn(birthDate: CalendarDate, on: CalendarDate): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const onMonthDay = Number(on.slice(5, 7)) * 100 + Number(on.slice(8, 10));
  const bornMonthDay = Number(birthDate.slice(5, 7)) * 100 + Number(birthDate.slice(8, 10));
  return onMonthDay < bornMonthDay ? years - 1 : years;
}
