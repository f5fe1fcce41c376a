import pg from 'pg';
import { type DecisionRecord, summaryOf } from './decision-record.js';
import type { DecisionPage, DecisionQuery, DecisionStore, StoreHealth } from './decision-store.js';
import { GroupCommit } from './group-commit.js';
import { recordKeptUnder } from './kept-record.js';
import { migrationFiles } from './migration-files.js';
import { storeErrorOf, unavailabilityOf, unavailableDatabase } from './postgres-errors.js';
import { migratePostgres } from './postgres-migrations.js';
import { PostgresRuleArchive } from './postgres-rule-archive.js';

export interface PostgresStoreOptions {
  /** `postgresql://user@host/database`, or `postgresql://user@/database?host=/run/postgresql` for a socket. */
  connectionString: string;
  /** Things worth a line in the log that are not errors (an archived file replaced). */
  onNotice?: (message: string) => void;
}

/**
 * Taken shared by every append transaction and exclusively by a purge, so that a purge never deletes a rule file
 * between an append's check that its files are there and its commit (instances share the database, not memory).
 */
const ARCHIVE_LOCK = 0x5b5b_0002;

/** Appends in one transaction at most: a burst of a few hundred requests is one or two commits. */
const MAX_GROUP = 500;

/** Records a purge deletes in one statement. */
const PURGE_CHUNK = 5_000;

/** How long a connection may take before the store says the database cannot be reached. */
const CONNECT_TIMEOUT_MILLISECONDS = 5_000;

/** A query the server does not answer in this time counts as the database being unavailable, not as a hang. */
const QUERY_TIMEOUT_MILLISECONDS = 30_000;

/** PostgreSQL's text cannot hold U+0000, and no record has it in an id, a programme or a municipality. */
function fitsText(value: string | undefined): boolean {
  return value === undefined || !value.includes('\u0000');
}

/**
 * Decision records in PostgreSQL, for one instance or several on one database. Appends go through a group commit:
 * those arriving while a transaction is under way wait and go together in the next one (one multi-row INSERT),
 * and each resolves only after its COMMIT. Reads and searches use a pool of their own. A database that cannot be
 * reached makes every call reject with StoreUnavailable (503); the pools connect again when it is back.
 */
export class PostgresDecisionStore implements DecisionStore {
  readonly archive: PostgresRuleArchive;
  readonly #writer: pg.Pool;
  readonly #readers: pg.Pool;
  readonly #groups: GroupCommit<DecisionRecord>;
  readonly #where: { host: string; port: number; database: string };
  readonly #notice: (message: string) => void;
  #closing: Promise<void> | null = null;

  private constructor(connectionString: string, where: { host: string; port: number; database: string }, onNotice: (message: string) => void) {
    this.#where = where;
    this.#notice = onNotice;
    const common = { connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MILLISECONDS, query_timeout: QUERY_TIMEOUT_MILLISECONDS, keepAlive: true };
    this.#writer = new pg.Pool({ ...common, max: 1, application_name: 'sbsp-rules decisions' });
    this.#readers = new pg.Pool({ ...common, max: 4, application_name: 'sbsp-rules reads' });
    // An idle connection the server ends (a restart, a stop) is taken out of its pool; the next call makes a new one.
    // Without a listener, the error would end the process.
    this.#writer.on('error', () => undefined);
    this.#readers.on('error', () => undefined);
    this.archive = new PostgresRuleArchive(this.#readers, this.#name(), onNotice);
    this.#groups = new GroupCommit((records) => this.#commit(records), 0, MAX_GROUP);
  }

  /** Connects, brings the schema up to date (one instance at a time) and opens the pools. */
  static async open(options: PostgresStoreOptions): Promise<PostgresDecisionStore> {
    const client = new pg.Client({ connectionString: options.connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MILLISECONDS });
    client.on('error', () => undefined);
    const where = { host: client.host, port: client.port, database: client.database ?? '(default)' };
    try {
      await client.connect();
      await migratePostgres(client, where.database, migrationFiles('postgres'));
    } catch (error) {
      throw storeErrorOf(error, where.database);
    } finally {
      await client.end().catch(() => undefined);
    }
    return new PostgresDecisionStore(options.connectionString, where, options.onNotice ?? (() => undefined));
  }

  #name(): string {
    return this.#where.database;
  }

