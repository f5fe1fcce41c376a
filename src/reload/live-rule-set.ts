import type { RuleSetSource, RuleSetStatus } from './rule-set-source.js';
import { scanRuleFolder } from './rule-folder-scan.js';
import { RuleFolderWatch } from './rule-folder-watch.js';
import { displayNameOf, loadRuleSet, type LoadOptions, type LoadResult } from '../rules/load-rules.js';
import type { RuleFileProblem, RuleSet } from '../rules/model.js';
import { describeFileError } from '../rules/rule-folder.js';
import { formatProblem } from '../rules/yaml-file.js';

export type ReloadOutcome = { reloaded: true; generation: number } | { reloaded: false; problems: RuleFileProblem[] };

/** Each problem once, in the order found: the scan and the load may both find a folder they cannot list. */
function distinct(problems: readonly RuleFileProblem[]): RuleFileProblem[] {
  return [...new Map(problems.map((problem) => [formatProblem(problem), problem])).values()];
}

/** A load of the rules folder with the scan's problems (folders that cannot be listed) added. */
function loadWithScan(directory: string, options: LoadOptions, scanProblems: readonly RuleFileProblem[]): LoadResult {
  const loaded = loadRuleSet(directory, options);
  if (scanProblems.length === 0) return loaded;
  return { ok: false, problems: distinct([...scanProblems, ...(loaded.ok ? [] : loaded.problems)]) };
}

/**
 * The live rule set of a running service. A reload reads and validates the whole folder first; only a set with no
 * problems replaces the live one, in one assignment, so a request (which reads current() once) sees either the old
 * set or the new one, never a mix. A refused change leaves the last good set serving and the status degraded.
 * Whatever the folder holds, a reload returns: every file it cannot or will not read is a located problem.
 */
export class LiveRuleSet implements RuleSetSource {
  #ruleSet: RuleSet;
  #status: RuleSetStatus;
  #watch: RuleFolderWatch | null = null;

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
    const loaded = loadWithScan(directory, options, scanRuleFolder(directory, (path) => displayNameOf(path, options)).problems);
    return loaded.ok ? { ok: true, live: new LiveRuleSet(directory, loaded.ruleSet, options) } : { ok: false, problems: loaded.problems };
  }

  current(): RuleSet {
    return this.#ruleSet;
  }

  status(): RuleSetStatus {
    return this.#status;
  }

  /** Reads the folder again; if it changed while being read, reads it again (up to a few times). Never throws. */
  reload(): ReloadOutcome {
    let outcome: ReloadOutcome;
    try {
      outcome = this.#reload();
    } catch (error) {
      // Reading the folder is meant to fail only as located problems; anything else is refused the same way.
      outcome = { reloaded: false, problems: [this.#problem(`the rules could not be read: ${describeFileError(error)}`)] };
    }
    if (!outcome.reloaded) this.#status = { state: 'degraded', generation: this.#status.generation, problems: outcome.problems };
    return outcome;
  }

  #reload(): ReloadOutcome {
    const display = (path: string): string => displayNameOf(path, this.options);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const before = scanRuleFolder(this.directory, display);
      const loaded = loadWithScan(this.directory, this.options, before.problems);
      const after = scanRuleFolder(this.directory, display);
      this.#watch?.follow(after.folders);
      if (after.fingerprint !== before.fingerprint) continue;
      if (!loaded.ok) return { reloaded: false, problems: loaded.problems };
      this.#ruleSet = loaded.ruleSet;
      this.#status = { state: 'ok', generation: this.#status.generation + 1, problems: [] };
      return { reloaded: true, generation: this.#status.generation };
    }
    return { reloaded: false, problems: [this.#problem('the rules kept changing while being read; will try again on the next change')] };
  }

  #problem(message: string): RuleFileProblem {
    return { file: displayNameOf(this.directory, this.options), line: 1, column: 1, message };
  }

  /**
   * Reloads a short while after anything under the folder stops changing, and after the folder itself is replaced
   * (see RuleFolderWatch). `onReload` is told each outcome.
   */
  watch(onReload: (outcome: ReloadOutcome) => void, settleMilliseconds = 250): void {
    if (this.#watch) return;
    this.#watch = new RuleFolderWatch(this.directory, () => onReload(this.reload()), settleMilliseconds);
    this.#watch.follow(scanRuleFolder(this.directory, (path) => displayNameOf(path, this.options)).folders);
  }

  close(): void {
    this.#watch?.close();
    this.#watch = null;
  }
}
