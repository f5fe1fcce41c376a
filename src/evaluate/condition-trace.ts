import type { ConditionValue, LocalisedText } from '../rules/model.js';

export type Facts = Readonly<Record<string, unknown>>;

/** Where a compared value came from, when it is not written in the condition itself. */
export type ValueSource = { param: string } | { fact: string };

export interface LeafTrace {
  fact: string;
  operator: string;
  /** The value compared with, after resolving a parameter or another fact. */
  value: unknown;
  valueFrom?: ValueSource | undefined;
  /** The fact value this condition saw. */
  factValue: unknown;
  result: boolean;
  /** True when left-to-right evaluation had already decided the answer without this condition. */
  skipped: boolean;
  ref?: string | undefined;
  note?: LocalisedText | undefined;
}

export type ConditionTrace =
  | { all: ConditionTrace[]; result: boolean; skipped: boolean }
  | { any: ConditionTrace[]; result: boolean; skipped: boolean }
  | { not: ConditionTrace; result: boolean; skipped: boolean }
  | { condition: string; result: boolean; skipped: boolean; conditions: ConditionTrace }
  | LeafTrace;

export function isParamValue(value: ConditionValue): value is { param: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && 'param' in value;
}

export function isFactValue(value: ConditionValue): value is { fact: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && 'fact' in value;
}
