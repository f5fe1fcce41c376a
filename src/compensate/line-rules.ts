import type { Facts } from '../evaluate/condition-trace.js';
import type { RuleTrace } from '../evaluate/day-result.js';
import type { RawJson } from '../evaluate/raw-json.js';
import { explanationIn, type ExplanationForm } from '../evaluate/explanation-json.js';
import { recordOutcomes, recordRules } from '../evaluate/explanation-plan.js';
import type { Rule, RuleVersion } from '../rules/model.js';

export interface LineRulesResult {
  /** Ids of line rules that keep the line from counting. */
  blockers: string[];
  /** The line rules explained, in the form asked for (empty for none). */
  explanation: RuleTrace[] | RawJson;
}

/** A compensation kind's line rules on one input line's fields, explained like any rule. */
export function evaluateLineRules(version: RuleVersion, rules: readonly Rule[], line: Facts, form: ExplanationForm = 'objects'): LineRulesResult {
  const record = recordRules(version, line, rules);
  return { blockers: recordOutcomes(record).blockers, explanation: form === 'none' ? [] : explanationIn(form, record) };
}

/** Whether an explanation says nothing (none was asked for, or there are no line rules). */
export function isEmpty(explanation: RuleTrace[] | RawJson): boolean {
  return Array.isArray(explanation) ? explanation.length === 0 : explanation.text === '[]';
}
