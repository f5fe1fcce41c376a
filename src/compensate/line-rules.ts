import type { Facts } from '../evaluate/condition-trace.js';
import type { RuleTrace } from '../evaluate/evaluate-day.js';
import { materialise, recordOutcomes, recordRules } from '../evaluate/explanation-plan.js';
import type { Rule, RuleVersion } from '../rules/model.js';

export interface LineRulesResult {
  /** Ids of line rules that keep the line from counting. */
  blockers: string[];
  explanation: RuleTrace[];
}

/** A compensation kind's line rules on one input line's fields, explained like any rule. */
export function evaluateLineRules(version: RuleVersion, rules: readonly Rule[], line: Facts, explain = true): LineRulesResult {
  const record = recordRules(version, line, rules);
  return { blockers: recordOutcomes(record).blockers, explanation: explain ? materialise(record) : [] };
}
