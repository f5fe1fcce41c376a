import { relative } from 'node:path';
import type { RuleFileProblem, SourcePosition } from './model.js';
import { validateRuleFile } from './schema-validation.js';
import { parseYamlFile, positionOf, problemAt, readRuleFileText, type YamlFile } from './yaml-file.js';
import { parseCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import { HolidayLibrary } from '../calendar/holiday-library.js';
import { isoWeekday, isWeekend, SATURDAY, weekdayName } from '../calendar/weekday.js';
import { WorkingDayCalendar, type TransferredWorkingDay } from '../calendar/working-days.js';
import type { LocalisedText } from '../language/localised-text.js';

export const CALENDAR_SCHEMA = 'calendar.schema.json';

export type CalendarLoadResult = { ok: true; calendar: WorkingDayCalendar } | { ok: false; problems: RuleFileProblem[] };

/* The shape calendar.schema.json guarantees once a file has passed it. */
interface CalendarDocument {
  title: LocalisedText;
  holidayLibrary: { country: string; source: string };
  recurringHolidays?: Array<{ rule: string; name: LocalisedText; source: string }>;
  oneOffHolidays?: Array<{ date: string; name: LocalisedText; source: string }>;
  transferredDays: Array<{ dayOff: string; workedOn: string; source: string }>;
}

/** Entries of a list in the file, whatever their shape: the schema has already named the malformed ones. */
function entriesOf(data: unknown, list: string): Array<[number, Record<string, unknown>]> {
  const value = (data as Record<string, unknown> | null)?.[list];
  const entries: Array<[number, Record<string, unknown>]> = [];
  if (!Array.isArray(value)) return entries;
  value.forEach((entry: unknown, index) => {
    if (entry !== null && typeof entry === 'object') entries.push([index, entry as Record<string, unknown>]);
  });
  return entries;
}

/** A transfer moves a weekday off to a Saturday; each date is given once in the whole file. */
function checkDates(yaml: YamlFile): RuleFileProblem[] {
  const problems: RuleFileProblem[] = [];
  const given: Array<{ date: CalendarDate; at: SourcePosition }> = [];
  for (const [index, transfer] of entriesOf(yaml.data, 'transferredDays')) {
    const dayOff = parseCalendarDate(transfer.dayOff);
    const workedOn = parseCalendarDate(transfer.workedOn);
    if (dayOff !== null) {
      const path = ['transferredDays', index, 'dayOff'];
      if (isWeekend(dayOff)) problems.push(problemAt(yaml, path, `day off ${dayOff} is a ${weekdayName(dayOff)}: only a weekday can be transferred`));
      given.push({ date: dayOff, at: positionOf(yaml, path) });
    }
    if (workedOn !== null) {
      const path = ['transferredDays', index, 'workedOn'];
      if (isoWeekday(workedOn) !== SATURDAY)
        problems.push(problemAt(yaml, path, `day worked ${workedOn} is a ${weekdayName(workedOn)}: it must be a Saturday`));
      given.push({ date: workedOn, at: positionOf(yaml, path) });
    }
  }
  for (const [index, holiday] of entriesOf(yaml.data, 'oneOffHolidays')) {
    const date = parseCalendarDate(holiday.date);
    if (date !== null) given.push({ date, at: positionOf(yaml, ['oneOffHolidays', index, 'date']) });
  }
  const firstLine = new Map<CalendarDate, number>();
  for (const { date, at } of given.sort((a, b) => byPosition(a.at, b.at))) {
    const first = firstLine.get(date);
    if (first === undefined) firstLine.set(date, at.line);
    else problems.push({ ...at, message: `${date} is given twice: first at line ${first}` });
  }
  return problems;
}

function byPosition(a: SourcePosition, b: SourcePosition): number {
  return a.line - b.line || a.column - b.column;
}

function buildCalendar(document: CalendarDocument, yaml: YamlFile): { calendar: WorkingDayCalendar | null; problems: RuleFileProblem[] } {
  const { country, source } = document.holidayLibrary;
  if (!HolidayLibrary.knowsCountry(country)) {
    return { calendar: null, problems: [problemAt(yaml, ['holidayLibrary', 'country'], `date-holidays has no country "${country}"`)] };
  }
  const problems: RuleFileProblem[] = [];
  const library = new HolidayLibrary(country, source);
  (document.recurringHolidays ?? []).forEach((holiday, index) => {
    if (!library.add(holiday)) problems.push(problemAt(yaml, ['recurringHolidays', index, 'rule'], `date-holidays cannot read the rule "${holiday.rule}"`));
  });
  (document.oneOffHolidays ?? []).forEach((holiday, index) => {
    if (!library.add({ rule: holiday.date, name: holiday.name, source: holiday.source })) {
      problems.push(problemAt(yaml, ['oneOffHolidays', index, 'date'], `date-holidays cannot take the date ${holiday.date}`));
    }
  });
  const transfers: TransferredWorkingDay[] = document.transferredDays.map((transfer) => ({
    dayOff: transfer.dayOff as CalendarDate,
    workedOn: transfer.workedOn as CalendarDate,
    source: transfer.source,
  }));
  const calendar = new WorkingDayCalendar(library.holidaysOf, transfers);
  document.transferredDays.forEach((transfer, index) => {
    for (const field of ['dayOff', 'workedOn'] as const) {
      const holiday = calendar.publicHolidaysOn(transfer[field] as CalendarDate)[0];
      if (holiday) problems.push(problemAt(yaml, ['transferredDays', index, field], `${transfer[field]} is already a public holiday (${holiday.name.en})`));
    }
  });
  return { calendar, problems };
}

/** Reads a calendar file's text; every problem in it is reported at once, a calendar only when there are none. */
export function workingDayCalendarFromText(file: string, text: string): CalendarLoadResult {
  const parsed = parseYamlFile(file, text);
  if (!parsed.yaml) return { ok: false, problems: parsed.problems };
  const yaml = parsed.yaml;
  const schemaProblems = validateRuleFile('calendar', yaml);
  const problems = [...schemaProblems, ...checkDates(yaml)];
  let calendar: WorkingDayCalendar | null = null;
  if (schemaProblems.length === 0) {
    const built = buildCalendar(yaml.data as CalendarDocument, yaml);
    calendar = built.calendar;
    problems.push(...built.problems);
  }
  if (problems.length > 0 || calendar === null) {
    return { ok: false, problems: problems.sort(byPosition) };
  }
  return { ok: true, calendar };
}

/** Loads a calendar file such as rules/calendar/<country>.yaml; problems name the file relative to displayRoot. */
export function loadWorkingDayCalendar(file: string, displayRoot = process.cwd()): CalendarLoadResult {
  const displayName = relative(displayRoot, file) || file;
  const read = readRuleFileText(file, displayName);
  return 'problems' in read ? { ok: false, problems: read.problems } : workingDayCalendarFromText(displayName, read.text);
}
