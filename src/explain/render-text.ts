import type { ConditionTrace, LeafTrace } from '../evaluate/condition-trace.js';
import type { RuleTrace } from '../evaluate/evaluate-day.js';

export type Language = 'lv' | 'en';

const WORDS = {
  en: { eligible: 'eligible', notEligible: 'not eligible', basis: 'basis', blockers: 'blockers', rules: 'rules', skipped: 'skipped', none: 'none', on: 'on', from: 'from', to: 'to' },
  lv: { eligible: 'tiesīga', notEligible: 'nav tiesīga', basis: 'pamats', blockers: 'šķēršļi', rules: 'noteikumi', skipped: 'nav vajadzīgs', none: 'nav', on: 'dienā', from: 'no', to: 'līdz' },
} as const;

const OUTCOME_MARK = { basis: '+', blocker: '✗', neutral: '·' } as const;

function show(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

function leafLine(leaf: LeafTrace, language: Language): string {
  const from = leaf.valueFrom ? ` (${'param' in leaf.valueFrom ? leaf.valueFrom.param : leaf.valueFrom.fact})` : '';
  const ref = leaf.ref ? ` [${leaf.ref}]` : '';
  const note = leaf.note ? ` — ${leaf.note[language]}` : '';
  return `${leaf.fact} = ${show(leaf.factValue)} ${leaf.operator} ${show(leaf.value)}${from}${ref}${note}`;
}

function conditionLines(trace: ConditionTrace, language: Language, depth: number): string[] {
  const indent = '  '.repeat(depth);
  const mark = `${trace.result ? '✓' : '✗'}${trace.skipped ? ` (${WORDS[language].skipped})` : ''}`;
  if ('all' in trace) return [`${indent}${mark} all of:`, ...trace.all.flatMap((child) => conditionLines(child, language, depth + 1))];
  if ('any' in trace) return [`${indent}${mark} any of:`, ...trace.any.flatMap((child) => conditionLines(child, language, depth + 1))];
  if ('not' in trace) return [`${indent}${mark} not:`, ...conditionLines(trace.not, language, depth + 1)];
  if ('condition' in trace) return [`${indent}${mark} ${trace.condition}:`, ...conditionLines(trace.conditions, language, depth + 1)];
  return [`${indent}${mark} ${leafLine(trace, language)}`];
}

/** A rule-by-rule explanation as indented text, for terminals and failing example cases. */
export function renderExplanation(explanation: readonly RuleTrace[], language: Language = 'en', depth = 1): string[] {
  return explanation.flatMap((rule) => [
    `${'  '.repeat(depth)}${OUTCOME_MARK[rule.outcome]} ${rule.ref} (${rule.kind}) ${rule.title[language]} — ${rule.source}`,
    ...conditionLines(rule.conditions, language, depth + 2),
  ]);
}

interface AnswerLike {
  programme?: string;
  date?: string;
  eligible?: boolean;
  basis?: string[];
  blockers?: string[];
  ruleset?: { version: string };
  explanation?: RuleTrace[];
  segments?: Array<{ from: string; to: string; eligible: boolean; basis: string[]; blockers: string[]; ruleset: { version: string }; explanation?: RuleTrace[] }>;
}

function verdict(answer: { eligible?: boolean; basis?: string[]; blockers?: string[]; ruleset?: { version: string } }, language: Language): string {
  const words = WORDS[language];
  const list = (refs: string[] | undefined): string => (refs && refs.length > 0 ? refs.join(', ') : words.none);
  return `${answer.eligible ? words.eligible : words.notEligible} — ${words.basis}: ${list(answer.basis)}; ${words.blockers}: ${list(answer.blockers)}; ${words.rules} ${answer.ruleset?.version ?? '?'}`;
}

/** An eligibility answer (a date or a period) as readable text. */
export function renderAnswer(answer: AnswerLike, language: Language = 'en'): string {
  const words = WORDS[language];
  if (answer.segments) {
    return answer.segments
      .flatMap((segment) => [`${answer.programme} ${words.from} ${segment.from} ${words.to} ${segment.to}: ${verdict(segment, language)}`, ...renderExplanation(segment.explanation ?? [], language)])
      .join('\n');
  }
  return [`${answer.programme} ${words.on} ${answer.date}: ${verdict(answer, language)}`, ...renderExplanation(answer.explanation ?? [], language)].join('\n');
}
