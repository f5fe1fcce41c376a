import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionRecord } from './decision-record.js';
import { type DecisionPage, type DecisionQuery, type DecisionStore, type RuleArchive, type StoreHealth, StoreUnavailable } from './decision-store.js';
import { GroupCommit } from './group-commit.js';
import { recordKeptUnder } from './kept-record.js';
import { migrationFiles } from './migration-files.js';
import type { RuleFileText } from './rules-of-answer.js';
import { sha256Of } from './sha256.js';
import { ReadConnection } from './sqlite/read-connection.js';
import { SqliteWriter } from './sqlite/sqlite-writer.js';
import type { CommitRequest, CommitResult, ErasePersonRequest, PurgeRequest } from './sqlite/writer-messages.js';

/** The database's file in DECISIONS_DIR (with its -wal and -shm beside it while it is open). */
export const DATABASE_FILE = 'decisions.sqlite';

/** At most this many appends in one transaction: a burst beyond it is committed in several, one after the other. */
const MAX_GROUP = 512;

export interface SqliteDecisionStoreOptions {
  /** DECISIONS_DIR: made if missing. */
  directory: string;
  /** What the service should log: an archived rule file that did not match its sha256, a damaged record. */
  onNotice?: (message: string) => void;
  /**
   * PRAGMAs for the write connection, run after it is set up. For fault tests, to make SQLite itself refuse as a
   * read-only or full disk would (`query_only = ON`, `max_page_count = N`); nothing else should need them.
   */
  writerPragmas?: string[];
}

/** A record refused alone (its id is recorded already) gets `refused`; the others of its group are committed. */
type Waiting = { kind: 'record'; decisionId: string; json: string; refused?: Error } | { kind: 'put'; file: RuleFileText };

/**
 * Decision records in an embedded SQLite database (better-sqlite3), `decisions.sqlite` in DECISIONS_DIR, with the
 * rule files they were made with in the same database. Appends are grouped: those that arrive while a commit is
 * being fsynced go together in the next transaction, and each resolves only once that transaction is committed. The
 * writing is done on a worker thread (sqlite/sqlite-writer-thread.ts), reads on this one (sqlite/read-connection.ts).
 */
export class SqliteDecisionStore implements DecisionStore {
  readonly archive: RuleArchive;
  readonly #file: string;
  readonly #writer: SqliteWriter;
  readonly #reader: ReadConnection;
  readonly #notice: (message: string) => void;
  readonly #group: GroupCommit<Waiting>;
  /** Texts put by this process, by sha256: put again should a purge or an erasure take one before the record that needs it. */
  readonly #texts = new Map<string, RuleFileText>();
  /** sha256s known to be in the archive: a put of one of them resolves at once. A purge or an erasure forgets them all. */
  readonly #archived = new Set<string>();
  /** Why the last commit failed, until a commit, a purge or an erasure succeeds: a disk with room for the check but not a record. */
  #lastFailure: string | null = null;
  #closed = false;

