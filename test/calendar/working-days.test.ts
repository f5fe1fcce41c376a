import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { calendarDate as d } from '../../src/calendar/calendar-date.js';
import { loadWorkingDayCalendar, workingDayCalendarFromText } from '../../src/rules/load-calendar.js';
import { WorkingDayCalendar, type PublicHoliday } from '../../src/calendar/working-days.js';
import { formatProblem } from '../../src/rules/yaml-file.js';

const LATVIA = fileURLToPath(new URL('../../rules/calendar/latvia.yaml', import.meta.url));

function latvia(): WorkingDayCalendar {
  const loaded = loadWorkingDayCalendar(LATVIA);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.calendar;
}
const calendar = latvia();

const namesOn = (date: string): string[] => calendar.publicHolidaysOn(d(date)).map((holiday) => holiday.name.en);

/**
 * The Cabinet's transfers as the file lists them, read as plain YAML (not through the loader): officers add next
 * year's there, so the tests below take the list from the file and check domain.md's 2017–2026 ones are in it.
 */
const FILE_TRANSFERS = ((parse(readFileSync(LATVIA, 'utf8')) as { transferredDays?: Array<{ dayOff: string; workedOn: string }> }).transferredDays ?? []).map(
  ({ dayOff, workedOn }) => [dayOff, workedOn] as [string, string],
);

/** The transfers domain.md lists for 2017–2026: dayOff, and the Saturday it is worked on. */
const DOMAIN_MD_TRANSFERS: Array<[string, string]> = [
  ['2017-05-05', '2017-05-13'],
  ['2018-04-30', '2018-04-21'],
  ['2020-06-22', '2020-06-13'],
  ['2021-05-03', '2021-05-08'],
  ['2021-06-25', '2021-06-19'],
  ['2021-11-19', '2021-11-13'],
  ['2023-05-05', '2023-05-20'],
  ['2024-12-23', '2024-12-14'],
  ['2024-12-30', '2024-12-28'],
  ['2025-05-02', '2025-05-10'],
  ['2025-11-17', '2025-11-08'],
  ['2026-01-02', '2026-01-17'],
  ['2026-06-22', '2026-06-27'],
];

describe('rules/calendar/latvia.yaml', () => {
  it('loads without problems', () => {
    const loaded = loadWorkingDayCalendar(LATVIA);
    expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual([]);
  });

  it('gives every public holiday of 2024 that domain.md lists, and no other', () => {
    const dates = calendar.holidaysBetween(d('2024-01-01'), d('2024-12-31')).map((holiday) => holiday.date);
    expect(dates).toEqual([
      '2024-01-01', // New Year
      '2024-03-29', // Good Friday
      '2024-03-31', // Easter Sunday
      '2024-04-01', // Easter Monday
      '2024-05-01',
      '2024-05-04', // a Saturday …
      '2024-05-06', // … so the Monday is a day off
      '2024-05-12', // Mother's Day
      '2024-05-19', // Pentecost
      '2024-06-23',
      '2024-06-24',
      '2024-11-18',
      '2024-12-24',
      '2024-12-25',
      '2024-12-26',
      '2024-12-31',
    ]);
  });

  it('cites a source for every holiday', () => {
    for (const holiday of calendar.holidaysBetween(d('2017-01-01'), d('2026-12-31'))) expect(holiday.source.length).toBeGreaterThan(3);
    // Every transfer cites its source; those domain.md lists cite it (a later one cites its own Cabinet order).
    for (const transfer of calendar.transfers) expect(transfer.source.length).toBeGreaterThan(3);
    const fromDomainMd = calendar.transfers.filter((transfer) => DOMAIN_MD_TRANSFERS.some(([dayOff]) => dayOff === transfer.dayOff));
    expect(fromDomainMd).toHaveLength(DOMAIN_MD_TRANSFERS.length);
    for (const transfer of fromDomainMd) expect(transfer.source).toMatch(/domain\.md/);
  });
});

