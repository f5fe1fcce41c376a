import { nextDay, parseCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import type { Programme, RuleVersion } from '../rules/model.js';
import { explanationPlan } from './explanation-plan.js';

/**
 * What in a version's rules can make an answer change from one day to the next besides the dates in the facts: the
 * ages its conditions compare each age (a `wholeYearsOn` fact) with, and the dates they compare the evaluated day
 * with. A period is cut, and a next change looked for, only on those days: a birthday that crosses no age limit
 * changes no answer.
 */
export interface VersionChangeDays {
  /** Each age fact the rules read: the ages on reaching which a comparison can change, or every birthday. */
  ages: ReadonlyMap<string, readonly number[] | 'everyBirthday'>;
  /** The dates the evaluated day is compared with: a comparison can change on each and on the day after. */
  dates: readonly CalendarDate[];
}

const known = new WeakMap<RuleVersion, VersionChangeDays>();

/** The ages on reaching which `age <operator> value` can change its result; null when any birthday may. */
function agesThatChange(operator: string, value: unknown): number[] | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (operator === 'greaterThanInclusive' || operator === 'lessThan') return [Math.ceil(value)];
    if (operator === 'greaterThan' || operator === 'lessThanInclusive') return [Math.floor(value) + 1];
    if (operator === 'equal' || operator === 'notEqual') return Number.isInteger(value) ? [value, value + 1] : [];
    return null;
  }
  if ((operator === 'in' || operator === 'notIn') && Array.isArray(value)) {
    return value.filter((item): item is number => typeof item === 'number' && Number.isInteger(item)).flatMap((age) => [age, age + 1]);
  }
  return null;
}

function datesOf(value: unknown): CalendarDate[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((item) => {
    const date = parseCalendarDate(item);
    const after = date === null ? null : nextDay(date);
    return date === null ? [] : after === null ? [date] : [date, after];
  });
}

export function versionChangeDays(programme: Programme, version: RuleVersion): VersionChangeDays {
  const cached = known.get(version);
  if (cached) return cached;
  const isAge = (fact: string | null): fact is string => fact !== null && programme.derivedFacts.get(fact)?.kind === 'wholeYearsOn';
  const ages = new Map<string, number[] | 'everyBirthday'>();
  const every = (fact: string): void => void ages.set(fact, 'everyBirthday');
  const dates: CalendarDate[] = [];
  for (const node of explanationPlan(version).nodes) {
    if (node.kind !== 'leaf') continue;
    if (isAge(node.otherFact)) every(node.otherFact);
    if (isAge(node.fact)) {
      const changing = node.otherFact === null ? agesThatChange(node.operator, node.value) : null;
      const sofar = ages.get(node.fact) ?? [];
      if (changing === null || sofar === 'everyBirthday') every(node.fact);
      else ages.set(node.fact, [...new Set([...sofar, ...changing])]);
    }
    if (node.fact === 'evaluationDate' && node.otherFact === null) dates.push(...datesOf(node.value));
  }
  const days = { ages, dates: [...new Set(dates)] };
  known.set(version, days);
  return days;
}
