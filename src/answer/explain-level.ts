/**
 * How much explanation an answer carries (contract v2, as OPA's `explain` and OpenFisca's trace are opt-in):
 * `full` every rule with its condition tree (the default), `rules` each rule with its ref, title, source, result and
 * outcome, `none` no explanation at all.
 */
export type ExplainLevel = 'full' | 'rules' | 'none';

export const EXPLAIN_LEVELS: readonly ExplainLevel[] = ['full', 'rules', 'none'];
