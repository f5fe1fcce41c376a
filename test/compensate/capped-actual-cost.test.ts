import { afterAll, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import { compensationResponse } from '../../src/answer/ask.js';
import { computeCappedActualCost } from '../../src/compensate/capped-actual-cost.js';
import { parameterValue, type CompensationContext } from '../../src/compensate/compensation-context.js';
import type { Segment } from '../../src/evaluate/segments.js';
import type { RuleSet, RuleVersion } from '../../src/rules/model.js';
import { responseData } from '../../src/wire/answer-json.js';
import { editedCopy, inOrder, removeCopies, replace } from '../diff/fictional-edits.js';
import { FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { T1_PERSON } from '../support/requests.js';

/**
 * The NSK kind (cappedActualCost) with the FICTIONAL fixture rules (test/fixtures/rules): 2022-01-01-fictional (annual
 * amount 7085.20, half-year share 0.5, young children "under 5") until 2023-03-31, then 2023-04-01-fictional (annual
 * amount 8400.00); report due on the 15th of the month after the half-year; payment 10 working days (A7) after the
 * report is approved, on the fixture's Latvian calendar. Every answer is asked inside its test.
 */

afterAll(removeCopies);

type Body = Record<string, unknown>;

const fixture = ruleSetAt(FIXTURE_RULES);
const H1_2023 = { from: '2023-01-01', to: '2023-06-30' };
const DAY_CARE = { service: 'day_care_centre', funding: 'municipality', inPlan: true };

/** The fixture's citations, as answers name their sources. */
const REPORT_SOURCE = 'LM, "Valsts atbalsta mērķis" (NSK apraksts, MK 797) — NSK apmērs un saņemšanas kārtība; MK 797 2. pielikums (pārskata forma)';
const PAYMENT_SOURCE =
  'LM, "Valsts atbalsta mērķis" (NSK apraksts, MK 797) — NSK apmērs un saņemšanas kārtība, "LM NSK kompensāciju izmaksā … 10 darbdienu laikā"';
const ELIGIBLE_COST_RULE = 'each line counts its amount × counted days ÷ its days';
const COMPENSATION_RULE = 'the lesser of eligibleCost and cap, rounded once to cents, half-up';

function claim(patch: Body = {}): Body {
  return {
    programme: 'nsk',
    period: H1_2023,
    person: T1_PERSON,
    services: [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }],
    costs: [{ ...DAY_CARE, ...H1_2023, amount: '5000.00' }],
    ...patch,
  };
}

function answer(body: Body, ruleSet: RuleSet = fixture): Body {
  const response = responseData(compensationResponse(ruleSet, body));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Body;
}

function stepsOf(body: Body): Array<{ step: string; [field: string]: unknown }> {
  return body.explanation as Array<{ step: string; [field: string]: unknown }>;
}

function capStepOf(body: Body): { months: unknown[]; limit: unknown; cap: string } {
  const step = stepsOf(body).find((entry) => entry.step === 'cap');
  expect(step).toBeDefined();
  return step as unknown as { months: unknown[]; limit: unknown; cap: string };
}

describe('the steps of an NSK compensation (H1 2023, one 5000.00 line, every day eligible)', () => {
  it('explains cap (A1), eligibleCost (A2), compensation and reportDue, in that order, and no paymentDue without approvedOn', () => {
    const body = answer(claim());
    expect(body).not.toHaveProperty('paymentDue');
    expect(stepsOf(body)).toEqual([
      {
        step: 'cap',
        ref: 'A1',
        // 7085.20 ÷ 12 × 3 + 8400.00 ÷ 12 × 3 = 1771.30 + 2100.00 = 3871.30
        cap: '3871.30',
        months: [
          { month: '2023-01', version: '2022-01-01-fictional', eligibleDays: 31, daysInMonth: 31, annualAmount: '7085.20', amount: '590.433333' },
          { month: '2023-02', version: '2022-01-01-fictional', eligibleDays: 28, daysInMonth: 28, annualAmount: '7085.20', amount: '590.433333' },
          { month: '2023-03', version: '2022-01-01-fictional', eligibleDays: 31, daysInMonth: 31, annualAmount: '7085.20', amount: '590.433333' },
          { month: '2023-04', version: '2023-04-01-fictional', eligibleDays: 30, daysInMonth: 30, annualAmount: '8400.00', amount: '700' },
          { month: '2023-05', version: '2023-04-01-fictional', eligibleDays: 31, daysInMonth: 31, annualAmount: '8400.00', amount: '700' },
          { month: '2023-06', version: '2023-04-01-fictional', eligibleDays: 30, daysInMonth: 30, annualAmount: '8400.00', amount: '700' },
        ],
        // The higher annual amount of the period: 0.5 × 8400.00 = 4200.00 (not binding: 3871.30 < 4200.00).
        limit: { periodShare: '0.5', annualAmount: '8400.00', amount: '4200.00' },
      },
      // 5000.00 × 181 ÷ 181 = 5000.00
      { step: 'eligibleCost', ref: 'A2', eligibleCost: '5000.00', rule: ELIGIBLE_COST_RULE },
      // min(5000.00, 3871.30) = 3871.30
      { step: 'compensation', compensation: '3871.30', rule: COMPENSATION_RULE },
      // 1 month after 2023-06-30, on the 15th
      { step: 'reportDue', reportDue: '2023-07-15', source: REPORT_SOURCE },
    ]);
  });

  it("shows each line's parts with counted (not another key), one part per version", () => {
    const [line] = answer(claim()).lines as Array<{ parts: Array<Record<string, unknown>> }>;
    expect(line?.parts.map(({ lineRules: _lineRules, ...part }) => part)).toEqual([
      { from: '2023-01-01', to: '2023-03-31', days: 90, counted: true, refs: ['T1'], version: '2022-01-01-fictional' },
      { from: '2023-04-01', to: '2023-06-30', days: 91, counted: true, refs: ['T1'], version: '2023-04-01-fictional' },
    ]);
  });

  it('with no eligible day (VSAC exit on 2023-06-30, R1): cap 0.00, no months and no limit', () => {
    const body = answer(claim({ person: { ...T1_PERSON, vsacExit: { date: '2023-06-30', service: 'institutional_care' } } }));
    expect({ cap: body.cap, eligibleCost: body.eligibleCost, compensation: body.compensation }).toEqual({
      cap: '0.00',
      eligibleCost: '0.00',
      compensation: '0.00',
    });
    expect(capStepOf(body)).toEqual({ step: 'cap', ref: 'A1', cap: '0.00', months: [], limit: null });
  });
});

describe('the cap (A1) month by month', () => {
  it('two eligible segments of one version in one month (T3 until the 5th birthday on 2022-03-15, then T4) make one March of 31 days', () => {
    const child = {
      birthDate: '2017-03-15',
      conditions: [
        { type: 'developmental_disorder', severity: 'severe' },
        { type: 'mental_disorder', severity: 'severe' },
      ],
      disabilityGroup: 'I',
      vsacExit: { date: '2021-12-31', service: 'institutional_care' },
      receivedDiServices: false,
      nskAsChild: false,
      residence: 'family',
    };
    const halfYear = { from: '2022-01-01', to: '2022-06-30' };
    const body = answer(claim({ period: halfYear, person: child, costs: [{ ...DAY_CARE, ...halfYear, amount: '1000.00' }] }));
    const segments = body.segments as Array<{ from: string; to: string; eligible: boolean; basis: string[] }>;
    expect(segments.map(({ from, to, eligible, basis }) => ({ from, to, eligible, basis }))).toEqual([
      { from: '2022-01-01', to: '2022-03-14', eligible: true, basis: ['T3'] },
      { from: '2022-03-15', to: '2022-06-30', eligible: true, basis: ['T4'] },
    ]);
    const version = '2022-01-01-fictional';
    const month = (name: string, days: number) => ({
      month: name,
      version,
      eligibleDays: days,
      daysInMonth: days,
      annualAmount: '7085.20',
      amount: '590.433333',
    });
    // March: 14 days (T3) + 17 days (T4) = 31 of 31, 7085.20 ÷ 12 × 31 ÷ 31 = 590.433333; six whole months: 7085.20 ÷ 2 = 3542.60.
    expect(capStepOf(body)).toEqual({
      step: 'cap',
      ref: 'A1',
      cap: '3542.60',
      months: [month('2022-01', 31), month('2022-02', 28), month('2022-03', 31), month('2022-04', 30), month('2022-05', 31), month('2022-06', 30)],
      limit: { periodShare: '0.5', annualAmount: '7085.20', amount: '3542.60' },
    });
  });

  // A FICTIONAL copy of the fixture rules whose second version starts in mid-April 2023 with a LOWER annual amount.
  const lowerMidApril = editedCopy(FIXTURE_RULES, {
    'nsk/versions/2023-04-01-fictional.yaml': inOrder(
      replace('effectiveFrom: "2023-04-01"', 'effectiveFrom: "2023-04-16"'),
      replace('value: "8400.00"', 'value: "6000.00"'),
    ),
  });

  it('a version from 2023-04-16 at 6000.00 a year: April split by version, the limit from the higher annual amount (7085.20), cap 3316.52', () => {
    const body = answer(claim(), ruleSetAt(lowerMidApril));
    // 7085.20 ÷ 12 × 3 = 1771.30; April 1–15: 7085.20 ÷ 12 × 15 ÷ 30 = 295.216667; April 16–30: 6000.00 ÷ 12 × 15 ÷ 30 = 250;
    // May, June: 500 each. Σ = 1771.30 + 295.216667 + 250 + 1000 = 3316.516667 → 3316.52, under the limit
    // 0.5 × max(7085.20, 6000.00) = 3542.60 (the later, lower version's 0.5 × 6000.00 = 3000.00 would bind).
    expect({ cap: body.cap, compensation: body.compensation }).toEqual({ cap: '3316.52', compensation: '3316.52' });
    const step = capStepOf(body);
    expect(step.months).toEqual([
      { month: '2023-01', version: '2022-01-01-fictional', eligibleDays: 31, daysInMonth: 31, annualAmount: '7085.20', amount: '590.433333' },
      { month: '2023-02', version: '2022-01-01-fictional', eligibleDays: 28, daysInMonth: 28, annualAmount: '7085.20', amount: '590.433333' },
      { month: '2023-03', version: '2022-01-01-fictional', eligibleDays: 31, daysInMonth: 31, annualAmount: '7085.20', amount: '590.433333' },
      { month: '2023-04', version: '2022-01-01-fictional', eligibleDays: 15, daysInMonth: 30, annualAmount: '7085.20', amount: '295.216667' },
      { month: '2023-04', version: '2023-04-01-fictional', eligibleDays: 15, daysInMonth: 30, annualAmount: '6000.00', amount: '250' },
      { month: '2023-05', version: '2023-04-01-fictional', eligibleDays: 31, daysInMonth: 31, annualAmount: '6000.00', amount: '500' },
      { month: '2023-06', version: '2023-04-01-fictional', eligibleDays: 30, daysInMonth: 30, annualAmount: '6000.00', amount: '500' },
    ]);
    expect(step.limit).toEqual({ periodShare: '0.5', annualAmount: '7085.20', amount: '3542.60' });
  });
});

describe('approvedOn and paymentDue (A7)', () => {
  it.each([
    { name: 'the last day of the half-year', approvedOn: '2023-06-30' },
    { name: 'a day inside it', approvedOn: '2023-01-15' },
  ])('an approvedOn on $name is refused at /approvedOn', ({ approvedOn }) => {
    const response = responseData(compensationResponse(fixture, claim({ approvedOn })));
    expect(response.status).toBe(400);
    expect((response.body as { errors: unknown }).errors).toEqual([
      { path: '/approvedOn', message: 'is not after the claim period (2023-01-01…2023-06-30); a report is approved after its half-year ends' },
    ]);
  });

  it('approved on Saturday 2023-07-01, the day after the half-year: paid by 2023-07-17', () => {
    // Working days after it: 3, 4, 5, 6, 7 July (5), 10 July a holiday, 11–14 (9), 17 (10).
    expect(answer(claim({ approvedOn: '2023-07-01' })).paymentDue).toBe('2023-07-17');
  });

  it('approved on 2023-07-03: paid by 2023-07-18, the step naming the holiday on 2023-07-10 in between', () => {
    const body = answer(claim({ approvedOn: '2023-07-03' }));
    // Working days after Monday 3 July: 4, 5, 6, 7 (4), 10 July the fixture's one-off holiday, 11–14 (8), 17, 18 (10).
    expect(body.paymentDue).toBe('2023-07-18');
    expect(stepsOf(body).map((step) => step.step)).toEqual(['cap', 'eligibleCost', 'compensation', 'reportDue', 'paymentDue']);
    expect(stepsOf(body).at(-1)).toEqual({
      step: 'paymentDue',
      ref: 'A7',
      approvedOn: '2023-07-03',
      workingDays: 10,
      paymentDue: '2023-07-18',
      holidays: [
        {
          date: '2023-07-10',
          name: { lv: 'Vispārējo latviešu Dziesmu un deju svētku noslēguma diena', en: 'Closing day of the General Latvian Song and Dance Festival' },
        },
      ],
      source: PAYMENT_SOURCE,
    });
  });

  it('approved on 9999-12-24, with fewer than 10 working days left in year 9999: paymentDue null, no holidays listed', () => {
    const halfYear = { from: '9999-01-01', to: '9999-06-30' };
    const body = answer(claim({ period: halfYear, costs: [{ ...DAY_CARE, ...halfYear, amount: '1000.00' }], approvedOn: '9999-12-24' }));
    expect(body.paymentDue).toBeNull();
    expect(stepsOf(body).at(-1)).toEqual({
      step: 'paymentDue',
      ref: 'A7',
      approvedOn: '9999-12-24',
      workingDays: 10,
      paymentDue: null,
      holidays: [],
      source: PAYMENT_SOURCE,
    });
  });
});

describe('what the loader and the caller rule out, refused as programming errors', () => {
  const nsk = fixture.programmes.get('nsk');
  const nskVersion = nsk?.versions.find((version) => version.version === '2022-01-01-fictional') as RuleVersion;
  const fictional = ruleSetAt(FICTIONAL_PROGRAMMES);
  const firstVersionOf = (id: string): RuleVersion => {
    const version = fictional.programmes.get(id)?.versions[0];
    if (!version) throw new Error(`the fictional rules have no ${id}`);
    return version;
  };
  const halfYear = { from: '2023-01-01' as CalendarDate, to: '2023-06-30' as CalendarDate };
  const contextWith = (version: RuleVersion, patch: Partial<CompensationContext> = {}): CompensationContext => ({
    period: halfYear,
    segments: [{ ...halfYear, eligible: true, span: { version } } as unknown as Segment],
    calendars: fixture.calendars,
    emergencies: new Map(),
    programmes: new Map(),
    ...patch,
  });

  it.each([
    { name: 'a DI version (unit cost deliveries)', id: 'di' },
    { name: 'a version with no compensation rules', id: 'vsac-admission' },
  ])('$name is not asked to cap actual costs', ({ id }) => {
    const version = firstVersionOf(id);
    expect(() => computeCappedActualCost(contextWith(version), [])).toThrow(`version ${version.version} is not cappedActualCost (checked by the caller)`);
  });

  it('a calendar the rule set does not have', () => {
    const context = contextWith(nskVersion, { calendars: new Map(), approvedOn: '2023-07-03' as CalendarDate });
    expect(() => computeCappedActualCost(context, [])).toThrow('calendar latvia was not checked at load');
  });

  it('a parameter the version does not declare', () => {
    expect(() => parameterValue(nskVersion, { param: 'noSuchParameter' })).toThrow('parameter noSuchParameter was not checked at load');
  });
});
