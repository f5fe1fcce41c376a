import { dayNumber, fromDayNumber, MAX_DATE, MIN_DATE, parseCalendarDate, wholeYearsOn, type CalendarDate } from '../calendar/calendar-date.js';
import type { FactInput } from '../evaluate/facts.js';
import type { LocalisedText } from '../language/localised-text.js';
import { allowedValues, factSchema, fieldSchema, itemSchema } from '../rules/fact-values.js';
import type { DerivedFact, Programme } from '../rules/model.js';
import type { ItemPattern } from './fact-change.js';
import { ANY_VALUE, bounded, complement, includes, intersect, noneOf, oneOf, type Bound, type ValueSet } from './value-set.js';

/**
 * A place in a request that a change would set: a declared fact (`/person/residence`, `/services`), or a field of
 * an object fact (`/person/vsacExit/date`). Derived facts are read back to the place they come from: an age to the
 * birth date, the services a DI project no longer compensates to the services.
 */
export interface ChangeTarget {
  /** A JSON pointer into the request. */
  path: string;
  kind: 'value' | 'list';
  /** Declared `fixed` (or derived from a fixed fact, or the evaluated day): never proposed. */
  fixed: boolean;
  title: LocalisedText;
  /** Every value a request can send here, where the request schema lists them. */
  domain: readonly unknown[] | null;
  /** For a list: the values a field of its items can have, where the schema lists them. */
  itemDomain(field: string): readonly unknown[] | null;
  /** A field of an object fact: the object's path, and the facts that read its fields (all set when the object is added). */
  parent: { path: string; facts: readonly string[] } | null;
}

/** How a fact that a condition reads comes from a target. */
export type FactReading =
  | { target: ChangeTarget; through: 'value' }
  /** An age (whole years on the evaluated day) of the date at the target. */
  | { target: ChangeTarget; through: 'wholeYears' }
  /** The items of the list at the target kept by their date `field` against the evaluated day. */
  | { target: ChangeTarget; through: 'itemsByDate'; field: string; keep: 'absentOrBeforeDay' | 'onOrAfterDay' };

/** What a set of conditions asks of a list: items it must have, items it must not, values it must and must not hold. */
export interface ListNeed {
  has: ItemPattern[];
  none: ItemPattern[];
  contains: unknown[];
  lacks: unknown[];
  /** Whether a missing list meets it. */
  orAbsent: boolean;
}

export type Constraint = { target: ChangeTarget; values: ValueSet } | { target: ChangeTarget; list: ListNeed };

const EVALUATED_DAY: ChangeTarget = {
  path: '',
  kind: 'value',
  fixed: true,
  title: { lv: 'Vērtēšanas diena', en: 'The evaluated day' },
  domain: null,
  itemDomain: () => null,
  parent: null,
};

