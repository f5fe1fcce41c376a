import type pg from 'pg';
import type { RuleArchive } from './decision-store.js';
import { storeErrorOf } from './postgres-errors.js';
import type { RuleFileText } from './rules-of-answer.js';
import { sha256Of } from './sha256.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Rule file texts in the `rule_files` table by sha256, checked on the way in and on the way out. The texts this
 * process has put are also kept in memory (a few rule sets' files): a purge by another instance may take a file
 * away, and the next decision naming it puts it back in its own transaction (`restoreMissing`).
 */
export class PostgresRuleArchive implements RuleArchive {
  readonly #texts = new Map<string, string>();
  /** Files known to be in the table: put once by this process, until a purge of its own. */
  readonly #stored = new Set<string>();
  readonly #writing = new Map<string, Promise<void>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly database: string,
    private readonly onNotice: (message: string) => void,
  ) {}

  async put(file: RuleFileText): Promise<void> {
    // The same text as put before (most often the very same string of the loaded rule set): nothing to check or write.
    if (this.#stored.has(file.sha256) && this.#texts.get(file.sha256) === file.text) return;
    if (sha256Of(file.text) !== file.sha256) throw new Error(`archive: the text of ${file.path} does not have sha256 ${file.sha256}`);
    this.#texts.set(file.sha256, file.text);
    const under = this.#writing.get(file.sha256);
    if (under) return under;
    const writing = this.#write(file).finally(() => this.#writing.delete(file.sha256));
    this.#writing.set(file.sha256, writing);
    return writing;
  }

  async #write(file: RuleFileText): Promise<void> {
    const content = Buffer.from(file.text, 'utf8');
    try {
      const inserted = await this.pool.query('INSERT INTO rule_files (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [
        file.sha256,
        content,
      ]);
      if (inserted.rowCount === 0) {
        // Already there: it must be this text. One that is not (damaged in the database) is replaced, and said so.
        const replaced = await this.pool.query('UPDATE rule_files SET content = $2 WHERE sha256 = $1 AND content IS DISTINCT FROM $2', [file.sha256, content]);
        if ((replaced.rowCount ?? 0) > 0)
          this.onNotice(`archive: the archived rule file ${file.sha256} (${file.path}) did not match its sha256 and was replaced`);
      }
    } catch (error) {
      throw storeErrorOf(error, this.database);
    }
    this.#stored.add(file.sha256);
  }

  /** The text with this sha256, checked against it; null if it is not here (or no longer what it was). */
  async text(sha256: string): Promise<string | null> {
    if (!SHA256.test(sha256)) return null;
    let rows: Array<{ content: Buffer }>;
    try {
      rows = (await this.pool.query<{ content: Buffer }>('SELECT content FROM rule_files WHERE sha256 = $1', [sha256])).rows;
    } catch (error) {
      throw storeErrorOf(error, this.database);
    }
    const text = rows[0]?.content.toString('utf8') ?? null;
    return text !== null && sha256Of(text) === sha256 ? text : null;
  }

  /**
   * Puts back, inside a decision's transaction, the files it names that a purge took away since they were put:
   * `present` are those the table has. A file this process was never given is the caller's mistake.
   */
  async restoreMissing(client: pg.PoolClient, needed: readonly string[], present: ReadonlySet<string>): Promise<void> {
    for (const sha256 of needed) {
      if (present.has(sha256)) continue;
      const text = this.#texts.get(sha256);
      if (text === undefined) throw new Error(`archive: a decision names rule file ${sha256}, which was not put in the archive first`);
      await client.query('INSERT INTO rule_files (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha256, Buffer.from(text, 'utf8')]);
    }
  }

  /** After a purge: files this process put may be gone, so the next put writes them again. */
  forgetStored(): void {
    this.#stored.clear();
  }
}
