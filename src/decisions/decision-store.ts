import type { DecisionRecord } from './decision-record.js';
import type { RuleFileText } from './rules-of-answer.js';

/** Rule file texts by their sha256: kept for as long as a decision may need them, whatever happens to the file. */
export interface RuleArchive {
  /** Resolves once the text is durably kept (a decision naming it may be acknowledged after that). */
  put(file: RuleFileText): Promise<void>;
  text(sha256: string): Promise<string | null>;
}

/** Where decision records are kept. */
export interface DecisionStore {
  readonly archive: RuleArchive;
  /** Resolves once the record is durable: only then may its answer be sent. */
  append(record: DecisionRecord): Promise<void>;
  read(decisionId: string): Promise<DecisionRecord | null>;
  /** Waits for appends under way, then lets go of files. */
  close(): Promise<void>;
}
