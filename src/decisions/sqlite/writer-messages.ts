import type { Migration } from '../migration-files.js';
import type { RuleFileText } from '../rules-of-answer.js';

/** What the writer thread is started with. */
export interface WriterSetup {
  file: string;
  migrations: Migration[];
  /** PRAGMAs run on the write connection after it is set up: a test's way to make SQLite itself fail (query_only…). */
  pragmas: string[];
}

/**
 * One transaction: the rule files first, then the records (as JSON text, parsed on the writer's thread). A record
 * whose rule file list is new and names a file the archive lacks is left out and reported, unless `force`.
 */
export interface CommitRequest {
  kind: 'commit';
  puts: RuleFileText[];
  records: string[];
  force: boolean;
}

export interface PurgeRequest {
  kind: 'purge';
  before: string;
}

/** The erasure of one person's records: those whose personRef has this HMAC. */
export interface ErasePersonRequest {
  kind: 'erase-person';
  hmacSha256: string;
}

export interface CheckRequest {
  kind: 'check';
  time: string;
}

export interface CloseRequest {
  kind: 'close';
}

export type WriterRequest = CommitRequest | PurgeRequest | ErasePersonRequest | CheckRequest | CloseRequest;

export interface CommitResult {
  /** Records left out because rule files they name are not archived (a purge removed them since their put). */
  missing: Array<{ decisionId: string; files: string[] }>;
  /** Rule files whose archived text did not match their sha256, and were replaced by the text put. */
  replaced: string[];
  /** Records not written because a decision of their id is recorded already (it is kept as it was). */
  duplicates: string[];
}

export interface PurgeResult {
  records: number;
  manifests: number;
  files: number;
}

export interface WriterResults {
  commit: CommitResult;
  purge: PurgeResult;
  'erase-person': PurgeResult;
  check: null;
  close: null;
}

/** Why SQLite refused: its extended result code (SQLITE_FULL, SQLITE_READONLY_DBMOVED…) when it has one. */
export interface WriterFailure {
  code: string | null;
  message: string;
}

export type WriterReply = { id: number; ok: true; result: WriterResults[WriterRequest['kind']] } | { id: number; ok: false; failure: WriterFailure };

/** The writer's first message: open, migrated and ready, or why not. */
export type WriterStart = { ready: true; applied: number[] } | { ready: false; failure: WriterFailure };
