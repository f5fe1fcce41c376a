import { dateParts, fromParts, nextDay, type CalendarDate } from '../calendar/calendar-date.js';
import { weekdayName } from '../calendar/weekday.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { CALENDAR_DIRECTORY, EMERGENCIES_DIRECTORY } from '../rules/load-rules.js';
import type { EmergencyPeriod, RuleSet, RuleVersion } from '../rules/model.js';
import { dataFileOf } from '../rules/rule-files.js';
import { dateMove } from './date-move.js';
import type { DataFileDiff } from './diff-report.js';

/** The data file a version reads, if any: a calendar for its payment deadline, emergency periods for its lines. */
function dataFileRead(version: RuleVersion): { folder: DataFileDiff['folder']; name: string } | null {
  const compensation = version.compensation;
  if (compensation?.kind === 'cappedActualCost') return { folder: 'calendar', name: compensation.paymentDue.calendar };
  if (compensation?.kind === 'individualBudgetLines') return { folder: 'emergencies', name: compensation.emergencies };
  return null;
}

function readers(ruleSet: RuleSet, folder: DataFileDiff['folder'], name: string): string[] {
  return [...ruleSet.programmes.values()].flatMap((programme) =>
    programme.versions
      .filter((version) => {
        const read = dataFileRead(version);
        return read?.folder === folder && read.name === name;
      })
      .map((version) => `${programme.id} ${version.version}`),
  );
}

/** Files in `folder` by name, with the file name they were loaded from (calendar/latvia.yaml). */
function filesOf<T extends object>(loaded: ReadonlyMap<string, T>, folder: string): Map<string, { value: T; file: string; text: string | undefined }> {
  return new Map(
    [...loaded].map(([name, value]) => {
      const data = dataFileOf(value);
      return [name, { value, file: data?.path ?? `${folder}/${name}.yaml`, text: data?.text }];
    }),
  );
}

/** How many days of difference a calendar change lists before it says how many more there are. */
const MAX_DAYS_LISTED = 60;

/** The years a calendar matters for: from the first version either side has to a year after the last date named anywhere. */
function yearsToCompare(before: RuleSet, after: RuleSet, calendars: readonly WorkingDayCalendar[]): { from: number; to: number } {
  const years: number[] = [];
  for (const ruleSet of [before, after]) {
    for (const programme of ruleSet.programmes.values()) {
      for (const version of programme.versions) {
        years.push(dateParts(version.effectiveFrom).year);
        if (version.effectiveTo !== null) years.push(dateParts(version.effectiveTo).year);
      }
    }
  }
  for (const calendar of calendars) for (const transfer of calendar.transfers) years.push(dateParts(transfer.dayOff).year, dateParts(transfer.workedOn).year);
  if (years.length === 0) return { from: 0, to: -1 };
  return { from: Math.min(...years), to: Math.max(...years) + 1 };
}

function dayInWords(calendar: WorkingDayCalendar, date: CalendarDate): string {
  switch (calendar.dayKind(date)) {
    case 'workingDay':
      return 'working day';
    case 'weekend':
      return 'weekend';
    case 'publicHoliday':
      return `public holiday (${calendar
        .publicHolidaysOn(date)
        .map((holiday) => holiday.name.en)
        .join(', ')})`;
    case 'transferredDayOff':
      return `day off (its work moved to ${calendar.transfersBetween(date, date)[0]?.workedOn ?? '?'})`;
    case 'transferredWorkingDay':
      return `working day (worked for ${calendar.transfersBetween(date, date)[0]?.dayOff ?? '?'})`;
  }
}

/** Each day whose kind (or holiday name) differs, in words: "2024-08-07 (Wednesday): working day → public holiday (…)". */
function compareCalendars(before: WorkingDayCalendar, after: WorkingDayCalendar, years: { from: number; to: number }): string[] {
  const lines: string[] = [];
  let more = 0;
  if (years.to < years.from) return lines;
  const last = fromParts({ year: years.to, month: 12, day: 31 });
  for (let date: CalendarDate | null = fromParts({ year: years.from, month: 1, day: 1 }); date !== null && date <= last; date = nextDay(date)) {
    const old = dayInWords(before, date);
    const now = dayInWords(after, date);
    if (old === now) continue;
    if (lines.length < MAX_DAYS_LISTED) lines.push(`${date} (${weekdayName(date)}): ${old} → ${now}`);
    else more += 1;
  }
  if (more > 0) lines.push(`… and ${more} more day${more === 1 ? '' : 's'}`);
  if (lines.length === 0) lines.push(`the text changed (sources or comments); no day from ${years.from} to ${years.to} changes its kind or holiday name`);
  return lines;
}

