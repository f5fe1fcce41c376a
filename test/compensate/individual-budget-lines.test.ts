import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import { compensationResponse } from '../../src/answer/ask.js';
import { computeIndividualBudgetLines } from '../../src/compensate/individual-budget-lines.js';
import type { CompensationContext } from '../../src/compensate/compensation-context.js';
import type { LeafTrace } from '../../src/evaluate/condition-trace.js';
import type { RuleTrace } from '../../src/evaluate/day-result.js';
import type { Segment } from '../../src/evaluate/segments.js';
import type { Programme, RuleSet, RuleVersion } from '../../src/rules/model.js';
import { responseData } from '../../src/wire/answer-json.js';
import { IBM_ADULT, REMOTE_LINE_DOCUMENTED } from '../support/requests.js';
import { FICTIONAL_PROGRAMMES, ruleSetAt } from '../support/rule-sets.js';

/**
 * The IBM calculation kind (src/compensate/individual-budget-lines.ts): each service line as answered (IB3: its price
 * from a defined price, DI's unit costs or none), DI's unit costs read version by version over a line's days, and the
 * request problems of a line DI's unit costs cannot price. FICTIONAL rules (test/fixtures/fictional-programmes): IBM
 * 2017-03-01-fictional and, from 2020-04-20, 2020-04-20-fictional; DI 2015-07-01-fictional (made-up unit costs: day
 * care centre 15.00 lower / 20.00 higher a day, tier assumption A5, rates resting on A23); made-up declared emergencies
 * A (2020-03-23…2020-06-19) and B (2020-11-16…2021-03-31). Where a test needs other rules (a second DI version, a
 * unit cost without its tier assumption, IBM without IB3), it builds them here from the fictional versions.
 */

type Body = Record<string, unknown>;

interface Problem {
  path: string;
  message: string;
}

const fictional = ruleSetAt(FICTIONAL_PROGRAMMES);

const adult = IBM_ADULT;
const documented = REMOTE_LINE_DOCUMENTED;

function programmeOf(id: string): Programme {
  const programme = fictional.programmes.get(id);
  if (!programme) throw new Error(`the fictional rules have no ${id}`);
  return programme;
}

function firstVersionOf(programme: Programme): RuleVersion {
  const [first] = programme.versions;
  if (!first) throw new Error(`${programme.id} has no versions`);
  return first;
}

const DI = programmeOf('di');
const DI_FICTIONAL = firstVersionOf(DI);

/** The fictional rule set with one programme replaced. */
function withProgramme(programme: Programme): RuleSet {
  return { ...fictional, programmes: new Map([...fictional.programmes, [programme.id, programme]]) };
}

/** DI with these versions (ordered by effectiveFrom, as the loader orders them). */
function diWith(...versions: RuleVersion[]): RuleSet {
  return withProgramme({ ...DI, versions });
}

/** DI 2015-07-01-fictional with another lower day care centre rate, from another day. */
function diDayCareFrom(effectiveFrom: string, adopted: string, lowerRate: string): RuleVersion {
  const parameter = DI_FICTIONAL.parameters.get('dayCareCentreLowerRate');
  if (!parameter) throw new Error('DI 2015-07-01-fictional has no dayCareCentreLowerRate');
  return {
    ...DI_FICTIONAL,
    version: `${effectiveFrom}-test`,
    effectiveFrom: effectiveFrom as CalendarDate,
    adopted: adopted as CalendarDate,
    parameters: new Map([...DI_FICTIONAL.parameters, ['dayCareCentreLowerRate', { ...parameter, value: lowerRate }]]),
  };
}

function ask(ruleSet: RuleSet, request: Body): { status: number; body: unknown } {
  return responseData(compensationResponse(ruleSet, { programme: 'ibm', person: adult, ...request }));
}

function answerOf(ruleSet: RuleSet, request: Body): Body {
  const response = ask(ruleSet, request);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Body;
}

