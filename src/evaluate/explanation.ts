import type { RuleTrace } from './day-result.js';
import { materialise, type ExplanationPlan, type Evaluation } from './explanation-plan.js';

/** A rule as the `rules` explain level shows it: its ref, title, source, result and outcome, no condition tree. */
export type RuleSummary = Omit<RuleTrace, 'conditions'>;

/**
 * How a day (or a line) was decided, as a value: the compiled plan of the rules evaluated and every node's result on
 * the facts it saw. Nothing is built until it is shown: `traces()` gives the compact rule traces (contract v2),
 * `complete()` every named condition in full wherever it appears (what coverage counts), `rules()` the rules without
 * their condition trees. An edge that writes JSON may write it from `evaluation` directly (wire/answer-json.ts).
 */
export class Explanation {
  #traces: RuleTrace[] | undefined;

  constructor(readonly evaluation: Evaluation) {}

  /** Whether there is no rule to explain (a kind with no line rules). */
  get isEmpty(): boolean {
    return this.evaluation.plan.rules.length === 0;
  }

  traces(): RuleTrace[] {
    this.#traces ??= materialise(this.evaluation, true);
    return this.#traces;
  }

  complete(): RuleTrace[] {
    return materialise(this.evaluation, false);
  }

  rules(): RuleSummary[] {
    return this.traces().map(({ conditions: _conditions, ...rule }) => rule);
  }

  /** JSON.stringify of an answer shows the full, compact explanation. */
  toJSON(): RuleTrace[] {
    return this.traces();
  }
}

const NO_RULES: ExplanationPlan = { nodes: [], rules: [], evaluate: () => undefined };

/** The explanation of nothing evaluated (a line no part of which was judged): shown as an empty list. */
export const NO_EXPLANATION = new Explanation({ plan: NO_RULES, facts: {}, results: [] });
