import type { Endpoint } from '../answer/ask.js';
import type { RecordedCaller } from '../auth/caller.js';
import type { PersonRefDigest } from './person-ref.js';
import type { RulesUsed } from './rules-of-answer.js';

export type DecisionEndpoint = Endpoint;

/** The version an answer starts with (a date's `ruleset`, a period's first segment's): what a search shows. */
export interface RulesetNamed {
  version: string;
  sha256: string;
}

/**
 * What was decided, in a few fields an auditor can search by: never the explanation, never the facts.
 * `eligible` is present for eligibility decisions (a period's is true when every day of it is eligible);
 * `compensation` (a decimal string) for compensation decisions.
 */
export interface DecisionOutcome {
  programme: string;
  eligible?: boolean;
  compensation?: string;
  ruleset: RulesetNamed | null;
}

/**
 * An answered question about a person's entitlement, kept so that it can be made again and checked: what was
 * asked (the personRef only as a keyed digest), with which rule files (by sha256), by whom, what was decided in
 * short, and the sha256 of the answer sent. The answer itself is not kept: it is made again from the request and
 * the archived rule files whenever it is read, and checked against `answerSha256`.
 */
export interface DecisionRecord {
  decisionId: string;
  format: 2;
  /** When it was answered, an ISO 8601 instant in UTC. */
  time: string;
  endpoint: DecisionEndpoint;
  /** The request body as sent, without personRef. */
  request: Record<string, unknown>;
  personRef?: PersonRefDigest;
  rules: RulesUsed;
  caller: RecordedCaller;
  outcome: DecisionOutcome;
  /** sha256 (hex) of the answer's JSON as sent, without its decisionId (answer/answer-json.ts writes both). */
  answerSha256: string;
  /**
   * sha256 (hex) of the record's canonical JSON without this member (record-digest.ts): a record changed after it
   * was written no longer matches it. DecisionRecorder writes it with every record; one read without it is not intact.
   */
  recordSha256?: string;
}

/** One item of a decision search (contract v2 `GET /v1/decisions`). */
export interface DecisionSummary {
  decisionId: string;
  time: string;
  programme: string;
  endpoint: DecisionEndpoint;
  eligible?: boolean;
  compensation?: string;
  /** The municipality of the token that made the decision; null in open development mode. */
  municipality: string | null;
  ruleset: RulesetNamed | null;
}

export function summaryOf(record: DecisionRecord): DecisionSummary {
  const { outcome } = record;
  return {
    decisionId: record.decisionId,
    time: record.time,
    programme: outcome.programme,
    endpoint: record.endpoint,
    ...(outcome.eligible === undefined ? {} : { eligible: outcome.eligible }),
    ...(outcome.compensation === undefined ? {} : { compensation: outcome.compensation }),
    municipality: record.caller.municipality,
    ruleset: outcome.ruleset,
  };
}