/** Each line as answered, without its line rules and emergency (ibm-lines.test.ts checks those). */
function linesOf(ruleSet: RuleSet, request: Body): Body[] {
  return (answerOf(ruleSet, request).lines as Body[]).map(({ lineRules: _rules, emergency: _emergency, ...shown }) => shown);
}

function problemsOf(ruleSet: RuleSet, request: Body): Problem[] {
  const response = ask(ruleSet, request);
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  return (response.body as { errors: Problem[] }).errors;
}

const march2021 = { from: '2021-03-01', to: '2021-03-31' };

describe('IB3 each line as answered, by where its price comes from (March 2021, in emergency B)', () => {
  const request = {
    period: march2021,
    serviceLines: [
      { service: 'day_care_centre', ...march2021, units: '20', funding: 'municipality', price: '17.10' },
      {
        service: 'day_care_centre',
        ...march2021,
        units: '20',
        funding: 'municipality',
        diPaidAtUnitCost: true,
        rateTier: 'lower',
        remote: true,
        provider: 'social_worker',
        evidence: documented,
      },
      { service: 'home_care', ...march2021, units: '30', funding: 'municipality' },
    ],
  };
  const whole = { from: '2021-03-01', to: '2021-03-31', days: 31, version: '2020-04-20-fictional' };

  it('a defined price is the price: no unit costs, no rate tier, on site, paid for every day under P1', () => {
    const [line] = linesOf(fictional, request);
    expect(line).toStrictEqual({
      index: 0,
      service: 'day_care_centre',
      ...march2021,
      units: '20',
      funding: 'municipality',
      payable: true,
      price: '17.10',
      priceFrom: 'defined',
      // 17.10 × 20 = 342.00.
      amount: '342.00',
      days: 31,
      paidDays: 31,
      outsidePeriodDays: 0,
      remote: false,
      duringEmergency: true,
      refs: ['P1'],
      parts: [{ ...whole, paid: true, refs: ['P1'] }],
    });
  });

  it('with no defined price, the DI unit cost of the line’s tier is the price, with the version it was read from, IB3 and its assumptions', () => {
    const [, line] = linesOf(fictional, request);
    expect(line).toStrictEqual({
      index: 1,
      service: 'day_care_centre',
      ...march2021,
      units: '20',
      funding: 'municipality',
      payable: true,
      price: '15.00',
      priceFrom: 'diUnitCost',
      unitCosts: [{ ...march2021, programme: 'di', version: '2015-07-01-fictional', unitCost: '15.00', assumptions: ['A23', 'A5'] }],
      // 15.00 (DI's fictional lower day care centre rate) × 20 = 300.00.
      amount: '300.00',
      days: 31,
      paidDays: 31,
      outsidePeriodDays: 0,
      remote: true,
      duringEmergency: true,
      refs: ['A23', 'A5', 'IB3', 'P1'],
      parts: [{ ...whole, paid: true, refs: ['P1'] }],
      rateTier: 'lower',
    });
  });

  it('with neither, there is no price and no unit costs, and nothing is paid (IB2, IB3)', () => {
    const [, , line] = linesOf(fictional, request);
    expect(line).toStrictEqual({
      index: 2,
      service: 'home_care',
      ...march2021,
      units: '30',
      funding: 'municipality',
      payable: false,
      price: null,
      priceFrom: null,
      amount: '0.00',
      days: 31,
      paidDays: 0,
      outsidePeriodDays: 0,
      remote: false,
      duringEmergency: true,
      refs: ['IB2', 'IB3'],
      parts: [{ ...whole, paid: false, refs: ['IB2', 'IB3'] }],
    });
  });

  it('the compensation is the sum of the payable lines, and its step says how it was summed', () => {
    const answer = answerOf(fictional, request);
    // 342.00 + 300.00 + 0.00 = 642.00.
    expect(answer.compensation).toBe('642.00');
    expect((answer.explanation as Array<{ step: string }>).find((step) => step.step === 'compensation')).toStrictEqual({
      step: 'compensation',
      compensation: '642.00',
      rule: 'the sum of the payable lines (price × units, pro rata by paid days; a DI unit cost for the days it is in force), rounded once to cents, half-up',
    });
  });
});

