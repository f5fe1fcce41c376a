import { RawJson } from '../evaluate/raw-json.js';
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
  /** The answer as sent, decisionId included (as the bytes sent, while it is being written; as data once read). */
  answer: Record<string, unknown> | RawJson;
}

/**
 * One line of the decision log, as UTF-8 pieces to be written one after the other. decisionId comes first, so a
 * scan of the log finds each id at a fixed offset of its line without parsing the rest. An answer given as bytes
 * (the route's) is one of the pieces as it is: not parsed, written again or copied.
 */
export function decisionLine(record: DecisionRecord): Buffer[] {
  const { decisionId, format, time, endpoint, request, personRef, rules, caller, answer } = record;
  const head = `{"decisionId":${JSON.stringify(decisionId)},"format":${JSON.stringify(format)},"time":${JSON.stringify(time)},"endpoint":${JSON.stringify(endpoint)},"request":${JSON.stringify(request)}${
    personRef ? `,"personRef":${JSON.stringify(personRef)}` : ''
  },"rules":${JSON.stringify(rules)},"caller":${JSON.stringify(caller)},"answer":`;
  if (answer instanceof RawJson) return [Buffer.from(head, 'utf8'), answer.bytes, LINE_END];
  return [Buffer.from(`${head}${JSON.stringify(answer)}}\n`, 'utf8')];
}

const LINE_END = Buffer.from('}\n', 'utf8');

export const LINE_PREFIX = '{"decisionId":"';