describe("A7 transferred working days (the file's, domain.md's 2017–2026 among them)", () => {
  it.each(FILE_TRANSFERS)('%s is a day off, Saturday %s is worked', (dayOff, workedOn) => {
    expect(calendar.isWorkingDay(d(dayOff))).toBe(false);
    expect(calendar.dayKind(d(dayOff))).toBe('transferredDayOff');
    expect(calendar.isWorkingDay(d(workedOn))).toBe(true);
    expect(calendar.dayKind(d(workedOn))).toBe('transferredWorkingDay');
  });

  it('has exactly the transfers the file lists, and every one domain.md lists', () => {
    expect(calendar.transfers.map((transfer) => [transfer.dayOff, transfer.workedOn])).toEqual(FILE_TRANSFERS);
    expect(FILE_TRANSFERS).toEqual(expect.arrayContaining(DOMAIN_MD_TRANSFERS));
  });

  it('lists the transfers that touch a period', () => {
    expect(calendar.transfersBetween(d('2024-12-20'), d('2025-01-13')).map((transfer) => [transfer.dayOff, transfer.workedOn])).toEqual([
      ['2024-12-23', '2024-12-14'],
      ['2024-12-30', '2024-12-28'],
    ]);
  });
});

describe('A7 public holidays that are days off', () => {
  it.each([
    ['2024-03-29', 'Good Friday'],
    ['2024-04-01', 'Easter Monday'],
    ['2025-04-18', 'Good Friday'],
    ['2025-04-21', 'Easter Monday'],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2024-05-06', 'Restoration of Independence day (substitute day)'],
    ['2025-05-05', 'Restoration of Independence day (substitute day)'],
    ['2023-11-20', 'Republic Day (substitute day)'],
    ['2018-07-09', 'Closing day of the General Latvian Song and Dance Festival'],
    ['2018-09-24', "Day of Pope Francis's pastoral visit to Latvia"],
    ['2023-05-29', 'Day the Latvian hockey team won bronze at the 2023 World Ice Hockey Championship'],
    ['2023-07-10', 'Closing day of the General Latvian Song and Dance Festival'],
    ['2024-12-24', 'Christmas Eve'],
    ['2024-12-25', 'Christmas Day'],
    ['2024-12-26', 'Boxing Day'],
    ['2024-12-31', "New Year's Eve"],
    ['2025-01-01', "New Year's Day"],
    ['2025-06-23', 'Midsummer Eve'],
    ['2025-06-24', 'Midsummer'],
    ['2025-05-01', 'Labour Day'],
    ['2025-11-18', 'Republic Day'],
  ])('%s (%s) is not a working day', (date, name) => {
    expect(calendar.isWorkingDay(d(date))).toBe(false);
    expect(calendar.dayKind(d(date))).toBe('publicHoliday');
    expect(namesOn(date)).toEqual([name]);
  });

  it.each([
    ['2024-03-31', 'Easter Sunday'],
    ['2024-05-04', 'Restoration of Independence day'],
    ['2023-11-18', 'Republic Day'],
    ['2024-05-12', "Mother's Day"],
    ['2024-05-19', 'Pentecost'],
    ['2024-06-23', 'Midsummer Eve'],
  ])('weekend day %s is still named as %s', (date, name) => {
    expect(calendar.isWorkingDay(d(date))).toBe(false);
    expect(namesOn(date)).toEqual([name]);
  });

  it('keeps one holiday on 2023-05-29: the data file replaces the library entry', () => {
    expect(calendar.publicHolidaysOn(d('2023-05-29'))).toHaveLength(1);
    expect(calendar.publicHolidaysOn(d('2023-05-29'))[0]?.source).toMatch(/domain\.md/);
  });

  it('names each holiday in Latvian too', () => {
    expect(calendar.publicHolidaysOn(d('2024-06-24'))[0]?.name.lv).toBe('Jāņi');
    expect(calendar.publicHolidaysOn(d('2024-05-12'))[0]?.name.lv).toBe('Mātes diena');
  });

  it.each([
    ['2024-03-28', 'workingDay'], // Thursday before Good Friday
    ['2024-04-02', 'workingDay'], // Tuesday after Easter Monday
    ['2024-05-07', 'workingDay'],
    ['2023-11-21', 'workingDay'],
    ['2024-11-19', 'workingDay'], // 18 Nov 2024 is a Monday: no shift
    ['2024-12-27', 'workingDay'],
    ['2025-01-02', 'workingDay'],
    ['2025-06-25', 'workingDay'],
    ['2024-05-20', 'workingDay'], // Whit Monday is not a holiday in Latvia
    ['2024-03-30', 'weekend'],
    ['2024-12-22', 'weekend'],
    ['2023-07-09', 'weekend'],
  ] as const)('%s is a %s', (date, kind) => {
    expect(calendar.dayKind(d(date))).toBe(kind);
    expect(calendar.isWorkingDay(d(date))).toBe(kind === 'workingDay');
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Christmas cluster: 23 Dec and 30 Dec transferred, 28 Dec a worked Saturday.
    ['2024-12-20', 10, '2025-01-13'],
    ['2024-12-20', 1, '2024-12-27'],
    ['2024-12-27', 1, '2024-12-28'],
    ['2024-12-28', 1, '2025-01-02'],
    // Easter, 1 May, transferred 2 May and 4 May shifted to Monday 5 May.
    ['2025-04-15', 10, '2025-05-06'],
    ['2025-05-09', 1, '2025-05-10'],
    ['2023-05-26', 1, '2023-05-30'],
    ['2025-01-13', -10, '2024-12-20'],
    ['2024-12-21', 0, '2024-12-21'],
    ['9999-12-30', 5, null],
  ] as const)('%s + %i working days is %s', (date, n, expected) => {
    expect(calendar.addWorkingDays(d(date), n)).toBe(expected);
  });

  it('refuses a fractional count', () => {
    expect(() => calendar.addWorkingDays(d('2024-01-01'), 1.5)).toThrow(RangeError);
  });
});

