import { previousDay, type CalendarDate } from '../calendar/calendar-date.js';
import type { Programme } from '../rules/model.js';
import type { VersionSpan } from '../versions/resolve-version.js';
import type { Facts } from './condition-trace.js';
import { sameAnswer, type DayResult } from './day-result.js';
import { Explanation } from './explanation.js';
import { decideEvaluation, evaluateRules, type Evaluation } from './explanation-plan.js';
import { factChangePoints, factsOn } from './facts.js';

/** A maximal run of days with the same answer under the same rule version. */
export interface Segment extends Omit<DayResult, 'explanation'> {
  from: CalendarDate;
  to: CalendarDate;
  span: VersionSpan;
  /** The explanation of the segment's first day. */
  explanation: Explanation;
}

type Piece = Omit<DayResult, 'explanation'> & { from: CalendarDate; to: CalendarDate; evaluation: Evaluation };

/**
 * Cuts each version span where the facts can change an answer, evaluates the first day of each piece, and joins
 * neighbours with the same answer. Each segment's explanation is that of its first day.
 */
export function evaluateSpans(programme: Programme, declared: Facts, spans: readonly VersionSpan[]): Segment[] {
  const segments: Segment[] = [];
  for (const span of spans) {
    // A one-day span has nothing to cut: its only start is its day.
    const starts =
      span.from === span.to ? [span.from] : [...new Set([span.from, ...factChangePoints(programme, span.version, declared, span.from, span.to)])].sort();
    const pieces: Piece[] = [];
    starts.forEach((start, index) => {
      const nextStart = starts[index + 1];
      const to = nextStart === undefined ? span.to : (previousDay(nextStart) as CalendarDate);
      const evaluation = evaluateRules(span.version, factsOn(programme, declared, start));
      const answer = decideEvaluation(programme, evaluation);
      const last = pieces.at(-1);
      if (last && sameAnswer(last, answer)) last.to = to;
      else pieces.push({ ...answer, from: start, to, evaluation });
    });
    segments.push(...pieces.map(({ evaluation, ...piece }) => ({ ...piece, explanation: new Explanation(evaluation), span })));
  }
  return segments;
}