describe('IB3 a line priced at DI’s unit cost that is not paid cites only what blocked it', () => {
  it('RM1: a remote line in July 2020, outside every declared emergency, shows its DI price but cites RM1 alone', () => {
    const july = { from: '2020-07-01', to: '2020-07-31' };
    const [line] = linesOf(fictional, {
      period: july,
      serviceLines: [
        {
          service: 'home_care',
          ...july,
          units: '10',
          funding: 'municipality',
          diPaidAtUnitCost: true,
          remote: true,
          provider: 'social_worker',
          evidence: documented,
        },
      ],
    });
    expect(line).toMatchObject({
      payable: false,
      price: '4.00',
      priceFrom: 'diUnitCost',
      amount: '0.00',
      paidDays: 0,
      refs: ['RM1'],
      parts: [{ ...july, days: 31, paid: false, refs: ['RM1'], version: '2020-04-20-fictional' }],
    });
  });
});

describe('IB3 DI’s unit costs read version by version over a line’s days', () => {
  // A made-up second DI version from 2020-04-10 (adopted 2020-03-01) with a lower day care centre rate of 18.00. The
  // line 2020-04-05…05-04 (30 days, 30 units, on site) crosses it and IBM's 2020-04-20 version.
  const ruleSet = diWith(DI_FICTIONAL, diDayCareFrom('2020-04-10', '2020-03-01', '18.00'));
  const request = (asOf?: string): Body => ({
    period: { from: '2020-04-05', to: '2020-05-04' },
    ...(asOf === undefined ? {} : { asOf }),
    serviceLines: [
      { service: 'day_care_centre', from: '2020-04-05', to: '2020-05-04', units: '30', funding: 'ngo', diPaidAtUnitCost: true, rateTier: 'lower' },
    ],
  });

  it('each IBM part pays each DI version’s rate for the days of it the part holds, and nothing for a version it does not reach', () => {
    const [line] = linesOf(ruleSet, request());
    expect(line).toMatchObject({
      // Part 04-05…04-19 (IBM 2017-03-01-fictional): 5 days at 15.00 and 10 at 18.00; part 04-20…05-04 (IBM
      // 2020-04-20-fictional): 15 days at 18.00, none at 15.00. Each a share of 30 units over 30 days:
      // 15.00 × 30 × 5/30 = 75.00, 18.00 × 30 × 10/30 = 180.00, 18.00 × 30 × 15/30 = 270.00; 75 + 180 + 270 = 525.00.
      amount: '525.00',
      // The price shown is the rate of the line's first days.
      price: '15.00',
      priceFrom: 'diUnitCost',
      unitCosts: [
        { from: '2020-04-05', to: '2020-04-09', programme: 'di', version: '2015-07-01-fictional', unitCost: '15.00', assumptions: ['A23', 'A5'] },
        { from: '2020-04-10', to: '2020-05-04', programme: 'di', version: '2020-04-10-test', unitCost: '18.00', assumptions: ['A23', 'A5'] },
      ],
      days: 30,
      paidDays: 30,
      refs: ['A23', 'A5', 'IB3', 'P1'],
      parts: [
        { from: '2020-04-05', to: '2020-04-19', days: 15, paid: true, refs: ['P1'], version: '2017-03-01-fictional' },
        { from: '2020-04-20', to: '2020-05-04', days: 15, paid: true, refs: ['P1'], version: '2020-04-20-fictional' },
      ],
    });
  });

  it('asOf 2020-02-29, before the second DI version was adopted: every day at 15.00', () => {
    const [line] = linesOf(ruleSet, request('2020-02-29'));
    // IBM 2017-03-01-fictional alone is known then; DI 2015-07-01-fictional alone: 15.00 × 30 = 450.00.
    expect(line).toMatchObject({
      amount: '450.00',
      unitCosts: [{ from: '2020-04-05', to: '2020-05-04', programme: 'di', version: '2015-07-01-fictional', unitCost: '15.00', assumptions: ['A23', 'A5'] }],
    });
  });
});

