import { Engine, type TopLevelCondition as EngineCondition } from 'json-rules-engine';
import { isParamValue } from '../rules/condition-value.js';
import type { Condition, Programme, Rule, RuleVersion, TopLevelCondition } from '../rules/model.js';
import type { Facts } from './condition-trace.js';
import { combineOutcomes, outcomeOf, type DayResult } from './day-result.js';
import { OPERATORS } from './operators.js';

/**
 * json-rules-engine running the same rules of a version (its rules, or a compensation's line rules): the reference
 * our own evaluator is checked against (tests, benchmarks). Parameters are substituted into the conditions; our extra fields (ref, note) are dropped.
 */
export interface ReferenceEngine {
  evaluate(facts: Facts): Promise<Omit<DayResult, 'explanation'> & { ruleResults: Map<string, boolean> }>;
}

function toEngineCondition(condition: Condition, version: RuleVersion): Record<string, unknown> {
  if ('all' in condition) return { all: condition.all.map((child) => toEngineCondition(child, version)) };
  if ('any' in condition) return { any: condition.any.map((child) => toEngineCondition(child, version)) };
  if ('not' in condition) return { not: toEngineCondition(condition.not, version) };
  if ('condition' in condition) return { condition: condition.condition };
  const value = isParamValue(condition.value) ? version.parameters.get(condition.value.param)?.value : condition.value;
  return { fact: condition.fact, operator: condition.operator, value };
}

function topLevel(condition: TopLevelCondition, version: RuleVersion): EngineCondition {
  return toEngineCondition(condition, version) as unknown as EngineCondition;
}

export function createReferenceEngine(programme: Programme, version: RuleVersion, rules: readonly Rule[] = version.rules): ReferenceEngine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const operator of OPERATORS.values()) {
    if (!operator.builtIn) engine.addOperator(operator.name, (factValue: unknown, compareTo: unknown) => operator.evaluate(factValue, compareTo));
  }
  for (const [name, condition] of version.namedConditions) engine.setCondition(name, topLevel(condition, version));
  for (const rule of rules) {
    engine.addRule({ name: rule.id, conditions: topLevel(rule.conditions, version), event: { type: rule.kind, params: { ref: rule.id } } });
  }
  return {
    async evaluate(facts) {
      const { results, failureResults } = await engine.run({ ...facts });
      const ruleResults = new Map<string, boolean>();
      for (const result of results) ruleResults.set(String(result.name), true);
      for (const result of failureResults) ruleResults.set(String(result.name), false);
      const outcomes = rules.map((rule) => ({ ref: rule.id, outcome: outcomeOf(rule.kind, ruleResults.get(rule.id) === true) }));
      return { ...combineOutcomes(programme, outcomes), ruleResults };
    },
  };
}
