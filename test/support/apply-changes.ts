import { addDays, dayNumber, fromDayNumber, type CalendarDate } from '../../src/calendar/calendar-date.js';
import type { FactChange, Needs } from '../../src/explain/fact-change.js';
import {
  allowedValues,
  closedFieldNames,
  factSchema,
  fieldMayBeAbsent,
  fieldSchema,
  itemSchema,
  jsonTypes,
  type PlacedSchema,
} from '../../src/rules/fact-values.js';
import type { Programme } from '../../src/rules/model.js';

/**
 * Applies a whatWouldChange option to a request body as a caseworker would: each change's value chosen at random
 * among those its needs allow (read here, not by the code under test), every field the needs leave open — of an
 * item added, or of an object added for one field — filled with any value the request schema allows. So a test that
 * re-asks checks the option's claim: any request that meets its needs lifts the blocker.
 */

export type Random = () => number;

/** A small seeded generator (mulberry32): the same seed, the same choices. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, values: readonly T[]): T {
  if (values.length === 0) throw new Error('nothing to pick from');
  return values[Math.floor(random() * values.length)] as T;
}

/** The request schema at a path of the body (`-` for an item of a list), from the schema of the programme's fact there. */
function schemaAt(programme: Programme, segments: readonly string[]): PlacedSchema {
  const [first, ...rest] = segments;
  const [fact, ...inside] = first === 'person' ? rest : [first as string, ...rest];
  let here = factSchema(programme, fact as string);
  for (const segment of inside) here = here === null ? null : segment === '-' ? itemSchema(here) : fieldSchema(here, segment);
  if (here === null) throw new Error(`the request schema has no /${segments.join('/')}`);
  return here;
}

function isDate(schema: PlacedSchema): boolean {
  return (schema.schema as { format?: unknown }).format === 'calendar-date';
}

const EARLIEST = dayNumber('2010-01-01' as CalendarDate);
const LATEST = dayNumber('2035-12-31' as CalendarDate);

function dateWithin(random: Random, needs: Needs): CalendarDate {
  const from = needs.onOrAfter ?? (needs.after ? addDays(needs.after as CalendarDate, 1) : null);
  const to = needs.onOrBefore ?? (needs.before ? addDays(needs.before as CalendarDate, -1) : null);
  const low = from === null ? Math.min(EARLIEST, dayNumber((to ?? '2010-01-01') as CalendarDate) - 3000) : dayNumber(from as CalendarDate);
  const high = to === null ? Math.max(LATEST, low + 3000) : dayNumber(to as CalendarDate);
  if (low > high) throw new Error(`no day meets ${JSON.stringify(needs)}`);
  // The edges often: that is where a wrong bound shows.
  const choice = random();
  const day = choice < 0.3 ? low : choice < 0.6 ? high : low + Math.floor(random() * (high - low + 1));
  return fromDayNumber(day);
}

function numberWithin(random: Random, needs: Needs): number {
  const low = needs.atLeast ?? (needs.moreThan === undefined ? 0 : Math.floor(needs.moreThan) + 1);
  const high = needs.atMost ?? (needs.lessThan === undefined ? low + 10 : Math.ceil(needs.lessThan) - 1);
  return low + Math.floor(random() * (high - low + 1));
}

/** Whether a value meets needs on one value (not a list's). */
export function meets(value: unknown, needs: Needs): boolean {
  const absent = value === null || value === undefined;
  if ('equals' in needs && value !== needs.equals) return false;
  if (needs.oneOf && !needs.oneOf.includes(value)) return false;
  if (needs.notOneOf?.includes(value)) return false;
  const bounds = [needs.atLeast, needs.moreThan, needs.atMost, needs.lessThan, needs.onOrAfter, needs.after, needs.onOrBefore, needs.before];
  if (bounds.every((bound) => bound === undefined)) return true;
  if (absent) return needs.orAbsent === true;
  const v = value as number | string;
  const checks: Array<[number | string | undefined, (bound: number | string) => boolean]> = [
    [needs.atLeast ?? needs.onOrAfter, (bound) => v >= bound],
    [needs.moreThan ?? needs.after, (bound) => v > bound],
    [needs.atMost ?? needs.onOrBefore, (bound) => v <= bound],
    [needs.lessThan ?? needs.before, (bound) => v < bound],
  ];
  return checks.every(([bound, check]) => bound === undefined || check(bound));
}

