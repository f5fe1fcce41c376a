import { statSync } from 'node:fs';
import Database, { type Database as Connection, type Statement } from 'better-sqlite3';
import type { DecisionRecord } from '../decision-record.js';
import { applyMigrations } from './apply-migrations.js';
import { type DecisionRow, decisionRowOf } from './decision-row.js';
import { idRangeOfDays } from './decision-time-bounds.js';
import { DATABASE_MOVED } from './unavailability.js';
import type { CommitRequest, CommitResult, PurgeResult, WriterSetup } from './writer-messages.js';

/** How long a write waits for another process's transaction before the store answers 503. */
export const BUSY_TIMEOUT_MILLISECONDS = 5000;

/** What one transaction writes: a commit request less its kind. */
type Transaction = Omit<CommitRequest, 'kind'>;

/** The file's identity on its disk: another file at the path (restored, replaced) has another. */
function identityOf(file: string): string | null {
  try {
    const { dev, ino } = statSync(file);
    return `${dev}:${ino}`;
  } catch {
    return null;
  }
}

/**
 * The one connection that writes: WAL, so that readers never wait for it, and synchronous = FULL, so that a
 * commit is on the disk (WAL fsynced) before it returns — only then is a decision's answer sent. It runs on its own
 * thread (sqlite-writer-thread.ts): better-sqlite3 is synchronous and the fsync would otherwise stop the service.
 */
export class WriteConnection {
  readonly #database: Connection;
  readonly #fileText: Statement<[string], { text: string }>;
  readonly #insertFile: Statement<[string, string, string, string]>;
  readonly #replaceFile: Statement<[string, string]>;
  readonly #hasFile: Statement<[string], { found: number }>;
  readonly #manifest: Statement<[string], { id: number }>;
  readonly #insertManifest: Statement<[string, string]>;
  readonly #insertDecision: Statement<[DecisionRow & { manifest_id: number }]>;
  readonly #commit: (request: Transaction) => CommitResult;
  readonly #purge: (before: string) => PurgeResult;
  readonly #erasePerson: (hmacSha256: string) => PurgeResult;
  readonly #check: Statement<[string]>;
  readonly #file: string;
  readonly #identity: string | null;

  private constructor(
    database: Connection,
    file: string,
    /** The migrations this opening applied (none when the schema was up to date). */
    readonly applied: number[],
  ) {
    this.#database = database;
    this.#file = file;
    this.#identity = identityOf(file);
    this.#fileText = database.prepare('SELECT text FROM rule_files WHERE sha256 = ?');
    this.#insertFile = database.prepare('INSERT INTO rule_files (sha256, path, text, archived_at) VALUES (?, ?, ?, ?)');
    this.#replaceFile = database.prepare('UPDATE rule_files SET text = ? WHERE sha256 = ?');
    this.#hasFile = database.prepare('SELECT 1 AS found FROM rule_files WHERE sha256 = ?');
    this.#manifest = database.prepare('SELECT id FROM rule_manifests WHERE sha256 = ?');
    this.#insertManifest = database.prepare('INSERT INTO rule_manifests (sha256, files) VALUES (?, ?)');
    this.#insertDecision = database.prepare(
      `INSERT INTO decisions (decision_id, time, day, programme, endpoint, municipality, eligible, compensation, ruleset, id_time_apart, person_ref, manifest_id, record)
       VALUES (@decision_id, @time, @day, @programme, @endpoint, @municipality, @eligible, @compensation, @ruleset, @id_time_apart, @person_ref, @manifest_id, @record)
       ON CONFLICT (decision_id) DO NOTHING`,
    );
    this.#check = database.prepare('INSERT INTO health_checks (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at');
    // IMMEDIATE: a transaction that read first and then wants to write could not wait for another process's lock
    // (SQLite answers SQLITE_BUSY at once); taking the write lock first waits for up to the busy timeout.
    const commit = database.transaction((request: Transaction) => this.#write(request));
    this.#commit = (request) => commit.immediate(request);
    const purgeRecords = database.prepare<{ before: string; below: string }>(
      'DELETE FROM decisions WHERE decision_id < @below AND id_time_apart = 0 AND day < @before',
    );
    const purgeApart = database.prepare<{ before: string }>('DELETE FROM decisions WHERE id_time_apart = 1 AND day < @before');
    const erasePerson = database.prepare<{ hmac: string }>('DELETE FROM decisions WHERE person_ref = @hmac');
    const purgeManifests = database.prepare('DELETE FROM rule_manifests WHERE NOT EXISTS (SELECT 1 FROM decisions WHERE manifest_id = rule_manifests.id)');
    const purgeFiles = database.prepare(
      `DELETE FROM rule_files WHERE sha256 NOT IN (SELECT named.value ->> '$.sha256' FROM rule_manifests, json_each(rule_manifests.files) AS named)`,
    );
    // A rule file no remaining decision names goes with the last one that did, in the transaction that deleted it.
    const deleting = (deleteRecords: () => number): PurgeResult => ({
      records: deleteRecords(),
      manifests: purgeManifests.run().changes,
      files: purgeFiles.run().changes,
    });
    const purge = database.transaction((before: string) =>
      deleting(() => purgeRecords.run({ before, below: idRangeOfDays(undefined, before).below ?? '~' }).changes + purgeApart.run({ before }).changes),
    );
    this.#purge = (before) => purge.immediate(before);
    const erase = database.transaction((hmac: string) => deleting(() => erasePerson.run({ hmac }).changes));
    this.#erasePerson = (hmac) => erase.immediate(hmac);
  }