function pointer(...segments: string[]): string {
  return segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a target's path in a request; `present` false when it (or the object holding it) is missing. */
export function valueAt(input: FactInput, path: string): { present: boolean; value: unknown } {
  const [first, ...rest] = segmentsOf(path);
  let here: unknown = first === 'person' ? input.person : input.request;
  for (const segment of first === 'person' ? rest : [first as string, ...rest]) {
    if (here === null || typeof here !== 'object' || Array.isArray(here) || !Object.hasOwn(here, segment)) return { present: false, value: undefined };
    here = (here as Record<string, unknown>)[segment];
  }
  return { present: true, value: here };
}

const readings = new WeakMap<Programme, Map<string, FactReading | null>>();

function listItemDomain(programme: Programme, fact: string): (field: string) => readonly unknown[] | null {
  const known = new Map<string, readonly unknown[] | null>();
  return (field) => {
    if (!known.has(field)) {
      const list = factSchema(programme, fact);
      const item = list === null ? null : itemSchema(list);
      const schema = item === null ? null : fieldSchema(item, field);
      known.set(field, schema === null ? null : allowedValues(schema));
    }
    return known.get(field) ?? null;
  };
}

function derivedReading(programme: Programme, derived: DerivedFact): FactReading | null {
  const source = readingOf(programme, derived.of);
  if (source === null || source.through !== 'value') return null;
  switch (derived.kind) {
    case 'wholeYearsOn':
      return source.target.kind === 'value' ? { target: source.target, through: 'wholeYears' } : null;
    case 'itemsByDate':
      return source.target.kind === 'list' ? { target: source.target, through: 'itemsByDate', field: derived.field, keep: derived.keep } : null;
    case 'field': {
      if (source.target.kind !== 'value') return null;
      const siblings = [...programme.derivedFacts.values()].filter((fact) => fact.kind === 'field' && fact.of === derived.of);
      const schema = factSchema(programme, derived.name);
      return {
        through: 'value',
        target: {
          path: `${source.target.path}${pointer(derived.field)}`,
          kind: derived.type === 'list' ? 'list' : 'value',
          fixed: source.target.fixed,
          title: derived.title,
          domain: schema === null ? null : allowedValues(schema),
          itemDomain: listItemDomain(programme, derived.name),
          parent: { path: source.target.path, facts: siblings.map((fact) => fact.name) },
        },
      };
    }
  }
}

/** Where a fact that conditions read comes from in a request; null for a fact no change can be traced to. */
export function readingOf(programme: Programme, fact: string): FactReading | null {
  let known = readings.get(programme);
  if (!known) {
    known = new Map();
    readings.set(programme, known);
  }
  if (known.has(fact)) return known.get(fact) ?? null;
  let reading: FactReading | null = null;
  const declared = programme.facts.get(fact);
  const derived = programme.derivedFacts.get(fact);
  if (fact === 'evaluationDate') reading = { target: EVALUATED_DAY, through: 'value' };
  else if (declared) {
    const schema = factSchema(programme, fact);
    reading = {
      through: 'value',
      target: {
        path: declared.in === 'person' ? pointer('person', fact) : pointer(fact),
        kind: declared.type === 'list' ? 'list' : 'value',
        fixed: declared.fixed,
        title: declared.title,
        domain: schema === null ? null : allowedValues(schema),
        itemDomain: listItemDomain(programme, fact),
        parent: null,
      },
    };
  } else if (derived) reading = derivedReading(programme, derived);
  known.set(fact, reading);
  return reading;
}

function isDateLike(value: unknown): value is string {
  return typeof value === 'string' && value.length === 10;
}

/** The values a fact may have for `fact <operator> compared` to hold; null for an operator that is not about one value. */
function valueSet(operator: string, compared: unknown): ValueSet | null {
  const number = typeof compared === 'number' && Number.isFinite(compared);
  const never = oneOf([]);
  switch (operator) {
    case 'equal':
      return oneOf([compared]);
    case 'notEqual':
      return noneOf([compared]);
    case 'in':
      return Array.isArray(compared) ? oneOf(compared) : null;
    case 'notIn':
      return Array.isArray(compared) ? noneOf(compared) : null;
    case 'lessThan':
    case 'lessThanInclusive':
      return number ? bounded(undefined, { value: compared, inclusive: operator === 'lessThanInclusive' }) : never;
    case 'greaterThan':
    case 'greaterThanInclusive':
      return number ? bounded({ value: compared, inclusive: operator === 'greaterThanInclusive' }, undefined) : never;
    case 'dateBefore':
    case 'dateOnOrBefore':
      return isDateLike(compared) ? bounded(undefined, { value: compared, inclusive: operator === 'dateOnOrBefore' }) : never;
    case 'dateAfter':
    case 'dateOnOrAfter':
      return isDateLike(compared) ? bounded({ value: compared, inclusive: operator === 'dateOnOrAfter' }, undefined) : never;
    default:
      return null;
  }
}

/** The last birth date with at least `years` whole years on `day` (ages grow as birth dates go back); null off the calendar. */
function lastBirthDateFor(years: number, day: CalendarDate): CalendarDate | null {
  const today = dayNumber(day);
  let old = Math.max(dayNumber(MIN_DATE), today - (years + 2) * 366);
  let young = Math.min(dayNumber(MAX_DATE), today + (2 - years) * 366);
  if (wholeYearsOn(fromDayNumber(old), day) < years || wholeYearsOn(fromDayNumber(young), day) >= years) return null;
  while (young - old > 1) {
    const middle = Math.floor((old + young) / 2);
    if (wholeYearsOn(fromDayNumber(middle), day) >= years) old = middle;
    else young = middle;
  }
  return fromDayNumber(old);
}

/**
 * Bounds on an age (whole years on `day`) as bounds on the birth date: at least k years is born on or before the
 * last day that gives k; at most k is born after the last day that gives k + 1. Null where no such bounds say it.
 */
function birthDatesFor(ages: ValueSet, day: CalendarDate): ValueSet | null {
  if (ages.except.length > 0) return null;
  let { lower, upper } = ages;
  if (ages.only !== undefined) {
    const [age] = ages.only;
    if (ages.only.length === 0) return ages;
    if (ages.only.length > 1 || lower !== undefined || upper !== undefined || typeof age !== 'number' || !Number.isInteger(age)) return null;
    lower = upper = { value: age, inclusive: true };
  }
  const yearsAtLeast = lower === undefined ? null : lower.inclusive ? Math.ceil(lower.value as number) : Math.floor(lower.value as number) + 1;
  const yearsAtMost = upper === undefined ? null : upper.inclusive ? Math.floor(upper.value as number) : Math.ceil(upper.value as number) - 1;
  const latest = yearsAtLeast === null ? null : lastBirthDateFor(yearsAtLeast, day);
  const earliest = yearsAtMost === null ? null : lastBirthDateFor(yearsAtMost + 1, day);
  if ((yearsAtLeast !== null && latest === null) || (yearsAtMost !== null && earliest === null)) return null;
  const bornBy: Bound | undefined = latest === null ? undefined : { value: latest, inclusive: true };
  const bornAfter: Bound | undefined = earliest === null ? undefined : { value: earliest, inclusive: false };
  return bounded(bornAfter, bornBy, includes(ages, null));
}

function patternOf(value: unknown): Map<string, ValueSet> | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const pattern = new Map<string, ValueSet>();
  for (const [field, allowed] of Object.entries(value)) {
    if (Array.isArray(allowed)) pattern.set(field, oneOf(allowed));
    else if (allowed !== null && typeof allowed === 'object' && Array.isArray((allowed as { notIn?: unknown }).notIn))
      pattern.set(field, noneOf((allowed as { notIn: unknown[] }).notIn));
    else return null;
  }
  return pattern;
}

