import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { RuleSetSource, RuleSetStatus } from './rule-set-source.js';
import { loadRuleSet, type LoadOptions } from '../rules/load-rules.js';
import type { RuleFileProblem, RuleSet } from '../rules/model.js';

/** A fingerprint of every file under a folder, to tell whether it changed while it was being read. */
function fingerprint(directory: string): string {
  const hash = createHash('sha256');
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) hash.update(path).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  visit(directory);
  return hash.digest('hex');
}

export type ReloadOutcome = { reloaded: true; generation: number } | { reloaded: false; problems: RuleFileProblem[] };

/**
 * The live rule set of a running service. A reload reads and validates the whole folder first; only a set with no
 * problems replaces the live one, in one assignment, so a request (which reads current() once) sees either the old
 * set or the new one, never a mix. A refused change leaves the last good set serving and the status degraded.
 */
export class LiveRuleSet implements RuleSetSource {
  #ruleSet: RuleSet;
  #status: RuleSetStatus;
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;

  private constructor(
    readonly directory: string,
    ruleSet: RuleSet,
    private readonly options: LoadOptions,
  ) {
    this.#ruleSet = ruleSet;
    this.#status = { state: 'ok', generation: 1, problems: [] };
  }

  /** The first load: a rule set with problems does not start. */
  static load(directory: string, options: LoadOptions = {}): { ok: true; live: LiveRuleSet } | { ok: false; problems: RuleFileProblem[] } {
    const loaded = loadRuleSet(directory, options);
    return loaded.ok ? { ok: true, live: new LiveRuleSet(directory, loaded.ruleSet, options) } : { ok: false, problems: loaded.problems };
  }

  current(): RuleSet {
    return this.#ruleSet;
  }

  status(): RuleSetStatus {
    return this.#status;
  }

  /** Reads the folder again; if it changed while being read, reads it again (up to a few times). */
  reload(): ReloadOutcome {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const before = fingerprint(this.directory);
      const loaded = loadRuleSet(this.directory, this.options);
      if (fingerprint(this.directory) !== before) continue;
      if (!loaded.ok) {
        this.#status = { state: 'degraded', generation: this.#status.generation, problems: loaded.problems };
        return { reloaded: false, problems: loaded.problems };
      }
      this.#ruleSet = loaded.ruleSet;
      this.#status = { state: 'ok', generation: this.#status.generation + 1, problems: [] };
      return { reloaded: true, generation: this.#status.generation };
    }
    const problems = [{ file: this.directory, line: 1, column: 1, message: 'the rules kept changing while being read; will try again on the next change' }];
    this.#status = { ...this.#status, state: 'degraded', problems };
    return { reloaded: false, problems };
  }

  /** Reloads a short while after files under the folder stop changing (editors write in several steps). */
  watch(onReload: (outcome: ReloadOutcome) => void, settleMilliseconds = 250): void {
    if (this.#watcher) return;
    this.#watcher = watch(this.directory, { recursive: true }, () => {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.#timer = null;
        if (statSync(this.directory, { throwIfNoEntry: false })) onReload(this.reload());
      }, settleMilliseconds);
    });
  }

  close(): void {
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
