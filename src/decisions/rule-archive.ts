import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleArchive } from './decision-store.js';
import { syncDirectory, writeFileDurably } from './durable-file.js';
import { sha256Of, type RuleFileText } from './rules-of-answer.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Rule file texts on disk by content: <folder>/<first two hex digits>/<sha256>.yaml. A text is written once and
 * never changed or removed, so a decision can be replayed with its rules after the rules folder has moved on.
 */
export class FileRuleArchive implements RuleArchive {
  readonly #known = new Set<string>();
  readonly #writing = new Map<string, Promise<void>>();

  constructor(readonly directory: string) {}

  #pathOf(sha256: string): string {
    return join(this.directory, sha256.slice(0, 2), `${sha256}.yaml`);
  }

  async put(file: RuleFileText): Promise<void> {
    if (this.#known.has(file.sha256)) return;
    const under = this.#writing.get(file.sha256);
    if (under) return under;
    const writing = this.#write(file).finally(() => this.#writing.delete(file.sha256));
    this.#writing.set(file.sha256, writing);
    return writing;
  }

  async #write(file: RuleFileText): Promise<void> {
    if (sha256Of(file.text) !== file.sha256) throw new Error(`archive: the text of ${file.path} does not have sha256 ${file.sha256}`);
    const path = this.#pathOf(file.sha256);
    const present = await stat(path).catch(() => null);
    if (!present) {
      const folder = join(this.directory, file.sha256.slice(0, 2));
      const created = await mkdir(folder, { recursive: true });
      if (created !== undefined) await syncDirectory(this.directory);
      await writeFileDurably(path, file.text);
    }
    this.#known.add(file.sha256);
  }

  /** The text with this sha256, checked against it; null if it is not here (or no longer what it was). */
  async text(sha256: string): Promise<string | null> {
    if (!SHA256.test(sha256)) return null;
    const text = await readFile(this.#pathOf(sha256), 'utf8').catch(() => null);
    return text !== null && sha256Of(text) === sha256 ? text : null;
  }
}
