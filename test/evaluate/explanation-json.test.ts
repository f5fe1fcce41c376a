import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText, RawJson } from '../../src/answer/raw-json.js';
import { explanationJson } from '../../src/evaluate/explanation-json.js';
import { materialise, recordRules } from '../../src/evaluate/explanation-plan.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';

const ruleSet = bundledRuleSet();

describe.each([...ruleSet.programmes.values()].flatMap((programme) => programme.versions.map((version) => [`${programme.id} ${version.version}`, programme, version] as const)))(
  'the explanation of %s written as JSON text',
  (_name, programme, version) => {
    it('is the same text as JSON.stringify of the explanation objects, for 2000 generated persons and days', () => {
      fc.assert(
        fc.property(personArbitrary, servicesArbitrary, dateBetween(version.effectiveFrom, version.effectiveTo ?? '2030-12-31'), (person, services, date) => {
          const record = recordRules(version, factsOn(programme, declaredFacts(programme, { person, request: { services } }), date));
          expect(explanationJson(record).text).toBe(JSON.stringify(materialise(record)));
        }),
        { numRuns: 2000 },
      );
    });
  },
);

describe('JSON text with pieces already written', () => {
  it.each([
    ['plain data', { a: 1, b: [true, null, 'x'], c: { d: undefined, e: 'é"\n' } }],
    ['undefined and functions in arrays', [1, undefined, () => 2]],
    ['nested', { list: [{ x: { y: [1, 2] } }] }],
  ])('writes %s as JSON.stringify does', (_name, value) => {
    expect(jsonText(value)).toBe(JSON.stringify(value));
  });

  it('splices a RawJson as its text, and JSON.stringify reads it through toJSON', () => {
    const value = { answer: 1, explanation: new RawJson('[{"ref":"T1"}]') };
    expect(jsonText(value)).toBe('{"answer":1,"explanation":[{"ref":"T1"}]}');
    expect(JSON.stringify(value)).toBe('{"answer":1,"explanation":[{"ref":"T1"}]}');
  });
});
