import type { LocalisedText, Programme, RuleKind, RuleVersion } from '../rules/model.js';
import type { ConditionTrace, Facts } from './condition-trace.js';
import { decideRecord, materialise, recordRules } from './explanation-plan.js';

/**
 * What a rule's result means for the answer: a met basis rule is a basis; an unmet requirement or a met
 * exclusion is a blocker; anything else is neutral.
 */
export type RuleOutcome = 'basis' | 'blocker' | 'neutral';

export interface RuleTrace {
  ref: string;
  kind: RuleKind;
  title: LocalisedText;
  source: string;
  assumptions: string[];
  /** Whether the rule's conditions hold. */
  result: boolean;
  outcome: RuleOutcome;
  conditions: ConditionTrace;
}

export interface DayResult {
  eligible: boolean;
  basis: string[];
  blockers: string[];
  explanation: RuleTrace[];
}

export function outcomeOf(kind: RuleKind, result: boolean): RuleOutcome {
  if (kind === 'basis') return result ? 'basis' : 'neutral';
  if (kind === 'requirement') return result ? 'neutral' : 'blocker';
  return result ? 'blocker' : 'neutral';
}

/** Combines rule outcomes into an answer: eligible exactly when some basis holds and nothing blocks. */
export function combineOutcomes(programme: Programme, outcomes: ReadonlyArray<{ ref: string; outcome: RuleOutcome }>): Omit<DayResult, 'explanation'> {
  return answerOf(
    programme,
    outcomes.filter((rule) => rule.outcome === 'basis').map((rule) => rule.ref),
    outcomes.filter((rule) => rule.outcome === 'blocker').map((rule) => rule.ref),
  );
}

/** The answer from the met bases and the blockers: the programme's no-basis blocker first when there is no basis. */
export function answerOf(programme: Programme, basis: string[], blockers: string[]): Omit<DayResult, 'explanation'> {
  const allBlockers = basis.length === 0 ? [programme.noBasisBlocker.ref, ...blockers] : blockers;
  return { eligible: basis.length > 0 && allBlockers.length === 0, basis, blockers: allBlockers };
}

/** Evaluates every rule of a version on one day's facts, with the explanation made where each decision is made. */
export function evaluateDay(programme: Programme, version: RuleVersion, facts: Facts): DayResult {
  const record = recordRules(version, facts);
  return { ...decideRecord(programme, record), explanation: materialise(record) };
}

/** The same answer as evaluateDay, its explanation recorded but not built as objects: for batches and cuts. */
export function decideDay(programme: Programme, version: RuleVersion, facts: Facts): Omit<DayResult, 'explanation'> {
  return decideRecord(programme, recordRules(version, facts));
}