describe('request problems of a line DI’s unit costs cannot price', () => {
  const line = { service: 'day_care_centre', ...march2021, units: '20', funding: 'municipality' };

  it('a defined price and diPaidAtUnitCost: 400 at /serviceLines/0/diPaidAtUnitCost saying the defined price is paid', () => {
    expect(problemsOf(fictional, { period: march2021, serviceLines: [{ ...line, price: '21.40', diPaidAtUnitCost: true, rateTier: 'lower' }] })).toStrictEqual([
      { path: '/serviceLines/0/diPaidAtUnitCost', message: 'a line with a defined price is paid at that price; diPaidAtUnitCost is for a service without one' },
    ]);
  });

  it('a defined price and diPaidAtUnitCost on a two-rate service without its tier: only the price problem, DI unit costs are not looked up', () => {
    expect(problemsOf(fictional, { period: march2021, serviceLines: [{ ...line, price: '21.40', diPaidAtUnitCost: true }] })).toStrictEqual([
      { path: '/serviceLines/0/diPaidAtUnitCost', message: 'a line with a defined price is paid at that price; diPaidAtUnitCost is for a service without one' },
    ]);
  });

  it('A5 a two-rate service without its tier: 400 at /serviceLines/0/rateTier naming the tier assumption', () => {
    expect(problemsOf(fictional, { period: march2021, serviceLines: [{ ...line, diPaidAtUnitCost: true }] })).toStrictEqual([
      { path: '/serviceLines/0/rateTier', message: 'day_care_centre has a lower and a higher di unit cost: say which (A5)' },
    ]);
  });

  it('a two-rate unit cost with no tier assumption: the problem names the field rateTier instead', () => {
    const compensation = DI_FICTIONAL.compensation;
    if (compensation?.kind !== 'unitCostDeliveries') throw new Error('DI 2015-07-01-fictional has no unit costs');
    const { tierAssumption: _assumption, ...dayCareCentre } = compensation.unitCosts.day_care_centre ?? { unit: 'day', source: '' };
    const withoutAssumption: RuleVersion = {
      ...DI_FICTIONAL,
      compensation: { ...compensation, unitCosts: { ...compensation.unitCosts, day_care_centre: dayCareCentre } },
    };
    expect(problemsOf(diWith(withoutAssumption), { period: march2021, serviceLines: [{ ...line, diPaidAtUnitCost: true }] })).toStrictEqual([
      { path: '/serviceLines/0/rateTier', message: 'day_care_centre has a lower and a higher di unit cost: say which (rateTier)' },
    ]);
  });

  // A line may begin before the period; DI 2015-07-01-fictional is not in force on 2015-06-25.
  const early = { ...line, from: '2015-06-25', to: '2017-03-31', diPaidAtUnitCost: true, rateTier: 'lower' };
  const march2017 = { from: '2017-03-01', to: '2017-03-31' };

  it('a line from a day no DI version is in force: 400 at /serviceLines/0 naming the line’s days', () => {
    expect(problemsOf(fictional, { period: march2017, serviceLines: [early] })).toStrictEqual([
      { path: '/serviceLines/0', message: 'no di unit costs are in force on every day 2015-06-25…2017-03-31' },
    ]);
  });

  it('the same with asOf: the message says as adopted by when', () => {
    expect(problemsOf(fictional, { period: march2017, asOf: '2017-03-01', serviceLines: [early] })).toStrictEqual([
      { path: '/serviceLines/0', message: 'no di unit costs are in force on every day 2015-06-25…2017-03-31 as adopted by 2017-03-01' },
    ]);
  });

  it('a line from the days of a DI version with no compensation rules: 400 at /serviceLines/0/service naming that version', () => {
    // A made-up DI version 2010-01-01-test (eligibility only, no unit costs) before 2015-07-01-fictional.
    const eligibilityOnly: RuleVersion = { ...DI_FICTIONAL, version: '2010-01-01-test', effectiveFrom: '2010-01-01' as CalendarDate, compensation: null };
    expect(problemsOf(diWith(eligibilityOnly, DI_FICTIONAL), { period: march2017, serviceLines: [early] })).toStrictEqual([
      {
        path: '/serviceLines/0/service',
        message: 'di version 2010-01-01-test has no unit cost for day_care_centre; a line the DI project did not pay at unit cost has no diPaidAtUnitCost',
      },
    ]);
  });
});

