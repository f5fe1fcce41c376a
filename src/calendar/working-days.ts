import type { LocalisedText } from '../language/localised-text.js';
import { addDays, compareDates, dateParts, type CalendarDate } from './calendar-date.js';
import { isWeekend } from './weekday.js';

/** A public holiday that is a day off, with the name and source an explanation shows. */
export interface PublicHoliday {
  date: CalendarDate;
  name: LocalisedText;
  source: string;
}

/** A weekday the Cabinet made a day off, worked instead on a Saturday. */
export interface TransferredWorkingDay {
  dayOff: CalendarDate;
  workedOn: CalendarDate;
  source: string;
}

/** The public holidays of one year, in date order; where they come from is the loader's business. */
export type PublicHolidaysOfYear = (year: number) => readonly PublicHoliday[];

export type DayKind = 'workingDay' | 'weekend' | 'publicHoliday' | 'transferredDayOff' | 'transferredWorkingDay';

/**
 * Working days as assumption A7 defines them: Monday to Friday, except public holidays and the weekdays the
 * Cabinet transferred; the Saturday worked in exchange is a working day. Pure: the holidays of a year are
 * asked for once and kept, so the same date always gets the same answer.
 */
export class WorkingDayCalendar {
  readonly transfers: readonly TransferredWorkingDay[];
  private readonly publicHolidaysOf: PublicHolidaysOfYear;
  private readonly holidaysByYear = new Map<number, Map<CalendarDate, PublicHoliday[]>>();
  private readonly transferredDaysOff: Map<CalendarDate, TransferredWorkingDay>;
  private readonly transferredWorkingDays: Map<CalendarDate, TransferredWorkingDay>;

  constructor(publicHolidaysOf: PublicHolidaysOfYear, transfers: readonly TransferredWorkingDay[]) {
    this.publicHolidaysOf = publicHolidaysOf;
    this.transfers = [...transfers].sort((a, b) => compareDates(a.dayOff, b.dayOff));
    this.transferredDaysOff = new Map(this.transfers.map((transfer) => [transfer.dayOff, transfer]));
    this.transferredWorkingDays = new Map(this.transfers.map((transfer) => [transfer.workedOn, transfer]));
  }

  /** Public holidays on `date` (two can share a day, e.g. Pentecost and Mother's Day). */
  publicHolidaysOn(date: CalendarDate): readonly PublicHoliday[] {
    return this.holidaysOfYear(dateParts(date).year).get(date) ?? [];
  }

  dayKind(date: CalendarDate): DayKind {
    if (this.publicHolidaysOn(date).length > 0) return 'publicHoliday';
    if (this.transferredDaysOff.has(date)) return 'transferredDayOff';
    if (this.transferredWorkingDays.has(date)) return 'transferredWorkingDay';
    return isWeekend(date) ? 'weekend' : 'workingDay';
  }

  isWorkingDay(date: CalendarDate): boolean {
    const kind = this.dayKind(date);
    return kind === 'workingDay' || kind === 'transferredWorkingDay';
  }

  /**
   * The `n`-th working day after `date` ("within 10 working days after approval" ends on
   * addWorkingDays(approval, 10)); `date` itself is never counted. A negative `n` counts back, 0 gives `date`.
   * Null when the count leaves years 0001–9999.
   */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate | null {
    if (!Number.isSafeInteger(n)) throw new RangeError(`working days to add must be a whole number: ${n}`);
    const step = n < 0 ? -1 : 1;
    let current: CalendarDate | null = date;
    for (let remaining = Math.abs(n); remaining > 0 && current !== null; ) {
      current = addDays(current, step);
      if (current !== null && this.isWorkingDay(current)) remaining -= 1;
    }
    return current;
  }

  /** Public holidays from `from` to `to`, both included, in date order. */
  holidaysBetween(from: CalendarDate, to: CalendarDate): PublicHoliday[] {
    const holidays: PublicHoliday[] = [];
    for (let year = dateParts(from).year; year <= dateParts(to).year; year += 1) {
      for (const [date, onDate] of this.holidaysOfYear(year)) {
        if (date >= from && date <= to) holidays.push(...onDate);
      }
    }
    return holidays;
  }

  /** Transfers whose day off or Saturday worked falls from `from` to `to`, both included. */
  transfersBetween(from: CalendarDate, to: CalendarDate): TransferredWorkingDay[] {
    const within = (date: CalendarDate): boolean => date >= from && date <= to;
    return this.transfers.filter((transfer) => within(transfer.dayOff) || within(transfer.workedOn));
  }

  private holidaysOfYear(year: number): Map<CalendarDate, PublicHoliday[]> {
    let byDate = this.holidaysByYear.get(year);
    if (byDate === undefined) {
      byDate = new Map();
      const sorted = [...this.publicHolidaysOf(year)].sort((a, b) => compareDates(a.date, b.date));
      for (const holiday of sorted) {
        if (dateParts(holiday.date).year !== year) continue;
        byDate.set(holiday.date, [...(byDate.get(holiday.date) ?? []), holiday]);
      }
      this.holidaysByYear.set(year, byDate);
    }
    return byDate;
  }
}