function describePeriod(period: EmergencyPeriod): string {
  return `${period.title.en} (${period.source})`;
}

/** Periods paired by their first day, else their last day, else by overlapping days; each change in words. */
function compareEmergencies(before: readonly EmergencyPeriod[], after: readonly EmergencyPeriod[]): string[] {
  const unpaired = [...before];
  const take = (matches: (old: EmergencyPeriod) => boolean): EmergencyPeriod | undefined => {
    const index = unpaired.findIndex(matches);
    return index < 0 ? undefined : unpaired.splice(index, 1)[0];
  };
  const paired = after.map((period) => ({ period, old: take((old) => old.from === period.from) }));
  for (const pair of paired) pair.old ??= take((old) => old.to === pair.period.to);
  for (const pair of paired) pair.old ??= take((old) => old.from <= pair.period.to && pair.period.from <= old.to);
  const lines: string[] = [];
  for (const { period, old } of paired) {
    if (!old) {
      lines.push(`period ${period.from}…${period.to} added: ${describePeriod(period)}`);
      continue;
    }
    const changes = [
      ...(old.from !== period.from ? [`starts ${old.from} → ${period.from} (${dateMove(old.from, period.from)})`] : []),
      ...(old.to !== period.to ? [`ends ${old.to} → ${period.to} (${dateMove(old.to, period.to)})`] : []),
      ...(old.title.en !== period.title.en ? [`title "${old.title.en}" → "${period.title.en}"`] : []),
      ...(old.title.lv !== period.title.lv ? [`Latvian title "${old.title.lv}" → "${period.title.lv}"`] : []),
      ...(old.source !== period.source ? [`source "${old.source}" → "${period.source}"`] : []),
    ];
    if (changes.length > 0) lines.push(`period ${old.from}…${old.to}: ${changes.join('; ')}`);
  }
  for (const old of unpaired) lines.push(`period ${old.from}…${old.to} removed (was ${describePeriod(old)})`);
  return lines;
}

function compareFolder<T extends object>(
  folder: DataFileDiff['folder'],
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  sides: { before: RuleSet; after: RuleSet },
  compare: (old: T, now: T) => string[],
): DataFileDiff[] {
  const directory = folder === 'calendar' ? CALENDAR_DIRECTORY : EMERGENCIES_DIRECTORY;
  const old = filesOf(before, directory);
  const now = filesOf(after, directory);
  const diffs: DataFileDiff[] = [];
  for (const name of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(name);
    const b = now.get(name);
    const usedBy = readers(b ? sides.after : sides.before, folder, name);
    if (!a && b) diffs.push({ file: b.file, folder, name, change: 'added', details: [], usedBy });
    else if (a && !b) diffs.push({ file: a.file, folder, name, change: 'removed', details: [], usedBy });
    else if (a && b && (a.text === undefined || b.text === undefined || a.text !== b.text)) {
      const details = compare(a.value, b.value);
      if (details.length > 0) diffs.push({ file: b.file, folder, name, change: 'changed', details, usedBy });
    }
  }
  return diffs;
}

/** The calendars and emergency periods of two rule sets compared, each change in words. Pure. */
export function diffDataFiles(before: RuleSet, after: RuleSet): DataFileDiff[] {
  const sides = { before, after };
  const years = yearsToCompare(before, after, [...before.calendars.values(), ...after.calendars.values()]);
  return [
    ...compareFolder('calendar', before.calendars, after.calendars, sides, (old, now) => compareCalendars(old, now, years)),
    ...compareFolder('emergencies', before.emergencies, after.emergencies, sides, (old, now) => {
      const lines = compareEmergencies(old, now);
      return lines.length > 0 ? lines : ['the text changed (comments or layout); no period changes'];
    }),
  ];
}
