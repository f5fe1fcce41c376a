import { daysInclusive, type CalendarDate } from '../calendar/calendar-date.js';
import type { Period } from '../compensate/claim-period.js';
import { answerJson } from '../wire/answer-json.js';
import { compensationResponse, eligibilityResponse } from '../answer/ask.js';
import { nextChangeAfter } from '../answer/eligibility-answer.js';
import type { RuleSet } from '../rules/model.js';
import type { ExplainLevel } from '../answer/explain-level.js';
import { MAX_REQUEST_BYTES } from '../answer/request-size.js';
import type { InputLine } from './input-lines.js';

export interface BatchSettings {
  programme: string;
  period: Period;
  /** Whole answers at this explain level instead of the claim summary; false for the summary. */
  explain: ExplainLevel | false;
}

export interface LineAnswer {
  /** One line of JSON for the output. */
  json: string;
  /** For a line that was not answered: what to tell the person running the batch. */
  problem?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A programme that prices lines answers claims (compensation); one that does not answers eligibility. */
export function claimsCompensation(ruleSet: RuleSet, programme: string): boolean {
  return ruleSet.programmes.get(programme)?.versions.some((version) => version.compensation !== null) ?? false;
}

function summary(answer: object): Record<string, unknown> {
  const body = answer as Record<string, unknown>;
  const segments = (body.segments ?? []) as Array<Record<string, unknown>>;
  const lines = (body.lines ?? []) as Array<Record<string, unknown>>;
  const { explanation: _explanation, segments: _segments, lines: _lines, decisionId: _decisionId, assumptions, ...totals } = body;
  const eligibleDays = segments
    .filter((segment) => segment.eligible)
    .reduce((days, segment) => days + daysInclusive(segment.from as CalendarDate, segment.to as CalendarDate), 0);
  return {
    ...totals,
    eligibleDays,
    segments: segments.map((segment) => ({
      from: segment.from,
      to: segment.to,
      eligible: segment.eligible,
      basis: segment.basis,
      blockers: segment.blockers,
      version: (segment.ruleset as { version: string }).version,
    })),
    ...(lines.length > 0 ? { lines: lines.map((line) => ({ index: line.index, amount: line.eligibleAmount ?? line.amount, refs: line.refs })) } : {}),
    // The summary names the assumptions the answer rests on; their texts are in the whole answer (--explain).
    assumptions: ((assumptions ?? []) as Array<{ id: string }>).map((assumption) => assumption.id),
  };
}

/**
 * One input line — a person with their services and cost (or delivery, service) lines, optionally `personRef` —
 * answered for the batch's programme and period. A line that is not JSON, or that the API would refuse, is answered
 * with its status and problems instead; it never stops the batch.
 */
export function answerLine(ruleSet: RuleSet, settings: BatchSettings, lineNumber: number, text: string): LineAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = `not JSON: ${(error as Error).message}`;
    return { json: JSON.stringify({ line: lineNumber, status: 400, errors: [{ path: '', message }] }), problem: message };
  }
  if (!isObject(parsed)) {
    const message = 'each line must be a JSON object';
    return { json: JSON.stringify({ line: lineNumber, status: 400, errors: [{ path: '', message }] }), problem: message };
  }
  // personRef stays in the body, so the request schema checks it as the API does (a string of at most 200 characters).
  const { personRef } = parsed;
  const body = { ...parsed, programme: settings.programme, period: settings.period, ...(settings.explain === false ? {} : { explain: settings.explain }) };
  const response = claimsCompensation(ruleSet, settings.programme) ? compensationResponse(ruleSet, body) : eligibilityResponse(ruleSet, body);
  if (response.status !== 200) {
    const problem = response.body as { detail: string; errors?: Array<{ path: string; message: string }> };
    const where = problem.errors?.map((error) => `${error.path || '/'} ${error.message}`).join('; ') ?? problem.detail;
    // A personRef that was refused is not written back: the output would carry what the cap keeps out.
    const reference = personRef === undefined || problem.errors?.some((error) => error.path === '/personRef') ? {} : { personRef };
    return {
      json: JSON.stringify({ line: lineNumber, ...reference, status: response.status, detail: problem.detail, errors: problem.errors ?? [] }),
      problem: where,
    };
  }
  const reference = personRef === undefined ? {} : { personRef };
  if (settings.explain === false) {
    // After the period: what a date answer for its last day says in nextChange (whatWouldChange is in whole answers).
    const input = { person: parsed.person as Record<string, unknown>, request: body };
    const nextChange = nextChangeAfter(ruleSet, settings.programme, input, settings.period.to, (body as { asOf?: CalendarDate }).asOf);
    return { json: JSON.stringify({ line: lineNumber, ...reference, status: 200, ...summary(response.body), nextChange }) };
  }
  return { json: answerJson({ line: lineNumber, ...reference, status: 200, ...response.body }, response.level).bytes.toString('utf8') };
}

/** An input line answered: a line too long to be a request is answered 413 unread, as the API answers such a body. */
export function answerInputLine(ruleSet: RuleSet, settings: BatchSettings, lineNumber: number, line: InputLine): LineAnswer {
  if (typeof line === 'string') return answerLine(ruleSet, settings, lineNumber, line);
  const message = `the line has ${line.bytes} bytes; at most ${MAX_REQUEST_BYTES} are read, as for a request body`;
  return { json: JSON.stringify({ line: lineNumber, status: 413, detail: message, errors: [{ path: '', message }] }), problem: message };
}