  private constructor(file: string, writer: SqliteWriter, reader: ReadConnection, options: SqliteDecisionStoreOptions) {
    this.#file = file;
    this.#writer = writer;
    this.#reader = reader;
    this.#notice = options.onNotice ?? (() => {});
    this.#group = new GroupCommit((batch) => this.#commit(batch), 0, MAX_GROUP);
    this.archive = { put: (file) => this.#put(file), text: async (sha256) => this.#text(sha256) };
  }

  /** Opens (or creates) the database and brings its schema up to date; rejects for a newer schema or a damaged file. */
  static async open(options: SqliteDecisionStoreOptions): Promise<SqliteDecisionStore> {
    mkdirSync(options.directory, { recursive: true });
    const file = join(options.directory, DATABASE_FILE);
    const writer = await SqliteWriter.start({ file, migrations: migrationFiles('sqlite'), pragmas: options.writerPragmas ?? [] });
    try {
      return new SqliteDecisionStore(file, writer, new ReadConnection(file), options);
    } catch (error) {
      await writer.close();
      throw error;
    }
  }

  async append(record: DecisionRecord): Promise<void> {
    if (this.#closed) throw new StoreUnavailable('the decision store is closed');
    const waiting: Waiting = { kind: 'record', decisionId: record.decisionId, json: JSON.stringify(record) };
    await this.#group.add(waiting);
    if (waiting.refused) throw waiting.refused;
  }

  async #put(file: RuleFileText): Promise<void> {
    if (this.#archived.has(file.sha256)) return;
    if (sha256Of(file.text) !== file.sha256) throw new Error(`the text given for rule file ${file.path} does not have the sha256 ${file.sha256}`);
    if (this.#closed) throw new StoreUnavailable('the decision store is closed');
    this.#texts.set(file.sha256, file);
    await this.#group.add({ kind: 'put', file });
  }

  /** One group: its rule files, then its records, in one transaction. */
  async #commit(batch: Waiting[]): Promise<void> {
    const puts = new Map<string, RuleFileText>();
    const records = new Map<string, Extract<Waiting, { kind: 'record' }>>();
    for (const waiting of batch) {
      if (waiting.kind === 'put') puts.set(waiting.file.sha256, waiting.file);
      else if (records.has(waiting.decisionId)) waiting.refused = new Error(`decision ${waiting.decisionId} is recorded already`);
      else records.set(waiting.decisionId, waiting);
    }
    const json = (ids: Iterable<string>): string[] => [...ids].flatMap((id) => records.get(id)?.json ?? []);
    const first = await this.#committing({ kind: 'commit', puts: [...puts.values()], records: json(records.keys()), force: false });
    for (const sha256 of puts.keys()) this.#archived.add(sha256);
    const results = [first];
    if (first.missing.length > 0) results.push(await this.#refill(first.missing, json(first.missing.map(({ decisionId }) => decisionId))));
    for (const { duplicates, replaced } of results) {
      for (const sha256 of replaced) this.#notice(`archived rule file ${sha256} did not match its sha256 and was replaced by the text put now`);
      for (const id of duplicates) {
        const waiting = records.get(id);
        if (waiting) waiting.refused = new Error(`decision ${id} is recorded already`);
      }
    }
  }

  /**
   * Records whose rule files a purge took between their put and the record: the files are put again (this process
   * has their texts), then the records — in a second transaction, before any of them is acknowledged.
   */
  async #refill(missing: CommitResult['missing'], records: string[]): Promise<CommitResult> {
    const shas = new Set(missing.flatMap(({ files }) => files));
    const puts = [...shas].flatMap((sha256) => this.#texts.get(sha256) ?? []);
    const unknown = [...shas].filter((sha256) => !this.#texts.has(sha256));
    if (unknown.length > 0) this.#notice(`decisions were recorded naming rule files the archive lacks: ${unknown.join(', ')}`);
    const result = await this.#committing({ kind: 'commit', puts, records, force: true });
    for (const { sha256 } of puts) this.#archived.add(sha256);
    return result;
  }

  /** A commit; a refusal of the disk or the file is kept for health() until a write succeeds again. */
  async #committing(request: CommitRequest): Promise<CommitResult> {
    try {
      const result = await this.#writer.request(request);
      if (request.records.length > 0) this.#lastFailure = null;
      return result;
    } catch (error) {
      if (error instanceof StoreUnavailable) this.#lastFailure = error.reason;
      throw error;
    }
  }

  async read(decisionId: string): Promise<DecisionRecord | null> {
    return recordKeptUnder(decisionId, () => this.#reader.read(decisionId), this.#notice);
  }

  /** An archived text only when it still has its sha256: a damaged one is reported and not returned. */
  #text(sha256: string): string | null {
    const text = this.#reader.fileText(sha256);
    if (text === null || sha256Of(text) === sha256) return text;
    this.#notice(`archived rule file ${sha256} does not match its sha256: not returned`);
    return null;
  }

  async search(query: DecisionQuery): Promise<DecisionPage> {
    return this.#reader.search(query);
  }

  async purge(before: string): Promise<number> {
    return this.#deleting({ kind: 'purge', before });
  }

  async erasePerson(hmacSha256: string): Promise<number> {
    return this.#deleting({ kind: 'erase-person', hmacSha256 });
  }

  /**
   * A purge or an erasure: the records and the rule files no remaining one names go in one transaction. Files this
   * process put may be gone then: the next put writes them again. A disk that was full has room again.
   */
  async #deleting(request: PurgeRequest | ErasePersonRequest): Promise<number> {
    const deleted = await this.#writer.request(request);
    this.#archived.clear();
    this.#lastFailure = null;
    return deleted.records;
  }

  /** Writes a row and commits it, reads one back: not ok, with the reason, when either fails or the last commit did. */
  async health(): Promise<StoreHealth> {
    try {
      await this.#writer.request({ kind: 'check', time: new Date().toISOString() });
      this.#reader.search({ limit: 1 });
    } catch (error) {
      return { ok: false, reason: error instanceof StoreUnavailable ? error.reason : `the decision database failed: ${(error as Error).message}` };
    }
    return this.#lastFailure === null ? { ok: true } : { ok: false, reason: this.#lastFailure };
  }

  describe(): Record<string, unknown> {
    return { kind: 'sqlite', file: this.#file, journal: 'wal', synchronous: 'full', migrationsApplied: this.#writer.applied };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#group.drain();
    this.#reader.close();
    await this.#writer.close();
  }
}
