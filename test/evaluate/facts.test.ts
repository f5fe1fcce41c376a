import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import { deriveFrom, derivedChangePoints } from '../../src/evaluate/derived-facts.js';
import { declaredFacts, factChangePoints, factsOn, missingFacts } from '../../src/evaluate/facts.js';
import type { DerivedFact, RuleVersion } from '../../src/rules/model.js';
import { everyOperatorProgramme } from '../support/rule-sets.js';

/**
 * The facts a condition reads, built from a request (evaluate/facts.ts), on the SYNTHETIC every-operator programme
 * (test/fixtures/every-operator): required facts that are missing, with their JSON paths; declared facts, an absent
 * optional one as null; each day's facts with evaluationDate and the derived facts; and the days in a period on which
 * the facts can change an answer.
 */
const synthetic = everyOperatorProgramme();
const version = synthetic.versions[0] as RuleVersion;

const PERSON = {
  birthDate: '2002-03-10',
  conditions: [{ type: 'mental_disorder', severity: 'severe' }],
  receivedDiServices: false,
  residence: 'group_home',
  supportPlanDate: '2020-05-20',
  diServicesStartedOn: '2020-09-30',
  vsacExit: { date: '2020-08-31', service: 'group_home' },
};
const SERVICES = [
  { type: 'group_apartment', inPlan: true, funding: 'municipality', diCompensatedUntil: '2020-10-15' },
  { type: 'day_centre', inPlan: true, funding: 'municipality', diCompensatedUntil: null },
];
const REQUEST = { services: SERVICES, tags: ['urgent'] };

describe('missingFacts', () => {
  it('none when every required fact is there, whatever optional ones are absent', () => {
    expect(missingFacts(synthetic, { person: PERSON, request: REQUEST })).toEqual([]);
    const { supportPlanDate: _plan, diServicesStartedOn: _started, vsacExit: _exit, ...required } = PERSON;
    expect(missingFacts(synthetic, { person: required, request: REQUEST })).toEqual([]);
  });

  it("each required fact that is missing, at its JSON path (a person's under /person), with its title and name", () => {
    const { birthDate: _birth, residence: _residence, ...person } = PERSON;
    expect(missingFacts(synthetic, { person, request: { services: SERVICES } })).toEqual([
      { path: '/person/birthDate', message: 'programme every-operator needs Date of birth (birthDate)' },
      { path: '/person/residence', message: 'programme every-operator needs Where the person lives (residence)' },
      { path: '/tags', message: 'programme every-operator needs Tags (tags)' },
    ]);
  });

  it('a fact given as undefined, or only inherited, is missing; one given as null is there', () => {
    const { birthDate: _birth, ...rest } = PERSON;
    const inherited = Object.assign(Object.create({ birthDate: '2002-03-10' }) as object, rest) as Record<string, unknown>;
    expect(missingFacts(synthetic, { person: inherited, request: REQUEST }).map((problem) => problem.path)).toEqual(['/person/birthDate']);
    expect(missingFacts(synthetic, { person: { ...PERSON, residence: undefined }, request: REQUEST }).map((problem) => problem.path)).toEqual([
      '/person/residence',
    ]);
    expect(missingFacts(synthetic, { person: { ...PERSON, residence: null }, request: REQUEST })).toEqual([]);
  });
});

