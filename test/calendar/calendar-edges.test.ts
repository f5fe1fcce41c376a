import { describe, expect, it } from 'vitest';
import { addDays, anniversary, calendarDate, compareDates, MAX_DATE, MIN_DATE, parseCalendarDate } from '../../src/calendar/calendar-date.js';
import { HolidayLibrary } from '../../src/calendar/holiday-library.js';
import { type PublicHoliday, WorkingDayCalendar } from '../../src/calendar/working-days.js';

/**
 * The edges of the calendar module: the first and last days it knows, what is not a date, the order of dates, and a
 * working-day calendar built from MADE-UP holidays and transfers given in any order.
 */
const d = calendarDate;

describe('dates at the edges of years 0001–9999', () => {
  it.each([
    [MIN_DATE, 0, '0001-01-01'],
    [MAX_DATE, 0, '9999-12-31'],
    [MIN_DATE, -1, null],
    [MAX_DATE, 1, null],
    [d('0001-01-02'), -1, '0001-01-01'],
    [d('9999-12-30'), 1, '9999-12-31'],
  ])('%s moved by %i days: %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['0001-05-01', -1, null],
    ['0001-05-01', 0, '0001-05-01'],
    ['0002-05-01', -1, '0001-05-01'],
    ['9990-01-01', 9, '9999-01-01'],
    ['9990-01-01', 10, null],
  ])('born %s, %i years on: %s', (birthDate, years, expected) => {
    expect(anniversary(d(birthDate), years)).toBe(expected);
  });
});

describe('what is not a calendar date', () => {
  it.each([['2024-13-01'], ['2024-00-10'], ['2023-02-29'], ['0000-01-01'], ['2024-1-01']])('%s', (text) => {
    expect(parseCalendarDate(text)).toBeNull();
  });

  it.each([[20240101], [['2024-01-01']], [new String('2024-01-01')], [null], [undefined]])('%j, which is not a string', (value) => {
    expect(parseCalendarDate(value)).toBeNull();
  });

  it('calendarDate names the text it refuses', () => {
    expect(() => calendarDate('2024-02-30')).toThrow(new RangeError('not a calendar date: 2024-02-30'));
  });
});

describe('the order of dates', () => {
  it.each([
    ['2024-01-01', '2024-01-02', -1],
    ['2024-01-02', '2024-01-01', 1],
    ['2024-01-01', '2024-01-01', 0],
    ['0999-12-31', '1000-01-01', -1],
  ])('%s against %s: %i', (a, b, expected) => {
    expect(compareDates(d(a), d(b))).toBe(expected);
  });
});

/** MADE-UP holidays of any year: 1 January, and two that share 15 August; given out of date order. */
const holidaysOf = (year: number): PublicHoliday[] => [
  { date: d(`${year}-08-15`), name: { lv: 'Otrā izdomātā', en: 'Second made-up day' }, source: 'made-up act B' },
  { date: d(`${year}-01-01`), name: { lv: 'Izdomātā', en: 'Made-up day' }, source: 'made-up act A' },
  { date: d(`${year}-08-15`), name: { lv: 'Trešā izdomātā', en: 'Third made-up day' }, source: 'made-up act C' },
  // Another year's day, as a library may give near a year's end: not a holiday of `year`.
  { date: d(`${year + 1}-01-02`), name: { lv: 'Citā gadā', en: 'In another year' }, source: 'made-up act D' },
];

/** MADE-UP transfers, given out of date order: Friday 2024-05-03 worked on Saturday 2024-05-11, and one in March. */
const TRANSFERS = [
  { dayOff: d('2024-05-03'), workedOn: d('2024-05-11'), source: 'made-up order 2' },
  { dayOff: d('2024-03-08'), workedOn: d('2024-03-16'), source: 'made-up order 1' },
];

