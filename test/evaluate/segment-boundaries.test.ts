import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { createReferenceEngine, type ReferenceEngine } from '../../src/evaluate/reference-engine.js';
import { evaluateSpans } from '../../src/evaluate/segments.js';
import { isParamValue } from '../../src/rules/condition-value.js';
import type { Programme, RuleVersion } from '../../src/rules/model.js';
import { leavesOf } from '../../src/rules/rule-conditions.js';
import { isNoVersion, versionSpans } from '../../src/versions/resolve-version.js';
import { dateBetween, dayAfter, everyOperatorCase, type Period, periodAt, reachingAge, servicesArbitrary } from '../support/arbitraries.js';
import { seeded } from '../support/property-seed.js';
import { everyOperatorProgramme, FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';

/**
 * Segments are cut where an answer changes: checked on the days a cut is easiest to miss — a period that ends on the
 * birthday on which an age limit is reached, on the day after a VSAC exit (A3), on the day after a service's DI
 * compensation ends (E3), and the days next to those. The oracle is json-rules-engine asked day by day, not our
 * evaluator. FICTIONAL rules only: NSK of test/fixtures/rules, DI of test/fixtures/fictional-programmes, and the
 * SYNTHETIC programme of test/fixtures/every-operator, whose rules compare ages and dates in every way the loader
 * accepts.
 */

type Generated = { person: Record<string, unknown>; request: Record<string, unknown> };

const plus = (date: CalendarDate, days: number): CalendarDate => addDays(date, days) as CalendarDate;

/** The days of a period, first to last. */
function daysOf(period: Period): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let day = period.from; day <= period.to; day = dayAfter(day)) days.push(day);
  return days;
}

const engines = new WeakMap<RuleVersion, ReferenceEngine>();
function engineOf(programme: Programme, version: RuleVersion): ReferenceEngine {
  const known = engines.get(version);
  if (known) return known;
  const engine = createReferenceEngine(programme, version);
  engines.set(version, engine);
  return engine;
}

interface Run {
  from: string;
  to: string;
  key: string;
}

/** json-rules-engine's answer on every day of the period, joined into runs of the same version and answer. */
async function referenceRuns(programme: Programme, declared: Record<string, unknown>, period: Period): Promise<Run[]> {
  const spans = versionSpans(programme, period.from, period.to);
  if (isNoVersion(spans)) throw new Error(`no ${programme.id} version over ${period.from}…${period.to}`);
  const runs: Run[] = [];
  for (const span of spans) {
    for (const day of daysOf(span)) {
      const answer = await engineOf(programme, span.version).evaluate(factsOn(programme, declared, day));
      const key = `${span.version.version}|${answer.eligible}|${answer.basis.join()}|${answer.blockers.join()}`;
      const last = runs.at(-1);
      if (last && last.key === key) last.to = day;
      else runs.push({ from: day, to: day, key });
    }
  }
  return runs;
}

function ourRuns(programme: Programme, declared: Record<string, unknown>, period: Period): Run[] {
  const spans = versionSpans(programme, period.from, period.to);
  if (isNoVersion(spans)) throw new Error(`no ${programme.id} version over ${period.from}…${period.to}`);
  return evaluateSpans(programme, declared, spans).map((segment) => ({
    from: segment.from,
    to: segment.to,
    key: `${segment.span.version.version}|${segment.eligible}|${segment.basis.join()}|${segment.blockers.join()}`,
  }));
}

/**
 * The numbers the programme's rules compare each age with (a `wholeYearsOn` fact), and the numbers next to them:
 * the ages on whose birthday an answer may change, read from the rule files, without knowing which side of a
 * comparison each operator takes.
 */
function agesComparedWith(programme: Programme): Map<string, number[]> {
  const ages = new Map<string, Set<number>>();
  for (const version of programme.versions) {
    for (const rule of version.rules) {
      for (const { leaf } of leavesOf(version, rule.conditions, [])) {
        const derived = programme.derivedFacts.get(leaf.fact);
        if (derived?.kind !== 'wholeYearsOn') continue;
        const value = isParamValue(leaf.value) ? version.parameters.get(leaf.value.param)?.value : leaf.value;
        const numbers = (Array.isArray(value) ? value : [value]).filter((item): item is number => typeof item === 'number');
        const known = ages.get(derived.of) ?? new Set<number>();
        for (const age of numbers) for (const near of [age - 1, age, age + 1]) if (near >= 0) known.add(near);
        ages.set(derived.of, known);
      }
    }
  }
  return new Map([...ages].map(([of, numbers]) => [of, [...numbers].sort((a, b) => a - b)]));
}

type BoundaryKind = 'age limit' | 'day after a VSAC exit' | 'day after DI compensation ends';

interface Boundary {
  kind: BoundaryKind;
  /** The day the answer may change on, and the person and request changed to put it there. */
  day: CalendarDate;
  generated: Generated;
}

interface Subject {
  name: string;
  programme: Programme;
  /** The days a boundary falls on: inside the programme's versions, with room for a period either side. */
  days: Period;
  /** A person and request whose answers a boundary can change (most of them eligible on some day). */
  around: (day: CalendarDate) => fc.Arbitrary<Generated>;
}

