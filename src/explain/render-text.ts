import type { ConditionTrace, LeafTrace } from '../evaluate/condition-trace.js';
import type { RuleTrace } from '../evaluate/day-result.js';

export type Language = 'lv' | 'en';

const WORDS = {
  en: {
    eligible: 'eligible',
    notEligible: 'not eligible',
    basis: 'basis',
    blockers: 'blockers',
    rules: 'rules',
    skipped: 'skipped',
    explainedIn: 'as explained under',
    none: 'none',
    on: 'on',
    from: 'from',
    to: 'to',
  },
  lv: {
    eligible: 'tiesīga',
    notEligible: 'nav tiesīga',
    basis: 'pamats',
    blockers: 'šķēršļi',
    rules: 'noteikumi',
    skipped: 'nav vajadzīgs',
    explainedIn: 'kā paskaidrots pie',
    none: 'nav',
    on: 'dienā',
    from: 'no',
    to: 'līdz',
  },
} as const;

const COMPENSATION_WORDS = {
  en: {
    compensation: 'compensation',
    eligibleCost: 'eligible cost',
    cap: 'cap',
    reportDue: 'report due',
    paymentDue: 'payment due',
    capByMonth: 'cap by month',
    aYear: 'a year',
    days: 'days',
    limit: 'limit',
    lines: 'lines',
    counted: 'counted',
    eligibility: 'eligibility',
  },
  lv: {
    compensation: 'kompensācija',
    eligibleCost: 'attiecināmās izmaksas',
    cap: 'griesti',
    reportDue: 'pārskats jāiesniedz līdz',
    paymentDue: 'izmaksa līdz',
    capByMonth: 'griesti pa mēnešiem',
    aYear: 'gadā',
    days: 'dienas',
    limit: 'ierobežojums',
    lines: 'rindas',
    counted: 'ieskaitītas',
    eligibility: 'tiesīgums',
  },
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
  if ('condition' in trace) {
    const name = trace.title?.[language] ?? trace.condition;
    // A named condition explained earlier in the same explanation is named, not shown again.
    if ('explainedIn' in trace) return [`${indent}${mark} ${name} (${WORDS[language].explainedIn} ${trace.explainedIn})`];
    return [`${indent}${mark} ${name}:`, ...conditionLines(trace.conditions, language, depth + 1)];
  }
  return [`${indent}${mark} ${leafLine(trace, language)}`];
}

