import { addDays, MAX_DATE, nextDay, type CalendarDate } from '../calendar/calendar-date.js';
import type { Programme } from '../rules/model.js';
import { isNoVersion, resolveVersion } from '../versions/resolve-version.js';
import type { Facts } from './condition-trace.js';
import { sameAnswer, type Answer } from './day-result.js';
import { decideDay } from './evaluate-day.js';
import { factChangePoints, factsOn } from './facts.js';

/** How far ahead a next change is looked for (contract v2: within 3660 days, the longest period one may ask about). */
export const NEXT_CHANGE_HORIZON_DAYS = 3660;

/**
 * The first later day on which a one-day answer differs with the same facts: that day's answer, or, where no rule
 * version is in force, `noVersion`.
 */
export type NextChange = ({ date: CalendarDate } & Answer) | { date: CalendarDate; eligible: false; noVersion: true };

/**
 * The first day after `date`, within the horizon, on which the answer (eligible, basis, blockers) differs from
 * `answer`, with the versions adopted by `asOf`; null when none does. Only the days on which an answer can change
 * are evaluated — the first day of each later version and the change points of the facts under it, in order, until
 * one differs: the same days that cut a period into segments.
 */
export function nextChange(programme: Programme, declared: Facts, date: CalendarDate, answer: Answer, asOf?: CalendarDate): NextChange | null {
  const last = addDays(date, NEXT_CHANGE_HORIZON_DAYS) ?? MAX_DATE;
  let day = nextDay(date);
  while (day !== null && day <= last) {
    const inForce = resolveVersion(programme, day, asOf);
    if (isNoVersion(inForce)) return { date: day, eligible: false, noVersion: true };
    const to = inForce.effectiveTo === null || inForce.effectiveTo > last ? last : inForce.effectiveTo;
    // The version of the asked day goes on past it: its first later day is no boundary, only a change point may be.
    const sameVersion = inForce.effectiveFrom <= date;
    const points = factChangePoints(programme, inForce.version, declared, sameVersion ? date : day, to);
    const days = [...new Set(sameVersion ? points : [day, ...points])].sort();
    for (const candidate of days) {
      const other = decideDay(programme, inForce.version, factsOn(programme, declared, candidate));
      if (!sameAnswer(other, answer)) return { date: candidate, eligible: other.eligible, basis: other.basis, blockers: other.blockers };
    }
    day = nextDay(to);
  }
  return null;
}