/** A boundary of each kind the programme's facts allow, put on a day of `subject.days`. */
function boundaryOf(subject: Subject): { kinds: BoundaryKind[]; boundary: fc.Arbitrary<Boundary> } {
  const { programme, days } = subject;
  const kinds: Array<{ kind: BoundaryKind; arbitrary: fc.Arbitrary<Boundary> }> = [];
  for (const [of, ages] of agesComparedWith(programme)) {
    if (programme.facts.get(of)?.in !== 'person') continue;
    const reached = fc.constantFrom(...ages).chain((age) => reachingAge(age, days));
    kinds.push({
      kind: 'age limit',
      arbitrary: reached.chain(({ from, birthday }) =>
        subject.around(birthday).map((generated) => ({
          kind: 'age limit' as const,
          day: birthday,
          generated: { ...generated, person: { ...generated.person, [of]: from } },
        })),
      ),
    });
  }
  if (programme.facts.has('vsacExit')) {
    kinds.push({
      kind: 'day after a VSAC exit',
      arbitrary: fc.tuple(dateBetween(plus(days.from, -1), plus(days.to, -1)), fc.constantFrom('institutional_care', 'group_home')).chain(([exit, service]) =>
        subject.around(dayAfter(exit)).map((generated) => ({
          kind: 'day after a VSAC exit' as const,
          day: dayAfter(exit),
          generated: { ...generated, person: { ...generated.person, vsacExit: { date: exit, service } } },
        })),
      ),
    });
  }
  const underDi = [...programme.derivedFacts.values()].some((derived) => derived.kind === 'itemsByDate' && derived.field === 'diCompensatedUntil');
  if (underDi) {
    kinds.push({
      kind: 'day after DI compensation ends',
      arbitrary: dateBetween(plus(days.from, -1), plus(days.to, -1)).chain((until) =>
        subject.around(dayAfter(until)).map((generated) => {
          const services = (generated.request.services ?? []) as Array<Record<string, unknown>>;
          const [first = { type: 'day_care_centre', inPlan: true, funding: 'municipality' }, ...rest] = services;
          return {
            kind: 'day after DI compensation ends' as const,
            day: dayAfter(until),
            generated: { ...generated, request: { ...generated.request, services: [{ ...first, diCompensatedUntil: until }, ...rest] } },
          };
        }),
      ),
    });
  }
  return { kinds: [...new Set(kinds.map(({ kind }) => kind))], boundary: fc.oneof(...kinds.map(({ arbitrary }) => arbitrary)) };
}

const fixtureNsk = ruleSetAt(FIXTURE_RULES).programmes.get('nsk') as Programme;
const fictionalDi = ruleSetAt(FICTIONAL_PROGRAMMES).programmes.get('di') as Programme;
const synthetic = everyOperatorProgramme();

const SUBJECTS: Subject[] = [
  {
    name: 'NSK (fixture rules)',
    programme: fixtureNsk,
    days: { from: '2019-03-01' as CalendarDate, to: '2026-10-31' as CalendarDate },
    around: (day) =>
      fc.record({
        person: fc.record({
          birthDate: dateBetween('1950-01-01', '2020-12-31'),
          conditions: fc.constantFrom(
            [{ type: 'mental_disorder', severity: 'severe' }],
            [{ type: 'mental_disorder', severity: 'very_severe' }],
            [{ type: 'developmental_disorder', severity: 'severe' }],
            [{ type: 'blindness' }],
            [{ type: 'mental_disorder', severity: 'mild' }],
          ),
          disabilityGroup: fc.constantFrom('I', 'II', 'III', null),
          vsacExit: fc.oneof(
            fc.record({ date: dateBetween('2016-01-01', plus(day, -1)), service: fc.constantFrom('institutional_care', 'group_home') }),
            fc.constant(null),
          ),
          receivedDiServices: fc.boolean(),
          nskAsChild: fc.boolean(),
          residence: fc.constantFrom('own_home', 'social_house', 'group_home', 'family', 'guardian', 'institution'),
        }),
        request: fc.record({
          services: servicesArbitrary.map((services) => [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }, ...services]),
        }),
      }),
  },
  {
    name: 'DI (fictional rules)',
    programme: fictionalDi,
    days: { from: '2015-09-01' as CalendarDate, to: '2024-10-31' as CalendarDate },
    around: (day) =>
      fc.record({
        person: fc.record({
          birthDate: dateBetween('1950-01-01', '2010-12-31'),
          conditions: fc.constantFrom([{ type: 'mental_disorder', severity: 'severe' }], [{ type: 'mental_disorder', severity: 'moderate' }], []),
          disabilityGroup: fc.constantFrom('I', 'II', 'III', null),
          vsacExit: fc.option(fc.record({ date: dateBetween('2014-01-01', plus(day, 30)), service: fc.constantFrom('institutional_care', 'group_home') }), {
            nil: null,
          }),
          inVsac: fc.boolean(),
          supportPlanDate: fc.option(dateBetween(plus(day, -900), plus(day, 30)), { nil: null }),
          diServicesStartedOn: fc.option(dateBetween(plus(day, -900), plus(day, 30)), { nil: null }),
        }),
        request: fc.constant({}),
      }),
  },
  {
    name: 'the synthetic every-operator programme',
    programme: synthetic,
    days: { from: '2020-03-01' as CalendarDate, to: '2021-10-31' as CalendarDate },
    around: (day) => everyOperatorCase(day).map(({ person, services, tags }) => ({ person, request: { services, tags } })),
  },
];