describe('a working-day calendar from made-up holidays and transfers', () => {
  it('knows the transferred days off and the Saturdays worked instead', () => {
    const calendar = new WorkingDayCalendar(holidaysOf, TRANSFERS);
    expect(['2024-05-03', '2024-05-11', '2024-03-08', '2024-03-16', '2024-05-04', '2024-05-06'].map((date) => calendar.dayKind(d(date)))).toEqual([
      'transferredDayOff',
      'transferredWorkingDay',
      'transferredDayOff',
      'transferredWorkingDay',
      'weekend',
      'workingDay',
    ]);
    // Thursday 2024-05-02 + 2 working days: not Friday the 3rd (off), not the weekend: Monday the 6th and Tuesday the 7th.
    expect(calendar.addWorkingDays(d('2024-05-02'), 2)).toBe('2024-05-07');
  });

  it('lists the transfers in date order, whatever order they were given in', () => {
    expect(new WorkingDayCalendar(holidaysOf, TRANSFERS).transfers.map((transfer) => transfer.dayOff)).toEqual(['2024-03-08', '2024-05-03']);
  });

  it('finds a transfer by either of its days, both ends of the range included', () => {
    const calendar = new WorkingDayCalendar(holidaysOf, TRANSFERS);
    expect(calendar.transfersBetween(d('2024-05-03'), d('2024-05-03')).map((transfer) => transfer.source)).toEqual(['made-up order 2']);
    expect(calendar.transfersBetween(d('2024-05-11'), d('2024-05-11')).map((transfer) => transfer.source)).toEqual(['made-up order 2']);
    expect(calendar.transfersBetween(d('2024-03-09'), d('2024-03-15'))).toEqual([]);
  });

  it('lists a year’s holidays in date order, two on one day both, and none a year gives of another (2025-01-02)', () => {
    const calendar = new WorkingDayCalendar(holidaysOf, []);
    expect(calendar.holidaysBetween(d('2024-01-01'), d('2025-01-05')).map((holiday) => `${holiday.date} ${holiday.name.en}`)).toEqual([
      '2024-01-01 Made-up day',
      '2024-08-15 Second made-up day',
      '2024-08-15 Third made-up day',
      '2025-01-01 Made-up day',
    ]);
    expect(calendar.publicHolidaysOn(d('2024-08-15')).map((holiday) => holiday.source)).toEqual(['made-up act B', 'made-up act C']);
  });

  it('refuses a number of working days that is not whole, saying which', () => {
    expect(() => new WorkingDayCalendar(holidaysOf, []).addWorkingDays(d('2024-05-02'), 1.5)).toThrow(
      new RangeError('working days to add must be a whole number: 1.5'),
    );
  });
});

describe('the holiday library with a made-up addition', () => {
  it('returns the addition as a public holiday with its names and source', () => {
    const library = new HolidayLibrary('LV', 'the library');
    expect(library.add({ rule: '08-15', name: { lv: 'Izdomātā diena', en: 'Made-up day' }, source: 'made-up act' })).toBe(true);
    const added = library.holidaysOf(2024).find((holiday) => holiday.date === '2024-08-15');
    expect(added && { date: added.date, lv: added.name.lv, en: added.name.en, source: added.source }).toEqual({
      date: '2024-08-15',
      lv: 'Izdomātā diena',
      en: 'Made-up day',
      source: 'made-up act',
    });
  });

  it('gives only public holidays: an observance (Mother’s Day, 12 May 2024) is no day off until an addition retypes it', () => {
    const library = new HolidayLibrary('LV', 'the library');
    expect(library.holidaysOf(2024).map((holiday) => holiday.date)).not.toContain('2024-05-12');
    library.add({ rule: '2nd sunday in May', name: { lv: 'Mātes diena', en: "Mother's Day" }, source: 'made-up act' });
    expect(library.holidaysOf(2024).find((holiday) => holiday.date === '2024-05-12')?.source).toBe('made-up act');
  });

  it('a holiday of the library itself names the library and its rule as its source', () => {
    const newYear = new HolidayLibrary('LV', 'the library').holidaysOf(2024).find((holiday) => holiday.date === '2024-01-01');
    expect(newYear?.source).toBe('the library (date-holidays rule "01-01")');
  });
});
