import Database, { type Database as Connection, type Statement } from 'better-sqlite3';
import type { DecisionRecord } from '../decision-record.js';
import type { DecisionPage, DecisionQuery } from '../decision-store.js';
import { recordOfRow, type SummaryRow, summaryOfRow } from './decision-row.js';
import { idRangeOfDays } from './decision-time-bounds.js';
import { storeFailure } from './unavailability.js';
import { BUSY_TIMEOUT_MILLISECONDS } from './write-connection.js';

type Parameter = string | number;

/** A search's WHERE clause: the filters of DecisionQuery (the meaning of memory-decision-store.ts' matchesQuery). */
function conditionsOf(query: DecisionQuery, walk: Array<[string, Parameter | null]>): { sql: string; parameters: Parameter[] } {
  const conditions: Array<[string, Parameter | null]> = [...walk];
  if (query.programme !== undefined) conditions.push(['programme = ?', query.programme]);
  if (query.municipality !== undefined) conditions.push(['municipality = ?', query.municipality]);
  if (query.from !== undefined) conditions.push(['day >= ?', query.from]);
  if (query.to !== undefined) conditions.push(['day <= ?', query.to]);
  if (query.eligible !== undefined) conditions.push(['eligible = ?', Number(query.eligible)]);
  if (query.personRefHmac !== undefined) conditions.push(['person_ref = ?', query.personRefHmac]);
  if (query.cursor !== undefined) conditions.push(['decision_id < ?', query.cursor]);
  return {
    sql: conditions.length === 0 ? '' : `WHERE ${conditions.map(([condition]) => condition).join(' AND ')}`,
    parameters: conditions.flatMap(([, parameter]) => (parameter === null ? [] : [parameter])),
  };
}

/** One walk of the decisions, newest first: its own conditions besides the query's. */
interface Walk {
  /** The index to walk when SQLite, knowing nothing of how few records are apart, would choose another. */
  index: string | null;
  conditions: Array<[string, Parameter | null]>;
}

/**
 * The walks a search makes: all the ids when it has no dates; with dates, the ids of those days
 * (decision-time-bounds.ts) and, apart, the records marked as far from their id's time.
 */
function walksOf(query: DecisionQuery): Walk[] {
  if (query.from === undefined && query.to === undefined) return [{ index: null, conditions: [] }];
  const range = idRangeOfDays(query.from, query.to);
  const bounds: Array<[string, Parameter | null]> = [['id_time_apart = 0', null]];
  if (range.from !== undefined) bounds.push(['decision_id >= ?', range.from]);
  if (range.below !== undefined) bounds.push(['decision_id < ?', range.below]);
  return [
    { index: null, conditions: bounds },
    { index: 'decisions_apart', conditions: [['id_time_apart = 1', null]] },
  ];
}

/** Runs a read, and turns SQLite's "the disk, the file, a lock" into StoreUnavailable. */
function reading<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_')) throw error;
    throw storeFailure({ code, message: (error as Error).message });
  }
}

/**
 * A read-only connection on the service's thread. In WAL mode readers neither wait for the writer nor stop it, and
 * a read by primary key takes microseconds: cheaper here than a round trip to the writer thread, which may be in
 * the middle of an fsync.
 */
export class ReadConnection {
  readonly #database: Connection;
  readonly #record: Statement<[string], { record: string; files: string }>;
  readonly #fileText: Statement<[string], { text: string }>;
  readonly #searches = new Map<string, Statement<Parameter[], SummaryRow>>();

  constructor(file: string) {
    this.#database = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MILLISECONDS });
    this.#record = this.#database.prepare(
      'SELECT decisions.record, rule_manifests.files FROM decisions JOIN rule_manifests ON rule_manifests.id = decisions.manifest_id WHERE decision_id = ?',
    );
    this.#fileText = this.#database.prepare('SELECT text FROM rule_files WHERE sha256 = ?');
  }

  read(decisionId: string): DecisionRecord | null {
    const row = reading(() => this.#record.get(decisionId));
    return row === undefined ? null : recordOfRow(row.record, row.files);
  }

  /** Newest first, one more than the page to know whether there is a next one. */
  search(query: DecisionQuery): DecisionPage {
    const rows = walksOf(query)
      .flatMap((walk) => this.#walk(query, walk))
      .sort((a, b) => (a.decision_id < b.decision_id ? 1 : a.decision_id > b.decision_id ? -1 : 0));
    const items = rows.slice(0, query.limit).map(summaryOfRow);
    return { items, next: rows.length > query.limit ? (items.at(-1)?.decisionId ?? null) : null };
  }

  #walk(query: DecisionQuery, walk: Walk): SummaryRow[] {
    const { sql, parameters } = conditionsOf(query, walk.conditions);
    const table = walk.index === null ? 'decisions' : `decisions INDEXED BY ${walk.index}`;
    const text = `SELECT decision_id, time, programme, endpoint, municipality, eligible, compensation, ruleset FROM ${table} ${sql} ORDER BY decision_id DESC LIMIT ?`;
    let statement = this.#searches.get(text);
    if (statement === undefined) {
      statement = this.#database.prepare<Parameter[], SummaryRow>(text);
      this.#searches.set(text, statement);
    }
    const prepared = statement;
    return reading(() => prepared.all(...parameters, query.limit + 1));
  }

  fileText(sha256: string): string | null {
    return reading(() => this.#fileText.get(sha256))?.text ?? null;
  }

  close(): void {
    this.#database.close();
  }
}