describe('holidaysBetween', () => {
  it('names the holidays of a cluster, both ends included', () => {
    expect(calendar.holidaysBetween(d('2024-12-24'), d('2025-01-01')).map((holiday) => `${holiday.date} ${holiday.name.en}`)).toEqual([
      '2024-12-24 Christmas Eve',
      '2024-12-25 Christmas Day',
      '2024-12-26 Boxing Day',
      "2024-12-31 New Year's Eve",
      "2025-01-01 New Year's Day",
    ]);
  });
  it('is empty for a reversed period', () => {
    expect(calendar.holidaysBetween(d('2025-01-01'), d('2024-12-24'))).toEqual([]);
  });
});

describe('WorkingDayCalendar without the library', () => {
  const holiday = (date: string, en: string): PublicHoliday => ({ date: d(date), name: { lv: en, en }, source: 'test' });
  const asked: number[] = [];
  const fake = new WorkingDayCalendar(
    (year) => {
      asked.push(year);
      return year === 2008 ? [holiday('2008-05-11', 'Pentecost'), holiday('2008-05-11', "Mother's Day"), holiday('2009-01-01', 'next year')] : [];
    },
    [{ dayOff: d('2008-05-09'), workedOn: d('2008-05-17'), source: 'test' }],
  );

  it('keeps two holidays on one day and drops dates outside the year asked', () => {
    expect(fake.holidaysBetween(d('2008-01-01'), d('2009-12-31')).map((h) => h.name.en)).toEqual(['Pentecost', "Mother's Day"]);
  });
  it('asks for each year once', () => {
    fake.isWorkingDay(d('2008-05-12'));
    fake.isWorkingDay(d('2008-06-12'));
    expect(asked.filter((year) => year === 2008)).toHaveLength(1);
  });
  it('applies the transfer', () => {
    expect(fake.addWorkingDays(d('2008-05-08'), 1)).toBe('2008-05-12');
    expect(fake.addWorkingDays(d('2008-05-16'), 1)).toBe('2008-05-17');
  });
});

