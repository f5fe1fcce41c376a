import { daysInclusive, type CalendarDate } from '../calendar/calendar-date.js';
import type { Facts } from '../evaluate/condition-trace.js';
import type { Explanation } from '../evaluate/explanation.js';
import { declaredFacts, factsOn, missingFacts, type FactInput, type FactProblem } from '../evaluate/facts.js';
import { decideDay } from '../evaluate/evaluate-day.js';
import { nextChange, type NextChange } from '../evaluate/next-change.js';
import { evaluateSpans, type Segment } from '../evaluate/segments.js';
import type { BlockerChanges } from '../explain/fact-change.js';
import { whatWouldChange } from '../explain/what-would-change.js';
import type { Programme, RuleSet } from '../rules/model.js';
import { describeNoVersion, isNoVersion, resolveVersion, versionSpans, type VersionInForce } from '../versions/resolve-version.js';
import { assumptionsUsed, type AssumptionNamed, type AssumptionUsed } from './assumptions-used.js';
import type { ExplainLevel } from './explain-level.js';

/** A checked eligibility question: exactly one of `date` or `period`. */
export interface EligibilityQuestion {
  programme: string;
  date?: CalendarDate;
  period?: { from: CalendarDate; to: CalendarDate };
  asOf?: CalendarDate;
  /** How much explanation the answer carries (default full). */
  explain?: ExplainLevel;
  input: FactInput;
}

/** The rule version an answer used: which, the days it is in force, and the file's sha256. */
export interface RulesetReference {
  version: string;
  effectiveFrom: CalendarDate;
  effectiveTo: CalendarDate | null;
  adopted: CalendarDate;
  sha256: string;
}

export interface DayAnswer {
  eligible: boolean;
  basis: string[];
  blockers: string[];
  /** Only on an answer that is not eligible: for each blocker, the smallest sets of fact changes that would lift it. */
  whatWouldChange?: BlockerChanges[];
  ruleset: RulesetReference;
  explanation: Explanation;
}

export interface SegmentAnswer extends DayAnswer {
  from: CalendarDate;
  to: CalendarDate;
}

export type EligibilityAnswer =
  | ({ kind: 'date'; programme: string; date: CalendarDate; asOf?: CalendarDate } & DayAnswer & {
        /** The first later day (within the horizon) whose answer differs with the same facts; null when none does. */
        nextChange: NextChange | null;
        assumptions: readonly (AssumptionUsed | AssumptionNamed)[];
      })
  | {
      kind: 'period';
      programme: string;
      period: { from: CalendarDate; to: CalendarDate };
      asOf?: CalendarDate;
      eligible: boolean;
      eligibleDays: number;
      segments: SegmentAnswer[];
      assumptions: readonly (AssumptionUsed | AssumptionNamed)[];
    };

export type EligibilityFailure =
  | { kind: 'unknown-programme'; programme: string }
  | { kind: 'invalid-request'; problems: FactProblem[] }
  | { kind: 'no-version'; detail: string };

export function rulesetReference(range: VersionInForce): RulesetReference {
  return {
    version: range.version.version,
    effectiveFrom: range.effectiveFrom,
    effectiveTo: range.effectiveTo,
    adopted: range.version.adopted,
    sha256: range.version.sha256,
  };
}

/** What would change a segment's answer, as of its first day (the day its explanation is of): worked out once, when first read. */
function changesOf(programme: Programme, input: FactInput, segment: Segment): () => BlockerChanges[] {
  let changes: BlockerChanges[] | undefined;
  return () => {
    changes ??= whatWouldChange(programme, segment.explanation.evaluation, segment.blockers, input);
    return changes;
  };
}

/**
 * A segment as an answer shows it. One that is not eligible says what would change it, on the facts of `input`: a
 * getter, so that the work is done only for an answer that is shown (a batch's claim summary does not show it).
 */
