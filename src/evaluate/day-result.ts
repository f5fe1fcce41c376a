import type { LocalisedText } from '../language/localised-text.js';
import type { Programme, RuleKind } from '../rules/model.js';
import type { ConditionTrace } from './condition-trace.js';

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
  /** The condition tree; left out at the `rules` explain level. */
  conditions: ConditionTrace;
}

/** An answer without its explanation: whether eligible, on which basis, and what blocks. */
export interface Answer {
  eligible: boolean;
  basis: string[];
  blockers: string[];
}

export interface DayResult extends Answer {
  explanation: RuleTrace[];
}

/** Whether two answers are the same: eligible, basis and blockers alike. */
export function sameAnswer(a: Answer, b: Answer): boolean {
  return a.eligible === b.eligible && a.basis.join() === b.basis.join() && a.blockers.join() === b.blockers.join();
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
