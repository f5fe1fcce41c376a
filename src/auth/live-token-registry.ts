import { type Stats, unwatchFile, watchFile } from 'node:fs';
import type { RuleFileProblem } from '../rules/model.js';
import { TokenRegistry } from './api-tokens.js';
import { activeTokens, type TokenRegistryFile } from './token-registry-file.js';

export type TokensReload = { reloaded: true; active: number } | { reloaded: false; problems: RuleFileProblem[] };

/** How often a watched registry file is looked at: a revoked token is refused within about this long. */
export const WATCH_INTERVAL_MILLISECONDS = 1000;

/**
 * The tokens of a registry file (TOKENS_DB) as a running service accepts them: read at start, and again on reload()
 * and when the file changes. A registry with problems is refused and the last good tokens keep serving, as with the
 * rules. Revoked tokens are left out, so they stop authenticating at the next read.
 */
export class LiveTokenRegistry {
  #listener: ((current: Stats, previous: Stats) => void) | null = null;

  private constructor(
    readonly file: TokenRegistryFile,
    readonly registry: TokenRegistry,
  ) {}

  /** The first read: a file that is missing or has problems does not start the service. */
  static load(file: TokenRegistryFile): { ok: true; live: LiveTokenRegistry } | { ok: false; problems: RuleFileProblem[] } {
    const read = file.readExisting();
    if (!read.ok) return read;
    return { ok: true, live: new LiveTokenRegistry(file, new TokenRegistry(activeTokens(read.document))) };
  }

  reload(): TokensReload {
    const read = this.file.readExisting();
    if (!read.ok) return { reloaded: false, problems: read.problems };
    const tokens = activeTokens(read.document);
    this.registry.replace(tokens);
    return { reloaded: true, active: tokens.length };
  }

  /**
   * Reads the file again whenever its size, time or inode changes, looked at every `intervalMilliseconds` (a stat, not
   * inotify: lowdb replaces the file by a rename, and the folder may be busy with the decision store's writes).
   */
  watch(onReload: (outcome: TokensReload) => void, intervalMilliseconds = WATCH_INTERVAL_MILLISECONDS): void {
    if (this.#listener) return;
    this.#listener = () => onReload(this.reload());
    watchFile(this.file.path, { interval: intervalMilliseconds, persistent: false }, this.#listener);
  }

  close(): void {
    if (this.#listener) unwatchFile(this.file.path, this.#listener);
    this.#listener = null;
  }
}
