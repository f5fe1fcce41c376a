import { jsonText, type RawJson } from '../answer/raw-json.js';
import type { RecordedCaller } from '../auth/caller.js';
import type { PersonRefDigest } from './person-ref.js';
import type { RulesUsed } from './rules-of-answer.js';

export type DecisionEndpoint = 'eligibility' | 'compensation';

/**
 * An answered question about a person's entitlement, kept so that it can be shown and made again later: what was
 * asked (the personRef only as a keyed digest), with which rules, by whom, and what was answered.
 */
export interface DecisionRecord {
  decisionId: string;
  format: 1;
  /** When it was answered, an ISO 8601 instant in UTC. */
  time: string;
  endpoint: DecisionEndpoint;
  /** The request body as sent, without personRef. */
  request: Record<string, unknown>;
  personRef?: PersonRefDigest;
  rules: RulesUsed;
  caller: RecordedCaller;
  /** The answer as sent, decisionId included (as the text sent, while it is being written; as data once read). */
  answer: Record<string, unknown> | RawJson;
}

/**
 * One line of the decision log. decisionId comes first, so a scan of the log finds each id at a fixed offset of
 * its line without parsing the rest (JSON.stringify keeps the order in which the fields are written here).
 */
export function decisionLine(record: DecisionRecord): string {
  const { decisionId, format, time, endpoint, request, personRef, rules, caller, answer } = record;
  // jsonText writes an answer given as text (the route's) as it is, instead of parsing and writing it again.
  return `${jsonText({ decisionId, format, time, endpoint, request, ...(personRef ? { personRef } : {}), rules, caller, answer })}\n`;
}

export const LINE_PREFIX = '{"decisionId":"';
