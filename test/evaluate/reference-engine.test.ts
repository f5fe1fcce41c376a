import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDay } from '../../src/evaluate/evaluate-day.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { createReferenceEngine } from '../../src/evaluate/reference-engine.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';

/**
 * Our evaluator must give json-rules-engine's answer, rule by rule, for every generated person and day:
 * json-rules-engine is the reference for what the rule files mean.
 */
const RUNS = 3000;
const ruleSet = bundledRuleSet();

describe.each([...ruleSet.programmes.values()].flatMap((programme) => programme.versions.map((version) => [`${programme.id} ${version.version}`, programme, version] as const)))(
  '%s agrees with json-rules-engine',
  (_name, programme, version) => {
    it(`on ${RUNS} generated persons and days`, async () => {
      const reference = createReferenceEngine(programme, version);
      const lastDay = version.effectiveTo ?? '2030-12-31';
      await fc.assert(
        fc.asyncProperty(personArbitrary, servicesArbitrary, dateBetween(version.effectiveFrom, lastDay), async (person, services, date) => {
          const facts = factsOn(programme, declaredFacts(programme, { person, request: { services } }), date);
          const ours = evaluateDay(programme, version, facts);
          const theirs = await reference.evaluate(facts);
          expect(new Map(ours.explanation.map((rule) => [rule.ref, rule.result]))).toEqual(theirs.ruleResults);
          expect({ eligible: ours.eligible, basis: ours.basis, blockers: ours.blockers }).toEqual({ eligible: theirs.eligible, basis: theirs.basis, blockers: theirs.blockers });
        }),
        { numRuns: RUNS },
      );
    });

    it('generates every outcome of every rule (the comparison is not vacuous)', () => {
      const seen = new Map<string, Set<boolean>>();
      fc.assert(
        fc.property(personArbitrary, servicesArbitrary, dateBetween(version.effectiveFrom, version.effectiveTo ?? '2030-12-31'), (person, services, date) => {
          const facts = factsOn(programme, declaredFacts(programme, { person, request: { services } }), date);
          for (const rule of evaluateDay(programme, version, facts).explanation) {
            const results = seen.get(rule.ref) ?? new Set<boolean>();
            results.add(rule.result);
            seen.set(rule.ref, results);
          }
        }),
        { numRuns: RUNS },
      );
      for (const rule of version.rules) expect([rule.id, [...(seen.get(rule.id) ?? [])].sort()]).toEqual([rule.id, [false, true]]);
    });
  },
);