function leaves(trace: RuleTrace['conditions']): LeafTrace[] {
  if ('all' in trace) return trace.all.flatMap(leaves);
  if ('any' in trace) return trace.any.flatMap(leaves);
  if ('not' in trace) return leaves(trace.not);
  if ('condition' in trace) return 'conditions' in trace ? leaves(trace.conditions) : [];
  return [trace];
}

describe('RM2 the provider a line rule reads', () => {
  it('a remote line that names no provider is read as provider "other"', () => {
    const may = { from: '2020-05-01', to: '2020-05-31' };
    const answer = answerOf(fictional, {
      period: may,
      serviceLines: [{ service: 'individual_support', ...may, units: '4', funding: 'municipality', price: '24.00', remote: true, evidence: {} }],
    });
    const [line] = answer.lines as Array<{ lineRules: RuleTrace[] }>;
    const rm2 = line?.lineRules.find((rule) => rule.ref === 'RM2') as RuleTrace;
    const providers = leaves(rm2.conditions).filter((leaf) => leaf.fact === 'provider');
    // RM2 asks whether the provider is a medical practitioner or psychologist, then whether a family assistant.
    expect(providers.map(({ factValue, result, skipped }) => ({ factValue, result, skipped }))).toStrictEqual([
      { factValue: 'other', result: false, skipped: undefined },
      { factValue: 'other', result: false, skipped: undefined },
    ]);
  });
});

describe('a line with no price under line rules that do not require one (IBM without IB3)', () => {
  const ibm = programmeOf('ibm');
  const withoutIb3 = withProgramme({
    ...ibm,
    versions: ibm.versions.map((version) => {
      const compensation = version.compensation;
      if (compensation?.kind !== 'individualBudgetLines') throw new Error(`IBM ${version.version} has no individual budget lines`);
      return { ...version, compensation: { ...compensation, lineRules: compensation.lineRules.filter((rule) => rule.id !== 'IB3') } };
    }),
  });

  it('is judged eligible (P1) but not paid: no paid days, no price, no IB3', () => {
    const [line] = linesOf(withoutIb3, { period: march2021, serviceLines: [{ service: 'home_care', ...march2021, units: '30', funding: 'ngo' }] });
    expect(line).toMatchObject({
      payable: false,
      price: null,
      priceFrom: null,
      amount: '0.00',
      days: 31,
      paidDays: 0,
      refs: ['P1'],
      parts: [{ ...march2021, days: 31, paid: false, refs: ['P1'], version: '2020-04-20-fictional' }],
    });
  });
});

describe('the kind is asked only for individual budget lines (checked by the caller)', () => {
  it.each([
    { name: 'a DI version (unit cost deliveries)', version: DI_FICTIONAL },
    { name: 'a version with no compensation rules', version: firstVersionOf(programmeOf('vsac-admission')) },
  ])('$name is refused as a programming error', ({ version }) => {
    const period = { from: '2021-03-01' as CalendarDate, to: '2021-03-31' as CalendarDate };
    const context: CompensationContext = {
      period,
      segments: [{ ...period, span: { version } } as unknown as Segment],
      calendars: new Map(),
      emergencies: new Map(),
      programmes: new Map(),
    };
    expect(() => computeIndividualBudgetLines(context, [])).toThrow(`version ${version.version} is not individualBudgetLines (checked by the caller)`);
  });
});