/** A rule-by-rule explanation as indented text, for terminals and failing example cases. */
export function renderExplanation(explanation: readonly RuleTrace[], language: Language = 'en', depth = 1): string[] {
  return explanation.flatMap((rule) => [
    `${'  '.repeat(depth)}${OUTCOME_MARK[rule.outcome]} ${rule.ref} (${rule.kind}) ${rule.title[language]} — ${rule.source}`,
    // At the `rules` explain level a rule comes without its condition tree.
    ...(rule.conditions === undefined ? [] : conditionLines(rule.conditions, language, depth + 2)),
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
  segments?: Array<{
    from: string;
    to: string;
    eligible: boolean;
    basis: string[];
    blockers: string[];
    ruleset: { version: string };
    explanation?: RuleTrace[];
  }>;
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
      .flatMap((segment) => [
        `${answer.programme} ${words.from} ${segment.from} ${words.to} ${segment.to}: ${verdict(segment, language)}`,
        ...renderExplanation(segment.explanation ?? [], language),
      ])
      .join('\n');
  }
  return [`${answer.programme} ${words.on} ${answer.date}: ${verdict(answer, language)}`, ...renderExplanation(answer.explanation ?? [], language)].join('\n');
}

interface CompensationLineLike {
  index?: number;
  service?: string;
  from?: string;
  to?: string;
  amount?: string;
  eligibleAmount?: string;
  units?: string;
  unit?: string | null;
  unitCost?: string | null;
  rateTier?: string;
  provision?: string;
  actualCost?: string;
  days?: number;
  countedDays?: number;
  compensatedDays?: number;
  refs?: string[];
  reason?: string;
  lineRules?: RuleTrace[];
}

interface CapStepLike {
  step: 'cap';
  ref?: string;
  months?: Array<{ month: string; version: string; eligibleDays: number; daysInMonth: number; annualAmount: string; amount: string }>;
  limit?: { periodShare: string; annualAmount: string; amount: string } | null;
}

interface CompensationLike {
  programme?: string;
  period?: { from: string; to: string };
  compensation?: string;
  eligibleCost?: string;
  cap?: string;
  reportDue?: string;
  paymentDue?: string | null;
  lines?: CompensationLineLike[];
  segments?: AnswerLike['segments'];
  explanation?: Array<{ step?: string }>;
}

function lineText(line: CompensationLineLike, language: Language): string {
  const words = COMPENSATION_WORDS[language];
  const what = `#${line.index ?? '?'} ${line.service ?? '?'} ${line.from ?? '?'}…${line.to ?? '?'}`;
  const priced =
    line.units !== undefined
      ? `${line.units} ${line.unit ?? ''} × ${line.unitCost ?? '?'}${line.rateTier ? ` (${line.rateTier})` : ''}, ${line.provision ?? '?'}${line.actualCost ? ` (${line.actualCost})` : ''} → ${line.amount ?? '?'}`
      : `${line.amount ?? '?'} → ${line.eligibleAmount ?? '?'}`;
  const counted = line.countedDays ?? line.compensatedDays;
  const days = counted === undefined ? '' : `, ${counted}/${line.days ?? '?'} ${words.days} ${words.counted}`;
  const refs = line.refs && line.refs.length > 0 ? ` [${line.refs.join(', ')}]` : '';
  return `${what}: ${priced}${days}${refs}${line.reason ? ` — ${line.reason}` : ''}`;
}

/** A compensation answer as readable text: the totals, the cap month by month, each line with its refs, the eligibility. */
export function renderCompensation(answer: CompensationLike, language: Language = 'en'): string {
  const words = COMPENSATION_WORDS[language];
  const eligibilityWords = WORDS[language];
  const totals = [
    answer.eligibleCost === undefined ? null : `${words.eligibleCost} ${answer.eligibleCost}`,
    answer.cap === undefined ? null : `${words.cap} ${answer.cap}`,
    answer.reportDue === undefined ? null : `${words.reportDue} ${answer.reportDue}`,
    answer.paymentDue === undefined || answer.paymentDue === null ? null : `${words.paymentDue} ${answer.paymentDue}`,
  ].filter((part): part is string => part !== null);
  const lines = [
    `${answer.programme} ${eligibilityWords.from} ${answer.period?.from} ${eligibilityWords.to} ${answer.period?.to}: ${words.compensation} ${answer.compensation ?? '?'} EUR`,
  ];
  if (totals.length > 0) lines.push(`  ${totals.join('; ')}`);
  const cap = answer.explanation?.find((step): step is CapStepLike => step.step === 'cap');
  if (cap?.months && cap.months.length > 0) {
    lines.push(`  ${words.capByMonth}${cap.ref ? ` (${cap.ref})` : ''}:`);
    for (const month of cap.months) {
      lines.push(
        `    ${month.month} (${month.version}): ${month.eligibleDays}/${month.daysInMonth} ${words.days} × ${month.annualAmount} ${words.aYear} ÷ 12 = ${month.amount}`,
      );
    }
    if (cap.limit) lines.push(`    ${words.limit}: ${cap.limit.periodShare} × ${cap.limit.annualAmount} = ${cap.limit.amount}`);
  }
  if (answer.lines && answer.lines.length > 0) {
    lines.push(`  ${words.lines}:`);
    for (const line of answer.lines) {
      // A line's rules are shown when one of them kept it from counting; the refs say the rest.
      const blocking = (line.lineRules ?? []).filter((rule) => rule.outcome === 'blocker');
      lines.push(`    ${lineText(line, language)}`, ...renderExplanation(blocking, language, 3));
    }
  }
  if (answer.segments && answer.segments.length > 0) {
    lines.push(`  ${words.eligibility}:`);
    for (const segment of answer.segments) {
      lines.push(
        `    ${eligibilityWords.from} ${segment.from} ${eligibilityWords.to} ${segment.to}: ${verdict(segment, language)}`,
        ...renderExplanation(segment.explanation ?? [], language, 3),
      );
    }
  }
  return lines.join('\n');
}
