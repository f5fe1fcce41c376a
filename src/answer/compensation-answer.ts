import type { CalendarDate } from '../calendar/calendar-date.js';
import type { Period } from '../compensate/claim-period.js';
import { compensate, linesFieldProblems, type CompensationLines } from '../compensate/kinds.js';
import type { CompensationStep, KindAnswer, LineAnswer } from '../compensate/compensation-context.js';
import type { FactInput } from '../evaluate/facts.js';
import type { Compensation, RuleSet } from '../rules/model.js';
import { eligibilitySegments, segmentAnswer, type EligibilityFailure, type SegmentAnswer } from './eligibility-answer.js';
import { assumptionsUsed, type AssumptionNamed, type AssumptionUsed } from './assumptions-used.js';
import type { ExplainLevel } from './explain-level.js';

export interface CompensationQuestion extends CompensationLines {
  programme: string;
  period: Period;
  asOf?: CalendarDate;
  approvedOn?: CalendarDate;
  input: FactInput;
  /** How much explanation the answer carries (default full). */
  explain?: ExplainLevel;
}

/** A compensation answer: the kind's totals (NSK's cap, due dates …), its lines, the segments, the steps taken. */
export interface CompensationAnswer extends Omit<KindAnswer, 'lines' | 'explanation'> {
  programme: string;
  period: Period;
  asOf?: CalendarDate;
  lines: readonly LineAnswer[];
  segments: SegmentAnswer[];
  /** The steps from the lines to the compensation (no rules: `rules` keeps them whole, `none` leaves them out). */
  explanation: readonly CompensationStep[];
  assumptions: readonly (AssumptionUsed | AssumptionNamed)[];
}

export type CompensationOutcome = { kind: 'answer'; body: CompensationAnswer } | EligibilityFailure | { kind: 'no-compensation'; detail: string };

/**
 * Compensation for a period: the eligibility segments decide which days count; the versions in force choose the
 * calculation kind and its parameters. Pure: no I/O, no clock.
 */
export function answerCompensation(ruleSet: RuleSet, question: CompensationQuestion): CompensationOutcome {
  const programme = ruleSet.programmes.get(question.programme);
  if (!programme) return { kind: 'unknown-programme', programme: question.programme };
  const evaluated = eligibilitySegments(programme, question.input, question.period.from, question.period.to, question.asOf);
  if ('kind' in evaluated) return evaluated;
  const { segments } = evaluated;
  const versions = [...new Set(segments.map((segment) => segment.span.version))];
  const without = versions.filter((version) => version.compensation === null);
  if (without.length > 0)
    return { kind: 'no-compensation', detail: `${programme.id} version ${without.map((version) => version.version).join(', ')} has no compensation rules` };
  const kinds = new Set(versions.map((version) => (version.compensation as Compensation).kind));
  if (kinds.size > 1)
    return {
      kind: 'no-compensation',
      detail: `the period spans versions that compute compensation differently (${[...kinds].join(', ')}); ask for each version's days separately`,
    };
  const kind = [...kinds][0] as Compensation['kind'];

  const fieldProblems = linesFieldProblems(kind, programme.id, question);
  if (fieldProblems.length > 0) return { kind: 'invalid-request', problems: fieldProblems };

  const context = {
    period: question.period,
    segments,
    calendars: ruleSet.calendars,
    emergencies: ruleSet.emergencies,
    programmes: ruleSet.programmes,
    ...(question.approvedOn === undefined ? {} : { approvedOn: question.approvedOn }),
    ...(question.asOf === undefined ? {} : { asOf: question.asOf }),
  };
  const result = compensate(kind, context, question);
  if ('problems' in result) return { kind: 'invalid-request', problems: result.problems };
  const { lines, explanation, ...totals } = result.body;
  return {
    kind: 'answer',
    body: {
      programme: programme.id,
      period: question.period,
      ...(question.asOf === undefined ? {} : { asOf: question.asOf }),
      ...totals,
      lines,
      segments: segments.map((segment) => segmentAnswer(programme, question.input, segment)),
      explanation,
      assumptions: assumptionsUsed(versions, result.referencedAssumptions ?? [], question.explain ?? 'full'),
    },
  };
}
