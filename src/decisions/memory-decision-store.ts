import type { DecisionRecord } from './decision-record.js';
import type { DecisionStore, RuleArchive } from './decision-store.js';
import type { RuleFileText } from './rules-of-answer.js';

class MemoryRuleArchive implements RuleArchive {
  readonly #texts = new Map<string, string>();

  async put(file: RuleFileText): Promise<void> {
    this.#texts.set(file.sha256, file.text);
  }

  async text(sha256: string): Promise<string | null> {
    return this.#texts.get(sha256) ?? null;
  }
}

/**
 * Decisions kept in memory, for tests and for an app built without a store: gone when the process ends. Records
 * are kept as JSON text, so what is read back is what a file store would give, not a shared object.
 */
export class MemoryDecisionStore implements DecisionStore {
  readonly archive: RuleArchive = new MemoryRuleArchive();
  readonly #records = new Map<string, string>();

  async append(record: DecisionRecord): Promise<void> {
    this.#records.set(record.decisionId, JSON.stringify(record));
  }

  async read(decisionId: string): Promise<DecisionRecord | null> {
    const text = this.#records.get(decisionId);
    return text === undefined ? null : (JSON.parse(text) as DecisionRecord);
  }

  get size(): number {
    return this.#records.size;
  }

  async close(): Promise<void> {}
}
