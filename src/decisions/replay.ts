import { RawJson } from '../evaluate/raw-json.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { ask } from '../answer/ask.js';
import { loadRuleSet } from '../rules/load-rules.js';
import type { RuleSet } from '../rules/model.js';
import { formatProblem } from '../rules/yaml-file.js';
import { answerDifferences, type Difference } from './answer-differences.js';
import type { DecisionRecord } from './decision-record.js';
import type { RuleArchive } from './decision-store.js';
import { sha256Of, type RuleFileRef } from './rules-of-answer.js';

export type ReplayOutcome =
  | { replayed: true; identical: true }
  | { replayed: true; identical: false; differences: Difference[]; moreDifferences?: number }
  /** The recorded rules cannot be set up again: files missing from the archive, or no longer accepted by the loader. */
  | { replayed: false; detail: string; problems: string[] };

/** Reconstructed rule sets kept for the next replays of decisions made with the same files. */
const KEPT_RULE_SETS = 8;

function filesKey(files: readonly RuleFileRef[]): string {
  return sha256Of(
    files
      .map((file) => `${file.path}\0${file.sha256}`)
      .sort()
      .join('\n'),
  );
}

/** A recorded path stays inside the folder it is written to, whatever a damaged record says. */
function safePath(root: string, path: string): string | null {
  const joined = normalize(join(root, path));
  return joined.startsWith(root + sep) ? joined : null;
}

/**
 * Makes a recorded decision again with the rules it was made with: their archived texts are written to a temporary
 * folder and loaded by the same loader as the live rules; the recorded request is answered by the same function as
 * the live route; the answers are compared, decisionId aside.
 */
export class DecisionReplayer {
  readonly #ruleSets = new Map<string, RuleSet>();

  constructor(private readonly archive: RuleArchive) {}

  async #ruleSetOf(files: readonly RuleFileRef[]): Promise<{ ruleSet: RuleSet } | { detail: string; problems: string[] }> {
    const key = filesKey(files);
    const kept = this.#ruleSets.get(key);
    if (kept) return { ruleSet: kept };
    const texts = await Promise.all(files.map(async (file) => ({ file, text: await this.archive.text(file.sha256) })));
    const missing = texts.filter((entry) => entry.text === null).map((entry) => `${entry.file.path} (sha256 ${entry.file.sha256})`);
    if (missing.length > 0) return { detail: 'rule files of this decision are missing from the archive', problems: missing };
    const folder = await mkdtemp(join(tmpdir(), 'sbsp-replay-'));
    try {
      for (const { file, text } of texts) {
        const path = safePath(folder, file.path);
        if (path === null) return { detail: 'the decision record names a rule file outside the rules folder', problems: [file.path] };
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, text as string);
      }
      const loaded = loadRuleSet(folder, { displayRoot: folder });
      if (!loaded.ok) return { detail: 'the recorded rules are not accepted by the loader any more', problems: loaded.problems.map(formatProblem) };
      this.#ruleSets.set(key, loaded.ruleSet);
      for (const oldest of this.#ruleSets.keys()) {
        if (this.#ruleSets.size <= KEPT_RULE_SETS) break;
        this.#ruleSets.delete(oldest);
      }
      return { ruleSet: loaded.ruleSet };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async replay(record: DecisionRecord): Promise<ReplayOutcome> {
    const reconstructed = await this.#ruleSetOf(record.rules.files);
    if (!('ruleSet' in reconstructed)) return { replayed: false, ...reconstructed };
    const response = ask(reconstructed.ruleSet, record.endpoint, record.request);
    // Compared as it would have been sent: through JSON, where a field whose value is undefined is no field at all.
    const replayed = { status: response.status, body: JSON.parse(JSON.stringify(response.body)) as unknown };
    // A record read from the store holds its answer as data; one still being written may hold the text sent.
    const recorded = record.answer instanceof RawJson ? (record.answer.toJSON() as Record<string, unknown>) : record.answer;
    const { differences, more } = answerDifferences(recorded, replayed.body, new Set(['/decisionId']));
    if (differences.length === 0 && replayed.status === 200) return { replayed: true, identical: true };
    // An answer that became a refusal differs at the root: the whole answer then, the problem now.
    if (replayed.status !== 200) return { replayed: true, identical: false, differences: [{ path: '', old: withoutDecisionId(recorded), new: replayed.body }] };
    return { replayed: true, identical: false, differences, ...(more > 0 ? { moreDifferences: more } : {}) };
  }
}

function withoutDecisionId(answer: Record<string, unknown>): Record<string, unknown> {
  const { decisionId: _decisionId, ...rest } = answer;
  return rest;
}
