import type { RuleFileProblem, RuleSet } from '../rules/model.js';

/** Whether the rules being served are the ones on disk, and if not, why. */
export interface RuleSetStatus {
  state: 'ok' | 'degraded';
  /** Increases by one with every rule set that replaces the live one. */
  generation: number;
  /** Located problems of the change that was refused, while it is not fixed. */
  problems: RuleFileProblem[];
}

/** Where routes read the live rule set from; a reload swaps what current() returns, whole. */
export interface RuleSetSource {
  current(): RuleSet;
  status(): RuleSetStatus;
}

export function fixedRuleSet(ruleSet: RuleSet): RuleSetSource {
  const status: RuleSetStatus = { state: 'ok', generation: 1, problems: [] };
  return { current: () => ruleSet, status: () => status };
}