  append(record: DecisionRecord): Promise<void> {
    if (this.#closing !== null) return Promise.reject(new Error('the PostgreSQL decision store is closed'));
    return this.#groups.add(record);
  }

  /**
   * `work` in a transaction on a connection of `pool`, holding the archive lock (shared, or exclusive for a purge).
   * After a failure the connection is closed rather than reused: its transaction is in an unknown state.
   */
  async #transaction<T>(pool: pg.Pool, lock: 'shared' | 'exclusive', work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw storeErrorOf(error, this.#name());
    }
    // The server may end the connection between two statements: said here, and again by the next statement.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let failure: Error | undefined;
    try {
      await client.query(`BEGIN; SELECT ${lock === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(${ARCHIVE_LOCK})`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failure = error as Error;
      throw storeErrorOf(error, this.#name());
    } finally {
      client.off('error', ignore);
      client.release(failure);
    }
  }

  /** One transaction for a group: the rule files they name made sure of, then one INSERT of all records. */
  #commit(records: DecisionRecord[]): Promise<void> {
    return this.#transaction(this.#writer, 'shared', async (client) => {
      const filesOf = records.map((record) => [...new Set(record.rules.files.map((file) => file.sha256))]);
      const needed = [...new Set(filesOf.flat())];
      const present = await client.query<{ sha256: string }>('SELECT sha256 FROM rule_files WHERE sha256 = ANY($1::text[])', [needed]);
      await this.archive.restoreMissing(client, needed, new Set(present.rows.map((row) => row.sha256)));
      await client.query(
        `WITH inserted AS (
           INSERT INTO decisions (decision_id, decided_on, programme, municipality, eligible, person_ref, record)
           SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[])
         )
         INSERT INTO decision_rule_files (decision_id, sha256) SELECT * FROM unnest($8::text[], $9::text[])`,
        [
          records.map((record) => record.decisionId),
          records.map((record) => record.time.slice(0, 10)),
          records.map((record) => record.outcome.programme),
          records.map((record) => record.caller.municipality),
          records.map((record) => record.outcome.eligible ?? null),
          records.map((record) => record.personRef?.hmacSha256 ?? null),
          records.map((record) => JSON.stringify(record)),
          filesOf.flatMap((files, index) => files.map(() => (records[index] as DecisionRecord).decisionId)),
          filesOf.flat(),
        ],
      );
    });
  }

  async read(decisionId: string): Promise<DecisionRecord | null> {
    if (!fitsText(decisionId)) return null;
    const { rows } = await this.#query<{ record: string }>('SELECT record FROM decisions WHERE decision_id = $1', [decisionId]);
    const kept = rows[0]?.record;
    return recordKeptUnder(decisionId, () => (kept === undefined ? null : (JSON.parse(kept) as DecisionRecord)), this.#notice);
  }

  /** Newest first by decision id (UUID v7: the order of their time), a page past the cursor. */
  async search(query: DecisionQuery): Promise<DecisionPage> {
    const { programme, municipality, from, to, eligible, personRefHmac, cursor, limit } = query;
    if (![programme, municipality, from, to, personRefHmac, cursor].every(fitsText)) return { items: [], next: null };
    const conditions: string[] = [];
    const values: unknown[] = [];
    const where = (condition: string, value: unknown): void => {
      values.push(value);
      conditions.push(condition.replace('?', `$${values.length}`));
    };
    if (programme !== undefined) where('programme = ?', programme);
    if (municipality !== undefined) where('municipality = ?', municipality);
    if (from !== undefined) where('decided_on >= ?::date', from);
    if (to !== undefined) where('decided_on <= ?::date', to);
    if (eligible !== undefined) where('eligible = ?', eligible);
    if (personRefHmac !== undefined) where('person_ref = ?', personRefHmac);
    if (cursor !== undefined) where('decision_id < ?', cursor);
    values.push(limit + 1);
    const { rows } = await this.#query<{ record: string }>(
      `SELECT record FROM decisions ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY decision_id DESC LIMIT $${values.length}`,
      values,
    );
    const items = rows.slice(0, limit).map((row) => summaryOf(JSON.parse(row.record) as DecisionRecord));
    return { items, next: rows.length > limit ? (items[items.length - 1]?.decisionId ?? null) : null };
  }

  /**
   * Deletes the records decided before `before` a few thousand at a time, each chunk its own statement, so that no
   * statement runs long and appends go on meanwhile; then, under the archive lock, the rule files no remaining
   * record names. A purge cut short has deleted some of them: run again, it deletes the rest.
   */
  async purge(before: string): Promise<number> {
    let purged = 0;
    for (;;) {
      const deleted = await this.#query('DELETE FROM decisions WHERE decision_id IN (SELECT decision_id FROM decisions WHERE decided_on < $1::date LIMIT $2)', [
        before,
        PURGE_CHUNK,
      ]);
      const chunk = deleted.rowCount ?? 0;
      purged += chunk;
      if (chunk < PURGE_CHUNK) break;
    }
    await this.#deleteUnnamedFiles();
    return purged;
  }

  /** One person's records, found by the indexed `person_ref` (a person has a few: one statement), then their rule files. */
  async erasePerson(hmacSha256: string): Promise<number> {
    if (!fitsText(hmacSha256)) return 0;
    const deleted = await this.#query('DELETE FROM decisions WHERE person_ref = $1', [hmacSha256]);
    await this.#deleteUnnamedFiles();
    return deleted.rowCount ?? 0;
  }

  /**
   * After a purge or an erasure: the rule files no remaining record names, under the archive lock, so that no append
   * between its check that its files are there and its commit loses one. Files this process put may be gone: the
   * next put writes them again.
   */
  async #deleteUnnamedFiles(): Promise<void> {
    await this.#transaction(this.#readers, 'exclusive', (client) =>
      client.query('DELETE FROM rule_files WHERE NOT EXISTS (SELECT 1 FROM decision_rule_files WHERE decision_rule_files.sha256 = rule_files.sha256)'),
    );
    this.archive.forgetStored();
  }

  async #query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    try {
      return await this.#readers.query<Row>(text, values);
    } catch (error) {
      throw storeErrorOf(error, this.#name());
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.#readers.query('SELECT 1');
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: unavailableDatabase(this.#name(), unavailabilityOf(error) ?? 'it answers with an error') };
    }
  }

  describe(): Record<string, unknown> {
    return { kind: 'postgresql', ...this.#where };
  }

  /** Once: a second call waits for the first. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#groups.drain();
      await Promise.all([this.#writer.end(), this.#readers.end()]);
    })();
    return this.#closing;
  }
}
