import type { LocalisedText } from '../language/localised-text.js';

export type Facts = Readonly<Record<string, unknown>>;

/** Where a compared value came from, when it is not written in the condition itself. */
export type ValueSource = { param: string } | { fact: string };

export interface LeafTrace {
  fact: string;
  operator: string;
  /** The value compared with, after resolving a parameter or another fact. */
  value: unknown;
  valueFrom?: ValueSource | undefined;
  /** The fact value this condition saw. */
  factValue: unknown;
  result: boolean;
  /** Present, true, when left-to-right evaluation had already decided the answer without this condition. */
  skipped?: true;
  ref?: string | undefined;
  note?: LocalisedText | undefined;
}

export type ConditionTrace =
  | { all: ConditionTrace[]; result: boolean; skipped?: true }
  | { any: ConditionTrace[]; result: boolean; skipped?: true }
  | { not: ConditionTrace; result: boolean; skipped?: true }
  | { condition: string; title?: LocalisedText; result: boolean; skipped?: true; conditions: ConditionTrace }
  /** A named condition explained in full earlier in the same explanation, under the rule `explainedIn`. */
  | { condition: string; title?: LocalisedText; result: boolean; skipped?: true; explainedIn: string }
  | LeafTrace;
