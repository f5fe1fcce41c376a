import { traceCondition, type Facts } from '../evaluate/condition-trace.js';
import { outcomeOf, type RuleTrace } from '../evaluate/evaluate-day.js';
import type { Rule, RuleVersion } from '../rules/model.js';

export interface LineRulesResult {
  /** Ids of line rules that keep the line from counting. */
  blockers: string[];
  explanation: RuleTrace[];
}

/** A compensation kind's line rules on one input line's fields, explained like any rule. */
export function evaluateLineRules(version: RuleVersion, rules: readonly Rule[], line: Facts): LineRulesResult {
  const explanation = rules.map((rule): RuleTrace => {
    const conditions = traceCondition(rule.conditions, version, line);
    return { ref: rule.id, kind: rule.kind, title: rule.title, source: rule.source, assumptions: rule.assumptions, result: conditions.result, outcome: outcomeOf(rule.kind, conditions.result), conditions };
  });
  return { blockers: explanation.filter((rule) => rule.outcome === 'blocker').map((rule) => rule.ref), explanation };
}
