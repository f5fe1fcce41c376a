import { parseCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import type { CostLine } from '../compensate/capped-actual-cost.js';
import type { ServiceLine } from '../compensate/individual-budget-lines.js';
import { linesFieldProblems, type CompensationLines } from '../compensate/kinds.js';
import type { DeliveryLine } from '../compensate/unit-cost-deliveries.js';
import type { Programme, RuleSet } from '../rules/model.js';
import { LINES_FIELDS } from '../rules/line-facts.js';
import { isNoVersion, resolveVersion } from '../versions/resolve-version.js';
import type { CompensationQuestion } from './compensation-answer.js';
import { allProblems, birthDateProblems, neededFactProblems, objectAt, periodProblems, programmeOf, type BodyObject } from './eligibility-request.js';
import type { ExplainLevel } from './explain-level.js';
import type { RequestProblem } from './problem.js';
import { schemaProblems } from './request-schemas.js';

interface CompensationBody {
  programme: string;
  personRef?: string;
  period: { from: string; to: string };
  asOf?: string;
  explain?: ExplainLevel;
  approvedOn?: string;
  person: Record<string, unknown> & { birthDate: string };
  services?: unknown[];
  costs?: CostLine[];
  deliveries?: DeliveryLine[];
  serviceLines?: ServiceLine[];
}

/** The request's own fields; every other top-level field is a request fact of the programme (services …). */
const COMPENSATION_FIELDS = ['programme', 'personRef', 'period', 'asOf', 'explain', 'approvedOn', 'person', ...LINES_FIELDS];

/** Lines whose last day is before their first; a line whose days are not dates is the schema's problem. */
function lineOrderProblems(field: string, lines: unknown): RequestProblem[] {
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((line, index) => {
    const from = parseCalendarDate(objectAt(line)?.from);
    const to = parseCalendarDate(objectAt(line)?.to);
    return from !== null && to !== null && from > to ? [{ path: `/${field}/${index}/to`, message: `is before from (${from})` }] : [];
  });
}

/**
 * The lines field the programme's calculation needs, by the version in force on the period's first day (the answer
 * checks every version of the period again): said with the other problems, not after them.
 */
function linesProblems(programme: Programme | undefined, body: BodyObject): RequestProblem[] {
  const from = parseCalendarDate(objectAt(body.period)?.from);
  if (programme === undefined || from === null) return [];
  const asOf = parseCalendarDate(body.asOf) ?? undefined;
  const inForce = resolveVersion(programme, from, asOf);
  if (isNoVersion(inForce) || inForce.version.compensation === null) return [];
  // Only whether each lines field is there is read: a field of the wrong shape is the schema's problem.
  return linesFieldProblems(inForce.version.compensation.kind, programme.id, body as CompensationLines);
}

/** A body as a compensation question, or all of its problems at once (see parseEligibilityRequest). */
export function parseCompensationRequest(body: unknown, ruleSet?: RuleSet): { question: CompensationQuestion } | { problems: RequestProblem[] } {
  const object = objectAt(body);
  if (object === null) {
    return { problems: [{ path: '', message: 'the body must be a JSON object (Content-Type: application/json)' }] };
  }
  const programme = programmeOf(object, ruleSet);
  const problems = allProblems(object, ruleSet, [
    schemaProblems('compensation-request', object),
    periodProblems(object.period),
    birthDateProblems(object.person, objectAt(object.period)?.from),
    ...LINES_FIELDS.map((field) => lineOrderProblems(field, object[field])),
    neededFactProblems(programme, object, COMPENSATION_FIELDS),
    linesProblems(programme, object),
  ]);
  if (problems.length > 0) return { problems };
  const request = object as unknown as CompensationBody;
  // personRef names the person for the decision record; the rules never see it.
  const { person, programme: id, period, asOf, explain, approvedOn, costs, deliveries, serviceLines, personRef: _personRef, ...rest } = request;
  const question: CompensationQuestion = { programme: id, period: period as CompensationQuestion['period'], input: { person, request: rest } };
  if (asOf !== undefined) question.asOf = asOf as CalendarDate;
  if (explain !== undefined) question.explain = explain;
  if (approvedOn !== undefined) question.approvedOn = approvedOn as CalendarDate;
  if (costs !== undefined) question.costs = costs;
  if (deliveries !== undefined) question.deliveries = deliveries;
  if (serviceLines !== undefined) question.serviceLines = serviceLines;
  return { question };
}
