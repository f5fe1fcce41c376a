import type { Condition, ConditionValue, FactCondition, LocalisedText, RuleVersion } from '../rules/model.js';
import { OPERATORS } from './operators.js';

export type Facts = Readonly<Record<string, unknown>>;

/** Where a compared value came from, when it is not written in the condition itself. */
export type ValueSource = { param: string } | { fact: string };

export interface LeafTrace {
  fact: string;
  operator: string;
  /** The value compared with, after resolving a parameter or another fact. */
  value: unknown;
  valueFrom?: ValueSource;
  /** The fact value this condition saw. */
  factValue: unknown;
  result: boolean;
  /** True when left-to-right evaluation had already decided the answer without this condition. */
  skipped: boolean;
  ref?: string;
  note?: LocalisedText;
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

export function resolveValue(value: ConditionValue, version: RuleVersion, facts: Facts): unknown {
  if (isParamValue(value)) return version.parameters.get(value.param)?.value;
  if (isFactValue(value)) return facts[value.fact];
  return value;
}

function traceLeaf(condition: FactCondition, version: RuleVersion, facts: Facts, skipped: boolean): LeafTrace {
  const operator = OPERATORS.get(condition.operator);
  if (!operator) throw new Error(`operator ${condition.operator} was not checked at load`);
  const factValue = facts[condition.fact];
  const value = resolveValue(condition.value, version, facts);
  const trace: LeafTrace = { fact: condition.fact, operator: condition.operator, value, factValue, result: operator.evaluate(factValue, value), skipped };
  if (isParamValue(condition.value)) trace.valueFrom = { param: condition.value.param };
  else if (isFactValue(condition.value)) trace.valueFrom = { fact: condition.value.fact };
  if (condition.ref !== undefined) trace.ref = condition.ref;
  if (condition.note !== undefined) trace.note = condition.note;
  return trace;
}

/**
 * Evaluates every condition, also those a short-circuiting engine would not reach: they are evaluated for the
 * explanation and marked skipped. The result is the same as json-rules-engine's for the same facts.
 */
export function traceCondition(condition: Condition, version: RuleVersion, facts: Facts, skipped = false): ConditionTrace {
  if ('all' in condition) {
    let decided = false;
    const children = condition.all.map((child) => {
      const trace = traceCondition(child, version, facts, skipped || decided);
      if (!trace.result) decided = true;
      return trace;
    });
    return { all: children, result: children.every((child) => child.result), skipped };
  }
  if ('any' in condition) {
    let decided = false;
    const children = condition.any.map((child) => {
      const trace = traceCondition(child, version, facts, skipped || decided);
      if (trace.result) decided = true;
      return trace;
    });
    return { any: children, result: children.some((child) => child.result), skipped };
  }
  if ('not' in condition) {
    const child = traceCondition(condition.not, version, facts, skipped);
    return { not: child, result: !child.result, skipped };
  }
  if ('condition' in condition) {
    const named = version.namedConditions.get(condition.condition);
    if (!named) throw new Error(`condition ${condition.condition} was not checked at load`);
    const inner = traceCondition(named, version, facts, skipped);
    return { condition: condition.condition, result: inner.result, skipped, conditions: inner };
  }
  return traceLeaf(condition, version, facts, skipped);
}
