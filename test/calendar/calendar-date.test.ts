import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seeded } from '../support/property-seed.js';
import {
  addDays,
  calendarDate as d,
  dayNumber,
  daysInclusive,
  daysInMonth,
  fromDayNumber,
  fromParts,
  isLeapYear,
  MAX_DATE,
  MIN_DATE,
  parseCalendarDate,
  wholeYearsOn,
} from '../../src/calendar/calendar-date.js';

describe('dayNumber and fromDayNumber', () => {
  it.each([
    ['0001-01-01', -719162],
    ['1969-12-31', -1],
    ['1970-01-01', 0],
    ['2000-03-01', 11017],
    ['9999-12-31', 2932896],
  ])('%s is day %i', (date, days) => {
    expect(dayNumber(d(date))).toBe(days);
    expect(fromDayNumber(days)).toBe(date);
  });

  it('round-trips every first and last day of a month in sampled years 0001–9999', () => {
    const years = [1, 4, 99, 100, 399, 400, 1582, 1899, 1900, 1970, 2000, 2023, 2024, 2100, 2400, 5000, 9999];
    for (let year = 1; year <= 9999; year += 97) years.push(year);
    for (const year of years) {
      for (let month = 1; month <= 12; month += 1) {
        const first = fromParts({ year, month, day: 1 });
        const last = fromParts({ year, month, day: daysInMonth(year, month) });
        expect(fromDayNumber(dayNumber(first))).toBe(first);
        expect(fromDayNumber(dayNumber(last))).toBe(last);
        expect(dayNumber(last) - dayNumber(first) + 1).toBe(daysInMonth(year, month));
      }
      expect(dayNumber(fromParts({ year, month: 12, day: 31 })) - dayNumber(fromParts({ year, month: 1, day: 1 })) + 1).toBe(isLeapYear(year) ? 366 : 365);
    }
  });

  it('round-trips any day number in 0001–9999 and moves one day at a time', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber(MIN_DATE), max: dayNumber(MAX_DATE) - 1 }), (days) => {
        const date = fromDayNumber(days);
        expect(parseCalendarDate(date)).toBe(date);
        expect(dayNumber(date)).toBe(days);
        expect(fromDayNumber(days + 1) > date).toBe(true);
      }),
      seeded(1000),
    );
  });
});

describe('leap years', () => {
  it.each([
    [4, true],
    [100, false],
    [400, true],
    [1900, false],
    [2000, true],
    [2023, false],
    [2024, true],
    [2100, false],
  ])('%i leap: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });
});

describe('parseCalendarDate', () => {
  it.each(['2023-02-30', '2023-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '0000-01-01', '2023-1-01', '2023-01-01T00:00', ''])('rejects %j', (text) => {
    expect(parseCalendarDate(text)).toBeNull();
  });
  it.each([20230101, null, undefined, {}])('rejects the non-string %j', (value) => {
    expect(parseCalendarDate(value)).toBeNull();
  });
  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (text) => {
    expect(parseCalendarDate(text)).toBe(text);
  });
  it('calendarDate throws on 2023-02-30', () => {
    expect(() => d('2023-02-30')).toThrow(RangeError);
  });
});

describe('addDays and daysInclusive', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['9999-12-31', 1, null],
    ['0001-01-01', -1, null],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(d(date), days)).toBe(expected);
  });
  it('counts both ends', () => {
    expect(daysInclusive(d('2024-01-01'), d('2024-12-31'))).toBe(366);
    expect(daysInclusive(d('2024-05-01'), d('2024-05-01'))).toBe(1);
  });
});

describe('wholeYearsOn (A4)', () => {
  it.each([
    ['2000-02-29', '2018-02-28', 17],
    ['2000-02-29', '2018-03-01', 18],
    ['2000-02-29', '2020-02-28', 19],
    ['2000-02-29', '2020-02-29', 20],
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2014-06-15', '2018-06-14', 3],
    ['2014-06-15', '2018-06-15', 4],
    ['2014-06-15', '2014-06-15', 0],
    ['2014-06-15', '2014-06-14', -1],
  ])('born %s, on %s is %i', (born, on, age) => {
    expect(wholeYearsOn(d(born), d(on))).toBe(age);
  });
});
