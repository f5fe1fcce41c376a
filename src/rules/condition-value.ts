import type { ConditionValue } from './model.js';

/** A condition compared with a parameter of its version: `value: { param: maxAge }`. */
export function isParamValue(value: ConditionValue): value is { param: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && 'param' in value;
}

/** A condition compared with another fact of the same day: `value: { fact: approvalDate }`. */
export function isFactValue(value: ConditionValue): value is { fact: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && 'fact' in value;
}
