import type { Programme, RuleVersion } from '../rules/model.js';
import type { Facts } from './condition-trace.js';
import type { DayResult } from './day-result.js';
import { decideRecord, materialise, recordRules } from './explanation-plan.js';

/** Evaluates every rule of a version on one day's facts, with the explanation made where each decision is made. */
export function evaluateDay(programme: Programme, version: RuleVersion, facts: Facts): DayResult {
  const record = recordRules(version, facts);
  return { ...decideRecord(programme, record), explanation: materialise(record) };
}

/** The same answer as evaluateDay, its explanation recorded but not built as objects: for batches and cuts. */
export function decideDay(programme: Programme, version: RuleVersion, facts: Facts): Omit<DayResult, 'explanation'> {
  return decideRecord(programme, recordRules(version, facts));
}
