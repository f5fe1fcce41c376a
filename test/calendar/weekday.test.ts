import { describe, expect, it } from 'vitest';
import { calendarDate as d } from '../../src/calendar/calendar-date.js';
import { isoWeekday, isWeekend, weekdayName } from '../../src/calendar/weekday.js';

describe('isoWeekday: integer arithmetic on the day number', () => {
  it.each([
    ['0001-01-01', 1, 'Monday'],
    ['1969-12-31', 3, 'Wednesday'],
    ['1970-01-01', 4, 'Thursday'],
    ['2000-02-29', 2, 'Tuesday'],
    ['2024-05-04', 6, 'Saturday'],
    ['2024-05-12', 7, 'Sunday'],
    ['2024-12-23', 1, 'Monday'],
    ['9999-12-31', 5, 'Friday'],
  ])('%s is day %i (%s)', (date, weekday, name) => {
    expect(isoWeekday(d(date))).toBe(weekday);
    expect(weekdayName(d(date))).toBe(name);
    expect(isWeekend(d(date))).toBe(weekday >= 6);
  });
});
