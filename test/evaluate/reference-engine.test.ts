import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateLineRules } from '../../src/compensate/line-rules.js';
import { evaluateDay } from '../../src/evaluate/evaluate-day.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { createReferenceEngine } from '../../src/evaluate/reference-engine.js';
import { addDays, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';

/**
 * Our evaluator must give json-rules-engine's answer, rule by rule, for every generated person and day:
 * json-rules-engine is the reference for what the rule files mean. 10,000 persons and days per programme,
 * shared among its versions.
 */
const RUNS_PER_PROGRAMME = 10_000;

/**
 * Ages on the evaluated day, small ones often: every age limit is met on both sides whatever years a version covers
 * (an officer may add one from a future date).
 */
const ageInDays = fc.oneof(fc.integer({ min: 0, max: 20 * 366 }), fc.integer({ min: 0, max: 90 * 366 }));

function bornBefore<T extends { birthDate: string }>(person: T, date: CalendarDate, ageDays: number): T {
  return { ...person, birthDate: addDays(date, -ageDays) ?? person.birthDate };
}
const ruleSet = bundledRuleSet();

describe.each(
  [...ruleSet.programmes.values()].flatMap((programme) =>
    programme.versions.map(
      (version) => [`${programme.id} ${version.version}`, programme, version, Math.ceil(RUNS_PER_PROGRAMME / programme.versions.length)] as const,
    ),
  ),
)('%s agrees with json-rules-engine', (_name, programme, version, RUNS) => {
  it(`on ${RUNS} generated persons and days`, async () => {
    const reference = createReferenceEngine(programme, version);
    const lastDay = version.effectiveTo ?? '2030-12-31';
    await fc.assert(
      fc.asyncProperty(personArbitrary, servicesArbitrary, dateBetween(version.effectiveFrom, lastDay), ageInDays, async (generated, services, date, age) => {
        const person = bornBefore(generated, date, age);
        const facts = factsOn(programme, declaredFacts(programme, { person, request: { services } }), date);
        const ours = evaluateDay(programme, version, facts);
        const theirs = await reference.evaluate(facts);
        expect(new Map(ours.explanation.map((rule) => [rule.ref, rule.result]))).toEqual(theirs.ruleResults);
        expect({ eligible: ours.eligible, basis: ours.basis, blockers: ours.blockers }).toEqual({
          eligible: theirs.eligible,
          basis: theirs.basis,
          blockers: theirs.blockers,
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('generates every outcome of every rule (the comparison is not vacuous)', () => {
    const seen = new Map<string, Set<boolean>>();
    fc.assert(
      fc.property(
        personArbitrary,
        servicesArbitrary,
        dateBetween(version.effectiveFrom, version.effectiveTo ?? '2030-12-31'),
        ageInDays,
        (generated, services, date, age) => {
          const person = bornBefore(generated, date, age);
          const facts = factsOn(programme, declaredFacts(programme, { person, request: { services } }), date);
          for (const rule of evaluateDay(programme, version, facts).explanation) {
            const results = seen.get(rule.ref) ?? new Set<boolean>();
            results.add(rule.result);
            seen.set(rule.ref, results);
          }
        },
      ),
      { numRuns: RUNS },
    );
    for (const rule of version.rules) expect([rule.id, [...(seen.get(rule.id) ?? [])].sort()]).toEqual([rule.id, [false, true]]);
  });
});

/** Line rules are rules too: json-rules-engine decides them the same way on generated lines. */
const lineFieldArbitrary = fc.record({
  evaluationDate: dateBetween('2017-01-01', '2026-12-31'),
  diCompensatedUntil: fc.option(dateBetween('2017-01-01', '2026-12-31'), { nil: null }),
  service: fc.constantFrom('home_care', 'day_care_centre', 'group_home', 'assistant', 'specialist_consultation', 'respite', 'other'),
  funding: fc.constantFrom('municipality', 'state', 'state_cofunded', 'di_project', 'ngo', 'own'),
  inPlan: fc.boolean(),
  provision: fc.constantFrom('municipal', 'procured'),
  rateTier: fc.constantFrom('lower', 'higher', null),
  hasPrice: fc.boolean(),
  diPaidAtUnitCost: fc.boolean(),
  remote: fc.boolean(),
  duringEmergency: fc.boolean(),
  provider: fc.constantFrom('medical', 'psychologist', 'family_assistant', 'social_worker', 'other'),
  recordedInClientFile: fc.boolean(),
  providerProtocol: fc.boolean(),
  contentInSpecialistFile: fc.boolean(),
  opinionForPlan: fc.boolean(),
  personConsentedToOpinion: fc.boolean(),
  opinionSubmitted: fc.boolean(),
  remoteSuitabilityAssessed: fc.boolean(),
  contentReport: fc.boolean(),
  attendanceMarkedRemote: fc.boolean(),
  personSigned: fc.boolean(),
  screenshot: fc.boolean(),
  callPrintout: fc.boolean(),
  socialWorkerSignedWithNote: fc.boolean(),
  durationMatchesAgreement: fc.boolean(),
});

const withLineRules = [...ruleSet.programmes.values()].flatMap((programme) =>
  programme.versions
    .filter((version) => (version.compensation?.lineRules.length ?? 0) > 0)
    .map((version) => [`${programme.id} ${version.version}`, programme, version] as const),
);

describe.each(withLineRules)('%s line rules agree with json-rules-engine', (_name, programme, version) => {
  it('on 2000 generated lines, rule by rule', async () => {
    const lineRules = version.compensation?.lineRules ?? [];
    const reference = createReferenceEngine(programme, version, lineRules);
    await fc.assert(
      fc.asyncProperty(lineFieldArbitrary, async (line) => {
        const ours = evaluateLineRules(version, lineRules, line);
        const theirs = await reference.evaluate(line);
        expect(new Map(ours.explanation.traces().map((rule) => [rule.ref, rule.result]))).toEqual(theirs.ruleResults);
      }),
      { numRuns: 2000 },
    );
  });
});