describe('declaredFacts and factsOn', () => {
  it('every declared fact in the order the programme declares them; an absent, null or inherited one is null', () => {
    const person = Object.assign(Object.create({ careLevel: 3 }) as object, { ...PERSON, disabilityGroup: null }) as Record<string, unknown>;
    const declared = declaredFacts(synthetic, { person, request: REQUEST });
    expect(Object.keys(declared)).toEqual([...synthetic.facts.keys()]);
    expect(declared).toEqual({
      birthDate: '2002-03-10',
      conditions: PERSON.conditions,
      disabilityGroup: null,
      careLevel: null,
      vsacExit: PERSON.vsacExit,
      receivedDiServices: false,
      residence: 'group_home',
      supportPlanDate: '2020-05-20',
      diServicesStartedOn: '2020-09-30',
      services: SERVICES,
      tags: ['urgent'],
    });
  });

  it('a request fact is read from the request, not from a person field of the same name', () => {
    const declared = declaredFacts(synthetic, { person: { ...PERSON, tags: ['from the person'] }, request: { services: [], tags: ['from the request'] } });
    expect(declared.tags).toEqual(['from the request']);
  });

  it("a day's facts: the declared ones, evaluationDate, then each derived fact as it is on that day", () => {
    const declared = declaredFacts(synthetic, { person: PERSON, request: REQUEST });
    const facts = factsOn(synthetic, declared, '2020-10-15' as CalendarDate);
    expect(Object.keys(facts)).toEqual([...synthetic.facts.keys(), 'evaluationDate', ...synthetic.derivedFacts.keys()]);
    expect(facts).toMatchObject({
      evaluationDate: '2020-10-15',
      age: 18,
      planYears: 0,
      vsacExitDate: '2020-08-31',
      vsacExitService: 'group_home',
      servicesUnderDi: [SERVICES[0]],
      servicesAfterDi: [SERVICES[1]],
    });
    // The day after the DI compensation ends, and the birthday after: the derived facts follow the day.
    expect(factsOn(synthetic, declared, '2021-03-10' as CalendarDate)).toMatchObject({ age: 19, servicesUnderDi: [], servicesAfterDi: SERVICES });
    expect(factsOn(synthetic, declared, '2021-03-09' as CalendarDate)).toMatchObject({ age: 18 });
  });

  it('a derived fact of an absent fact is null', () => {
    const { vsacExit: _exit, supportPlanDate: _plan, ...person } = PERSON;
    const facts = factsOn(synthetic, declaredFacts(synthetic, { person, request: { services: 'not a list', tags: [] } }), '2020-10-15' as CalendarDate);
    expect(facts).toMatchObject({ vsacExitDate: null, vsacExitService: null, planYears: null, servicesUnderDi: null, servicesAfterDi: null });
  });
});

describe('factChangePoints', () => {
  const declared = declaredFacts(synthetic, { person: PERSON, request: REQUEST });

  it('each date in the facts and the day after it, birthdays of the ages the rules read, the day after an item date: within (from, to]', () => {
    const points = factChangePoints(synthetic, version, declared, '2020-08-31' as CalendarDate, '2021-05-20' as CalendarDate);
    expect([...new Set(points)].sort()).toEqual([
      '2020-09-01', // the day after the VSAC exit (2020-08-31 itself is the period's first day: no cut)
      '2020-09-30', // the first day of DI services, and the day after
      '2020-10-01',
      '2020-10-16', // the day after a service's DI compensation ends
      '2021-03-10', // the 19th birthday: the rules compare the age with another fact, so every birthday
      '2021-05-20', // a year since the support plan, on the period's last day
    ]);
    expect(points.every((point) => point > '2020-08-31' && point <= '2021-05-20')).toBe(true);
  });

  it('words that look like dates are not dates; the last day of the calendar has no day after', () => {
    const odd = declaredFacts(synthetic, {
      person: { ...PERSON, residence: '2020-13-45', supportPlanDate: '9999-12-31', diServicesStartedOn: null, vsacExit: null },
      request: { services: [], tags: [] },
    });
    const points = factChangePoints(synthetic, version, odd, '9999-01-01' as CalendarDate, '9999-12-31' as CalendarDate);
    expect([...new Set(points)].sort()).toEqual([
      '9999-03-10', // the birthday
      '9999-12-31', // the support plan's date (and its "0th anniversary"), with no day after it
    ]);
  });
});