describe('broken calendar files', () => {
  const directory = mkdtempSync(join(tmpdir(), 'calendar-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const HEADER = ['title: { lv: Kalendārs, en: Calendar }', 'holidayLibrary: { country: LV, source: test law }'];
  function problemsOf(name: string, lines: string[]): string[] {
    const file = join(directory, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const loaded = loadWorkingDayCalendar(file);
    expect(loaded.ok).toBe(false);
    return loaded.ok ? [] : loaded.problems.map((problem) => formatProblem({ ...problem, file: name }));
  }

  it.each([
    [
      'a YAML error',
      'yaml-error.yaml',
      [...HEADER, 'transferredDays:', '  - dayOff: "2024-12-23"', '    workedOn: [2024-12-14'],
      ['yaml-error.yaml:5:15: this [ is never closed: expected ] after its last item (written over several lines, it must also be indented more than its key)'],
    ],
    [
      'schema violations, all at once',
      'schema.yaml',
      [...HEADER, 'transferredDays:', '  - dayOff: "2023-02-30"', '    workedOn: "2024-12-14"', '    sourc: typo', '  - dayOff: 2024-12-30'],
      [
        'schema.yaml:4:5: missing required field "source"',
        expect.stringMatching(/^schema\.yaml:4:13: must be a real date/),
        'schema.yaml:6:5: unknown field "sourc"',
        'schema.yaml:7:5: missing required field "workedOn"',
        'schema.yaml:7:5: missing required field "source"',
      ],
    ],
    [
      'a day off on a weekend and a worked day that is not a Saturday',
      'weekdays.yaml',
      [...HEADER, 'transferredDays:', '  - dayOff: "2024-12-22"', '    workedOn: "2024-12-16"', '    source: test order'],
      [
        'weekdays.yaml:4:13: day off 2024-12-22 is a Sunday: only a weekday can be transferred',
        'weekdays.yaml:5:15: day worked 2024-12-16 is a Monday: it must be a Saturday',
      ],
    ],
    [
      'duplicate dates',
      'duplicates.yaml',
      [
        ...HEADER,
        'oneOffHolidays:',
        '  - { date: "2018-09-24", name: { lv: a, en: a }, source: test law }',
        '  - { date: "2018-09-24", name: { lv: b, en: b }, source: test law }',
        'transferredDays:',
        '  - { dayOff: "2024-12-23", workedOn: "2024-12-14", source: test order }',
        '  - { dayOff: "2024-12-23", workedOn: "2024-12-14", source: test order }',
      ],
      [
        'duplicates.yaml:5:13: 2018-09-24 is given twice: first at line 4',
        'duplicates.yaml:8:15: 2024-12-23 is given twice: first at line 7',
        'duplicates.yaml:8:39: 2024-12-14 is given twice: first at line 7',
      ],
    ],
    [
      'a transfer of a public holiday',
      'holiday.yaml',
      [...HEADER, 'transferredDays:', '  - { dayOff: "2024-12-24", workedOn: "2024-12-14", source: test order }'],
      ['holiday.yaml:4:15: 2024-12-24 is already a public holiday (Christmas Eve)'],
    ],
    [
      'a country the library does not know',
      'country.yaml',
      ['title: { lv: Kalendārs, en: Calendar }', 'holidayLibrary: { country: XX, source: test law }', 'transferredDays: []'],
      ['country.yaml:2:28: date-holidays has no country "XX"'],
    ],
  ])('%s', (_title, name, lines, expected) => {
    expect(problemsOf(name, lines)).toEqual(expected);
  });

  it('a rule the library cannot read', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const problems = problemsOf('rule.yaml', [
      ...HEADER,
      'recurringHolidays:',
      '  - { rule: "every blue moon", name: { lv: a, en: a }, source: test law }',
      'transferredDays: []',
    ]);
    quiet.mockRestore();
    expect(problems).toEqual(['rule.yaml:4:13: date-holidays cannot read the rule "every blue moon"']);
  });

  it('a file that cannot be read', () => {
    const loaded = loadWorkingDayCalendar(join(directory, 'missing.yaml'));
    expect(loaded.ok ? [] : loaded.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^cannot read: /)]);
  });

  it('reads from text, too', () => {
    const loaded = workingDayCalendarFromText('inline.yaml', [...HEADER, 'transferredDays: []'].join('\n'));
    expect(loaded.ok && loaded.calendar.isWorkingDay(d('2024-12-23'))).toBe(true);
  });
});
