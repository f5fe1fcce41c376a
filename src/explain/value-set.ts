import { nextDay, parseCalendarDate, previousDay } from '../calendar/calendar-date.js';

/**
 * The values one fact (or one field of a list item) may take for a set of conditions to come out as wanted: listed
 * values it must be one of, values it must not be, and bounds (numbers, or ISO dates, which order as strings do).
 * A condition with a bound is false on a missing value (as json-rules-engine's numeric validator and our date
 * operators say), so a set with a bound holds a missing value only when it says `orAbsent`.
 */
export interface ValueSet {
  readonly only?: readonly unknown[];
  readonly except: readonly unknown[];
  readonly lower?: Bound;
  readonly upper?: Bound;
  readonly orAbsent: boolean;
}

export interface Bound {
  value: number | string;
  inclusive: boolean;
}

/** Every value. */
export const ANY_VALUE: ValueSet = { except: [], orAbsent: true };

export function oneOf(values: readonly unknown[]): ValueSet {
  return { only: values, except: [], orAbsent: true };
}

export function noneOf(values: readonly unknown[]): ValueSet {
  return { except: values, orAbsent: true };
}

export function bounded(lower: Bound | undefined, upper: Bound | undefined, orAbsent = false): ValueSet {
  return { except: [], orAbsent, ...(lower === undefined ? {} : { lower }), ...(upper === undefined ? {} : { upper }) };
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

function hasBound(set: ValueSet): boolean {
  return set.lower !== undefined || set.upper !== undefined;
}

function absentAllowed(set: ValueSet): boolean {
  return !hasBound(set) || set.orAbsent;
}

function withinBounds(set: ValueSet, value: unknown): boolean {
  const kind = typeof (set.lower ?? set.upper)?.value;
  if (typeof value !== kind || (kind === 'number' && Number.isNaN(value))) return false;
  const comparable = value as number | string;
  if (set.lower && (set.lower.inclusive ? comparable < set.lower.value : comparable <= set.lower.value)) return false;
  if (set.upper && (set.upper.inclusive ? comparable > set.upper.value : comparable >= set.upper.value)) return false;
  return true;
}

export function includes(set: ValueSet, value: unknown): boolean {
  if (set.only !== undefined && !set.only.includes(value)) return false;
  if (set.except.includes(value)) return false;
  if (!hasBound(set)) return true;
  return isAbsent(value) ? set.orAbsent : withinBounds(set, value);
}

function tighter(a: Bound | undefined, b: Bound | undefined, lower: boolean): Bound | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.value === b.value) return { value: a.value, inclusive: a.inclusive && b.inclusive };
  return a.value > b.value === lower ? a : b;
}

/** The values in both sets. */
export function intersect(a: ValueSet, b: ValueSet): ValueSet {
  if (a === ANY_VALUE) return b;
  if (b === ANY_VALUE) return a;
  const only = a.only === undefined ? b.only : b.only === undefined ? a.only : a.only.filter((value) => (b.only as readonly unknown[]).includes(value));
  const except = b.except.length === 0 ? a.except : a.except.length === 0 ? b.except : [...a.except, ...b.except.filter((value) => !a.except.includes(value))];
  const set: { -readonly [K in keyof ValueSet]: ValueSet[K] } = { except, orAbsent: absentAllowed(a) && absentAllowed(b) };
  if (only !== undefined) set.only = only;
  const lower = tighter(a.lower, b.lower, true);
  if (lower !== undefined) set.lower = lower;
  const upper = tighter(a.upper, b.upper, false);
  if (upper !== undefined) set.upper = upper;
  return set;
}

/**
 * The values not in `set`, where one set can say so: a list's complement is the values not listed; a single bound's
 * is the other side of it (with the missing value when the bound did not take it). Null for a set with both bounds,
 * or with a bound and a list: their complement is no one set.
 */
export function complement(set: ValueSet): ValueSet | null {
  const lists = set.only !== undefined || set.except.length > 0;
  if (hasBound(set)) {
    if (lists || (set.lower !== undefined && set.upper !== undefined)) return null;
    if (set.lower !== undefined) return bounded(undefined, { value: set.lower.value, inclusive: !set.lower.inclusive }, !set.orAbsent);
    if (set.upper !== undefined) return bounded({ value: set.upper.value, inclusive: !set.upper.inclusive }, undefined, !set.orAbsent);
  }
  if (set.only !== undefined && set.except.length === 0) return noneOf(set.only);
  if (set.only === undefined) return set.except.length === 0 ? { only: [], except: [], orAbsent: true } : oneOf(set.except);
  return null;
}

/** The bounds as the inclusive days they allow, when both are dates: so that "after D" and "before D+1" meet no day. */
function dayRange(set: ValueSet): { from: string | null; to: string | null } | null {
  const from = set.lower === undefined ? null : parseCalendarDate(set.lower.value);
  const to = set.upper === undefined ? null : parseCalendarDate(set.upper.value);
  if ((set.lower !== undefined && from === null) || (set.upper !== undefined && to === null)) return null;
  return {
    from: from === null ? null : set.lower?.inclusive ? from : nextDay(from),
    to: to === null ? null : set.upper?.inclusive ? to : previousDay(to),
  };
}

/**
 * Whether no value is in the set. `domain` lists every value a request can send where the request schema lists them
 * (an enum, true and false); without it, any number or date may come.
 */
export function isEmpty(set: ValueSet, domain: readonly unknown[] | null): boolean {
  const candidates = set.only ?? domain;
  if (candidates !== null) return !candidates.some((value) => includes(set, value));
  if (set.orAbsent && !set.except.includes(null)) return false;
  const { lower, upper } = set;
  // No bound, or one: endless values.
  if (lower === undefined || upper === undefined) return false;
  const days = dayRange(set);
  if (days !== null) {
    // A bound past the calendar's last or before its first day leaves no day.
    if (days.from === null || days.to === null || days.from > days.to) return true;
    return days.from === days.to && !includes(set, days.from);
  }
  if (lower.value < upper.value) return false;
  return !(lower.value === upper.value && lower.inclusive && upper.inclusive && !set.except.includes(lower.value));
}

/** Whether every value of `a` is in `b` (with `domain` the values a request can send, where listed). */
export function isSubset(a: ValueSet, b: ValueSet, domain: readonly unknown[] | null): boolean {
  for (const missing of [null, undefined]) if (includes(a, missing) && !includes(b, missing)) return false;
  const candidates = a.only ?? domain;
  if (candidates !== null) return candidates.every((value) => !includes(a, value) || includes(b, value));
  if (b.only !== undefined || !b.except.every((value) => a.except.includes(value) || !includes(a, value))) return false;
  const lowerWithin =
    b.lower === undefined ||
    (a.lower !== undefined && (a.lower.value > b.lower.value || (a.lower.value === b.lower.value && (b.lower.inclusive || !a.lower.inclusive))));
  const upperWithin =
    b.upper === undefined ||
    (a.upper !== undefined && (a.upper.value < b.upper.value || (a.upper.value === b.upper.value && (b.upper.inclusive || !a.upper.inclusive))));
  return lowerWithin && upperWithin;
}
