import type { Facts } from '../evaluate/condition-trace.js';
import { Explanation } from '../evaluate/explanation.js';
import { outcomesOf, evaluateRules } from '../evaluate/explanation-plan.js';
import type { Rule, RuleVersion } from '../rules/model.js';

export interface LineRulesResult {
  /** Ids of line rules that keep the line from counting. */
  blockers: string[];
  /** The line rules explained. */
  explanation: Explanation;
}

/** A compensation kind's line rules on one input line's fields, explained like any rule. */
export function evaluateLineRules(version: RuleVersion, rules: readonly Rule[], line: Facts): LineRulesResult {
  const evaluation = evaluateRules(version, line, rules);
  return { blockers: outcomesOf(evaluation).blockers, explanation: new Explanation(evaluation) };
}
