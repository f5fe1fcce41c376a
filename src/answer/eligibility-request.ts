import { daysInclusive, parseCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import { missingFacts } from '../evaluate/facts.js';
import type { Programme, RuleSet } from '../rules/model.js';
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

/** A JSON object of the body (not null, not a list), as the checks below read one that may fail the schema. */
export type BodyObject = Readonly<Record<string, unknown>>;

export function objectAt(value: unknown): BodyObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as BodyObject) : null;
}

/**
 * Checks what the schema cannot: an ordered and bounded period. The checks after the schema's look only at values it
 * accepted: an end that is not a real date is the schema's problem, said once.
 */
export function periodProblems(period: unknown, path = '/period'): RequestProblem[] {
  const found = objectAt(period);
  const from = parseCalendarDate(found?.from);
  const to = parseCalendarDate(found?.to);
  if (from === null || to === null) return [];
  if (from > to) return [{ path: `${path}/to`, message: `is before from (${from})` }];
  const days = daysInclusive(from, to);
  if (days > MAX_PERIOD_DAYS) return [{ path: `${path}/to`, message: `the period has ${days} days; at most ${MAX_PERIOD_DAYS} are allowed` }];
  return [];
}

/** A person born after the first evaluated day. Nothing to say when either is not a date (the schema says that). */
export function birthDateProblems(person: unknown, firstDay: unknown): RequestProblem[] {
  const birthDate = parseCalendarDate(objectAt(person)?.birthDate);
  const first = parseCalendarDate(firstDay);
  return birthDate !== null && first !== null && birthDate > first
    ? [{ path: '/person/birthDate', message: `is after the first evaluated day (${first})` }]
    : [];
}

/** The programme a body names, when the rule set has it. */
export function programmeOf(body: BodyObject, ruleSet: RuleSet | undefined): Programme | undefined {
  return typeof body.programme === 'string' ? ruleSet?.programmes.get(body.programme) : undefined;
}

/**
 * The facts the programme's rules need that the body lacks (contract v2: named with every other problem, not after
 * them). A body without a person object has that one problem, not one for each of its facts.
 */
export function neededFactProblems(programme: Programme | undefined, body: BodyObject, requestFields: readonly string[]): RequestProblem[] {
  const person = objectAt(body.person);
  if (programme === undefined || person === null) return [];
  const request = Object.fromEntries(Object.entries(body).filter(([name]) => !requestFields.includes(name)));
  return missingFacts(programme, { person, request });
}

/**
 * Every problem of a request in one list, in the order a reader goes through the body: what the schema finds, then
 * what it cannot see (a reversed period, a person born after the day, a needed fact missing), each only once at its
 * path. An unknown programme among other problems is named with them (alone, it is the route's 404).
 */
export function allProblems(body: BodyObject, ruleSet: RuleSet | undefined, groups: readonly RequestProblem[][]): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const seen = new Set<string>();
  for (const problem of groups.flat()) {
    if (seen.has(problem.path)) continue;
    seen.add(problem.path);
    problems.push(problem);
  }
  const unknown = ruleSet !== undefined && typeof body.programme === 'string' && !ruleSet.programmes.has(body.programme);
  if (unknown && problems.length > 0 && !seen.has('/programme')) problems.unshift({ path: '/programme', message: 'no such programme' });
  return problems;
}

/** The request's own fields; every other top-level field is a request fact of the programme (services …). */
const ELIGIBILITY_FIELDS = ['programme', 'personRef', 'date', 'period', 'asOf', 'explain', 'person'];

function whenProblems(body: BodyObject): RequestProblem[] {
  if ((body.date === undefined) !== (body.period === undefined)) return [];
  return [{ path: body.date === undefined ? '/date' : '/period', message: 'give exactly one of date or period' }];
}

/**
 * A body as an eligibility question, or all of its problems at once. With the rule set, the facts the programme
 * needs are checked too, so a client hears of a missing fact in the same answer as a bad date.
 */
export function parseEligibilityRequest(body: unknown, ruleSet?: RuleSet): { question: EligibilityQuestion } | { problems: RequestProblem[] } {
  const object = objectAt(body);
  if (object === null) {
    return { problems: [{ path: '', message: 'the body must be a JSON object (Content-Type: application/json)' }] };
  }
  const firstDay = object.date ?? objectAt(object.period)?.from;
  const problems = allProblems(object, ruleSet, [
    schemaProblems('eligibility-request', object),
    whenProblems(object),
    periodProblems(object.period),
    birthDateProblems(object.person, firstDay),
    neededFactProblems(programmeOf(object, ruleSet), object, ELIGIBILITY_FIELDS),
  ]);
  if (problems.length > 0) return { problems };
  const request = object as unknown as EligibilityBody;
  // personRef names the person for the decision record; the rules never see it.
  const { person, programme, date, period, asOf, explain, personRef: _personRef, ...rest } = request;
  const question: EligibilityQuestion = { programme, input: { person, request: rest } };
  if (date !== undefined) question.date = date as CalendarDate;
  if (period !== undefined) question.period = period as { from: CalendarDate; to: CalendarDate };
  if (asOf !== undefined) question.asOf = asOf as CalendarDate;
  if (explain !== undefined) question.explain = explain;
  return { question };
}
