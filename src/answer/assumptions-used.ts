import type { ReferencedAssumptions } from '../compensate/compensation-context.js';
import { readableCitation } from '../rules/citations.js';
import type { RuleVersion } from '../rules/model.js';
import type { LocalisedText } from '../language/localised-text.js';

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
 * The assumptions of the versions an answer used, and those it read from other programmes' versions: each once,
 * in the order the versions were used and then as each file states them.
 */
export function assumptionsUsed(versions: Iterable<RuleVersion>, referenced: readonly ReferencedAssumptions[] = []): AssumptionUsed[] {
  const used: AssumptionUsed[] = [];
  const seen = new Set<string>();
  const add = (version: RuleVersion, wanted: ReadonlySet<string> | null): void => {
    for (const assumption of version.assumptions) {
      if (wanted !== null && !wanted.has(assumption.id)) continue;
      const key = `${version.programme} ${assumption.id} ${JSON.stringify(assumption.text)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const passage = assumption.passage === undefined ? {} : { passage: readableCitation(version.sources, assumption.passage) };
      used.push({ programme: version.programme, version: version.version, ...assumption, ...passage });
    }
  };
  for (const version of versions) add(version, null);
  for (const { version, ids } of referenced) add(version, new Set(ids));
  return used;
}
