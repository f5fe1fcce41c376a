import type { ReferencedAssumptions } from '../compensate/compensation-context.js';
import { readableCitation } from '../rules/citations.js';
import type { RuleVersion } from '../rules/model.js';
import type { LocalisedText } from '../language/localised-text.js';
import type { ExplainLevel } from './explain-level.js';

/**
 * A product decision an answer rests on, as its version file states it. One with an `otherReading` is an open
 * question: the sources allow another reading, quoted in `passage`, and an officer may switch to it.
 */
export interface AssumptionUsed {
  id: string;
  programme: string;
  version: string;
  text: LocalisedText;
  otherReading?: LocalisedText;
  passage?: string;
}

/**
 * An assumption named, not stated (`explain: none`): which one, and for an open question its other reading — the
 * text and the passage are in GET /v1/programmes/{id} and at every other level.
 */
export type AssumptionNamed = Pick<AssumptionUsed, 'id' | 'programme' | 'version' | 'otherReading'>;

/** A version's own assumptions as answers list them: made once per loaded version, frozen, shared by its answers. */
const ofVersion = new WeakMap<RuleVersion, { stated: readonly AssumptionUsed[]; named: readonly AssumptionNamed[] }>();

function versionAssumptions(version: RuleVersion): { stated: readonly AssumptionUsed[]; named: readonly AssumptionNamed[] } {
  let listed = ofVersion.get(version);
  if (!listed) {
    const stated = version.assumptions.map(
      (assumption): AssumptionUsed => ({
        programme: version.programme,
        version: version.version,
        ...assumption,
        ...(assumption.passage === undefined ? {} : { passage: readableCitation(version.sources, assumption.passage) }),
      }),
    );
    const named = stated.map(({ programme, version: versionId, id, otherReading }) =>
      Object.freeze({ programme, version: versionId, id, ...(otherReading === undefined ? {} : { otherReading }) }),
    );
    listed = { stated: Object.freeze(stated.map((assumption) => Object.freeze(assumption))), named: Object.freeze(named) };
    ofVersion.set(version, listed);
  }
  return listed;
}

/**
 * The assumptions of the versions an answer used, and those it read from other programmes' versions: each once,
 * in the order the versions were used and then as each file states them — stated in full, or only named at
 * `explain: none`. One version's alone are its frozen list.
 */
export function assumptionsUsed(versions: Iterable<RuleVersion>, referenced?: readonly ReferencedAssumptions[]): readonly AssumptionUsed[];
export function assumptionsUsed(
  versions: Iterable<RuleVersion>,
  referenced: readonly ReferencedAssumptions[],
  level: ExplainLevel,
): readonly (AssumptionUsed | AssumptionNamed)[];
export function assumptionsUsed(
  versions: Iterable<RuleVersion>,
  referenced: readonly ReferencedAssumptions[] = [],
  level: ExplainLevel = 'full',
): readonly (AssumptionUsed | AssumptionNamed)[] {
  const form = level === 'none' ? 'named' : 'stated';
  const all = [...versions];
  if (all.length === 1 && referenced.length === 0) return versionAssumptions(all[0] as RuleVersion)[form];
  const used: Array<AssumptionUsed | AssumptionNamed> = [];
  const seen = new Set<string>();
  const add = (version: RuleVersion, wanted: ReadonlySet<string> | null): void => {
    const { stated, named } = versionAssumptions(version);
    for (const [index, assumption] of stated.entries()) {
      if (wanted !== null && !wanted.has(assumption.id)) continue;
      const key = `${version.programme} ${assumption.id} ${JSON.stringify(assumption.text)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      used.push(form === 'named' ? (named[index] as AssumptionNamed) : assumption);
    }
  };
  for (const version of all) add(version, null);
  for (const { version, ids } of referenced) add(version, new Set(ids));
  return used;
}
