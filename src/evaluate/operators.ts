import { OPERATOR_DEFINITIONS, type OperatorDefinition, type OperatorName } from '../rules/operator-definitions.js';

/** How an operator evaluates; what it accepts is rules/operator-definitions.ts. */
interface OperatorEvaluation {
  /** One of json-rules-engine's own operators, which the reference engine has without registering it. */
  builtIn: boolean;
  evaluate(factValue: unknown, compareTo: unknown): boolean;
  /** The same test with its compared value fixed, prepared once per rule version (e.g. an item pattern compiled). */
  prepare?(compareTo: unknown): (factValue: unknown) => boolean;
}

/** An operator as evaluation uses it: its definition and how it evaluates. */
export type Operator = OperatorDefinition & OperatorEvaluation;

/** `operator` with `compareTo` fixed: its own prepared form, or evaluate with the value bound. */
export function prepareOperator(operator: Operator, compareTo: unknown): (factValue: unknown) => boolean {
  if (operator.prepare) return operator.prepare(compareTo);
  const evaluate = operator.evaluate;
  return (factValue) => evaluate(factValue, compareTo);
}

/** json-rules-engine's numeric validator, `parseFloat(value).toString() !== 'NaN'`, without the string. */
function isNumeric(value: unknown): boolean {
  return typeof value === 'number' ? !Number.isNaN(value) : !Number.isNaN(Number.parseFloat(value as string));
}

function numeric(compare: (a: number, b: number) => boolean): OperatorEvaluation {
  return {
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

function dateComparison(compare: (a: string, b: string) => boolean): OperatorEvaluation {
  return {
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
  const tests = Object.entries(pattern).map(([field, allowed]) => ({
    field,
    values: Array.isArray(allowed) ? allowed : allowed.notIn,
    wanted: Array.isArray(allowed),
  }));
  return (item) => {
    if (item === null || typeof item !== 'object') return false;
    const fields = item as Record<string, unknown>;
    for (const { field, values, wanted } of tests) {
      if (values.includes(Object.hasOwn(fields, field) ? fields[field] : undefined) !== wanted) return false;
    }
    return true;
  };
}

/**
 * The first ten are json-rules-engine's own, with its semantics (including its fact-value validators: a numeric
 * operator on a non-number is false, `contains` on a non-array is false); the rest are ours, registered on
 * json-rules-engine under the same names when it serves as the reference.
 */
const EVALUATIONS: Record<OperatorName, OperatorEvaluation> = {
  equal: { builtIn: true, evaluate: (a, b) => a === b },
  notEqual: { builtIn: true, evaluate: (a, b) => a !== b },
  in: { builtIn: true, evaluate: (a, b) => (b as unknown[]).indexOf(a) > -1 },
  notIn: { builtIn: true, evaluate: (a, b) => (b as unknown[]).indexOf(a) === -1 },
  contains: { builtIn: true, evaluate: (a, b) => Array.isArray(a) && a.indexOf(b) > -1 },
  doesNotContain: { builtIn: true, evaluate: (a, b) => Array.isArray(a) && a.indexOf(b) === -1 },
  lessThan: numeric((a, b) => a < b),
  lessThanInclusive: numeric((a, b) => a <= b),
  greaterThan: numeric((a, b) => a > b),
  greaterThanInclusive: numeric((a, b) => a >= b),
  dateBefore: dateComparison((a, b) => a < b),
  dateOnOrBefore: dateComparison((a, b) => a <= b),
  dateAfter: dateComparison((a, b) => a > b),
  dateOnOrAfter: dateComparison((a, b) => a >= b),
  hasItemMatching: {
    builtIn: false,
    evaluate: (a, b) => Array.isArray(a) && a.some(itemMatcher(b as ItemPattern)),
    prepare: (b) => {
      const matches = itemMatcher(b as ItemPattern);
      return (a) => Array.isArray(a) && a.some(matches);
    },
  },
  hasNoItemMatching: {
    builtIn: false,
    evaluate: (a, b) => Array.isArray(a) && !a.some(itemMatcher(b as ItemPattern)),
    prepare: (b) => {
      const matches = itemMatcher(b as ItemPattern);
      return (a) => Array.isArray(a) && !a.some(matches);
    },
  },
};

export const OPERATORS: ReadonlyMap<string, Operator> = new Map(
  [...OPERATOR_DEFINITIONS.values()].map((definition) => [definition.name, { ...definition, ...EVALUATIONS[definition.name] }]),
);