function listNeed(parts: Partial<ListNeed> & { orAbsent: boolean }): ListNeed {
  return { has: [], none: [], contains: [], lacks: [], ...parts };
}

/** What a list operator asks of the list when the condition is to hold (`want`) or not. */
function listConstraint(reading: FactReading, operator: string, compared: unknown, want: boolean, day: CalendarDate): ListNeed | null {
  if (operator === 'contains' || operator === 'doesNotContain') {
    if (reading.through !== 'value') return null;
    const holds = operator === 'contains' ? want : !want;
    // A missing list holds no value: "does not contain" is false on it, as json-rules-engine says.
    return holds ? listNeed({ contains: [compared], orAbsent: false }) : listNeed({ lacks: [compared], orAbsent: operator === 'contains' });
  }
  if (operator !== 'hasItemMatching' && operator !== 'hasNoItemMatching') return null;
  const pattern = patternOf(compared);
  if (pattern === null) return null;
  if (reading.through === 'itemsByDate') {
    const kept =
      reading.keep === 'absentOrBeforeDay'
        ? bounded(undefined, { value: day, inclusive: false }, true)
        : bounded({ value: day, inclusive: true }, undefined, false);
    pattern.set(reading.field, intersect(pattern.get(reading.field) ?? ANY_VALUE, kept));
  }
  const has = operator === 'hasItemMatching' ? want : !want;
  return has ? listNeed({ has: [pattern], orAbsent: false }) : listNeed({ none: [pattern], orAbsent: operator === 'hasItemMatching' });
}

/**
 * What one condition, `fact <operator> compared`, asks of its target for it to come out as `want` on `day`; null
 * when that cannot be said as one constraint (then no option rests on it).
 */
export function constraintOf(reading: FactReading, operator: string, compared: unknown, want: boolean, day: CalendarDate): Constraint | null {
  const { target } = reading;
  if (target.kind === 'list') {
    const list = listConstraint(reading, operator, compared, want, day);
    return list === null ? null : { target, list };
  }
  if (reading.through === 'itemsByDate') return null;
  const holds = valueSet(operator, compared);
  const values = holds === null ? null : want ? holds : complement(holds);
  if (values === null) return null;
  if (reading.through === 'wholeYears') {
    const births = birthDatesFor(values, day);
    return births === null ? null : { target, values: births };
  }
  return { target, values };
}

/** The parsed date of the evaluated day in a day's facts. */
export function evaluatedDay(facts: Readonly<Record<string, unknown>>): CalendarDate {
  return parseCalendarDate(facts.evaluationDate) as CalendarDate;
}
