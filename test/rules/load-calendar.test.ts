import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/calendar/calendar-date.js';
import { loadWorkingDayCalendar, workingDayCalendarFromText } from '../../src/rules/load-calendar.js';
import { formatProblem } from '../../src/rules/yaml-file.js';

/**
 * A working-day calendar file: its one-off holidays, its transfers, each date given once in the whole file, and
 * every problem reported in file order. The dates are made up; the holiday library only supplies a country.
 */

const FILE = 'calendar/test.yaml';
const HEAD = ['title: { lv: Kalendārs, en: Calendar }', 'holidayLibrary: { country: LV, source: The holiday law }'];

function problemsOf(...lines: string[]): string[] {
  const result = workingDayCalendarFromText(FILE, `${[...HEAD, ...lines].join('\n')}\n`);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('workingDayCalendarFromText', () => {
  it('a one-off holiday is a day off, and a transfer moves a weekday off to a Saturday', () => {
    const result = workingDayCalendarFromText(
      FILE,
      `${[
        ...HEAD,
        'oneOffHolidays:',
        '  - date: "2024-06-12"',
        '    name: { lv: Vienreizēji svētki, en: One-off holiday }',
        '    source: An order',
        'transferredDays:',
        '  - dayOff: "2024-06-14"',
        '    workedOn: "2024-06-08"',
        '    source: An order',
      ].join('\n')}\n`,
    );
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.calendar.publicHolidaysOn(calendarDate('2024-06-12')).map((holiday) => holiday.name.en)).toEqual(['One-off holiday']);
    expect(result.calendar.isWorkingDay(calendarDate('2024-06-12'))).toBe(false);
    expect(result.calendar.isWorkingDay(calendarDate('2024-06-14'))).toBe(false);
    expect(result.calendar.isWorkingDay(calendarDate('2024-06-08'))).toBe(true);
  });

  it('a date given twice is reported where it is given the second time in the file, whichever list comes first', () => {
    expect(
      problemsOf(
        'oneOffHolidays:',
        '  - date: "2024-06-14"',
        '    name: { lv: Vienreizēji svētki, en: One-off holiday }',
        '    source: An order',
        'transferredDays:',
        '  - dayOff: "2024-06-14"',
        '    workedOn: "2024-06-08"',
        '    source: An order',
      ),
    ).toEqual([`${FILE}:8:13: 2024-06-14 is given twice: first at line 4`, `${FILE}:8:13: 2024-06-14 is already a public holiday (One-off holiday)`]);
  });

  it('problems on one line are in column order', () => {
    expect(problemsOf('transferredDays: [{ dayOff: "2024-06-12", workedOn: "2024-06-12", source: An order }]')).toEqual([
      `${FILE}:3:53: day worked 2024-06-12 is a Wednesday: it must be a Saturday`,
      `${FILE}:3:53: 2024-06-12 is given twice: first at line 3`,
    ]);
    expect(problemsOf('transferredDays: [{ dayOff: "2024-06-15", workedOn: "2024-06-12", source: An order }]')).toEqual([
      `${FILE}:3:29: day off 2024-06-15 is a Saturday: only a weekday can be transferred`,
      `${FILE}:3:53: day worked 2024-06-12 is a Wednesday: it must be a Saturday`,
    ]);
  });

  it('problems found later but placed earlier on the same line come first', () => {
    expect(
      problemsOf(
        'recurringHolidays:',
        '  - rule: 06-12',
        '    name: { lv: Svētki, en: Test day }',
        '    source: An order',
        'transferredDays: [{ dayOff: "2024-06-12", workedOn: "2024-06-15", source: An order }, { dayOff: "2024-06-14", workedOn: "2024-06-19", source: An order }]',
      ),
    ).toEqual([
      `${FILE}:7:29: 2024-06-12 is already a public holiday (Test day)`,
      `${FILE}:7:121: day worked 2024-06-19 is a Wednesday: it must be a Saturday`,
    ]);
  });

  it('entries that are not dates or not objects are left to the schema, never given twice', () => {
    const problems = problemsOf(
      'oneOffHolidays:',
      '  - date: "not a date"',
      '    name: { lv: a, en: b }',
      '    source: An order',
      '  - date: "not a date"',
      '    name: { lv: a, en: b }',
      '    source: An order',
      'transferredDays: [null, 3]',
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((problem) => problem.includes('given twice'))).toEqual([]);
  });

  it('a file whose data is not a mapping is refused by the schema', () => {
    const result = workingDayCalendarFromText(FILE, '~\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.length).toBeGreaterThan(0);
  });
});

describe('loadWorkingDayCalendar', () => {
  it('names the file relative to the display root, or by its whole path when it is the root itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'calendar-'));
    expect(loadWorkingDayCalendar(join(root, 'missing.yaml'), root)).toEqual({
      ok: false,
      problems: [{ file: 'missing.yaml', line: 1, column: 1, message: 'cannot read: a symbolic link to nothing, or the file was removed (ENOENT)' }],
    });
    expect(loadWorkingDayCalendar(root, root)).toEqual({
      ok: false,
      problems: [{ file: root, line: 1, column: 1, message: 'not a regular file (a folder); only regular files are read' }],
    });
    writeFileSync(join(root, 'test.yaml'), `${[...HEAD, 'transferredDays: []'].join('\n')}\n`);
    expect(loadWorkingDayCalendar(join(root, 'test.yaml'), root).ok).toBe(true);
  });
});
