import { statSync } from 'node:fs';
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
  #timer: NodeJS.Timeout | null = null;

  private constructor(
    readonly file: TokenRegistryFile,
    readonly registry: TokenRegistry,
    /** The file's identity, size and time when it was last read (taken before reading, so a later change is seen). */
    private seen: string,
  ) {}

  /** The first read: a file that is missing or has problems does not start the service. */
  static load(file: TokenRegistryFile): { ok: true; live: LiveTokenRegistry } | { ok: false; problems: RuleFileProblem[] } {
    const seen = fingerprintOf(file.path);
    const read = file.readExisting();
    if (!read.ok) return read;
    return { ok: true, live: new LiveTokenRegistry(file, new TokenRegistry(activeTokens(read.document)), seen) };
  }

  reload(): TokensReload {
    this.seen = fingerprintOf(this.file.path);
    const read = this.file.readExisting();
    if (!read.ok) return { reloaded: false, problems: read.problems };
    const tokens = activeTokens(read.document);
    this.registry.replace(tokens);
    return { reloaded: true, active: tokens.length };
  }

  /**
   * Reads the file again whenever its inode, size or time differs from the last read, looked at every
   * `intervalMilliseconds` (a stat, not inotify: lowdb replaces the file by a rename, and the folder may be busy with
   * the decision store's writes). It compares with the last *read*, not with the first look, so a change made between
   * the read and the first look is not missed (fs.watchFile's first stat runs later, on the thread pool, and takes
   * such a change for the starting point). A broken file is reported once, not at every look.
   */
  watch(onReload: (outcome: TokensReload) => void, intervalMilliseconds = WATCH_INTERVAL_MILLISECONDS): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (fingerprintOf(this.file.path) !== this.seen) onReload(this.reload());
    }, intervalMilliseconds);
    this.#timer.unref();
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/** What tells one version of a file from another without reading it; "missing" or the error when it cannot be looked at. */
function fingerprintOf(path: string): string {
  try {
    const stats = statSync(path, { throwIfNoEntry: false, bigint: true });
    return stats ? `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}` : 'missing';
  } catch (error) {
    return `unreadable:${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}