const RUNS = 300;

describe.each(SUBJECTS)('segments of $name at its boundaries', (subject) => {
  it(`equal json-rules-engine's answers day by day, on ${RUNS} periods placed at a boundary`, async () => {
    const changed = new Map<BoundaryKind, { runs: number; changes: number }>();
    const { kinds, boundary: boundaries } = boundaryOf(subject);
    const cases = boundaries.chain((boundary) => periodAt(boundary.day, 40).map((period) => ({ boundary, period })));
    await fc.assert(
      fc.asyncProperty(cases, async ({ boundary, period }) => {
        const { programme } = subject;
        const declared = declaredFacts(programme, boundary.generated);
        expect(ourRuns(programme, declared, period)).toEqual(await referenceRuns(programme, declared, period));
        // The boundary is one: json-rules-engine answers otherwise on its day than on the day before, often enough.
        const around = await referenceRuns(programme, declared, { from: plus(boundary.day, -1), to: boundary.day });
        const tally = changed.get(boundary.kind) ?? { runs: 0, changes: 0 };
        tally.runs += 1;
        if (around.length > 1) tally.changes += 1;
        changed.set(boundary.kind, tally);
      }),
      seeded(RUNS),
    );
    expect([...changed.keys()].sort()).toEqual([...kinds].sort());
    for (const [kind, { runs, changes }] of changed) expect(changes, `${kind}: ${changes} of ${runs} boundaries changed the answer`).toBeGreaterThan(runs / 20);
  });
});

describe('hand-worked boundaries (fixture NSK rules)', () => {
  const segmentsOf = (person: Record<string, unknown>, services: unknown[], period: Period) =>
    ourRuns(fixtureNsk, declaredFacts(fixtureNsk, { person, request: { services } }), period).map(({ from, to, key }) => {
      const [, eligible, basis, blockers] = key.split('|');
      return { from, to, eligible: eligible === 'true', basis: basis?.split(',').filter(Boolean), blockers: blockers?.split(',').filter(Boolean) };
    });

  it('born 2006-06-15, living with the family: T4 until 2024-06-14; on 2024-06-15, the last day of the period, 18 and blocked by R2', () => {
    expect(segmentsOf({ ...T1_PERSON, birthDate: '2006-06-15', residence: 'family' }, T1_SERVICES, { from: '2024-06-01', to: '2024-06-15' } as Period)).toEqual(
      [
        { from: '2024-06-01', to: '2024-06-14', eligible: true, basis: ['T4'], blockers: [] },
        { from: '2024-06-15', to: '2024-06-15', eligible: false, basis: ['T1'], blockers: ['R2'] },
      ],
    );
  });

  it('born 2004-02-29: still 17 on 2022-02-28, 18 on 2022-03-01 (A4), the last day of the period', () => {
    expect(segmentsOf({ ...T1_PERSON, birthDate: '2004-02-29', residence: 'family' }, T1_SERVICES, { from: '2022-02-20', to: '2022-03-01' } as Period)).toEqual(
      [
        { from: '2022-02-20', to: '2022-02-28', eligible: true, basis: ['T4'], blockers: [] },
        { from: '2022-03-01', to: '2022-03-01', eligible: false, basis: ['T1'], blockers: ['R2'] },
      ],
    );
  });

  it('a VSAC exit on 2024-03-14: R1 blocks until then, eligible from 2024-03-15, the last day of the period (A3)', () => {
    expect(
      segmentsOf({ ...T1_PERSON, vsacExit: { date: '2024-03-14', service: 'institutional_care' } }, T1_SERVICES, {
        from: '2024-03-01',
        to: '2024-03-15',
      } as Period),
    ).toEqual([
      { from: '2024-03-01', to: '2024-03-14', eligible: false, basis: ['T1'], blockers: ['R1'] },
      { from: '2024-03-15', to: '2024-03-15', eligible: true, basis: ['T1'], blockers: [] },
    ]);
  });

  it('DI compensates the day care centre until 2024-05-30: E3 (per person, in these rules) blocks until then, eligible on 2024-05-31', () => {
    expect(segmentsOf(T1_PERSON, [{ ...T1_SERVICES[0], diCompensatedUntil: '2024-05-30' }], { from: '2024-05-01', to: '2024-05-31' } as Period)).toEqual([
      { from: '2024-05-01', to: '2024-05-30', eligible: false, basis: ['T1'], blockers: ['E3'] },
      { from: '2024-05-31', to: '2024-05-31', eligible: true, basis: ['T1'], blockers: [] },
    ]);
  });
});
