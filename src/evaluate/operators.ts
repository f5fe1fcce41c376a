import type { FactType } from '../rules/model.js';

/**
 * The operators a condition may use. The first ten are json-rules-engine's own, with its semantics (including
 * its fact-value validators: a numeric operator on a non-number is false, `contains` on a non-array is false);
 * the rest are ours, registered on json-rules-engine under the same names when it serves as the reference.
 */
export interface OperatorDefinition {
  name: string;
  /** The fact types the operator accepts; checked when rule files load. */
  factTypes: readonly FactType[];
  /** What the compared value must be: like the fact, a list of such values, a date, or an item pattern. */
  value: 'scalar' | 'list' | 'number' | 'date' | 'itemPattern';
  builtIn: boolean;
  evaluate(factValue: unknown, compareTo: unknown): boolean;
  /** The same test with its compared value fixed, prepared once per rule version (e.g. an item pattern compiled). */
  prepare?(compareTo: unknown): (factValue: unknown) => boolean;
}

/** `operator` with `compareTo` fixed: its own prepared form, or evaluate with the value bound. */
export function prepareOperator(operator: OperatorDefinition, compareTo: unknown): (factValue: unknown) => boolean {
  if (operator.prepare) return operator.prepare(compareTo);
  const evaluate = operator.evaluate;
  return (factValue) => evaluate(factValue, compareTo);
}

/** json-rules-engine's numeric validator, `parseFloat(value).toString() !== 'NaN'`, without the string. */
function isNumeric(value: unknown): boolean {
  return typeof value === 'number' ? !Number.isNaN(value) : !Number.isNaN(Number.parseFloat(value as string));
}

function numeric(name: string, compare: (a: number, b: number) => boolean): OperatorDefinition {
  return {
    name,
    factTypes: ['number'],
    value: 'number',
    builtIn: true,
    evaluate: (factValue, compareTo) => isNumeric(factValue) && compare(factValue as number, compareTo as number),
  };
}

/**
 * Dates reach conditions already checked (request schema, rule-file load), so a date here is a 10-character ISO
 * string or null; ISO dates of four-digit years order as strings do.
 */
function isDateLike(value: unknown): value is string {
  return typeof value === 'string' && value.length === 10;
}

function dateComparison(name: string, compare: (a: string, b: string) => boolean): OperatorDefinition {
  return {
    name,
    factTypes: ['date'],
    value: 'date',
    builtIn: false,
    evaluate: (factValue, compareTo) => isDateLike(factValue) && isDateLike(compareTo) && compare(factValue, compareTo),
  };
}

/**
 * An item pattern: each key names a field of the item and lists the values it may have, or
 * `{ notIn: [...] }` for values it may not have. `{ type: [mental_disorder], severity: [severe] }`.
 */
export type ItemPattern = Record<string, unknown[] | { notIn: unknown[] }>;

/** An item pattern as a function of an item: its fields and allowed values read once. */
export function itemMatcher(pattern: ItemPattern): (item: unknown) => boolean {
  const tests = Object.entries(pattern).map(([field, allowed]) => ({ field, values: Array.isArray(allowed) ? allowed : allowed.notIn, wanted: Array.isArray(allowed) }));
  return (item) => {
    if (item === null || typeof item !== 'object') return false;
    const fields = item as Record<string, unknown>;
    for (const { field, values, wanted } of tests) {
      if (values.includes(Object.hasOwn(fields, field) ? fields[field] : undefined) !== wanted) return false;
    }
    return true;
  };
}

const DEFINITIONS: OperatorDefinition[] = [
    { name: 'equal', factTypes: ['string', 'number', 'boolean', 'date'], value: 'scalar', builtIn: true, evaluate: (a, b) => a === b },
    { name: 'notEqual', factTypes: ['string', 'number', 'boolean', 'date'], value: 'scalar', builtIn: true, evaluate: (a, b) => a !== b },
    { name: 'in', factTypes: ['string', 'number', 'boolean', 'date'], value: 'list', builtIn: true, evaluate: (a, b) => (b as unknown[]).indexOf(a) > -1 },
    { name: 'notIn', factTypes: ['string', 'number', 'boolean', 'date'], value: 'list', builtIn: true, evaluate: (a, b) => (b as unknown[]).indexOf(a) === -1 },
    { name: 'contains', factTypes: ['list'], value: 'scalar', builtIn: true, evaluate: (a, b) => Array.isArray(a) && a.indexOf(b) > -1 },
    { name: 'doesNotContain', factTypes: ['list'], value: 'scalar', builtIn: true, evaluate: (a, b) => Array.isArray(a) && a.indexOf(b) === -1 },
    numeric('lessThan', (a, b) => a < b),
    numeric('lessThanInclusive', (a, b) => a <= b),
    numeric('greaterThan', (a, b) => a > b),
    numeric('greaterThanInclusive', (a, b) => a >= b),
    dateComparison('dateBefore', (a, b) => a < b),
    dateComparison('dateOnOrBefore', (a, b) => a <= b),
    dateComparison('dateAfter', (a, b) => a > b),
    dateComparison('dateOnOrAfter', (a, b) => a >= b),
    {
      name: 'hasItemMatching',
      factTypes: ['list'],
      value: 'itemPattern',
      builtIn: false,
      evaluate: (a, b) => Array.isArray(a) && a.some(itemMatcher(b as ItemPattern)),
      prepare: (b) => {
        const matches = itemMatcher(b as ItemPattern);
        return (a) => Array.isArray(a) && a.some(matches);
      },
    },
    {
      name: 'hasNoItemMatching',
      factTypes: ['list'],
      value: 'itemPattern',
      builtIn: false,
      evaluate: (a, b) => Array.isArray(a) && !a.some(itemMatcher(b as ItemPattern)),
      prepare: (b) => {
        const matches = itemMatcher(b as ItemPattern);
        return (a) => Array.isArray(a) && !a.some(matches);
      },
    },
];

export const OPERATORS: ReadonlyMap<string, OperatorDefinition> = new Map(DEFINITIONS.map((operator) => [operator.name, operator]));
