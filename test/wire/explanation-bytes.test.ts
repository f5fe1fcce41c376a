import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeExplanation, writeRuleSummaries } from '../../src/wire/explanation-bytes.js';
import { JsonWriter } from '../../src/wire/json-writer.js';
import type { Evaluation } from '../../src/evaluate/explanation-plan.js';
import { materialise, evaluateRules } from '../../src/evaluate/explanation-plan.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { seeded } from '../support/property-seed.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';

const ruleSet = bundledRuleSet();

function written(write: (out: JsonWriter, record: Evaluation) => void, record: Evaluation): string {
  const out = new JsonWriter(64);
  write(out, record);
  return out.done().toString('utf8');
}

describe.each(
  [...ruleSet.programmes.values()].flatMap((programme) =>
    programme.versions.map((version) => [`${programme.id} ${version.version}`, programme, version] as const),
  ),
)('the explanation of %s written as JSON bytes, at the full and the rules level', (_name, programme, version) => {
  it('is the same text as JSON.stringify of the explanation objects (with and without condition trees), for 2000 generated persons and days', () => {
    fc.assert(
      fc.property(personArbitrary, servicesArbitrary, dateBetween(version.effectiveFrom, version.effectiveTo ?? '2030-12-31'), (person, services, date) => {
        const record = evaluateRules(version, factsOn(programme, declaredFacts(programme, { person, request: { services } }), date));
        expect(written(writeExplanation, record)).toBe(JSON.stringify(materialise(record)));
        const rulesOnly = materialise(record).map(({ conditions: _conditions, ...rule }) => rule);
        expect(written(writeRuleSummaries, record)).toBe(JSON.stringify(rulesOnly));
      }),
      seeded(2000, { fewerUnderMutation: true }),
    );
  });
});
