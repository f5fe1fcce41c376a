import { anniversary, dateParts, nextDay, parseCalendarDate, wholeYearsOn, type CalendarDate } from '../calendar/calendar-date.js';
import type { DerivedFact } from '../rules/model.js';
import type { Facts } from './condition-trace.js';

/**
 * Each kind of derived fact computes its value for one day and names the days in a period on which that value
 * can change, so that a period is cut only where an answer can change (see segments.ts).
 */
/** A derived fact's value from the value of the fact it is derived `of`, on a day. */
export function deriveFrom(derived: DerivedFact): (source: unknown, on: CalendarDate) => unknown {
  switch (derived.kind) {
    case 'wholeYearsOn':
      // Dates reach here already checked by the request schema: a string of ten characters, or null.
      return (source, on) => (typeof source === 'string' && source.length === 10 ? wholeYearsOn(source as CalendarDate, on) : null);
    case 'itemsByDate': {
      const { field, keep } = derived;
      return (source, on) => {
        if (!Array.isArray(source)) return null;
        return source.filter((item) => {
          const date = itemDate(item, field);
          const onOrAfter = date !== null && date >= on;
          return keep === 'onOrAfterDay' ? onOrAfter : !onOrAfter;
        });
      };
    }
    case 'field': {
      const field = derived.field;
      return (source) =>
        source !== null && typeof source === 'object' && Object.hasOwn(source, field) ? ((source as Record<string, unknown>)[field] ?? null) : null;
    }
  }
}

/**
 * Days in [from, to] on which the derived value may differ from the day before in a way the rules can see: an age
 * only on reaching one of `ages` (every birthday when the rules compare it otherwise; none when they do not read it).
 */
export function derivedChangePoints(
  derived: DerivedFact,
  facts: Facts,
  from: CalendarDate,
  to: CalendarDate,
  ages: readonly number[] | 'everyBirthday' = 'everyBirthday',
): CalendarDate[] {
  if (derived.kind === 'itemsByDate') return itemDateChangePoints(derived.field, facts[derived.of], from, to);
  if (derived.kind !== 'wholeYearsOn') return [];
  const birthDate = parseCalendarDate(facts[derived.of]);
  if (birthDate === null) return [];
  const born = dateParts(birthDate).year;
  const reached: number[] = [];
  if (ages !== 'everyBirthday') reached.push(...ages);
  else for (let year = dateParts(from).year; year <= dateParts(to).year; year += 1) reached.push(year - born);
  const points: CalendarDate[] = [];
  for (const age of reached) {
    const birthday = anniversary(birthDate, age);
    if (birthday !== null && birthday >= from && birthday <= to) points.push(birthday);
  }
  return points;
}

/** An item's own date field (a string; an inherited field is none): what itemsByDate keeps or drops it by. */
function itemDate(item: unknown, field: string): string | null {
  if (item === null || typeof item !== 'object' || !Object.hasOwn(item, field)) return null;
  const value = (item as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}

/** An item whose date field is D is kept or dropped from D+1 on. */
function itemDateChangePoints(field: string, items: unknown, from: CalendarDate, to: CalendarDate): CalendarDate[] {
  if (!Array.isArray(items)) return [];
  const points: CalendarDate[] = [];
  for (const item of items) {
    const date = parseCalendarDate(itemDate(item, field));
    const after = date === null ? null : nextDay(date);
    if (after !== null && after >= from && after <= to) points.push(after);
  }
  return points;
}
