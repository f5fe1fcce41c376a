import { daysInclusive, type CalendarDate } from '../calendar/calendar-date.js';
import type { EligibilityQuestion } from './eligibility-answer.js';
import type { ExplainLevel } from './explain-level.js';
import type { RequestProblem } from './problem.js';
import { schemaProblems } from './request-schemas.js';

/** The longest period one request may ask about: ten years and a little, so a decade always fits. */
export const MAX_PERIOD_DAYS = 3660;

interface EligibilityBody {
  programme: string;
  personRef?: string;
  date?: string;
  period?: { from: string; to: string };
  asOf?: string;
  explain?: ExplainLevel;
  person: Record<string, unknown> & { birthDate: string };
  services?: unknown[];
}

/** Checks what the schema cannot: one of date or period, an ordered and bounded period, a person born by then. */
export function periodProblems(period: { from: string; to: string } | undefined, path = '/period'): RequestProblem[] {
  if (period === undefined) return [];
  if (period.from > period.to) return [{ path: `${path}/to`, message: `is before from (${period.from})` }];
  const days = daysInclusive(period.from as CalendarDate, period.to as CalendarDate);
  if (days > MAX_PERIOD_DAYS) return [{ path: `${path}/to`, message: `the period has ${days} days; at most ${MAX_PERIOD_DAYS} are allowed` }];
  return [];
}

export function birthDateProblems(person: { birthDate: string }, firstDay: string): RequestProblem[] {
  return person.birthDate > firstDay ? [{ path: '/person/birthDate', message: `is after the first evaluated day (${firstDay})` }] : [];
}

export function parseEligibilityRequest(body: unknown): { question: EligibilityQuestion } | { problems: RequestProblem[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { problems: [{ path: '', message: 'the body must be a JSON object (Content-Type: application/json)' }] };
  }
  const problems = schemaProblems('eligibility-request', body);
  if (problems.length > 0) return { problems };
  const request = body as EligibilityBody;
  if ((request.date === undefined) === (request.period === undefined)) {
    return { problems: [{ path: request.date === undefined ? '/date' : '/period', message: 'give exactly one of date or period' }] };
  }
  const firstDay = request.date ?? (request.period as { from: string }).from;
  const more = [...periodProblems(request.period), ...birthDateProblems(request.person, firstDay)];
  if (more.length > 0) return { problems: more };
  // personRef names the person for the decision record; the rules never see it.
  const { person, programme, date, period, asOf, explain, personRef: _personRef, ...rest } = request;
  const question: EligibilityQuestion = { programme, input: { person, request: rest } };
  if (date !== undefined) question.date = date as CalendarDate;
  if (period !== undefined) question.period = period as { from: CalendarDate; to: CalendarDate };
  if (asOf !== undefined) question.asOf = asOf as CalendarDate;
  if (explain !== undefined) question.explain = explain;
  return { question };
}