describe('deriveFrom and derivedChangePoints (derived-facts.ts), on values a request schema would not let through', () => {
  const title = { lv: 'x', en: 'x' };
  const underDi: DerivedFact = { name: 'under', kind: 'itemsByDate', of: 'services', field: 'until', keep: 'onOrAfterDay', title, type: 'list' };
  const afterDi: DerivedFact = { ...underDi, name: 'after', keep: 'absentOrBeforeDay' };
  const exitDate: DerivedFact = { name: 'exitDate', kind: 'field', of: 'exit', field: 'date', type: 'date', title };
  const age: DerivedFact = { name: 'age', kind: 'wholeYearsOn', of: 'birthDate', title, type: 'number' };
  const on = '2024-05-10' as CalendarDate;

  it('itemsByDate: an item with a date on or after the day is under it, from the next day after it; anything else is after', () => {
    const inherited = Object.create({ until: '2024-12-31' }) as object;
    const items = [{ until: '2024-05-10' }, { until: '2024-05-09' }, { until: '2025-01-01' }, { until: null }, { until: 20240601 }, {}, inherited, null, 'x'];
    expect(deriveFrom(underDi)(items, on)).toEqual([{ until: '2024-05-10' }, { until: '2025-01-01' }]);
    expect(deriveFrom(afterDi)(items, on)).toEqual([{ until: '2024-05-09' }, { until: null }, { until: 20240601 }, {}, inherited, null, 'x']);
    expect(deriveFrom(underDi)('not a list', on)).toBeNull();
    expect(deriveFrom(afterDi)(null, on)).toBeNull();
    // Each own date's next day in [from, to]: 2024-05-09 → 05-10 (the period's first day), 05-10 → 05-11; 2025-01-01 → 01-02 is past it.
    // An inherited date is no date (deriveFrom does not read it either): 2024-12-31 names no day.
    expect(derivedChangePoints(underDi, { services: items }, '2024-05-10' as CalendarDate, '2025-01-01' as CalendarDate).sort()).toEqual([
      '2024-05-10',
      '2024-05-11',
    ]);
    expect(derivedChangePoints(underDi, { services: [{ until: '9999-12-31' }] }, '9999-01-01' as CalendarDate, '9999-12-31' as CalendarDate)).toEqual([]);
    expect(derivedChangePoints(underDi, { services: 'not a list' }, on, on)).toEqual([]);
  });

  it("field: the object's own field, null when absent, null or not an object", () => {
    expect(deriveFrom(exitDate)({ date: '2024-01-31' }, on)).toBe('2024-01-31');
    expect(deriveFrom(exitDate)({ date: null }, on)).toBeNull();
    expect(deriveFrom(exitDate)({}, on)).toBeNull();
    expect(deriveFrom(exitDate)(Object.create({ date: '2024-01-31' }), on)).toBeNull();
    expect(deriveFrom(exitDate)('2024-01-31', on)).toBeNull();
    expect(deriveFrom(exitDate)(null, on)).toBeNull();
    expect(derivedChangePoints(exitDate, { exit: { date: '2024-06-01' } }, on, '2024-12-31' as CalendarDate)).toEqual([]);
  });

  it('wholeYearsOn: whole years on the day, null for what is not a date; birthdays in [from, to] of the ages asked', () => {
    expect(deriveFrom(age)('2006-05-10', on)).toBe(18);
    expect(deriveFrom(age)('2006-05-11', on)).toBe(17);
    expect(deriveFrom(age)('2006-5-10', on)).toBeNull();
    expect(deriveFrom(age)(null, on)).toBeNull();
    const facts = { birthDate: '2006-05-10' };
    expect(derivedChangePoints(age, facts, '2023-05-10' as CalendarDate, '2025-05-10' as CalendarDate)).toEqual(['2023-05-10', '2024-05-10', '2025-05-10']);
    expect(derivedChangePoints(age, facts, '2023-05-11' as CalendarDate, '2025-05-09' as CalendarDate)).toEqual(['2024-05-10']);
    expect(derivedChangePoints(age, facts, '2000-01-01' as CalendarDate, '2099-12-31' as CalendarDate, [18, 65])).toEqual(['2024-05-10', '2071-05-10']);
    expect(derivedChangePoints(age, facts, '2000-01-01' as CalendarDate, '2024-05-09' as CalendarDate, [18])).toEqual([]);
    expect(derivedChangePoints(age, { birthDate: '2000-02-29' }, '2001-01-01' as CalendarDate, '2001-12-31' as CalendarDate, [1])).toEqual(['2001-03-01']);
    expect(derivedChangePoints(age, { birthDate: null }, on, on)).toEqual([]);
    expect(derivedChangePoints(age, { birthDate: '9990-01-01' }, '9999-01-01' as CalendarDate, '9999-12-31' as CalendarDate, [9, 10])).toEqual(['9999-01-01']);
  });
});