  /** Opens (or creates) the database and brings its schema up to date; throws SchemaTooNew for a newer one. */
  static open(setup: WriterSetup): WriteConnection {
    const database = new Database(setup.file, { timeout: BUSY_TIMEOUT_MILLISECONDS });
    try {
      const mode = database.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`the decision database ${setup.file} cannot use WAL (journal_mode is ${String(mode)})`);
      database.pragma('synchronous = FULL');
      database.pragma('foreign_keys = ON');
      const applied = applyMigrations(database, setup.file, setup.migrations);
      for (const pragma of setup.pragmas) database.pragma(pragma);
      return new WriteConnection(database, setup.file, applied);
    } catch (error) {
      database.close();
      throw error;
    }
  }

  /**
   * SQLite goes on writing to a file deleted or renamed under it (in WAL mode it does not notice): the decisions
   * would be gone at the next start. So every write first checks that the path still names the file opened.
   */
  #stillThere(): void {
    if (identityOf(this.#file) !== this.#identity) throw Object.assign(new Error(`${this.#file} is no longer the database opened`), { code: DATABASE_MOVED });
  }

  /** One transaction, committed (and fsynced) when this returns. */
  commit(request: Transaction): CommitResult {
    this.#stillThere();
    return this.#commit(request);
  }

  #write({ puts, records, force }: Transaction): CommitResult {
    const result: CommitResult = { missing: [], replaced: [], duplicates: [] };
    const now = new Date().toISOString();
    for (const file of puts) {
      const archived = this.#fileText.get(file.sha256);
      if (archived === undefined) this.#insertFile.run(file.sha256, file.path, file.text, now);
      else if (archived.text !== file.text) {
        this.#replaceFile.run(file.text, file.sha256);
        result.replaced.push(file.sha256);
      }
    }
    const manifests = new Map<string, number>();
    for (const json of records) {
      const { row, files } = decisionRowOf(JSON.parse(json) as DecisionRecord);
      let manifest = manifests.get(files.sha256) ?? this.#manifest.get(files.sha256)?.id;
      if (manifest === undefined) {
        // A list not kept yet: its files must be, or a purge between their put and this record took them.
        const absent = [...new Set(files.shas)].filter((sha) => this.#hasFile.get(sha) === undefined);
        if (absent.length > 0 && !force) {
          result.missing.push({ decisionId: row.decision_id, files: absent });
          continue;
        }
        manifest = Number(this.#insertManifest.run(files.sha256, files.json).lastInsertRowid);
      }
      manifests.set(files.sha256, manifest);
      if (this.#insertDecision.run({ ...row, manifest_id: manifest }).changes === 0) result.duplicates.push(row.decision_id);
    }
    return result;
  }

  /** Deletes the decisions of days before `before`, and the rule file lists and files no other decision names. */
  purge(before: string): PurgeResult {
    this.#stillThere();
    return this.#purge(before);
  }

  /** Deletes the decisions whose personRef has this HMAC, and the rule file lists and files no other decision names. */
  erasePerson(hmacSha256: string): PurgeResult {
    this.#stillThere();
    return this.#erasePerson(hmacSha256);
  }

  /** Writes and commits one row: what the health check asks of the disk. */
  check(time: string): void {
    this.#stillThere();
    this.#check.run(time);
  }

  close(): void {
    this.#database.close();
  }
}
