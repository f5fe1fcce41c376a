import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { answerEligibility, type EligibilityAnswer } from '../../src/answer/eligibility-answer.js';
import { addDays, dayNumber, fromDayNumber, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { decideDay } from '../../src/evaluate/evaluate-day.js';
import { declaredFacts, factsOn, type FactInput } from '../../src/evaluate/facts.js';
import type { NextChange } from '../../src/evaluate/next-change.js';
import type { Programme, RuleSet } from '../../src/rules/model.js';
import { isNoVersion, resolveVersion, versionsInForce } from '../../src/versions/resolve-version.js';
import { dateBetween, everyOperatorCase, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';
import { seeded } from '../support/property-seed.js';
import { bundledRuleSet, EVERY_OPERATOR_RULES, everyOperatorProgramme, FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { editedCopy, removeCopies, replace } from '../diff/fictional-edits.js';
import { DI_PERSON, T1_PERSON, T1_SERVICES } from '../support/requests.js';

const HORIZON = 3660;

type DateAnswer = Extract<EligibilityAnswer, { kind: 'date' }>;

function dateAnswer(ruleSet: RuleSet, programme: string, date: string, input: FactInput, asOf?: string): DateAnswer | null {
  const answer = answerEligibility(ruleSet, {
    programme,
    date: date as CalendarDate,
    ...(asOf === undefined ? {} : { asOf: asOf as CalendarDate }),
    input,
  });
  return answer.kind === 'date' ? answer : null;
}

/**
 * The slow, obviously right next change: every day of the horizon, one by one, each evaluated with the version
 * resolved for that day (adopted by `asOf`). No change point is used.
 */
function dayByDay(programme: Programme, input: FactInput, date: CalendarDate, asOf: CalendarDate | undefined): NextChange | null {
  const declared = declaredFacts(programme, input);
  const answerOn = (day: CalendarDate) => {
    const inForce = resolveVersion(programme, day, asOf);
    return isNoVersion(inForce) ? null : decideDay(programme, inForce.version, factsOn(programme, declared, day));
  };
  const first = answerOn(date);
  if (first === null) throw new Error(`no version on ${date}`);
  const key = (answer: { eligible: boolean; basis: string[]; blockers: string[] }) => JSON.stringify([answer.eligible, answer.basis, answer.blockers]);
  for (let offset = 1; offset <= HORIZON; offset += 1) {
    const day = fromDayNumber(dayNumber(date) + offset);
    const answer = answerOn(day);
    if (answer === null) return { date: day, eligible: false, noVersion: true };
    if (key(answer) !== key(first)) return { date: day, eligible: answer.eligible, basis: answer.basis, blockers: answer.blockers };
  }
  return null;
}

/** The days a programme's versions cover (to three years past an open-ended one), and the days around their adoption. */
function daysOf(programme: Programme): { days: [CalendarDate, CalendarDate]; adoptions: [CalendarDate, CalendarDate] } {
  const ranges = versionsInForce(programme);
  const first = ranges[0]?.effectiveFrom as CalendarDate;
  const latest = ranges.at(-1);
  const last = (latest?.effectiveTo ?? addDays(latest?.effectiveFrom as CalendarDate, 3 * 365)) as CalendarDate;
  const adopted = programme.versions.map((version) => version.adopted).sort();
  return {
    days: [first, last],
    adoptions: [addDays(adopted[0] as CalendarDate, -400) as CalendarDate, addDays(adopted.at(-1) as CalendarDate, 400) as CalendarDate],
  };
}

/** Ages on the evaluated day, small ones often, so that age limits are crossed within the horizon. */
const ageInDays = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 20 * 366 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 90 * 366 }) });

const bundled = bundledRuleSet();

describe.each([...bundled.programmes.values()].map((programme) => [programme.id, programme] as const))(
  'nextChange of %s equals the day-by-day answer over the horizon',
  (id, programme) => {
    it('for generated persons, days and asOf dates', () => {
      const { days, adoptions } = daysOf(programme);
      const seen = { changes: 0, noVersion: 0, none: 0 };
      fc.assert(
        fc.property(
          personArbitrary,
          servicesArbitrary,
          dateBetween(...days),
          ageInDays,
          fc.option(dateBetween(...adoptions), { nil: undefined }),
          (person, services, date, age, asOf) => {
            const input = { person: { ...person, birthDate: addDays(date, -age) as string }, request: { services } };
            const answer = dateAnswer(bundled, id, date, input, asOf);
            fc.pre(answer !== null);
            const expected = dayByDay(programme, input, date, asOf);
            expect(answer?.nextChange).toEqual(expected);
            if (expected === null) seen.none += 1;
            else if ('noVersion' in expected) seen.noVersion += 1;
            else seen.changes += 1;
          },
        ),
        seeded(120),
      );
      // Not vacuous: answers that change within the horizon (or reach a day with no version).
      expect(seen.changes + seen.noVersion).toBeGreaterThan(4);
      expect(seen.changes + seen.noVersion + seen.none).toBeGreaterThan(60);
    });
  },
);

/**
 * The SYNTHETIC programme of test/fixtures/every-operator compares ages and dates in every way the loader accepts —
 * with literals, parameters and other facts: its next changes are found on the right days too.
 */
describe('nextChange of the synthetic every-operator programme', () => {
  const synthetic = ruleSetAt(EVERY_OPERATOR_RULES);
  const programme = everyOperatorProgramme();
  it('equals the day-by-day answer over the horizon', () => {
    fc.assert(
      fc.property(
        dateBetween('2020-01-01', '2022-12-31').chain((date) => everyOperatorCase(date).map((generated) => ({ date, ...generated }))),
        ({ date, person, services, tags }) => {
          const input = { person, request: { services, tags } };
          const answer = dateAnswer(synthetic, programme.id, date, input);
          fc.pre(answer !== null);
          expect(answer?.nextChange).toEqual(dayByDay(programme, input, date, undefined));
        },
      ),
      seeded(60),
    );
  });
});

