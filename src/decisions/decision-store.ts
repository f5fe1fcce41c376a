import type { DecisionRecord, DecisionSummary } from './decision-record.js';
import type { RuleFileText } from './rules-of-answer.js';

/** Rule file texts by their sha256: kept for as long as a decision may need them, whatever happens to the file. */
export interface RuleArchive {
  /** Resolves once the text is durably kept (a decision naming it may be acknowledged after that). */
  put(file: RuleFileText): Promise<void>;
  text(sha256: string): Promise<string | null>;
}

/**
 * A search of the decision records, newest first. Every filter is optional and they all apply together; dates are
 * calendar dates of the decision time (UTC), both ends included. `municipality` is also how a caseworker's search is
 * scoped: the route sets it to the caller's own. `cursor` is the `next` of the previous page.
 */
export interface DecisionQuery {
  programme?: string;
  municipality?: string;
  from?: string;
  to?: string;
  eligible?: boolean;
  /**
   * The records of one person: the HMAC-SHA256 (hex) of their personRef, as records keep it (`personRef.hmacSha256`,
   * person-ref.ts). Not a parameter of `GET /v1/decisions`: `sbsp-rules decisions purge --person-ref` counts with it.
   */
  personRefHmac?: string;
  /** 1…500. */
  limit: number;
  cursor?: string;
}

export interface DecisionPage {
  items: DecisionSummary[];
  /** Pass as `cursor` for the next page; null on the last. */
  next: string | null;
}

/** Why a store cannot take or give records now (a database down, a data directory read-only or full). */
export type StoreHealth = { ok: true } | { ok: false; reason: string };

/**
 * Thrown (as a rejection) by a store that cannot serve a call for a reason outside the request: the service
 * answers 503 with `reason`, never 500, and an append that throws this was not acknowledged.
 */
export class StoreUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'StoreUnavailable';
  }
}

/** Where decision records are kept. */
export interface DecisionStore {
  readonly archive: RuleArchive;
  /** Resolves once the record is durable: only then may its answer be sent. */
  append(record: DecisionRecord): Promise<void>;
  read(decisionId: string): Promise<DecisionRecord | null>;
  search(query: DecisionQuery): Promise<DecisionPage>;
  /**
   * Deletes the records decided before `before` (a calendar date, UTC) — retention — and the archived rule files no
   * remaining record names; resolves to how many records went.
   */
  purge(before: string): Promise<number>;
  /**
   * Deletes every record of one person — erasure —: those whose `personRef.hmacSha256` is `hmacSha256` (the HMAC of
   * their personRef under the key the records were made with, PersonRefKey), whatever their date; and, as `purge`
   * does, the archived rule files no remaining record names. Resolves to how many records went. Records made under
   * another key (a key since replaced, development mode's random one) have another digest and are not found.
   */
  erasePerson(hmacSha256: string): Promise<number>;
  health(): Promise<StoreHealth>;
  /** What the log says about the store at start (kind, place), without secrets. */
  describe(): Record<string, unknown>;
  /** Waits for appends under way, then lets go of files and connections. */
  close(): Promise<void>;
}
