import { parseCalendarDate } from '../calendar/calendar-date.js';
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
}

function isNumeric(value: unknown): boolean {
  return Number.parseFloat(value as string).toString() !== 'NaN';
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

function dateComparison(name: string, compare: (a: string, b: string) => boolean): OperatorDefinition {
  return {
    name,
    factTypes: ['date'],
    value: 'date',
    builtIn: false,
    evaluate: (factValue, compareTo) => {
      const fact = parseCalendarDate(factValue);
      const other = parseCalendarDate(compareTo);
      return fact !== null && other !== null && compare(fact, other);
    },
  };
}

/**
 * An item pattern: each key names a field of the item and lists the values it may have, or
 * `{ notIn: [...] }` for values it may not have. `{ type: [mental_disorder], severity: [severe] }`.
 */
export type ItemPattern = Record<string, unknown[] | { notIn: unknown[] }>;

export function itemMatches(item: unknown, pattern: ItemPattern): boolean {
  if (item === null || typeof item !== 'object') return false;
  const fields = item as Record<string, unknown>;
  return Object.entries(pattern).every(([field, allowed]) => {
    const value = Object.hasOwn(fields, field) ? fields[field] : undefined;
    return Array.isArray(allowed) ? allowed.includes(value) : !allowed.notIn.includes(value);
  });
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
      evaluate: (a, b) => Array.isArray(a) && a.some((item) => itemMatches(item, b as ItemPattern)),
    },
    {
      name: 'hasNoItemMatching',
      factTypes: ['list'],
      value: 'itemPattern',
      builtIn: false,
      evaluate: (a, b) => Array.isArray(a) && !a.some((item) => itemMatches(item, b as ItemPattern)),
    },
];

export const OPERATORS: ReadonlyMap<string, OperatorDefinition> = new Map(DEFINITIONS.map((operator) => [operator.name, operator]));