export function segmentAnswer(programme: Programme, input: FactInput, segment: Segment): SegmentAnswer {
  const { from, to, eligible, basis, blockers, explanation } = segment;
  const ruleset = rulesetReference(segment.span);
  if (eligible) return { from, to, eligible, basis, blockers, ruleset, explanation };
  const changes = changesOf(programme, input, segment);
  return {
    from,
    to,
    eligible,
    basis,
    blockers,
    get whatWouldChange() {
      return changes();
    },
    ruleset,
    explanation,
  };
}

/** The segments of a programme over a period, or why there are none. Shared by eligibility and compensation. */
export function eligibilitySegments(
  programme: Programme,
  input: FactInput,
  from: CalendarDate,
  to: CalendarDate,
  asOf?: CalendarDate,
): { segments: Segment[]; declared: Facts } | EligibilityFailure {
  const missing = missingFacts(programme, input);
  if (missing.length > 0) return { kind: 'invalid-request', problems: missing };
  const spans = versionSpans(programme, from, to, asOf);
  if (isNoVersion(spans)) return { kind: 'no-version', detail: describeNoVersion(programme, spans, asOf) };
  const declared = declaredFacts(programme, input);
  return { segments: evaluateSpans(programme, declared, spans), declared };
}

/** Answers an eligibility question against the rule versions in force (and adopted by asOf). Pure: no I/O, no clock. */
export function answerEligibility(ruleSet: RuleSet, question: EligibilityQuestion): EligibilityAnswer | EligibilityFailure {
  const programme = ruleSet.programmes.get(question.programme);
  if (!programme) return { kind: 'unknown-programme', programme: question.programme };
  const from = (question.date ?? question.period?.from) as CalendarDate;
  const to = (question.date ?? question.period?.to) as CalendarDate;
  const evaluated = eligibilitySegments(programme, question.input, from, to, question.asOf);
  if ('kind' in evaluated) return evaluated;
  const asOf = question.asOf === undefined ? {} : { asOf: question.asOf };
  const assumptions = assumptionsUsed(new Set(evaluated.segments.map((segment) => segment.span.version)), [], question.explain ?? 'full');
  if (question.date !== undefined) {
    const [segment] = evaluated.segments as [Segment];
    const { eligible, basis, blockers, explanation } = segment;
    const head = { kind: 'date', programme: programme.id, date: question.date, ...asOf, eligible, basis, blockers } as const;
    const next = nextChange(programme, evaluated.declared, question.date, { eligible, basis, blockers }, question.asOf);
    const ruleset = rulesetReference(segment.span);
    if (eligible) return { ...head, nextChange: next, ruleset, explanation, assumptions };
    const changes = changesOf(programme, question.input, segment);
    return {
      ...head,
      nextChange: next,
      get whatWouldChange() {
        return changes();
      },
      ruleset,
      explanation,
      assumptions,
    };
  }
  const segments = evaluated.segments.map((segment) => segmentAnswer(programme, question.input, segment));
  const eligibleDays = segments.filter((segment) => segment.eligible).reduce((days, segment) => days + daysInclusive(segment.from, segment.to), 0);
  return {
    kind: 'period',
    programme: programme.id,
    period: { from, to },
    ...asOf,
    eligible: eligibleDays === daysInclusive(from, to),
    eligibleDays,
    segments,
    assumptions,
  };
}

/**
 * What a date answer for `date` would say in `nextChange`, for facts already checked (a batch's period answered, its
 * last day): undefined when there is no such answer (an unknown programme, a needed fact missing, no version in force).
 */
export function nextChangeAfter(
  ruleSet: RuleSet,
  programmeId: string,
  input: FactInput,
  date: CalendarDate,
  asOf?: CalendarDate,
): NextChange | null | undefined {
  const programme = ruleSet.programmes.get(programmeId);
  if (!programme || missingFacts(programme, input).length > 0) return undefined;
  const inForce = resolveVersion(programme, date, asOf);
  if (isNoVersion(inForce)) return undefined;
  const declared = declaredFacts(programme, input);
  return nextChange(programme, declared, date, decideDay(programme, inForce.version, factsOn(programme, declared, date)), asOf);
}
