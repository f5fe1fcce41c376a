import type { RuleSet } from '../rules/model.js';

/** Where routes read the live rule set from; a reload swaps what current() returns, whole. */
export interface RuleSetSource {
  current(): RuleSet;
}

export function fixedRuleSet(ruleSet: RuleSet): RuleSetSource {
  return { current: () => ruleSet };
}
