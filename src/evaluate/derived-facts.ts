import { anniversary, dateParts, parseCalendarDate, wholeYearsOn, type CalendarDate } from '../calendar/calendar-date.js';
import type { DerivedFact } from '../rules/model.js';
import type { Facts } from './condition-trace.js';

/**
 * Each kind of derived fact computes its value for one day and names the days in a period on which that value
 * can change, so that a period is cut only where an answer can change (see segments.ts).
 */
export function derivedValue(derived: DerivedFact, facts: Facts, on: CalendarDate): unknown {
  switch (derived.kind) {
    case 'wholeYearsOn': {
      // Dates reach here already checked by the request schema: a string of ten characters, or null.
      const birthDate = facts[derived.of];
      return typeof birthDate === 'string' && birthDate.length === 10 ? wholeYearsOn(birthDate as CalendarDate, on) : null;
    }
    case 'field': {
      const object = facts[derived.of];
      if (object === null || typeof object !== 'object') return null;
      return Object.hasOwn(object, derived.field) ? ((object as Record<string, unknown>)[derived.field] ?? null) : null;
    }
  }
}

/** Days in [from, to] on which the derived value may differ from the day before. */
export function derivedChangePoints(derived: DerivedFact, facts: Facts, from: CalendarDate, to: CalendarDate): CalendarDate[] {
  if (derived.kind !== 'wholeYearsOn') return [];
  const birthDate = parseCalendarDate(facts[derived.of]);
  if (birthDate === null) return [];
  const points: CalendarDate[] = [];
  const born = dateParts(birthDate).year;
  for (let year = dateParts(from).year; year <= dateParts(to).year; year += 1) {
    const birthday = anniversary(birthDate, year - born);
    if (birthday !== null && birthday >= from && birthday <= to) points.push(birthday);
  }
  return points;
}
