import { nextDay, parseCalendarDate, previousDay, type CalendarDate } from '../calendar/calendar-date.js';
import { isFactValue, isParamValue } from '../rules/condition-value.js';
import { OPERATORS } from '../evaluate/operators.js';
import type { FactCondition, RuleVersion } from '../rules/model.js';

/** A fact condition compared with a constant — a literal or a parameter's value — as a limit on the fact's values. */
export interface FactConstraint {
  fact: string;
  operator: string;
  value: unknown;
  /** As an officer recognises it: `age lessThan 4 (youngChildAge)`, `residence equal "own_home"`. */
  text: string;
  /** Every value the fact can hold, as the request schemas list them (null included when it may be left out); absent when they cannot be listed. */
  domain?: readonly unknown[] | null;
}

const VALUE_SETS = new Set(['equal', 'in']);
const LOWER = new Set(['greaterThan', 'greaterThanInclusive', 'dateAfter', 'dateOnOrAfter']);
const UPPER = new Set(['lessThan', 'lessThanInclusive', 'dateBefore', 'dateOnOrBefore']);
const STRICT = new Set(['greaterThan', 'lessThan', 'dateAfter', 'dateBefore']);
const DATE = new Set(['dateAfter', 'dateOnOrAfter', 'dateBefore', 'dateOnOrBefore']);
/** Operators whose limits can contradict each other; the list and item operators are left alone. */
const ANALYSED = new Set([...VALUE_SETS, 'notEqual', 'notIn', ...LOWER, ...UPPER]);

/** The constraint a condition puts on its fact, or null when it compares with another fact or is not analysed. */
export function constraintOf(leaf: FactCondition, version: RuleVersion, domain: readonly unknown[] | null = null): FactConstraint | null {
  if (!ANALYSED.has(leaf.operator) || isFactValue(leaf.value)) return null;
  const param = isParamValue(leaf.value) ? leaf.value.param : null;
  const value = param === null ? leaf.value : version.parameters.get(param)?.value;
  if (value === undefined) return null;
  return {
    fact: leaf.fact,
    operator: leaf.operator,
    value,
    text: `${leaf.fact} ${leaf.operator} ${JSON.stringify(value)}${param === null ? '' : ` (${param})`}`,
    domain,
  };
}

function holdsFor(constraints: readonly FactConstraint[], candidate: unknown): boolean {
  return constraints.every((constraint) => OPERATORS.get(constraint.operator)?.evaluate(candidate, constraint.value) ?? true);
}

/** The numbers or days the range limits leave, as [lowest, highest], both inclusive; null when none is left. */
function rangeOf(constraints: readonly FactConstraint[]): { lowest: unknown; highest: unknown } | null | 'open' {
  let lowest: { value: number | string; strict: boolean } | null = null;
  let highest: { value: number | string; strict: boolean } | null = null;
  for (const constraint of constraints) {
    let value = constraint.value as number | string;
    let strict = STRICT.has(constraint.operator);
    if (DATE.has(constraint.operator)) {
      // Days are whole: "after D" is "on or after D+1".
      const day = parseCalendarDate(value);
      if (day === null) continue;
      const inclusive = strict ? (LOWER.has(constraint.operator) ? nextDay(day) : previousDay(day)) : day;
      if (inclusive === null) return null;
      value = inclusive;
      strict = false;
    }
    if (LOWER.has(constraint.operator) && (lowest === null || value > lowest.value || (value === lowest.value && strict))) lowest = { value, strict };
    if (UPPER.has(constraint.operator) && (highest === null || value < highest.value || (value === highest.value && strict))) highest = { value, strict };
  }
  if (lowest === null || highest === null) return 'open';
  if (lowest.value > highest.value) return null;
  if (lowest.value === highest.value) return lowest.strict || highest.strict ? null : { lowest: lowest.value, highest: highest.value };
  return 'open';
}

/** Whether some value of the fact meets every constraint (all on the same fact), as the operators decide. */
export function satisfiable(constraints: readonly FactConstraint[]): boolean {
  // A fact whose values the request schemas list can hold only those.
  const domain = constraints.find((constraint) => constraint.domain)?.domain;
  let candidates: unknown[] | null = domain ? [...domain] : null;
  for (const constraint of constraints) {
    if (!VALUE_SETS.has(constraint.operator)) continue;
    const values = constraint.operator === 'equal' ? [constraint.value] : Array.isArray(constraint.value) ? constraint.value : [];
    candidates = candidates === null ? [...values] : candidates.filter((candidate) => values.includes(candidate));
  }
  if (candidates !== null) return candidates.some((candidate) => holdsFor(constraints, candidate));
  const range = rangeOf(constraints);
  if (range === null) return false;
  // A range of one value can still be excluded by notEqual or notIn.
  return range === 'open' || holdsFor(constraints, range.lowest as CalendarDate | number);
}

/** Whether every value the fact can hold meets the constraint (`in` all of them, `notIn` none of them, `notIn: []`). */
export function alwaysHolds(constraint: FactConstraint): boolean {
  const operator = OPERATORS.get(constraint.operator);
  if (!operator) return false;
  if (constraint.domain) return constraint.domain.every((candidate) => operator.evaluate(candidate, constraint.value));
  return constraint.operator === 'notIn' && Array.isArray(constraint.value) && constraint.value.length === 0;
}
