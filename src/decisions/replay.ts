import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { ask } from '../answer/ask.js';
import { answerData, answerJson } from '../wire/answer-json.js';
import { outcomeOf } from './record-decision.js';
import { loadRuleSet } from '../rules/load-rules.js';
import type { RuleSet } from '../rules/model.js';
import { formatProblem } from '../rules/yaml-file.js';
import { answerDifferences, type Difference } from './answer-differences.js';
import type { DecisionRecord } from './decision-record.js';
import type { RuleArchive } from './decision-store.js';
import type { RuleFileRef } from './rules-of-answer.js';
import { sha256Of } from './sha256.js';

/** Why a recorded decision cannot be made again: files missing from the archive, or no longer accepted by the loader. */
export interface NotRegenerated {
  regenerated: false;
  detail: string;
  problems: string[];
}

/**
 * A recorded decision made again: the answer at the recorded request's explain level (decisionId included), whether
 * its sha256 is the one recorded — the answer sent —, and where its outcome or digest differ from the record's.
 */
export interface Regenerated {
  regenerated: true;
  answer: Record<string, unknown>;
  /** The answer with the full explanation (contract v2: replaying a decision gives the full explanation). */
  fullAnswer: Record<string, unknown>;
  identical: boolean;
  differences: Difference[];
}

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

  /**
   * Makes the decision again with the rules it was made with: the recorded request answered by the same function as
   * the live route, written by the same writer, its sha256 compared with the recorded one. A request that is now
   * refused differs at the root.
   */
  async regenerate(record: DecisionRecord): Promise<Regenerated | NotRegenerated> {
    const reconstructed = await this.#ruleSetOf(record.rules.files);
    if (!('ruleSet' in reconstructed)) return { regenerated: false, ...reconstructed };
    const response = ask(reconstructed.ruleSet, record.endpoint, record.request);
    if (response.status !== 200) {
      return {
        regenerated: true,
        answer: { ...response.body },
        fullAnswer: { ...response.body },
        identical: false,
        differences: [{ path: '', old: { outcome: record.outcome, answerSha256: record.answerSha256 }, new: response.body }],
      };
    }
    const json = answerJson(response.body, response.level, record.decisionId);
    const now = { outcome: outcomeOf(response.body), answerSha256: json.sha256 };
    const { differences } = answerDifferences({ outcome: record.outcome, answerSha256: record.answerSha256 }, now);
    const answer = JSON.parse(json.bytes.toString('utf8')) as Record<string, unknown>;
    const full = response.level === 'full' ? response : ask(reconstructed.ruleSet, record.endpoint, { ...record.request, explain: 'full' });
    const fullAnswer = full === response || full.status !== 200 ? answer : { ...answerData(full.body, 'full'), decisionId: record.decisionId };
    return { regenerated: true, answer, fullAnswer, identical: differences.length === 0, differences };
  }
}
