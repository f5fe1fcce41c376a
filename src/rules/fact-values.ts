import type { Compensation, Programme } from './model.js';
import { linesFieldOf } from './line-facts.js';
import { requestSchemas } from './generated/schema-validators.js';

/**
 * What a request can send for each fact, read from the request schemas (those of the OpenAPI description,
 * schemas/openapi.yaml, compiled in with the validators) when first asked: a rule that compares a fact with a value
 * no request can send never holds as its author meant, so the loader refuses it. The allowed values live in the
 * schemas only; nothing here lists them.
 */

/** A JSON Schema object of the request schemas (its `$ref`s point into the same document). */
export interface PlacedSchema {
  schema: Readonly<Record<string, unknown>>;
}

const REQUESTS = ['EligibilityRequest', 'CompensationRequest'].map((name): PlacedSchema => ({ schema: { $ref: `#/components/schemas/${name}` } }));

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The schema a `$ref` chain (`#/components/schemas/x`) ends at. */
function resolved(placed: PlacedSchema): PlacedSchema {
  let current = placed;
  for (let hops = 0; typeof current.schema.$ref === 'string' && hops < 20; hops++) {
    let node: unknown = requestSchemas;
    for (const segment of current.schema.$ref
      .replace(/^#/, '')
      .split('/')
      .filter((part) => part !== ''))
      node = isObject(node) ? node[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    if (!isObject(node)) return current;
    current = { schema: node };
  }
  return current;
}

/** The schema of the field `name` of an object schema, or null when the object has no such field. */
export function fieldSchema(placed: PlacedSchema, name: string): PlacedSchema | null {
  const properties = resolved(placed).schema.properties;
  if (!isObject(properties) || !Object.hasOwn(properties, name) || !isObject(properties[name])) return null;
  return resolved({ schema: properties[name] });
}

/** The names of the fields an object schema allows, when it allows no others; null when any field may come. */
export function closedFieldNames(placed: PlacedSchema): string[] | null {
  const schema = resolved(placed).schema;
  return isObject(schema.properties) && schema.additionalProperties === false ? Object.keys(schema.properties) : null;
}

/** The schema of each item of a list schema, or null when it is not a list. */
export function itemSchema(placed: PlacedSchema): PlacedSchema | null {
  const here = resolved(placed);
  return isObject(here.schema.items) ? resolved({ schema: here.schema.items }) : null;
}

/** The JSON types a schema allows, or null when it does not say. */
export function jsonTypes(placed: PlacedSchema): string[] | null {
  const type = resolved(placed).schema.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : null;
}

/** Every value a schema allows, when they can be listed (an enum, a const, true and false); null otherwise. */
export function allowedValues(placed: PlacedSchema): readonly unknown[] | null {
  const schema = resolved(placed).schema;
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  const types = jsonTypes(placed);
  if (types?.every((type) => type === 'boolean' || type === 'null')) return types.flatMap((type) => (type === 'boolean' ? [true, false] : [null]));
  return null;
}

function requestProperty(name: string): PlacedSchema | null {
  for (const request of REQUESTS) {
    const field = fieldSchema(request, name);
    if (field) return field;
  }
  return null;
}

/**
 * The schema of what a request sends for a programme's fact (declared, or derived: a `field` of an object fact, the
 * items of a list fact kept by `itemsByDate`); null when the request schemas do not describe it (an age, a fact a
 * programme declares that no request schema knows).
 */
export function factSchema(programme: Programme, fact: string, seen: ReadonlySet<string> = new Set()): PlacedSchema | null {
  if (seen.has(fact)) return null;
  const declared = programme.facts.get(fact);
  if (declared) {
    if (declared.in === 'request') return requestProperty(fact);
    const person = requestProperty('person');
    return person ? fieldSchema(person, fact) : null;
  }
  const derived = programme.derivedFacts.get(fact);
  if (!derived || derived.kind === 'wholeYearsOn') return null;
  const of = factSchema(programme, derived.of, new Set([...seen, fact]));
  if (!of) return null;
  return derived.kind === 'field' ? fieldSchema(of, derived.field) : of;
}

/** Whether a request may leave a fact out (then it is null): true unless the schemas require it on every path. */
export function factMayBeAbsent(programme: Programme, fact: string): boolean {
  const declared = programme.facts.get(fact);
  if (declared) return !declared.required;
  const derived = programme.derivedFacts.get(fact);
  if (!derived) return true;
  if (derived.kind === 'field') {
    const of = factSchema(programme, derived.of);
    return factMayBeAbsent(programme, derived.of) || of === null || fieldMayBeAbsent(of, derived.field);
  }
  return factMayBeAbsent(programme, derived.of);
}

/** The schema of one input line of a calculation kind (a `costs[]`, `deliveries[]` or `serviceLines[]` item). */
export function lineSchema(kind: Compensation['kind']): PlacedSchema | null {
  const lines = requestProperty(linesFieldOf(kind));
  return lines ? itemSchema(lines) : null;
}

/**
 * The schema of a line fact: a field of the line, or of an object field of it (an IBM line's `evidence` flags reach
 * line rules by their own names); null for what the service works out itself (hasPrice, duringEmergency).
 */
export function lineFactSchema(kind: Compensation['kind'], fact: string): PlacedSchema | null {
  const line = lineSchema(kind);
  if (!line) return null;
  const direct = fieldSchema(line, fact);
  if (direct) return direct;
  for (const name of closedFieldNames(line) ?? []) {
    const field = fieldSchema(line, name);
    if (field && jsonTypes(field)?.includes('object')) {
      const nested = fieldSchema(field, fact);
      if (nested) return nested;
    }
  }
  return null;
}

/** Whether an object (or list item) schema lets `field` be left out. */
export function fieldMayBeAbsent(object: PlacedSchema, field: string): boolean {
  const required = resolved(object).schema.required;
  return !(Array.isArray(required) && required.includes(field));
}

/** Whether a line may leave out the field a line fact reads (then the fact is null, or false for a flag). */
export function lineFactMayBeAbsent(kind: Compensation['kind'], fact: string): boolean {
  const line = lineSchema(kind);
  return line === null || fieldMayBeAbsent(line, fact);
}

/** What the facts a list of rules reads can hold: the programme's facts, or the fields of a kind's input lines. */
export interface FactValueScope {
  schemaOf(fact: string): PlacedSchema | null;
  /** Whether the fact can be null (left out of the request or line). */
  mayBeAbsent(fact: string): boolean;
}

export function programmeFactValues(programme: Programme): FactValueScope {
  return { schemaOf: (fact) => factSchema(programme, fact), mayBeAbsent: (fact) => factMayBeAbsent(programme, fact) };
}

export function lineFactValues(kind: Compensation['kind']): FactValueScope {
  return { schemaOf: (fact) => lineFactSchema(kind, fact), mayBeAbsent: (fact) => lineFactMayBeAbsent(kind, fact) };
}

/** Every value the fact can hold, null included when it may be absent; null when they cannot be listed. */
export function factDomain(scope: FactValueScope, fact: string): unknown[] | null {
  const schema = scope.schemaOf(fact);
  const values = schema ? allowedValues(schema) : null;
  if (!values) return null;
  return scope.mayBeAbsent(fact) && !values.includes(null) ? [...values, null] : [...values];
}

/** The values a field of a list fact's items can have, and whether an item may leave it out; null when they cannot be listed. */
export function itemFieldDomain(scope: FactValueScope, fact: string, field: string): { values: readonly unknown[]; mayBeAbsent: boolean } | null {
  const list = scope.schemaOf(fact);
  const item = list ? itemSchema(list) : null;
  const schema = item ? fieldSchema(item, field) : null;
  const values = schema ? allowedValues(schema) : null;
  return item && values ? { values, mayBeAbsent: fieldMayBeAbsent(item, field) } : null;
}
