import type { Programme, RuleVersion } from '../rules/model.js';
import type { Facts } from './condition-trace.js';
import type { DayResult } from './day-result.js';
import { decideEvaluation, materialise, evaluateRules } from './explanation-plan.js';

/** Evaluates every rule of a version on one day's facts, with the explanation made where each decision is made. */
export function evaluateDay(programme: Programme, version: RuleVersion, facts: Facts): DayResult {
  const evaluation = evaluateRules(version, facts);
  return { ...decideEvaluation(programme, evaluation), explanation: materialise(evaluation) };
}

/** The same answer as evaluateDay, its explanation recorded but not built as objects: for batches and cuts. */
export function decideDay(programme: Programme, version: RuleVersion, facts: Facts): Omit<DayResult, 'explanation'> {
  return decideEvaluation(programme, evaluateRules(version, facts));
}
