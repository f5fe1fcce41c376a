import type { ExplanationForm } from '../evaluate/explanation-json.js';

/**
 * How much explanation an answer carries (contract v2, as OPA's `explain` and OpenFisca's trace are opt-in):
 * `full` every rule with its condition tree (the default), `rules` each rule with its ref, title, source, result and
 * outcome, `none` no explanation at all.
 */
export type ExplainLevel = 'full' | 'rules' | 'none';

export const EXPLAIN_LEVELS: readonly ExplainLevel[] = ['full', 'rules', 'none'];

/** The form the core builds explanations in for a level: none at all, objects to cut down, or the full form asked for. */
export function explanationFormFor(level: ExplainLevel, full: ExplanationForm): ExplanationForm {
  return level === 'none' ? 'none' : level === 'rules' ? 'objects' : full;
}

const RULE_LISTS = ['explanation', 'lineRules'] as const;

function isRuleTrace(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'ref' in value && 'outcome' in value;
}

/**
 * An answer at a level below `full`: each list of rule traces (the day's or a segment's `explanation`, a line's or a
 * line part's `lineRules`) without condition trees (`rules`) or left out (`none`). A compensation answer's own
 * `explanation` (its steps: cap, eligible cost …) is no list of rules and stays at `rules`.
 */
export function atExplainLevel<T>(answer: T, level: ExplainLevel): T {
  if (level === 'full') return answer;
  const cut = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(cut);
    if (value === null || typeof value !== 'object') return value;
    const entries: Array<[string, unknown]> = [];
    for (const [key, child] of Object.entries(value)) {
      const isRuleList = (RULE_LISTS as readonly string[]).includes(key) && Array.isArray(child);
      if (isRuleList && level === 'none') continue;
      if (isRuleList && level === 'rules') {
        entries.push([
          key,
          (child as unknown[]).map((item) =>
            isRuleTrace(item) ? Object.fromEntries(Object.entries(item).filter(([name]) => name !== 'conditions')) : cut(item),
          ),
        ]);
        continue;
      }
      entries.push([key, cut(child)]);
    }
    return Object.fromEntries(entries);
  };
  return cut(answer) as T;
}
