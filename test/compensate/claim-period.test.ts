import { describe, expect, it } from 'vitest';
import { calendarDate, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { calendarHalfYearOf, dayOfMonthAfter, monthsOf, wholeClaimPeriod } from '../../src/compensate/claim-period.js';

/**
 * The calendar arithmetic of a claim period (NSK's calendar half-year, its report's due day, the months of its cap,
 * A1) at its edges: the last day of June, a range across a new year, one day, and the first and last years a
 * calendar date has (0001–9999). Pure date arithmetic: no rule figure is read.
 */

const date = (text: string): CalendarDate => calendarDate(text);

describe('calendarHalfYearOf: the calendar half-year that holds a day', () => {
  it.each([
    { day: '2024-01-01', from: '2024-01-01', to: '2024-06-30' },
    // The last day of June is in the first half-year, not the second.
    { day: '2024-06-30', from: '2024-01-01', to: '2024-06-30' },
    { day: '2024-07-01', from: '2024-07-01', to: '2024-12-31' },
    { day: '2024-12-31', from: '2024-07-01', to: '2024-12-31' },
  ])('$day is in $from…$to', ({ day, from, to }) => {
    expect(calendarHalfYearOf(date(day))).toEqual({ from, to });
  });
});

describe('wholeClaimPeriod: a period that is exactly one calendar half-year, or null', () => {
  it.each([
    { from: '2024-01-01', to: '2024-06-30' },
    { from: '2024-07-01', to: '2024-12-31' },
  ])('$from…$to is a whole claim period', ({ from, to }) => {
    expect(wholeClaimPeriod({ from: date(from), to: date(to) })).toEqual({ from, to });
  });

  it.each([
    // Starts on the half-year's first day, ends a month early.
    { from: '2024-01-01', to: '2024-05-31' },
    // Starts a day late, ends on the half-year's last day.
    { from: '2024-01-02', to: '2024-06-30' },
    // Both halves of a year.
    { from: '2024-01-01', to: '2024-12-31' },
  ])('$from…$to is not one', ({ from, to }) => {
    expect(wholeClaimPeriod({ from: date(from), to: date(to) })).toBeNull();
  });
});

describe('dayOfMonthAfter: day N of the month M months later (a report due the 15th of the month after its half-year)', () => {
  it.each([
    { day: '2024-06-30', months: 1, dayOfMonth: 15, due: '2024-07-15' },
    // Across a new year: December + 1 is January of the next year.
    { day: '2024-12-31', months: 1, dayOfMonth: 15, due: '2025-01-15' },
    // Clamped to the month's length: 31 February 2024 is its 29th (a leap year), 31 April its 30th.
    { day: '2024-01-31', months: 1, dayOfMonth: 31, due: '2024-02-29' },
    { day: '2023-03-10', months: 1, dayOfMonth: 31, due: '2023-04-30' },
    // The first and the last year a calendar date has are still in range.
    { day: '0001-03-31', months: 0, dayOfMonth: 15, due: '0001-03-15' },
    { day: '9999-11-30', months: 1, dayOfMonth: 15, due: '9999-12-15' },
  ])('$dayOfMonth of the month $months after $day: $due', ({ day, months, dayOfMonth, due }) => {
    expect(dayOfMonthAfter(date(day), months, dayOfMonth)).toBe(due);
  });

  it.each([
    // 9999-12 + 1 month is in year 10000, which no calendar date has.
    { day: '9999-12-31', months: 1 },
    // 0001-01 − 1 month is in year 0.
    { day: '0001-01-15', months: -1 },
  ])('$months month(s) from $day leaves years 0001–9999: null', ({ day, months }) => {
    expect(dayOfMonthAfter(date(day), months, 15)).toBeNull();
  });
});

describe('monthsOf: the days of a range split at month ends (the months of the cap, A1)', () => {
  it('one day is one piece of one day', () => {
    expect(monthsOf(date('2024-03-05'), date('2024-03-05'))).toEqual([{ month: '2024-03', from: '2024-03-05', to: '2024-03-05', days: 1, daysInMonth: 31 }]);
  });

  it('a range inside one month ends on its own last day, not the month’s: 2024-03-05…03-10 is 6 days', () => {
    expect(monthsOf(date('2024-03-05'), date('2024-03-10'))).toEqual([{ month: '2024-03', from: '2024-03-05', to: '2024-03-10', days: 6, daysInMonth: 31 }]);
  });

  it('a range whose last piece is its last day alone: 2024-02-10…03-01 is 20 days of February (a leap year) and 1 of March', () => {
    expect(monthsOf(date('2024-02-10'), date('2024-03-01'))).toEqual([
      { month: '2024-02', from: '2024-02-10', to: '2024-02-29', days: 20, daysInMonth: 29 },
      { month: '2024-03', from: '2024-03-01', to: '2024-03-01', days: 1, daysInMonth: 31 },
    ]);
  });

  it('a range across a new year: 2023-12-20…2024-01-10 is 12 days of December and 10 of January', () => {
    expect(monthsOf(date('2023-12-20'), date('2024-01-10'))).toEqual([
      { month: '2023-12', from: '2023-12-20', to: '2023-12-31', days: 12, daysInMonth: 31 },
      { month: '2024-01', from: '2024-01-01', to: '2024-01-10', days: 10, daysInMonth: 31 },
    ]);
  });

  it('a whole half-year is its six months whole', () => {
    expect(monthsOf(date('2023-07-01'), date('2023-12-31')).map(({ month, days, daysInMonth }) => `${month} ${days}/${daysInMonth}`)).toEqual([
      '2023-07 31/31',
      '2023-08 31/31',
      '2023-09 30/30',
      '2023-10 31/31',
      '2023-11 30/30',
      '2023-12 31/31',
    ]);
  });

  it('a range ending on the last calendar day, 9999-12-31, stops there (the month after it is no date)', () => {
    expect(monthsOf(date('9999-11-15'), date('9999-12-31'))).toEqual([
      { month: '9999-11', from: '9999-11-15', to: '9999-11-30', days: 16, daysInMonth: 30 },
      { month: '9999-12', from: '9999-12-01', to: '9999-12-31', days: 31, daysInMonth: 31 },
    ]);
  });
});
