import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateLineRules } from '../../src/compensate/line-rules.js';
import { evaluateDay } from '../../src/evaluate/evaluate-day.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { createReferenceEngine, type ReferenceEngine } from '../../src/evaluate/reference-engine.js';
import { addDays, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { isFactValue, isParamValue } from '../../src/rules/condition-value.js';
import type { Condition, ConditionValue, RuleVersion } from '../../src/rules/model.js';
import { leavesOf } from '../../src/rules/rule-conditions.js';
import { OPERATOR_DEFINITIONS, type OperatorDefinition } from '../../src/rules/operator-definitions.js';
import { bundledRuleSet, everyOperatorProgramme } from '../support/rule-sets.js';
import { dateBetween, everyOperatorCase, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';
import { seeded } from '../support/property-seed.js';

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

/** Ours and json-rules-engine's answers for one day agree: every rule's result, and eligible, basis and blockers. */
function expectSameAnswer(ours: ReturnType<typeof evaluateDay>, theirs: Awaited<ReturnType<ReferenceEngine['evaluate']>>): void {
  expect(new Map(ours.explanation.map((rule) => [rule.ref, rule.result]))).toEqual(theirs.ruleResults);
  expect({ eligible: ours.eligible, basis: ours.basis, blockers: ours.blockers }).toEqual({
    eligible: theirs.eligible,
    basis: theirs.basis,
    blockers: theirs.blockers,
  });
}

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
        expectSameAnswer(evaluateDay(programme, version, facts), await reference.evaluate(facts));
      }),
      seeded(RUNS, { fewerUnderMutation: true }),
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
      seeded(RUNS),
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
      seeded(2000, { fewerUnderMutation: true }),
    );
  });
});

/**
 * A SYNTHETIC version (test/fixtures/every-operator) that uses every operator the loader accepts, with every kind of
 * value the loader accepts for it — a literal, a parameter, another fact — and `not`, on its own and around named
 * conditions: what today's rules happen not to use is compared with json-rules-engine too, so that the rule an
 * officer writes tomorrow is.
 */
const synthetic = everyOperatorProgramme();
const syntheticVersion = synthetic.versions[0] as RuleVersion;

type ValueKind = 'literal' | 'param' | 'fact';

function valueKindOf(value: ConditionValue): ValueKind {
  if (isParamValue(value)) return 'param';
  if (isFactValue(value)) return 'fact';
  return 'literal';
}

const syntheticConditions: Condition[] = [...syntheticVersion.namedConditions.values(), ...syntheticVersion.rules.map((rule) => rule.conditions)];

/** What the loader lets each operator compare with: an item pattern is written out; anything else may be named too. */
function acceptedKinds(operator: OperatorDefinition): ValueKind[] {
  return operator.value === 'itemPattern' ? ['literal'] : ['fact', 'literal', 'param'];
}

const SYNTHETIC_FIRST_DAY = syntheticVersion.effectiveFrom;
const SYNTHETIC_LAST_DAY = '2021-12-31' as CalendarDate;
const syntheticDays = dateBetween(SYNTHETIC_FIRST_DAY, SYNTHETIC_LAST_DAY).chain((date) => fc.tuple(fc.constant(date), everyOperatorCase(date)));

function syntheticFacts(date: CalendarDate, generated: { person: Record<string, unknown>; services: unknown[]; tags: unknown[] }) {
  return factsOn(synthetic, declaredFacts(synthetic, { person: generated.person, request: { services: generated.services, tags: generated.tags } }), date);
}

const SYNTHETIC_RUNS = 5000;

describe(`the synthetic version ${syntheticVersion.version} (test/fixtures/every-operator)`, () => {
  it('uses every operator the loader accepts, with every kind of value it accepts for it, and not', () => {
    const used = new Map<string, Set<ValueKind>>();
    for (const { leaf } of syntheticVersion.rules.flatMap((rule) => leavesOf(syntheticVersion, rule.conditions, []))) {
      const kinds = used.get(leaf.operator) ?? new Set<ValueKind>();
      kinds.add(valueKindOf(leaf.value));
      used.set(leaf.operator, kinds);
    }
    expect(Object.fromEntries([...used].map(([operator, kinds]) => [operator, [...kinds].sort()]))).toEqual(
      Object.fromEntries([...OPERATOR_DEFINITIONS.values()].map((operator) => [operator.name, acceptedKinds(operator)])),
    );
    // `not` of a leaf, of a combination, of a `not`, and of a named condition.
    const negated = syntheticConditions.flatMap(function negatedKinds(condition: Condition): string[] {
      if ('all' in condition) return condition.all.flatMap(negatedKinds);
      if ('any' in condition) return condition.any.flatMap(negatedKinds);
      if (!('not' in condition)) return [];
      const inner = condition.not;
      const kind = 'all' in inner || 'any' in inner ? 'combination' : 'not' in inner ? 'not' : 'condition' in inner ? 'named' : 'leaf';
      return [kind, ...negatedKinds(inner)];
    });
    expect(new Set(negated)).toEqual(new Set(['leaf', 'combination', 'not', 'named']));
  });

  it(`agrees with json-rules-engine, rule by rule, on ${SYNTHETIC_RUNS} generated persons and days`, async () => {
    const reference = createReferenceEngine(synthetic, syntheticVersion);
    await fc.assert(
      fc.asyncProperty(syntheticDays, async ([date, generated]) => {
        const facts = syntheticFacts(date, generated);
        expectSameAnswer(evaluateDay(synthetic, syntheticVersion, facts), await reference.evaluate(facts));
      }),
      seeded(SYNTHETIC_RUNS, { fewerUnderMutation: true }),
    );
  });

  it('generates both results of every rule, and both answers (the comparison is not vacuous)', () => {
    const seen = new Map<string, Set<boolean>>();
    const answers = new Set<boolean>();
    fc.assert(
      fc.property(syntheticDays, ([date, generated]) => {
        const day = evaluateDay(synthetic, syntheticVersion, syntheticFacts(date, generated));
        answers.add(day.eligible);
        for (const rule of day.explanation) seen.set(rule.ref, (seen.get(rule.ref) ?? new Set<boolean>()).add(rule.result));
      }),
      seeded(SYNTHETIC_RUNS),
    );
    expect(syntheticVersion.rules.map((rule) => [rule.id, [...(seen.get(rule.id) ?? [])].sort()])).toEqual(
      syntheticVersion.rules.map((rule) => [rule.id, [false, true]]),
    );
    expect([...answers].sort()).toEqual([false, true]);
  });
});
