import type { LocalisedText } from '../language/localised-text.js';
import { includes, type ValueSet } from './value-set.js';

/**
 * What a fact would need to be, as data: a value (`equals`), a set (`oneOf`, `notOneOf`), bounds on a number
 * (`atLeast`, `moreThan`, `atMost`, `lessThan`) or a date (`onOrAfter`, `after`, `onOrBefore`, `before`; with
 * `orAbsent` a missing value does too); for a list, an item to add whose fields need these (`item`, at a path ending
 * in `/-`), items none of which may be there (`noItem`), a value it must hold (`contains`) or must not (`lacks`).
 * No member: any value will do (a field that must be there when its object is added).
 */
export interface Needs {
  equals?: unknown;
  oneOf?: unknown[];
  notOneOf?: unknown[];
  atLeast?: number;
  moreThan?: number;
  atMost?: number;
  lessThan?: number;
  onOrAfter?: string;
  after?: string;
  onOrBefore?: string;
  before?: string;
  orAbsent?: true;
  item?: Record<string, Needs>;
  noItem?: Array<Record<string, Needs>>;
  contains?: unknown;
  lacks?: unknown[];
}

/** One fact to change: where it is in the request (a JSON pointer), its value now (absent when missing), what it needs. */
export interface FactChange {
  path: string;
  now?: unknown;
  needs: Needs;
}

/** One smallest set of changes that would lift a blocker, in data and in words; `basis` is the one it would give (for "T"). */
export interface ChangeOption {
  changes: FactChange[];
  words: LocalisedText;
  basis?: string;
}

/** What would lift one blocker: the ways to do it with facts that can change (none, when only fixed facts would). */
export interface BlockerChanges {
  blocker: string;
  title: LocalisedText;
  options: ChangeOption[];
}

/** An item pattern as conditions build it: each field of the item and the values it may have. */
export type ItemPattern = ReadonlyMap<string, ValueSet>;

function boundNeeds(set: ValueSet): Needs {
  const needs: Needs = {};
  const { lower, upper } = set;
  if (lower !== undefined) {
    if (typeof lower.value === 'number') needs[lower.inclusive ? 'atLeast' : 'moreThan'] = lower.value;
    else needs[lower.inclusive ? 'onOrAfter' : 'after'] = lower.value;
  }
  if (upper !== undefined) {
    if (typeof upper.value === 'number') needs[upper.inclusive ? 'atMost' : 'lessThan'] = upper.value;
    else needs[upper.inclusive ? 'onOrBefore' : 'before'] = upper.value;
  }
  if ((lower !== undefined || upper !== undefined) && set.orAbsent) needs.orAbsent = true;
  return needs;
}

/**
 * A value set as needs: as the values it leaves (`equals`, `oneOf`) where they can be listed — it lists them, or it
 * excludes some of the values the request schema lists — else as exclusions and bounds.
 */
export function needsOf(set: ValueSet, domain: readonly unknown[] | null = null): Needs {
  const listed = set.only ?? (set.except.length > 0 ? domain : null);
  if (listed !== null) {
    const left = listed.filter((value) => includes(set, value));
    return left.length === 1 ? { equals: left[0] } : { oneOf: left };
  }
  return { ...(set.except.length > 0 ? { notOneOf: [...set.except] } : {}), ...boundNeeds(set) };
}

/** An item pattern as needs, field by field. */
export function patternNeeds(pattern: ItemPattern, domainOf: (field: string) => readonly unknown[] | null): Record<string, Needs> {
  return Object.fromEntries([...pattern].map(([field, set]) => [field, needsOf(set, domainOf(field))]));
}
