import { daysInclusive, type CalendarDate } from '../calendar/calendar-date.js';
import type { Explanation } from '../evaluate/explanation.js';
import { declaredFacts, missingFacts, type FactInput, type FactProblem } from '../evaluate/facts.js';
import { evaluateSpans, type Segment } from '../evaluate/segments.js';
import type { Programme, RuleSet } from '../rules/model.js';
import { describeNoVersion, isNoVersion, versionSpans, type VersionInForce } from '../versions/resolve-version.js';
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
  ruleset: RulesetReference;
  explanation: Explanation;
}

export interface SegmentAnswer extends DayAnswer {
  from: CalendarDate;
  to: CalendarDate;
}

export type EligibilityAnswer =
  | ({ kind: 'date'; programme: string; date: CalendarDate; asOf?: CalendarDate } & DayAnswer & { assumptions: readonly (AssumptionUsed | AssumptionNamed)[] })
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

export function segmentAnswer(segment: Segment): SegmentAnswer {
  return {
    from: segment.from,
    to: segment.to,
    eligible: segment.eligible,
    basis: segment.basis,
    blockers: segment.blockers,
    ruleset: rulesetReference(segment.span),
    explanation: segment.explanation,
  };
}

/** The segments of a programme over a period, or why there are none. Shared by eligibility and compensation. */
export function eligibilitySegments(
  programme: Programme,
  input: FactInput,
  from: CalendarDate,
  to: CalendarDate,
  asOf?: CalendarDate,
): { segments: Segment[] } | EligibilityFailure {
  const missing = missingFacts(programme, input);
  if (missing.length > 0) return { kind: 'invalid-request', problems: missing };
  const spans = versionSpans(programme, from, to, asOf);
  if (isNoVersion(spans)) return { kind: 'no-version', detail: describeNoVersion(programme, spans, asOf) };
  return { segments: evaluateSpans(programme, declaredFacts(programme, input), spans) };
}

/** Answers an eligibility question against the rule versions in force (and adopted by asOf). Pure: no I/O, no clock. */
export function answerEligibility(ruleSet: RuleSet, question: EligibilityQuestion): EligibilityAnswer | EligibilityFailure {
  const programme = ruleSet.programmes.get(question.programme);
  if (!programme) return { kind: 'unknown-programme', programme: question.programme };
  const from = (question.date ?? question.period?.from) as CalendarDate;
  const to = (question.date ?? question.period?.to) as CalendarDate;
  const evaluated = eligibilitySegments(programme, question.input, from, to, question.asOf);
  if ('kind' in evaluated) return evaluated;
  const result = { segments: evaluated.segments.map(segmentAnswer) };
  const asOf = question.asOf === undefined ? {} : { asOf: question.asOf };
  const assumptions = assumptionsUsed(new Set(evaluated.segments.map((segment) => segment.span.version)), [], question.explain ?? 'full');
  if (question.date !== undefined) {
    const [only] = result.segments as [SegmentAnswer];
    const { from: _from, to: _to, ...day } = only;
    return { kind: 'date', programme: programme.id, date: question.date, ...asOf, ...day, assumptions };
  }
  const eligibleDays = result.segments.filter((segment) => segment.eligible).reduce((days, segment) => days + daysInclusive(segment.from, segment.to), 0);
  return {
    kind: 'period',
    programme: programme.id,
    period: { from, to },
    ...asOf,
    eligible: eligibleDays === daysInclusive(from, to),
    eligibleDays,
    segments: result.segments,
    assumptions,
  };
}
