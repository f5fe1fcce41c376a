import type { FactType } from './model.js';

/** What an operator accepts, checked when rule files load; how it evaluates is evaluate/operators.ts. */
export interface OperatorAccepts {
  /** The fact types the operator applies to. */
  factTypes: readonly FactType[];
  /** What the compared value must be: like the fact, a list of such values, a number, a date, or an item pattern. */
  value: 'scalar' | 'list' | 'number' | 'date' | 'itemPattern';
}

const SCALAR_FACTS: readonly FactType[] = ['string', 'number', 'boolean', 'date'];
const NUMERIC: OperatorAccepts = { factTypes: ['number'], value: 'number' };
const DATE: OperatorAccepts = { factTypes: ['date'], value: 'date' };
const ITEM_PATTERN: OperatorAccepts = { factTypes: ['list'], value: 'itemPattern' };

/** The operators a condition may use, in the order a problem lists them. */
const ACCEPTS = {
  equal: { factTypes: SCALAR_FACTS, value: 'scalar' },
  notEqual: { factTypes: SCALAR_FACTS, value: 'scalar' },
  in: { factTypes: SCALAR_FACTS, value: 'list' },
  notIn: { factTypes: SCALAR_FACTS, value: 'list' },
  contains: { factTypes: ['list'], value: 'scalar' },
  doesNotContain: { factTypes: ['list'], value: 'scalar' },
  lessThan: NUMERIC,
  lessThanInclusive: NUMERIC,
  greaterThan: NUMERIC,
  greaterThanInclusive: NUMERIC,
  dateBefore: DATE,
  dateOnOrBefore: DATE,
  dateAfter: DATE,
  dateOnOrAfter: DATE,
  hasItemMatching: ITEM_PATTERN,
  hasNoItemMatching: ITEM_PATTERN,
} satisfies Record<string, OperatorAccepts>;

export type OperatorName = keyof typeof ACCEPTS;

export interface OperatorDefinition extends OperatorAccepts {
  name: OperatorName;
}

export const OPERATOR_DEFINITIONS: ReadonlyMap<string, OperatorDefinition> = new Map(
  (Object.entries(ACCEPTS) as Array<[OperatorName, OperatorAccepts]>).map(([name, accepts]) => [name, { name, ...accepts }]),
);
