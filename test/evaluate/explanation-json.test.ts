import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explanationJson } from '../../src/evaluate/explanation-json.js';
import { materialise, recordRules } from '../../src/evaluate/explanation-plan.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';

const ruleSet = bundledRuleSet();

describe.each(
  [...ruleSet.programmes.values()].flatMap((programme) =>
    programme.versions.map((version) => [`${programme.id} ${version.version}`, programme, version] as const),
  ),
)('the explanation of %s written as JSON text', (_name, programme, version) => {
  it('is the same text as JSON.stringify of the explanation objects, for 2000 generated persons and days', () => {
    fc.assert(
      fc.property(personArbitrary, servicesArbitrary, dateBetween(version.effectiveFrom, version.effectiveTo ?? '2030-12-31'), (person, services, date) => {
        const record = recordRules(version, factsOn(programme, declaredFacts(programme, { person, request: { services } }), date));
        expect(explanationJson(record).text).toBe(JSON.stringify(materialise(record)));
      }),
      { numRuns: 2000 },
    );
  });
});
