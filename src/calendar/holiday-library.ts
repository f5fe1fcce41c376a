import Holidays from 'date-holidays';
import type { LocalisedText } from '../language/localised-text.js';
import { parseCalendarDate } from './calendar-date.js';
import type { PublicHoliday, PublicHolidaysOfYear } from './working-days.js';

/** A holiday the data file adds to, or retypes in, the library: `rule` is in date-holidays' rule grammar. */
export interface HolidayLibraryAddition {
  rule: string;
  name: LocalisedText;
  source: string;
}

/** Only public holidays are days off; the library's observances, bank and school holidays are not. */
const DAY_OFF_TYPE = 'public';

/**
 * The public holidays that the `date-holidays` package knows for a country, plus the data file's additions.
 * An addition whose rule the library already has (e.g. a holiday it types as an observance) replaces it.
 */
export class HolidayLibrary {
  private readonly holidays: Holidays;
  private readonly librarySource: string;
  private readonly sources = new Map<string, string>();

  static knowsCountry(country: string): boolean {
    return Object.hasOwn(new Holidays().getCountries(), country);
  }

  constructor(country: string, librarySource: string) {
    this.holidays = new Holidays(country);
    this.librarySource = librarySource;
  }

  /** False when the library cannot read the rule (it also says so on stderr). */
  add(addition: HolidayLibraryAddition): boolean {
    const added = this.holidays.setHoliday(addition.rule, { name: { ...addition.name }, type: DAY_OFF_TYPE });
    if (added) this.sources.set(addition.rule, addition.source);
    return added;
  }

  /**
   * The library's dates are `YYYY-MM-DD hh:mm:ss` in the country's zone: only the date part is read. Each year's
   * holidays cost the library a few milliseconds a language, and the rule files' checks at start-up read a dozen
   * years: the English names are asked of the library only when one is read.
   */
  readonly holidaysOf: PublicHolidaysOfYear = (year) => {
    let inEnglish: Map<string, string> | null = null;
    const english = (key: string, latvian: string): string => {
      inEnglish ??= new Map(this.holidays.getHolidays(year, 'en').map((holiday) => [`${holiday.rule}|${holiday.date}`, holiday.name]));
      return inEnglish.get(key) ?? latvian;
    };
    const holidays: PublicHoliday[] = [];
    for (const holiday of this.holidays.getHolidays(year, 'lv')) {
      const date = parseCalendarDate(holiday.date.slice(0, 10));
      if (holiday.type !== DAY_OFF_TYPE || date === null) continue;
      const key = `${holiday.rule}|${holiday.date}`;
      const name = {
        lv: holiday.name,
        get en(): string {
          return english(key, holiday.name);
        },
      };
      const source = this.sources.get(holiday.rule) ?? `${this.librarySource} (date-holidays rule "${holiday.rule}")`;
      holidays.push({ date, name, source });
    }
    return holidays;
  };
}
