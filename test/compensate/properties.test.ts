import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerCompensation, type CompensationQuestion } from '../../src/answer/compensation-answer.js';
import { addDays, dateParts, daysInclusive, daysInMonth, minDate, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { parseCompensationRequest } from '../../src/answer/compensation-request.js';
import type { Programme, RuleVersion } from '../../src/rules/model.js';
import { isNoVersion, resolveVersion } from '../../src/versions/resolve-version.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';
import { SERVICE_TYPES } from '../support/openapi-document.js';
import { seeded } from '../support/property-seed.js';
import { bundledRuleSet } from '../support/rule-sets.js';

/**
 * Properties of POST /v1/compensation's core: `answerCompensation` with the bundled rules, fed requests that went
 * through the same parsing as the HTTP route (`parseCompensationRequest`). Money is compared as decimal.js values,
 * never as JavaScript numbers.
 *
 * Requests the API rightly refuses (400) are skipped only with fc.pre, and each property counts how many of its runs
 * were real answers, so that it cannot pass by skipping. A refusal of a request that is valid by construction is a
 * failure, not a skip.
 */

/** Exact enough for every figure here (amounts up to 20 000 with cents, divided by day counts ≤ 184). */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type D = InstanceType<typeof D>;
const dec = (value: string): D => new D(value);
const cents = (value: D): D => value.toDecimalPlaces(2, D.ROUND_HALF_UP);

/**
 * The figures these properties bound the answers by are read from the bundled rule files, never written here: NSK's
 * annual amount and half-year share (A1) of the version in force on each day, and DI's unit costs. An officer's
 * amendment changes them without a test change.
 */
const RULES = bundledRuleSet();

function programmeOf(id: string): Programme {
  const programme = RULES.programmes.get(id);
  if (!programme) throw new Error(`bundled ${id} missing`);
  return programme;
}

function versionOn(programme: Programme, date: CalendarDate): RuleVersion {
  const found = resolveVersion(programme, date);
  if (isNoVersion(found)) throw new Error(`no ${programme.id} version in force on ${date}`);
  return found.version;
}

function parameterOf(version: RuleVersion, name: string): string {
  const value = version.parameters.get(name)?.value;
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${version.programme} ${version.version} has no parameter ${name}`);
  return String(value);
}

const NSK = programmeOf('nsk');

const fullCaps = new Map<string, D>();
/**
 * The cap (A1) of a half-year whose every day is eligible: Σ over its days of the annual amount in force that day ÷ 12
 * ÷ the days of that day's month, at most the half-year share of the highest annual amount; rounded once, to cents.
 * With one version all half-year: exactly annualAmount × halfYearShare.
 */
function fullHalfYearCap(halfYear: Period): D {
  const key = `${halfYear.from}…${halfYear.to}`;
  const known = fullCaps.get(key);
  if (known) return known;
  let sum = dec('0');
  let ceiling = dec('0');
  for (let day = halfYear.from; day <= halfYear.to; day = plus(day, 1)) {
    const version = versionOn(NSK, day);
    const annual = dec(parameterOf(version, 'annualAmount'));
    const { year, month } = dateParts(day);
    sum = sum.plus(annual.dividedBy(12).dividedBy(daysInMonth(year, month)));
    ceiling = D.max(ceiling, annual.times(parameterOf(version, 'halfYearShare')));
  }
  const cap = cents(D.min(sum, ceiling));
  fullCaps.set(key, cap);
  return cap;
}

/** DI unit costs: per service, its one rate or its two (A5); the highest any DI version sets. Services not listed have none. */
const DI_RATES: Record<string, { lower: string; higher: string } | string> = (() => {
  const rates: Record<string, { lower: string; higher: string } | string> = {};
  const higher = (a: string | undefined, b: string): string => (a === undefined || dec(b).greaterThan(a) ? b : a);
  for (const version of programmeOf('di').versions) {
    if (version.compensation?.kind !== 'unitCostDeliveries') continue;
    for (const [service, cost] of Object.entries(version.compensation.unitCosts)) {
      const known = rates[service];
      if (cost.rates) {
        const tiers = { lower: parameterOf(version, cost.rates.lower.param), higher: parameterOf(version, cost.rates.higher.param) };
        rates[service] = typeof known === 'object' ? { lower: higher(known.lower, tiers.lower), higher: higher(known.higher, tiers.higher) } : tiers;
      } else if (cost.rate) {
        rates[service] = higher(typeof known === 'string' ? known : undefined, parameterOf(version, cost.rate.param));
      }
    }
  }
  if (Object.keys(rates).length === 0) throw new Error('the bundled DI rules have no unit costs');
  return rates;
})();

const FUNDINGS = ['municipality', 'state', 'state_cofunded', 'di_project', 'ngo', 'donation', 'own'] as const;

type Period = { from: CalendarDate; to: CalendarDate };
type Body = Record<string, unknown>;

interface NskLine {
  index: number;
  amount: string;
  days: number;
  countedDays: number;
  eligibleAmount: string;
  [key: string]: unknown;
}
interface NskBody {
  compensation: string;
  eligibleCost: string;
  cap: string;
  lines: NskLine[];
  segments: Array<{ eligible: boolean; from: string; to: string }>;
}
interface DiLine {
  index: number;
  service: string;
  units: string;
  rateTier?: 'lower' | 'higher';
  provision: string;
  actualCost?: string;
  amount: string;
  compensatedDays: number;
  [key: string]: unknown;
}
interface DiBody {
  compensation: string;
  lines: DiLine[];
}

// ---------------------------------------------------------------------------------------------------------------
// Generators

const plus = (date: CalendarDate, days: number): CalendarDate => addDays(date, days) as CalendarDate;

/** A non-negative decimal string with 0, 1 or 2 decimals, at most `maxWhole` (the API's money/units pattern). */
function decimalString(maxWhole: number): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: 2 }).chain((places) =>
    fc.integer({ min: 0, max: maxWhole * 10 ** places }).map((n) => {
      if (places === 0) return String(n);
      const scale = 10 ** places;
      return `${Math.floor(n / scale)}.${String(n % scale).padStart(places, '0')}`;
    }),
  );
}

/** Amounts of all sizes: small ones so the cap often does not bind, large ones (up to 20 000) so it does. */
const amountArbitrary = fc.constantFrom(50, 1000, 20000).chain(decimalString);

/**
 * A calendar half-year in NSK's years: from the first whole half-year of its first version, for eight years and at
 * least to the year after its latest version begins.
 */
const NSK_HALF_YEARS: Period[] = (() => {
  const first = NSK.versions[0]?.effectiveFrom as CalendarDate;
  const latest = NSK.versions.at(-1)?.effectiveFrom as CalendarDate;
  const firstYear = dateParts(first).year;
  const lastYear = Math.max(firstYear + 7, dateParts(latest).year + 1);
  const halfYears: Period[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (const half of [
      { from: `${year}-01-01`, to: `${year}-06-30` },
      { from: `${year}-07-01`, to: `${year}-12-31` },
    ] as Period[])
      if (half.from >= first) halfYears.push(half);
  }
  return halfYears;
})();
const halfYearArbitrary: fc.Arbitrary<Period> = fc.constantFrom(...NSK_HALF_YEARS);

/** The day NSK's first version counts VSAC exits from (R1): eligible-ish persons left a VSAC in the half-year after it. */
const EXIT_CUTOFF = parameterOf(NSK.versions[0] as RuleVersion, 'exitCutoff') as CalendarDate;

/** A sub-period of `within` with at least `minDays` days (the whole of it in about a quarter of the runs). */
function subPeriod(within: Period, minDays = 1): fc.Arbitrary<Period> {
  const length = daysInclusive(within.from, within.to);
  const part = fc
    .tuple(fc.integer({ min: 0, max: length - 1 }), fc.integer({ min: 0, max: length - 1 }))
    .filter(([a, b]) => Math.abs(a - b) + 1 >= minDays)
    .map(([a, b]) => ({ from: plus(within.from, Math.min(a, b)), to: plus(within.from, Math.max(a, b)) }));
  return fc.oneof({ weight: 1, arbitrary: fc.constant(within) }, { weight: 3, arbitrary: part });
}

/** A run of days inside `period`, short or long. */
function daysInside(period: Period, minDays = 1): fc.Arbitrary<Period> {
  return subPeriod(period, minDays);
}

/**
 * NSK persons: the shared random persons (most of them not eligible), and persons built to be eligible (T1 adults
 * out of a VSAC since the exit cut-off, with a municipal service in their plan) whose VSAC exit or DI compensation may
 * end inside the period, so that lines straddle eligibility boundaries.
 */
function nskPersonArbitrary(period: Period): fc.Arbitrary<{ person: Body; services: Body[] }> {
  const nearPeriod = dateBetween(plus(period.from, -30), period.to);
  const eligibleish = fc.record({
    person: fc.record({
      birthDate: dateBetween('1940-01-01', '2000-12-31'),
      conditions: fc.constantFrom(
        [{ type: 'mental_disorder', severity: 'severe' }],
        [
          { type: 'mental_disorder', severity: 'very_severe' },
          { type: 'blindness', severity: 'mild' },
        ],
      ),
      disabilityGroup: fc.constantFrom('I', 'II', 'III', null),
      vsacExit: fc.record({
        date: fc.oneof(dateBetween(EXIT_CUTOFF, plus(EXIT_CUTOFF, 183)), nearPeriod),
        service: fc.constantFrom('institutional_care', 'group_home'),
      }),
      receivedDiServices: fc.boolean(),
      nskAsChild: fc.boolean(),
      residence: fc.constantFrom('own_home', 'social_house', 'group_home', 'family'),
    }),
    services: fc
      .tuple(servicesArbitrary, fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: nearPeriod }))
      .map(([services, diCompensatedUntil]) => [{ type: 'day_care_centre', inPlan: true, funding: 'municipality', diCompensatedUntil }, ...services]),
  });
  const random = fc.record({ person: personArbitrary as fc.Arbitrary<Body>, services: servicesArbitrary as fc.Arbitrary<Body[]> });
  return fc.oneof({ weight: 1, arbitrary: random }, { weight: 3, arbitrary: eligibleish as fc.Arbitrary<{ person: Body; services: Body[] }> });
}

function costLineArbitrary(period: Period, minDays = 1): fc.Arbitrary<Body> {
  return fc
    .record({
      service: fc.constantFrom(...SERVICE_TYPES),
      days: daysInside(period, minDays),
      amount: amountArbitrary,
      funding: fc.oneof(fc.constant('municipality'), fc.constantFrom(...FUNDINGS)),
      inPlan: fc.oneof(fc.constant(true), fc.boolean()),
      diCompensatedUntil: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: dateBetween(plus(period.from, -10), period.to) }),
    })
    .map(({ days, ...line }) => ({
      service: line.service,
      from: days.from,
      to: days.to,
      amount: line.amount,
      funding: line.funding,
      inPlan: line.inPlan,
      diCompensatedUntil: line.diCompensatedUntil,
    }));
}

interface NskCase {
  halfYear: Period;
  period: Period;
  body: Body;
}

/** An NSK request: one whole half-year (NSK is claimed once per half-year), a person, their services and 0–8 cost lines. */
function nskCaseArbitrary(options: { minLines?: number } = {}): fc.Arbitrary<NskCase> {
  return halfYearArbitrary.chain((halfYear) =>
    fc.constant(halfYear).chain((period) =>
      fc
        .record({ who: nskPersonArbitrary(period), costs: fc.array(costLineArbitrary(period), { minLength: options.minLines ?? 0, maxLength: 8 }) })
        .map(({ who: { person, services }, costs }) => ({
          halfYear,
          period,
          body: { programme: 'nsk', period, person, services, costs },
        })),
    ),
  );
}

/**
 * DI persons: the shared random persons, and adults with a mental disorder in a DI target group; both with a
 * support plan date and a first DI service day near the period, so C3 and C4 boundaries fall inside it often.
 */
const diTargetPerson = fc.record({
  birthDate: dateBetween('1940-01-01', '2004-12-31'),
  conditions: fc.constantFrom([{ type: 'mental_disorder', severity: 'moderate' }], [{ type: 'mental_disorder', severity: 'severe' }]),
  disabilityGroup: fc.constantFrom('I', 'II', 'III', null),
  // Mostly out of the VSAC before DI's years: someone still in a VSAC is neither DI1 nor DI2 (contract v2).
  vsacExit: fc.option(
    fc.record({
      date: fc.oneof({ weight: 3, arbitrary: dateBetween('2014-01-01', '2016-12-31') }, { weight: 1, arbitrary: dateBetween('2017-01-01', '2026-06-30') }),
      service: fc.constantFrom('institutional_care', 'group_home'),
    }),
    { nil: null },
  ),
  receivedDiServices: fc.boolean(),
  nskAsChild: fc.constant(false),
  residence: fc.constantFrom('own_home', 'social_house', 'group_home'),
  inVsac: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

/** DI's years: from its first version's first day, eleven years on and at least to the year after its latest version begins. */
const DI_FIRST_DAY = programmeOf('di').versions[0]?.effectiveFrom as CalendarDate;
const DI_LAST_DAY =
  `${Math.max(dateParts(DI_FIRST_DAY).year + 11, dateParts(programmeOf('di').versions.at(-1)?.effectiveFrom as CalendarDate).year + 1)}-12-31` as CalendarDate;

/** A period in DI's years, up to a year long. */
const diPeriodArbitrary: fc.Arbitrary<Period> = fc
  .tuple(dateBetween(DI_FIRST_DAY, DI_LAST_DAY), fc.integer({ min: 0, max: 365 }))
  .map(([from, length]) => ({ from, to: minDate(plus(from, length), DI_LAST_DAY) }));

function diPersonArbitrary(period: Period): fc.Arbitrary<Body> {
  const nearDate = dateBetween(plus(period.from, -700), period.to);
  return fc
    .tuple(
      fc.oneof({ weight: 1, arbitrary: personArbitrary as fc.Arbitrary<Body> }, { weight: 5, arbitrary: diTargetPerson as fc.Arbitrary<Body> }),
      nearDate,
      nearDate,
    )
    .map(([person, supportPlanDate, diServicesStartedOn]) => ({ ...person, supportPlanDate, diServicesStartedOn }));
}

function deliveryLineArbitrary(period: Period): fc.Arbitrary<Body> {
  return fc
    .record({
      service: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...Object.keys(DI_RATES)) }, { weight: 1, arbitrary: fc.constantFrom(...SERVICE_TYPES) }),
      days: daysInside(period),
      units: fc.constantFrom(10, 200, 5000).chain(decimalString),
      tier: fc.constantFrom('lower', 'higher'),
      procured: fc.boolean(),
      actualCost: amountArbitrary,
    })
    .map(({ service, days, units, tier, procured, actualCost }) => {
      const line: Body = { service, from: days.from, to: days.to, units };
      // rateTier exactly when the service has two rates (A5).
      if (typeof DI_RATES[service] === 'object') line.rateTier = tier;
      line.provision = procured ? 'procured' : 'municipal';
      if (procured) line.actualCost = actualCost;
      return line;
    });
}

const diCaseArbitrary: fc.Arbitrary<{ period: Period; body: Body }> = diPeriodArbitrary.chain((period) =>
  fc.record({ person: diPersonArbitrary(period), deliveries: fc.array(deliveryLineArbitrary(period), { maxLength: 8 }) }).map(({ person, deliveries }) => ({
    period,
    body: { programme: 'di', period, person, deliveries },
  })),
);

// ---------------------------------------------------------------------------------------------------------------
// Asking, counting real answers

/** Runs of one property: how many requests it tried, and how many were answered (not rightly refused). */
class Tally {
  tried = 0;
  answered = 0;
  readonly notes = new Map<string, number>();

  note(what: string, when = true): void {
    if (when) this.notes.set(what, (this.notes.get(what) ?? 0) + 1);
  }

  count(what: string): number {
    return this.notes.get(what) ?? 0;
  }

  /** A large majority of the runs must be real answers, or the property says little. */
  expectMostlyAnswers(minimum: number): void {
    expect(this.answered, `${this.answered} of ${this.tried} runs were answers`).toBeGreaterThanOrEqual(minimum);
    expect(this.answered / this.tried).toBeGreaterThan(0.9);
  }
}

/**
 * The request as the HTTP route would see it. A body the route rightly refuses (a person born after the period's
 * first day — the only way these generators make an invalid body) is skipped with fc.pre; anything else must be an
 * answer.
 */
function ask<T>(tally: Tally, body: Body): T {
  tally.tried += 1;
  const parsed = parseCompensationRequest(structuredClone(body));
  if ('problems' in parsed) {
    const onlyBirthDate = parsed.problems.every((problem) => problem.path === '/person/birthDate');
    if (!onlyBirthDate) throw new Error(`the generator made an invalid request: ${JSON.stringify(parsed.problems)}`);
    fc.pre(false);
  }
  tally.answered += 1;
  return answer<T>((parsed as { question: CompensationQuestion }).question);
}

/** A further question on an already accepted request (split, shuffled): must be answered too. */
function answer<T>(question: CompensationQuestion): T {
  const outcome = answerCompensation(RULES, question);
  if (outcome.kind !== 'answer') throw new Error(`a valid request was refused: ${JSON.stringify(outcome)}`);
  return outcome.body as T;
}

function reask<T>(body: Body): T {
  const parsed = parseCompensationRequest(structuredClone(body));
  if ('problems' in parsed) throw new Error(`a valid request was refused: ${JSON.stringify(parsed.problems)}`);
  return answer<T>(parsed.question);
}

const shuffled = <T>(items: readonly T[]): fc.Arbitrary<{ order: number[]; items: T[] }> =>
  fc
    .shuffledSubarray([...items.keys()], { minLength: items.length, maxLength: items.length })
    .map((order) => ({ order, items: order.map((index) => items[index] as T) }));

const withoutIndex = ({ index: _index, ...line }: { index: number; [key: string]: unknown }): Record<string, unknown> => line;

const NSK_RUNS = 1000;
const DI_RUNS = 1000;

// ---------------------------------------------------------------------------------------------------------------

describe('NSK compensation (capped actual cost), bundled rules', () => {
  it('1. compensation ≤ cap and compensation ≤ eligibleCost', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(nskCaseArbitrary(), ({ body }) => {
        const result = ask<NskBody>(tally, body);
        const compensation = dec(result.compensation);
        expect(compensation.lessThanOrEqualTo(dec(result.cap)), `compensation ${result.compensation} > cap ${result.cap}`).toBe(true);
        expect(compensation.lessThanOrEqualTo(dec(result.eligibleCost)), `compensation ${result.compensation} > eligibleCost ${result.eligibleCost}`).toBe(
          true,
        );
        tally.note('cap binds', dec(result.cap).lessThan(dec(result.eligibleCost)));
        tally.note('eligible cost binds', dec(result.eligibleCost).lessThan(dec(result.cap)));
      }),
      seeded(NSK_RUNS),
    );
    tally.expectMostlyAnswers(NSK_RUNS);
    expect(tally.count('cap binds')).toBeGreaterThan(NSK_RUNS / 20);
    expect(tally.count('eligible cost binds')).toBeGreaterThan(NSK_RUNS / 20);
  });

  it('2. nothing is negative: compensation, eligibleCost, cap, each line’s eligibleAmount', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(nskCaseArbitrary(), ({ body }) => {
        const result = ask<NskBody>(tally, body);
        for (const field of ['compensation', 'eligibleCost', 'cap'] as const) expect(dec(result[field]).isNegative(), `${field} ${result[field]}`).toBe(false);
        for (const line of result.lines) expect(dec(line.eligibleAmount).isNegative(), `line ${line.index} eligibleAmount ${line.eligibleAmount}`).toBe(false);
        tally.note('positive compensation', dec(result.compensation).greaterThan(0));
      }),
      seeded(NSK_RUNS),
    );
    tally.expectMostlyAnswers(NSK_RUNS);
    expect(tally.count('positive compensation')).toBeGreaterThan(NSK_RUNS / 4);
  });

  it("3. cap ≤ the cap of the half-year with every day eligible (A1, the rule files' annual amount), and = it exactly when every day is eligible", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(nskCaseArbitrary(), ({ halfYear, period, body }) => {
        const result = ask<NskBody>(tally, body);
        const cap = dec(result.cap);
        const full = fullHalfYearCap(halfYear);
        expect(full.greaterThan(0), `the full cap of ${halfYear.from}…${halfYear.to}`).toBe(true);
        expect(cap.lessThanOrEqualTo(full), `cap ${result.cap} > ${full.toFixed(2)} for ${halfYear.from}…${halfYear.to}`).toBe(true);
        const wholeHalfYear = period.from === halfYear.from && period.to === halfYear.to;
        const allEligible = result.segments.length > 0 && result.segments.every((segment) => segment.eligible);
        if (wholeHalfYear && allEligible) {
          tally.note('whole half-year eligible');
          expect(cap.equals(full), `cap ${result.cap} for a fully eligible ${period.from}…${period.to}, not ${full.toFixed(2)}`).toBe(true);
        }
        tally.note('some days eligible, cap below the limit', cap.greaterThan(0) && cap.lessThan(full));
      }),
      seeded(NSK_RUNS),
    );
    tally.expectMostlyAnswers(NSK_RUNS);
    expect(tally.count('whole half-year eligible')).toBeGreaterThan(NSK_RUNS / 20);
    expect(tally.count('some days eligible, cap below the limit')).toBeGreaterThan(NSK_RUNS / 20);
  });

  it('4. splitting a cost line in two at a day inside it changes compensation by at most 0.01', () => {
    const tally = new Tally();
    const splitCase = nskCaseArbitrary().chain((nsk) =>
      fc.record({
        nsk: fc.constant(nsk),
        line: costLineArbitrary(nsk.period, 2),
        position: fc.nat(),
        cut: fc.nat(),
      }),
    );
    fc.assert(
      fc.property(splitCase, ({ nsk, line, position, cut }) => {
        const costs = nsk.body.costs as Body[];
        const at = position % (costs.length + 1);
        const whole = { ...nsk.body, costs: [...costs.slice(0, at), line, ...costs.slice(at)] };
        const before = ask<NskBody>(tally, whole);

        // Cut after day k of the line's d days (1 ≤ k < d): the first part gets round-half-up(amount × k ÷ d, 2).
        const from = line.from as CalendarDate;
        const days = daysInclusive(from, line.to as CalendarDate);
        const k = 1 + (cut % (days - 1));
        const amount = dec(line.amount as string);
        const first = cents(amount.times(k).dividedBy(days));
        const second = amount.minus(first);
        const parts = [
          { ...line, to: plus(from, k - 1), amount: first.toFixed(2) },
          { ...line, from: plus(from, k), amount: second.toFixed(2) },
        ];
        const split = { ...nsk.body, costs: [...costs.slice(0, at), ...parts, ...costs.slice(at)] };
        const after = reask<NskBody>(split);

        const change = dec(after.compensation).minus(dec(before.compensation)).abs();
        expect(change.lessThanOrEqualTo('0.01'), `compensation ${before.compensation} → ${after.compensation} after splitting line ${at} after day ${k}`).toBe(
          true,
        );
        const costChange = dec(after.eligibleCost).minus(dec(before.eligibleCost)).abs();
        expect(costChange.lessThanOrEqualTo('0.01'), `eligibleCost ${before.eligibleCost} → ${after.eligibleCost}`).toBe(true);
        const splitLine = before.lines[at] as NskLine;
        tally.note('split line counts, cap does not bind', splitLine.countedDays > 0 && dec(before.eligibleCost).lessThan(dec(before.cap)));
        tally.note('split line counts only in part', splitLine.countedDays > 0 && splitLine.countedDays < splitLine.days);
      }),
      seeded(NSK_RUNS),
    );
    tally.expectMostlyAnswers(NSK_RUNS);
    expect(tally.count('split line counts, cap does not bind')).toBeGreaterThan(NSK_RUNS / 20);
    expect(tally.count('split line counts only in part')).toBeGreaterThan(NSK_RUNS / 50);
  });

  it('5. results do not depend on the order of the lines', () => {
    const tally = new Tally();
    const shuffleCase = nskCaseArbitrary({ minLines: 2 }).chain((nsk) => fc.record({ nsk: fc.constant(nsk), shuffle: shuffled(nsk.body.costs as Body[]) }));
    fc.assert(
      fc.property(shuffleCase, ({ nsk, shuffle }) => {
        const original = ask<NskBody>(tally, nsk.body);
        const reordered = reask<NskBody>({ ...nsk.body, costs: shuffle.items });
        expect({ compensation: reordered.compensation, eligibleCost: reordered.eligibleCost, cap: reordered.cap }).toEqual({
          compensation: original.compensation,
          eligibleCost: original.eligibleCost,
          cap: original.cap,
        });
        shuffle.order.forEach((originalIndex, position) => {
          const moved = reordered.lines[position] as NskLine;
          expect(moved.index).toBe(position);
          expect(withoutIndex(moved)).toEqual(withoutIndex(original.lines[originalIndex] as NskLine));
        });
        tally.note('positive compensation', dec(original.compensation).greaterThan(0));
      }),
      seeded(NSK_RUNS),
    );
    tally.expectMostlyAnswers(NSK_RUNS);
    expect(tally.count('positive compensation')).toBeGreaterThan(NSK_RUNS / 4);
  });

  it('6. each line’s eligibleAmount ≤ its amount', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(nskCaseArbitrary({ minLines: 1 }), ({ body }) => {
        const result = ask<NskBody>(tally, body);
        for (const line of result.lines) {
          expect(
            dec(line.eligibleAmount).lessThanOrEqualTo(dec(line.amount)),
            `line ${line.index}: eligibleAmount ${line.eligibleAmount} > amount ${line.amount}`,
          ).toBe(true);
          tally.note('line counts in full', line.countedDays === line.days && dec(line.amount).greaterThan(0));
          tally.note('line counts in part', line.countedDays > 0 && line.countedDays < line.days);
        }
      }),
      seeded(NSK_RUNS),
    );
    tally.expectMostlyAnswers(NSK_RUNS);
    expect(tally.count('line counts in full')).toBeGreaterThan(NSK_RUNS / 4);
    expect(tally.count('line counts in part')).toBeGreaterThan(NSK_RUNS / 50);
  });
});

describe('DI compensation (unit cost deliveries), bundled rules', () => {
  /** unit cost × units, rounded half-up to cents like every amount the API writes; null when the service has none. */
  function atUnitCost(line: DiLine): D | null {
    const rate = DI_RATES[line.service];
    if (rate === undefined) return null;
    const value = typeof rate === 'string' ? rate : rate[line.rateTier ?? 'lower'];
    return cents(dec(value).times(dec(line.units)));
  }

  it('compensation ≥ 0; each line ≤ unit cost × units; a procured line ≤ its actualCost', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(diCaseArbitrary, ({ body }) => {
        const result = ask<DiBody>(tally, body);
        expect(dec(result.compensation).isNegative(), `compensation ${result.compensation}`).toBe(false);
        for (const line of result.lines) {
          const amount = dec(line.amount);
          expect(amount.isNegative(), `line ${line.index} amount ${line.amount}`).toBe(false);
          const bound = atUnitCost(line);
          if (bound === null) expect(amount.isZero(), `line ${line.index} (${line.service}, no unit cost) amount ${line.amount}`).toBe(true);
          else
            expect(
              amount.lessThanOrEqualTo(bound),
              `line ${line.index}: amount ${line.amount} > ${line.service} unit cost × ${line.units} = ${bound.toFixed(2)}`,
            ).toBe(true);
          if (line.provision === 'procured') {
            expect(amount.lessThanOrEqualTo(dec(line.actualCost as string)), `line ${line.index}: amount ${line.amount} > actualCost ${line.actualCost}`).toBe(
              true,
            );
            tally.note('procured line paid below unit cost', bound !== null && amount.greaterThan(0) && amount.lessThan(bound) && line.compensatedDays > 0);
          }
          tally.note('municipal line paid', line.provision === 'municipal' && amount.greaterThan(0));
        }
        tally.note('positive compensation', dec(result.compensation).greaterThan(0));
      }),
      seeded(DI_RUNS),
    );
    tally.expectMostlyAnswers(DI_RUNS);
    expect(tally.count('positive compensation'), 'runs with a positive compensation').toBeGreaterThan(DI_RUNS / 5);
    expect(tally.count('municipal line paid'), 'municipal lines paid').toBeGreaterThan(DI_RUNS / 5);
    expect(tally.count('procured line paid below unit cost'), 'procured lines paid below unit cost').toBeGreaterThan(DI_RUNS / 20);
  });

  it('results do not depend on the order of the lines', () => {
    const tally = new Tally();
    const shuffleCase = diCaseArbitrary
      .filter(({ body }) => (body.deliveries as Body[]).length >= 2)
      .chain((di) => fc.record({ di: fc.constant(di), shuffle: shuffled(di.body.deliveries as Body[]) }));
    fc.assert(
      fc.property(shuffleCase, ({ di, shuffle }) => {
        const original = ask<DiBody>(tally, di.body);
        const reordered = reask<DiBody>({ ...di.body, deliveries: shuffle.items });
        expect(reordered.compensation).toBe(original.compensation);
        shuffle.order.forEach((originalIndex, position) => {
          const moved = reordered.lines[position] as DiLine;
          expect(moved.index).toBe(position);
          expect(withoutIndex(moved)).toEqual(withoutIndex(original.lines[originalIndex] as DiLine));
        });
        tally.note('positive compensation', dec(original.compensation).greaterThan(0));
      }),
      seeded(DI_RUNS),
    );
    tally.expectMostlyAnswers(DI_RUNS);
    expect(tally.count('positive compensation')).toBeGreaterThan(DI_RUNS / 5);
  });
});
