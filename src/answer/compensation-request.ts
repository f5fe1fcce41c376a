import type { CalendarDate } from '../calendar/calendar-date.js';
import type { CompensationQuestion } from './compensation-answer.js';
import type { ExplainLevel } from './explain-level.js';
import type { CostLine } from '../compensate/capped-actual-cost.js';
import type { ServiceLine } from '../compensate/individual-budget-lines.js';
import type { DeliveryLine } from '../compensate/unit-cost-deliveries.js';
import { birthDateProblems, periodProblems } from './eligibility-request.js';
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

function lineOrderProblems(field: string, lines: ReadonlyArray<{ from: string; to: string }> | undefined): RequestProblem[] {
  return (lines ?? []).flatMap((line, index) => (line.from > line.to ? [{ path: `/${field}/${index}/to`, message: `is before from (${line.from})` }] : []));
}

export function parseCompensationRequest(body: unknown): { question: CompensationQuestion } | { problems: RequestProblem[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { problems: [{ path: '', message: 'the body must be a JSON object (Content-Type: application/json)' }] };
  }
  const problems = schemaProblems('compensation-request', body);
  if (problems.length > 0) return { problems };
  const request = body as CompensationBody;
  const more = [
    ...periodProblems(request.period),
    ...birthDateProblems(request.person, request.period.from),
    ...lineOrderProblems('costs', request.costs),
    ...lineOrderProblems('deliveries', request.deliveries),
    ...lineOrderProblems('serviceLines', request.serviceLines),
  ];
  if (more.length > 0) return { problems: more };
  // personRef names the person for the decision record; the rules never see it.
  const { person, programme, period, asOf, explain, approvedOn, costs, deliveries, serviceLines, personRef: _personRef, ...rest } = request;
  const question: CompensationQuestion = { programme, period: period as CompensationQuestion['period'], input: { person, request: rest } };
  if (asOf !== undefined) question.asOf = asOf as CalendarDate;
  if (explain !== undefined) question.explain = explain;
  if (approvedOn !== undefined) question.approvedOn = approvedOn as CalendarDate;
  if (costs !== undefined) question.costs = costs;
  if (deliveries !== undefined) question.deliveries = deliveries;
  if (serviceLines !== undefined) question.serviceLines = serviceLines;
  return { question };
}
