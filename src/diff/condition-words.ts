import type { Condition, ConditionValue, Parameter, ParameterValue } from '../rules/model.js';

/** How an operator reads in a sentence; an operator not listed reads as its own name. */
const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  equal: '=',
  notEqual: '≠',
  in: 'in',
  notIn: 'not in',
  contains: 'contains',
  doesNotContain: 'does not contain',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  dateBefore: 'before',
  dateOnOrBefore: 'on or before',
  dateAfter: 'after',
  dateOnOrAfter: 'on or after',
  hasItemMatching: 'has an item with',
  hasNoItemMatching: 'has no item with',
};

export function operatorWords(operator: string): string {
  return OPERATOR_WORDS[operator] ?? operator;
}

export function describeParameterValue(value: ParameterValue | null | undefined): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  return String(value);
}

function isItemPattern(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !('param' in value) && !('fact' in value);
}

/** `{ type: [mental_disorder], funding: { notIn: [state] } }` reads "type in [mental_disorder], funding not in [state]". */
function describeItemPattern(pattern: Record<string, unknown>): string {
  const fields = Object.entries(pattern).map(([field, allowed]) => {
    if (Array.isArray(allowed)) return `${field} in ${describeParameterValue(allowed as ParameterValue)}`;
    if (isItemPattern(allowed) && Array.isArray(allowed.notIn)) return `${field} not in ${describeParameterValue(allowed.notIn as ParameterValue)}`;
    return `${field} ${JSON.stringify(allowed)}`;
  });
  return `{${fields.join(', ')}}`;
}

/** A compared value as written, a parameter with the value it has on that side: "adultAge (18)". */
export function describeConditionValue(value: ConditionValue | undefined, parameters: ReadonlyMap<string, Parameter>): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return describeParameterValue(value);
  if (typeof value === 'object') {
    if ('param' in value && typeof value.param === 'string') {
      const parameter = parameters.get(value.param);
      return parameter ? `${value.param} (${describeParameterValue(parameter.value)})` : `${value.param} (no such parameter)`;
    }
    if ('fact' in value && typeof value.fact === 'string') return value.fact;
    return describeItemPattern(value);
  }
  return String(value);
}

/** The value a condition compares with, parameters resolved: what it means on that side. */
export function resolvedConditionValue(value: ConditionValue | undefined, parameters: ReadonlyMap<string, Parameter>): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'param' in value && typeof value.param === 'string') {
    return parameters.get(value.param)?.value;
  }
  return value;
}

/** A condition in one line of words: "age < adultAge (18)", "all of (adult; residence in [...])". */
export function describeCondition(condition: Condition, parameters: ReadonlyMap<string, Parameter>): string {
  if ('all' in condition) return `all of (${condition.all.map((child) => describeCondition(child, parameters)).join('; ')})`;
  if ('any' in condition) return `any of (${condition.any.map((child) => describeCondition(child, parameters)).join('; ')})`;
  if ('not' in condition) return `not (${describeCondition(condition.not, parameters)})`;
  if ('condition' in condition) return condition.condition;
  const ref = condition.ref ? ` [${condition.ref}]` : '';
  return `${condition.fact} ${operatorWords(condition.operator)} ${describeConditionValue(condition.value, parameters)}${ref}`;
}
