import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compensationResponse } from '../../src/answer/ask.js';
import { addDays, type CalendarDate, daysInclusive, maxDate, minDate } from '../../src/calendar/calendar-date.js';
import type { RuleSet } from '../../src/rules/model.js';
import { responseData } from '../../src/wire/answer-json.js';
import { dateBetween, lineRunningPast, type Period } from '../support/arbitraries.js';
import { seeded } from '../support/property-seed.js';
import { FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { T1_PERSON, T1_SERVICES, DI2_PERSON } from '../support/requests.js';

/**
 * A line whose days run past the claim period, for every calculation kind: only its days inside the period count,
 * and its amount (units, actual cost) is shared by all of its days — the days outside take their share with them.
 * FICTIONAL rules: NSK of test/fixtures/rules (in 2024, 2023-04-01-fictional, annual amount 8400.00, cap of a
 * half-year 4200.00); DI and IBM of test/fixtures/fictional-programmes, with DI's made-up unit costs (day care centre
 * 15.00 / 20.00 a day, short-term care 21.00 a day, home care 4.00 an hour). Every amount is worked out by hand in
 * the comments, and by decimal arithmetic in the properties.
 */

type Body = Record<string, unknown>;
type Line = Record<string, unknown> & { amount: string; days: number; outsidePeriodDays: number };

const fictional = ruleSetAt(FICTIONAL_PROGRAMMES);
const fixture = ruleSetAt(FIXTURE_RULES);

function answer(ruleSet: RuleSet, body: Body): { compensation: string; lines: Line[] } {
  const response = responseData(compensationResponse(ruleSet, body));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as unknown as { compensation: string; lines: Line[] };
}

/** P1 on every day: an adult with a mental disorder. */
const IBM_PERSON = { birthDate: '1980-05-10', conditions: [{ type: 'mental_disorder', severity: 'severe' }] };

const march2017 = { from: '2017-03-01', to: '2017-03-31' };
const march2019 = { from: '2019-03-01', to: '2019-03-31' };
const firstHalf2024 = { from: '2024-01-01', to: '2024-06-30' };

/*
 * Each answer is asked for inside the tests that read it, not when the file is collected: the mutation run
 * (docs/mutation.md) counts what a test itself runs.
 */
describe('DI (unit cost deliveries): units are shared by all of a line’s days', () => {
  const lines = () =>
    answer(fictional, {
      programme: 'di',
      period: march2017,
      person: DI2_PERSON,
      deliveries: [
        // 2017-02-15…03-31: 45 days, 31 in March. 45 units × 31/45 = 31 units × 15.00 = 465.00 (not 45 × 15.00 = 675.00).
        { service: 'day_care_centre', from: '2017-02-15', to: '2017-03-31', units: '45', rateTier: 'lower', provision: 'municipal' },
        // The same line procured for 450.00: 450.00 × 31/45 = 310.00, less than 465.00 at unit cost.
        { service: 'day_care_centre', from: '2017-02-15', to: '2017-03-31', units: '45', rateTier: 'lower', provision: 'procured', actualCost: '450.00' },
        // 2017-03-20…04-08: 20 days, 12 in March. 50 hours × 12/20 = 30 hours × 4.00 = 120.00.
        { service: 'home_care', from: '2017-03-20', to: '2017-04-08', units: '50', provision: 'municipal' },
        // 2017-02-27…04-02: 35 days, 31 in March. 35 days × 31/35 = 31 days × 21.00 = 651.00.
        { service: 'short_term_care', from: '2017-02-27', to: '2017-04-02', units: '35', provision: 'municipal' },
      ],
    });

  it.each([
    { index: 0, amount: '465.00', compensatedUnits: '31', days: 45, outsidePeriodDays: 14, compensatedDays: 31 },
    { index: 1, amount: '310.00', compensatedUnits: '31', days: 45, outsidePeriodDays: 14, compensatedDays: 31 },
    { index: 2, amount: '120.00', compensatedUnits: '30', days: 20, outsidePeriodDays: 8, compensatedDays: 12 },
    { index: 3, amount: '651.00', compensatedUnits: '31', days: 35, outsidePeriodDays: 4, compensatedDays: 31 },
  ])('line $index pays $amount for $compensatedDays of its $days days', ({ index, ...expected }) => {
    const line = lines().lines[index];
    expect(line).toMatchObject(expected);
    expect(line?.refs).toContain('A2');
  });

  it('the compensation is their sum: 465.00 + 310.00 + 120.00 + 651.00 = 1546.00', () => {
    expect(lines().compensation).toBe('1546.00');
  });

  it('an exact share stays exact: 98.09 days of short-term care over 2019-04-20…07-24 (96 days), 16 in the period, pay 21.00 × 98.09 × 16/96 = 343.315 → 343.32', () => {
    const [line] = answer(fictional, {
      programme: 'di',
      period: { from: '2019-05-30', to: '2019-06-14' },
      person: DI2_PERSON,
      deliveries: [{ service: 'short_term_care', from: '2019-04-20', to: '2019-07-24', units: '98.09', provision: 'municipal' }],
    }).lines;
    expect(line).toMatchObject({ days: 96, outsidePeriodDays: 80, compensatedDays: 16, amount: '343.32' });
  });
});

describe('IBM (individual budget lines): a price is shared by all of a line’s days', () => {
  const body = () =>
    answer(fictional, {
      programme: 'ibm',
      period: march2019,
      person: IBM_PERSON,
      serviceLines: [
        // 2019-02-20…03-31: 40 days, 31 in March. 17.10 × 40 × 31/40 = 530.10.
        { service: 'day_care_centre', from: '2019-02-20', to: '2019-03-31', units: '40', funding: 'municipality', price: '17.10' },
        // 2019-03-25…04-13: 20 days, 7 in March, at DI's lower day care centre rate. 15.00 × 20 × 7/20 = 105.00.
        { service: 'day_care_centre', from: '2019-03-25', to: '2019-04-13', units: '20', funding: 'municipality', diPaidAtUnitCost: true, rateTier: 'lower' },
      ],
    });

  it.each([
    { index: 0, amount: '530.10', days: 40, outsidePeriodDays: 9, paidDays: 31 },
    { index: 1, amount: '105.00', days: 20, outsidePeriodDays: 13, paidDays: 7 },
  ])('line $index pays $amount for $paidDays of its $days days', ({ index, ...expected }) => {
    expect(body().lines[index]).toMatchObject(expected);
  });

  it('the compensation is their sum: 530.10 + 105.00 = 635.10', () => {
    expect(body().compensation).toBe('635.10');
  });
});

describe('NSK (capped actual cost): an amount is shared by all of a line’s days', () => {
  const body = () =>
    answer(fixture, {
      programme: 'nsk',
      period: firstHalf2024,
      person: T1_PERSON,
      services: T1_SERVICES,
      costs: [
        // 2023-12-01…2024-01-31: 62 days, 31 in the half-year. 620.00 × 31/62 = 310.00.
        { service: 'day_care_centre', from: '2023-12-01', to: '2024-01-31', amount: '620.00', funding: 'municipality', inPlan: true },
        // 2024-06-21…07-10: 20 days, 10 in the half-year. 300.00 × 10/20 = 150.00.
        { service: 'day_care_centre', from: '2024-06-21', to: '2024-07-10', amount: '300.00', funding: 'municipality', inPlan: true },
      ],
    }) as unknown as { compensation: string; eligibleCost: string; lines: Array<Line & { eligibleAmount: string; countedDays: number }> };

  it.each([
    { index: 0, eligibleAmount: '310.00', days: 62, outsidePeriodDays: 31, countedDays: 31 },
    { index: 1, eligibleAmount: '150.00', days: 20, outsidePeriodDays: 10, countedDays: 10 },
  ])('line $index counts $eligibleAmount for $countedDays of its $days days', ({ index, ...expected }) => {
    expect(body().lines[index]).toMatchObject(expected);
  });

  it('the compensation is their sum, under the cap of 4200.00: 310.00 + 150.00 = 460.00', () => {
    const { eligibleCost, compensation } = body();
    expect({ eligibleCost, compensation }).toEqual({ eligibleCost: '460.00', compensation: '460.00' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The same on generated lines: amount × days inside ÷ all days, rounded half-up to cents, for a person eligible on
// every day of the period.

const cents = (value: Decimal): string => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const shareOf = (amount: Decimal, line: Period, period: Period): Decimal => {
  const inside = daysInclusive(maxDate(line.from, period.from), minDate(line.to, period.to));
  return amount.times(inside).dividedBy(daysInclusive(line.from, line.to));
};
const decimal = (maxWhole: number): fc.Arbitrary<string> =>
  fc.integer({ min: 1, max: maxWhole * 100 }).map((hundredths) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`);

/** A period of up to three months in the years both fictional programmes are in force. */
const periodArbitrary: fc.Arbitrary<Period> = fc
  .tuple(dateBetween('2017-04-01', '2019-12-31'), fc.integer({ min: 0, max: 92 }))
  .map(([from, length]) => ({ from, to: addDays(from, length) as CalendarDate }));

/** DI's made-up unit costs in the fixture (pinned by the table above): a service, its tier and its rate. */
const DI_RATES = [
  { service: 'day_care_centre', rateTier: 'lower', rate: '15.00' },
  { service: 'day_care_centre', rateTier: 'higher', rate: '20.00' },
  { service: 'short_term_care', rate: '21.00' },
  { service: 'home_care', rate: '4.00' },
] as const;

const RUNS = 300;

describe('a generated line running past the claim period', () => {
  it(`DI: unit cost × units × days inside ÷ all days (${RUNS} runs)`, () => {
    const cases = periodArbitrary.chain((period) =>
      fc.record({ period: fc.constant(period), line: lineRunningPast(period), units: decimal(300), priced: fc.constantFrom(...DI_RATES) }),
    );
    fc.assert(
      fc.property(cases, ({ period, line, units, priced }) => {
        const { rate, ...service } = priced;
        const [delivery] = answer(fictional, {
          programme: 'di',
          period,
          person: DI2_PERSON,
          deliveries: [{ ...service, from: line.from, to: line.to, units, provision: 'municipal' }],
        }).lines as Line[];
        expect(delivery).toMatchObject({ outsidePeriodDays: line.before + line.after, amount: cents(shareOf(new Decimal(rate).times(units), line, period)) });
      }),
      seeded(RUNS),
    );
  });

  it(`IBM: price × units × days inside ÷ all days (${RUNS} runs)`, () => {
    const cases = periodArbitrary.chain((period) =>
      fc.record({ period: fc.constant(period), line: lineRunningPast(period), units: decimal(300), price: decimal(80) }),
    );
    fc.assert(
      fc.property(cases, ({ period, line, units, price }) => {
        const [serviceLine] = answer(fictional, {
          programme: 'ibm',
          period,
          person: IBM_PERSON,
          serviceLines: [{ service: 'day_care_centre', from: line.from, to: line.to, units, funding: 'municipality', price }],
        }).lines as Line[];
        expect(serviceLine).toMatchObject({
          outsidePeriodDays: line.before + line.after,
          amount: cents(shareOf(new Decimal(price).times(units), line, period)),
        });
      }),
      seeded(RUNS),
    );
  });

  it(`NSK: amount × days inside ÷ all days (${RUNS} runs)`, () => {
    const halfYears: Period[] = ['2020', '2021', '2022', '2023', '2024', '2025'].flatMap((year) => [
      { from: `${year}-01-01` as CalendarDate, to: `${year}-06-30` as CalendarDate },
      { from: `${year}-07-01` as CalendarDate, to: `${year}-12-31` as CalendarDate },
    ]);
    const cases = fc
      .constantFrom(...halfYears)
      .chain((period) => fc.record({ period: fc.constant(period), line: lineRunningPast(period, 120), amount: decimal(2000) }));
    fc.assert(
      fc.property(cases, ({ period, line, amount }) => {
        const [cost] = answer(fixture, {
          programme: 'nsk',
          period,
          person: T1_PERSON,
          services: T1_SERVICES,
          costs: [{ service: 'day_care_centre', from: line.from, to: line.to, amount, funding: 'municipality', inPlan: true }],
        }).lines as Line[];
        expect(cost).toMatchObject({ outsidePeriodDays: line.before + line.after, eligibleAmount: cents(shareOf(new Decimal(amount), line, period)) });
      }),
      seeded(RUNS),
    );
  });
});
