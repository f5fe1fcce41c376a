import { summaryOf, type DecisionRecord } from './decision-record.js';
import type { DecisionPage, DecisionQuery, DecisionStore, RuleArchive, StoreHealth } from './decision-store.js';
import { recordKeptUnder } from './kept-record.js';
import type { RuleFileText } from './rules-of-answer.js';
import { sha256Of } from './sha256.js';

/**
 * Rule file texts by sha256. As the databases' stores do, a purge takes the texts no remaining record names, and a
 * record appended after it that names one of them puts it back (`restore`): every text put is remembered for that.
 */
class MemoryRuleArchive implements RuleArchive {
  readonly #texts = new Map<string, string>();
  readonly #put = new Map<string, string>();

  async put(file: RuleFileText): Promise<void> {
    if (sha256Of(file.text) !== file.sha256) throw new Error(`the text given for rule file ${file.path} does not have the sha256 ${file.sha256}`);
    this.#texts.set(file.sha256, file.text);
    this.#put.set(file.sha256, file.text);
  }

  async text(sha256: string): Promise<string | null> {
    return this.#texts.get(sha256) ?? null;
  }

  /** Puts back the texts of `named` a purge took since they were put. */
  restore(named: readonly string[]): void {
    for (const sha256 of named) {
      const text = this.#put.get(sha256);
      if (text !== undefined && !this.#texts.has(sha256)) this.#texts.set(sha256, text);
    }
  }

  /** Keeps the texts of `named`, lets go of the others. */
  keepOnly(named: ReadonlySet<string>): void {
    for (const sha256 of this.#texts.keys()) if (!named.has(sha256)) this.#texts.delete(sha256);
  }
}

/** Whether a record answers a query's filters (not its cursor or limit): the meaning every store's search has. */
export function matchesQuery(record: DecisionRecord, query: DecisionQuery): boolean {
  const day = record.time.slice(0, 10);
  if (query.programme !== undefined && record.outcome.programme !== query.programme) return false;
  if (query.municipality !== undefined && record.caller.municipality !== query.municipality) return false;
  if (query.from !== undefined && day < query.from) return false;
  if (query.to !== undefined && day > query.to) return false;
  if (query.eligible !== undefined && record.outcome.eligible !== query.eligible) return false;
  if (query.personRefHmac !== undefined && record.personRef?.hmacSha256 !== query.personRefHmac) return false;
  return true;
}

/**
 * Decisions kept in memory, for tests and for an app built without a store: gone when the process ends. Records
 * are kept as JSON text, so what is read back is what a database would give, not a shared object.
 */
export class MemoryDecisionStore implements DecisionStore {
  readonly archive: RuleArchive;
  readonly #archive = new MemoryRuleArchive();
  readonly #records = new Map<string, string>();

  constructor(private readonly onNotice: (message: string) => void = () => {}) {
    this.archive = this.#archive;
  }

  async append(record: DecisionRecord): Promise<void> {
    this.#archive.restore(record.rules.files.map((file) => file.sha256));
    this.#records.set(record.decisionId, JSON.stringify(record));
  }

  async read(decisionId: string): Promise<DecisionRecord | null> {
    const text = this.#records.get(decisionId);
    return recordKeptUnder(decisionId, () => (text === undefined ? null : (JSON.parse(text) as DecisionRecord)), this.onNotice);
  }

  /** Newest first: decision ids are UUID v7, so their order is the order of their time. */
  async search(query: DecisionQuery): Promise<DecisionPage> {
    const ids = [...this.#records.keys()].filter((id) => query.cursor === undefined || id < query.cursor).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    const items = [];
    for (const id of ids) {
      const record = JSON.parse(this.#records.get(id) as string) as DecisionRecord;
      if (!matchesQuery(record, query)) continue;
      if (items.length === query.limit) return { items, next: items[items.length - 1]?.decisionId ?? null };
      items.push(summaryOf(record));
    }
    return { items, next: null };
  }

  async purge(before: string): Promise<number> {
    return this.#deleteWhere((record) => record.time.slice(0, 10) < before);
  }

  async erasePerson(hmacSha256: string): Promise<number> {
    return this.#deleteWhere((record) => record.personRef?.hmacSha256 === hmacSha256);
  }

  /** Deletes the records `goes` picks, then the rule files no remaining record names: what purge and erasure share. */
  #deleteWhere(goes: (record: DecisionRecord) => boolean): number {
    let deleted = 0;
    const named = new Set<string>();
    for (const [id, text] of this.#records) {
      const record = JSON.parse(text) as DecisionRecord;
      if (goes(record)) {
        this.#records.delete(id);
        deleted += 1;
      } else for (const file of record.rules.files) named.add(file.sha256);
    }
    this.#archive.keepOnly(named);
    return deleted;
  }

  async health(): Promise<StoreHealth> {
    return { ok: true };
  }

  describe(): Record<string, unknown> {
    return { kind: 'memory' };
  }

  get size(): number {
    return this.#records.size;
  }

  async close(): Promise<void> {}
}