const T1 = { person: T1_PERSON, request: { services: T1_SERVICES } };

/**
 * The cases ask FICTIONAL rules, never today's law (whose figures and dates rules/<programme>/tests asserts): NSK with
 * test/fixtures/rules (on 2024-03-15 2023-04-01-fictional, open-ended: young children are under 5, E3 per person); DI
 * and VSAC admission with test/fixtures/fictional-programmes (DI compensates two years; VSAC admission 2016-09-01-fictional,
 * adopted 2016-06-15, admits care levels 2 to 4 only); and a copy of the fixture rules whose last version ends on
 * 2029-12-31, as an act may set.
 */
afterAll(removeCopies);

const ENDED = editedCopy(FIXTURE_RULES, {
  'nsk/versions/2023-04-01-fictional.yaml': replace('adopted: "2023-02-01"\n', 'adopted: "2023-02-01"\neffectiveTo: "2029-12-31"\n'),
});
const RULES = {
  fixture: () => ruleSetAt(FIXTURE_RULES),
  fictional: () => ruleSetAt(FICTIONAL_PROGRAMMES),
  ended: () => ruleSetAt(ENDED),
};

describe('nextChange, case by case', () => {
  it.each([
    [
      'T3 ends on the 5th birthday (A4; the fictional young-child age is 5)',
      'fixture',
      'nsk',
      '2024-03-15',
      {
        person: { ...T1_PERSON, birthDate: '2022-05-10', conditions: [{ type: 'developmental_disorder', severity: 'severe' }], residence: 'family' },
        request: { services: T1_SERVICES },
      },
      undefined,
      { date: '2027-05-10', eligible: false, basis: [], blockers: ['T'] },
    ],
    [
      'R1 is met from the day after the VSAC exit (A3)',
      'fixture',
      'nsk',
      '2024-03-15',
      { person: { ...T1_PERSON, vsacExit: { date: '2024-04-30', service: 'institutional_care' } }, request: { services: T1_SERVICES } },
      undefined,
      { date: '2024-05-01', eligible: true, basis: ['T1'], blockers: [] },
    ],
    [
      'E3: eligible from the day after the DI compensation of the only service ends',
      'fixture',
      'nsk',
      '2024-03-15',
      { person: T1_PERSON, request: { services: [{ ...T1_SERVICES[0], diCompensatedUntil: '2024-06-30' }] } },
      undefined,
      { date: '2024-07-01', eligible: true, basis: ['T1'], blockers: [] },
    ],
    [
      'C3: day 1 of year 3 is out (A6)',
      'fictional',
      'di',
      '2018-03-15',
      { person: DI_PERSON, request: {} },
      undefined,
      { date: '2019-01-10', eligible: false, basis: ['DI1', 'DI2'], blockers: ['C3'] },
    ],
    [
      'L2 from the version of 2016-09-01-fictional on (A8)',
      'fictional',
      'vsac-admission',
      '2016-03-01',
      { person: { birthDate: '1970-01-01', conditions: [{ type: 'mental_disorder', severity: 'severe' }], careLevel: 1 }, request: {} },
      undefined,
      { date: '2016-09-01', eligible: false, basis: ['V1'], blockers: ['L2'] },
    ],
    [
      'no L2 for an asker as of a day before it was adopted',
      'fictional',
      'vsac-admission',
      '2016-03-01',
      { person: { birthDate: '1970-01-01', conditions: [{ type: 'mental_disorder', severity: 'severe' }], careLevel: 1 }, request: {} },
      '2016-03-01',
      null,
    ],
    [
      'a version that ends on 2029-12-31: no version from 2030-01-01',
      'ended',
      'nsk',
      '2029-06-01',
      T1,
      undefined,
      { date: '2030-01-01', eligible: false, noVersion: true },
    ],
    ['T1: nothing changes in ten years', 'fixture', 'nsk', '2024-03-15', T1, undefined, null],
    // The horizon's last day is in it: 2019-12-25 + 3660 days = 2030-01-01, the first day without a version.
    [
      'the end of the versions on the last day of the horizon',
      'ended',
      'nsk',
      '2019-12-25',
      T1,
      undefined,
      { date: '2030-01-01', eligible: false, noVersion: true },
    ],
    ['the end of the versions a day past the horizon', 'ended', 'nsk', '2019-12-24', T1, undefined, null],
    // A change point on the horizon's last day: 2019-04-24 + 3660 days = 2029-05-01, the day after the VSAC exit.
    [
      'R1 met on the last day of the horizon',
      'fixture',
      'nsk',
      '2019-04-24',
      { person: { ...T1_PERSON, vsacExit: { date: '2029-04-30', service: 'institutional_care' } }, request: { services: T1_SERVICES } },
      undefined,
      { date: '2029-05-01', eligible: true, basis: ['T1'], blockers: [] },
    ],
    [
      'R1 met a day past the horizon',
      'fixture',
      'nsk',
      '2019-04-23',
      { person: { ...T1_PERSON, vsacExit: { date: '2029-04-30', service: 'institutional_care' } }, request: { services: T1_SERVICES } },
      undefined,
      null,
    ],
  ] as const)('%s', (_name, rules, programme, date, input, asOf, expected) => {
    const answer = dateAnswer(RULES[rules](), programme, date, input as FactInput, asOf);
    expect(answer?.nextChange).toEqual(expected);
  });
});