/** A value the schema allows that meets the needs. */
function valueFor(random: Random, schema: PlacedSchema, needs: Needs): unknown {
  if ('equals' in needs) return needs.equals;
  if (needs.oneOf) return pick(random, needs.oneOf);
  const listed = allowedValues(schema);
  if (listed)
    return pick(
      random,
      listed.filter((value) => meets(value, needs)),
    );
  if (isDate(schema)) return dateWithin(random, needs);
  if (jsonTypes(schema)?.includes('number') || jsonTypes(schema)?.includes('integer')) return numberWithin(random, needs);
  throw new Error(`cannot choose a value for ${JSON.stringify(needs)}`);
}

/** Whether the schema lets a value be null. */
function nullable(schema: PlacedSchema): boolean {
  return jsonTypes(schema)?.includes('null') === true || (allowedValues(schema) ?? []).includes(null);
}

/**
 * A new item: the needs' fields as they ask, every other field of the item's schema with any value it allows (left
 * out or null at times, where it may be null and the needs allow a missing value).
 */
function itemFor(random: Random, schema: PlacedSchema, needs: Record<string, Needs>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const field of closedFieldNames(schema) ?? Object.keys(needs)) {
    const fieldNeeds = needs[field];
    const field_ = fieldSchema(schema, field) as PlacedSchema;
    // A field that may be null may be left out too (a field required only with some values of another, as a
    // condition's severity, never is).
    const mayBeMissing = (fieldNeeds === undefined || fieldNeeds.orAbsent === true) && nullable(field_);
    if (mayBeMissing && fieldMayBeAbsent(schema, field) && random() < 0.3) continue;
    item[field] = mayBeMissing && random() < 0.3 ? null : valueFor(random, field_, fieldNeeds ?? {});
  }
  return item;
}

function matchesPattern(item: unknown, pattern: Record<string, Needs>): boolean {
  if (item === null || typeof item !== 'object') return false;
  const fields = item as Record<string, unknown>;
  return Object.entries(pattern).every(([field, needs]) => meets(Object.hasOwn(fields, field) ? fields[field] : undefined, needs));
}

function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The body with the option's changes made: removals first, then values set and items added. */
export function applyChanges(programme: Programme, body: Record<string, unknown>, changes: readonly FactChange[], random: Random): Record<string, unknown> {
  const changed = structuredClone(body);
  const ordered = [...changes].sort(
    (a, b) => Number(b.needs.noItem !== undefined || b.needs.lacks !== undefined) - Number(a.needs.noItem !== undefined || a.needs.lacks !== undefined),
  );
  for (const change of ordered) {
    const segments = segmentsOf(change.path);
    const isItem = segments.at(-1) === '-';
    const key = segments.at(isItem ? -2 : -1) as string;
    let holder: Record<string, unknown> = changed;
    for (const segment of segments.slice(0, isItem ? -2 : -1)) {
      const next = holder[segment];
      if (next === null || next === undefined || typeof next !== 'object') holder[segment] = {};
      holder = holder[segment] as Record<string, unknown>;
    }
    const schema = schemaAt(programme, segments);
    const { needs } = change;
    if (isItem) {
      const list = Array.isArray(holder[key]) ? (holder[key] as unknown[]) : [];
      list.push(needs.item ? itemFor(random, schema, needs.item) : valueFor(random, schema, needs));
      holder[key] = list;
    } else if (needs.noItem !== undefined || needs.lacks !== undefined) {
      const current = Array.isArray(holder[key]) ? (holder[key] as unknown[]) : [];
      holder[key] = current.filter((item) => !(needs.noItem ?? []).some((pattern) => matchesPattern(item, pattern)) && !needs.lacks?.includes(item));
    } else holder[key] = valueFor(random, schema, needs);
  }
  return changed;
}
