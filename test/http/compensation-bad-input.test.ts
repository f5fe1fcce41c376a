import request, { type Response } from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { bundledRuleSet, FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { expectNoInternalsIn } from '../support/leaks.js';
import { DI_PERSON, T1_PERSON, T1_SERVICES } from '../support/requests.js';

/**
 * What a client may send wrong to POST /v1/compensation, and what it gets back: problem+json (RFC 9457), a 400
 * naming each problem by its exact JSON path, never a 500; and a valid claim → 200 with the contract's fields.
 */

const unexpectedErrors: unknown[] = [];
const app = createApp(fixedRuleSet(bundledRuleSet()), { onUnexpectedError: (error) => unexpectedErrors.push(error) });
/**
 * Valid claims are priced with fictional rules, so that their figures are the fixtures', never today's law: NSK with
 * test/fixtures/rules (in 2024, 2023-04-01-fictional: annual amount 8400.00), DI with test/fixtures/fictional-programmes
 * (2015-07-01-fictional: day care centre, higher rate, 20.00 a day).
 */
const fixtureApp = createApp(fixedRuleSet(ruleSetAt(FIXTURE_RULES)), { onUnexpectedError: (error) => unexpectedErrors.push(error) });
const fictionalApp = createApp(fixedRuleSet(ruleSetAt(FICTIONAL_PROGRAMMES)), { onUnexpectedError: (error) => unexpectedErrors.push(error) });

type Body = Record<string, unknown>;

/** A T1-eligible NSK claim for H1 2024 with one municipal cost line (the mutable base of the NSK cases). */
function validNsk(): Body {
  return {
    programme: 'nsk',
    period: { from: '2024-01-01', to: '2024-06-30' },
    person: structuredClone(T1_PERSON),
    services: structuredClone(T1_SERVICES),
    costs: [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-01-31', amount: '620.00', funding: 'municipality', inPlan: true }],
  };
}

/** A DI1 and DI2 claim for March 2017 with one municipal delivery (the mutable base of the DI cases). */
function validDi(): Body {
  return {
    programme: 'di',
    period: { from: '2017-03-01', to: '2017-03-31' },
    person: structuredClone(DI_PERSON),
    deliveries: [{ service: 'day_care_centre', from: '2017-03-01', to: '2017-03-31', units: '21', rateTier: 'higher', provision: 'municipal' }],
  };
}

function dropUndefined(body: Body): Body {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** The valid NSK claim with top-level fields replaced (`undefined` removes one). */
function nskWith(patch: Body): Body {
  return dropUndefined({ ...validNsk(), ...patch });
}

/** The valid NSK claim with its one cost line's fields replaced (`undefined` removes one). */
function nskCost(patch: Body): Body {
  const base = validNsk();
  return { ...base, costs: [dropUndefined({ ...(base.costs as Body[])[0], ...patch })] };
}

/** The valid DI claim with top-level fields replaced (`undefined` removes one). */
function diWith(patch: Body): Body {
  return dropUndefined({ ...validDi(), ...patch });
}

/** The valid DI claim with its one delivery's fields replaced (`undefined` removes one). */
function diDelivery(patch: Body): Body {
  const base = validDi();
  return { ...base, deliveries: [dropUndefined({ ...(base.deliveries as Body[])[0], ...patch })] };
}

const post = (body: unknown): Promise<Response> =>
  request(app)
    .post('/v1/compensation')
    .send(body as object);
/** A valid claim, priced with the fictional rules of its programme. */
const postPriced = (body: Body): Promise<Response> =>
  request(body.programme === 'di' ? fictionalApp : fixtureApp)
    .post('/v1/compensation')
    .send(body);

const PROBLEM_KINDS: Record<number, { type: string; title: string }> = {
  400: { type: 'urn:sbsp-rules:problem:invalid-request', title: 'Bad request' },
  404: { type: 'urn:sbsp-rules:problem:not-found', title: 'Not found' },
};

/** Every answer to a bad request, for the checks that span all of them. */
const badAnswers: string[] = [];

/** The answer is an RFC 9457 problem with `status` whose errors' paths are exactly `paths`, in order. */
function expectProblem(response: Response, status: number, paths: string[]): void {
  badAnswers.push(response.text);
  expect(response.status, response.text).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json(;|$)/);
  const body = JSON.parse(response.text) as { status: unknown; detail: unknown; errors?: { path: unknown; message: unknown }[] };
  expect(body).toMatchObject({ ...PROBLEM_KINDS[status], status });
  expect(typeof body.detail).toBe('string');
  for (const error of body.errors ?? []) {
    expect(typeof error.path).toBe('string');
    expect(typeof error.message).toBe('string');
    expect((error.message as string).length).toBeGreaterThan(0);
  }
  expect(body.errors?.map((error) => error.path)).toEqual(paths);
}

interface BadCase {
  sent: string;
  body: Body;
  status?: number;
  paths: string[];
}

function runCases(cases: BadCase[]): void {
  it.each(cases.map((badCase) => [badCase.sent, badCase] as const))('%s', async (_sent, { body, status, paths }) => {
    expectProblem(await post(body), status ?? 400, paths);
  });
}

describe('money in a cost line (NSK)', () => {
  runCases([
    { sent: 'amount "620.005" (three decimals)', body: nskCost({ amount: '620.005' }), paths: ['/costs/0/amount'] },
    { sent: 'amount "620.1234"', body: nskCost({ amount: '620.1234' }), paths: ['/costs/0/amount'] },
    { sent: 'amount "-5.00" (negative)', body: nskCost({ amount: '-5.00' }), paths: ['/costs/0/amount'] },
    { sent: 'amount "abc" (not a number)', body: nskCost({ amount: 'abc' }), paths: ['/costs/0/amount'] },
    { sent: 'amount "" (empty)', body: nskCost({ amount: '' }), paths: ['/costs/0/amount'] },
    { sent: 'amount "1e3" (exponent)', body: nskCost({ amount: '1e3' }), paths: ['/costs/0/amount'] },
    { sent: 'amount "620,00" (decimal comma)', body: nskCost({ amount: '620,00' }), paths: ['/costs/0/amount'] },
    { sent: 'amount 620 (a JSON number, not a string)', body: nskCost({ amount: 620 }), paths: ['/costs/0/amount'] },
    { sent: 'amount left out', body: nskCost({ amount: undefined }), paths: ['/costs/0/amount'] },
  ]);

  it('a bad amount in the second line is named by its index', async () => {
    const base = validNsk();
    const costs = [
      ...(base.costs as Body[]),
      { service: 'day_care_centre', from: '2024-02-01', to: '2024-02-29', amount: '-1', funding: 'municipality', inPlan: true },
    ];
    expectProblem(await post({ ...base, costs }), 400, ['/costs/1/amount']);
  });
});

describe('units and actual cost in a delivery (DI)', () => {
  runCases([
    { sent: 'units "21.005" (three decimals)', body: diDelivery({ units: '21.005' }), paths: ['/deliveries/0/units'] },
    { sent: 'units "-1" (negative)', body: diDelivery({ units: '-1' }), paths: ['/deliveries/0/units'] },
    { sent: 'units "twenty" (not a number)', body: diDelivery({ units: 'twenty' }), paths: ['/deliveries/0/units'] },
    { sent: 'units 21 (a JSON number, not a string)', body: diDelivery({ units: 21 }), paths: ['/deliveries/0/units'] },
    { sent: 'actualCost "400.001" (three decimals)', body: diDelivery({ provision: 'procured', actualCost: '400.001' }), paths: ['/deliveries/0/actualCost'] },
    { sent: 'actualCost "-400.00" (negative)', body: diDelivery({ provision: 'procured', actualCost: '-400.00' }), paths: ['/deliveries/0/actualCost'] },
    { sent: 'actualCost "four hundred"', body: diDelivery({ provision: 'procured', actualCost: 'four hundred' }), paths: ['/deliveries/0/actualCost'] },
    { sent: 'rateTier "middle"', body: diDelivery({ rateTier: 'middle' }), paths: ['/deliveries/0/rateTier'] },
    { sent: 'provision "donated"', body: diDelivery({ provision: 'donated' }), paths: ['/deliveries/0/provision'] },
  ]);
});

describe('the days of a line', () => {
  runCases([
    { sent: 'cost line from 2024-01-31 to 2024-01-01 (from > to)', body: nskCost({ from: '2024-01-31', to: '2024-01-01' }), paths: ['/costs/0/to'] },
    { sent: 'delivery from 2017-03-31 to 2017-03-01 (from > to)', body: diDelivery({ from: '2017-03-31', to: '2017-03-01' }), paths: ['/deliveries/0/to'] },
    { sent: 'cost line from 2024-02-30 (no such day)', body: nskCost({ from: '2024-02-30' }), paths: ['/costs/0/from'] },
    { sent: 'cost line wholly after the period', body: nskCost({ from: '2024-07-01', to: '2024-07-31' }), paths: ['/costs/0'] },
    { sent: 'delivery wholly before the period', body: diDelivery({ from: '2017-02-01', to: '2017-02-28' }), paths: ['/deliveries/0'] },
  ]);
});

describe('lines sent to the wrong programme', () => {
  runCases([
    {
      sent: 'NSK claim with deliveries instead of costs',
      body: nskWith({ costs: undefined, deliveries: validDi().deliveries }),
      paths: ['/costs', '/deliveries'],
    },
    { sent: 'NSK claim with costs and deliveries', body: nskWith({ deliveries: validDi().deliveries }), paths: ['/deliveries'] },
    { sent: 'DI claim with costs instead of deliveries', body: diWith({ deliveries: undefined, costs: validNsk().costs }), paths: ['/deliveries', '/costs'] },
    { sent: 'DI claim with deliveries and costs', body: diWith({ costs: validNsk().costs }), paths: ['/costs'] },
  ]);

  it('the message names the field the programme compensates', async () => {
    const response = await post(nskWith({ deliveries: validDi().deliveries }));
    expect(response.body.errors[0].message).toContain('costs');
  });
});

describe('unknown and missing fields', () => {
  runCases([
    { sent: 'favouriteColour in a cost line', body: nskCost({ favouriteColour: 'green' }), paths: ['/costs/0/favouriteColour'] },
    { sent: 'units in a cost line (a delivery field)', body: nskCost({ units: '3' }), paths: ['/costs/0/units'] },
    { sent: 'favouriteColour in a delivery', body: diDelivery({ favouriteColour: 'green' }), paths: ['/deliveries/0/favouriteColour'] },
    { sent: 'favouriteColour at the top level', body: nskWith({ favouriteColour: 'green' }), paths: ['/favouriteColour'] },
    { sent: 'NSK claim without costs', body: nskWith({ costs: undefined }), paths: ['/costs'] },
    { sent: 'DI claim without deliveries', body: diWith({ deliveries: undefined }), paths: ['/deliveries'] },
    { sent: 'a cost line without inPlan', body: nskCost({ inPlan: undefined }), paths: ['/costs/0/inPlan'] },
    { sent: 'a cost line without funding', body: nskCost({ funding: undefined }), paths: ['/costs/0/funding'] },
    { sent: 'a delivery without provision', body: diDelivery({ provision: undefined }), paths: ['/deliveries/0/provision'] },
    { sent: 'costs as an object', body: nskWith({ costs: (validNsk().costs as Body[])[0] }), paths: ['/costs'] },
    { sent: 'NSK claim without period', body: nskWith({ period: undefined }), paths: ['/period'] },
    { sent: 'NSK claim with date instead of period', body: nskWith({ period: undefined, date: '2024-03-15' }), paths: ['/period', '/date'] },
    {
      sent: 'NSK person without residence',
      body: nskWith({ person: dropUndefined({ ...(validNsk().person as Body), residence: undefined }) }),
      paths: ['/person/residence'],
    },
    { sent: 'approvedOn 2024-02-30', body: nskWith({ approvedOn: '2024-02-30' }), paths: ['/approvedOn'] },
  ]);
});

describe('periods and programmes', () => {
  runCases([
    { sent: 'NSK period across two half-years', body: nskWith({ period: { from: '2024-06-01', to: '2024-07-31' } }), paths: ['/period'] },
    { sent: 'period from > to', body: nskWith({ period: { from: '2024-06-30', to: '2024-01-01' } }), paths: ['/period/to'] },
    { sent: 'programme "lottery-fund"', body: nskWith({ programme: 'lottery-fund' }), status: 404, paths: ['/programme'] },
  ]);
});

describe('a valid claim', () => {
  it('NSK → 200 with decisionId and the contract fields', async () => {
    const response = await postPriced(nskWith({ approvedOn: '2024-12-20' }));
    expect(response.status, response.text).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.body as Record<string, unknown>;
    expect(typeof body.decisionId).toBe('string');
    expect((body.decisionId as string).length).toBeGreaterThan(0);
    expect(body).toMatchObject({
      programme: 'nsk',
      period: { from: '2024-01-01', to: '2024-06-30' },
      compensation: '620.00',
      eligibleCost: '620.00',
      // 8400.00 × 0.5: a whole eligible half-year under 2023-04-01-fictional.
      cap: '4200.00',
      reportDue: '2024-07-15',
      paymentDue: '2025-01-13',
    });
    for (const money of ['compensation', 'eligibleCost', 'cap']) expect(body[money]).toMatch(/^\d+\.\d{2}$/);
    expect(body.segments).toEqual([expect.objectContaining({ from: '2024-01-01', to: '2024-06-30', eligible: true, basis: ['T1'], blockers: [] })]);
    expect(body.lines).toEqual([expect.objectContaining({ index: 0, eligibleAmount: '620.00', refs: ['T1'] })]);
    expect(Array.isArray(body.explanation)).toBe(true);
    expect((body.explanation as unknown[]).length).toBeGreaterThan(0);
  });

  it('NSK without approvedOn → no paymentDue', async () => {
    const response = await postPriced(validNsk());
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('paymentDue');
  });

  it('DI → 200 with decisionId, each line with unitCost, amount and ref C1', async () => {
    const response = await postPriced(validDi());
    expect(response.status, response.text).toBe(200);
    const body = response.body as Record<string, unknown>;
    expect(typeof body.decisionId).toBe('string');
    // 21 days × 20.00 (the fictional higher day care centre rate) = 420.00.
    expect(body).toMatchObject({ programme: 'di', period: { from: '2017-03-01', to: '2017-03-31' }, compensation: '420.00' });
    expect(body.lines).toEqual([expect.objectContaining({ index: 0, unitCost: '20.00', amount: '420.00', ref: 'C1' })]);
    expect(Array.isArray(body.segments)).toBe(true);
    expect(Array.isArray(body.explanation)).toBe(true);
  });

  it('two valid claims get different decision ids', async () => {
    const [first, second] = await Promise.all([postPriced(validNsk()), postPriced(validNsk())]);
    expect(first.body.decisionId).not.toBe(second.body.decisionId);
  });
});

describe('after all of the above', () => {
  it('no answer carries a stack trace or a file path', () => {
    expect(badAnswers.length).toBeGreaterThan(30);
    expectNoInternalsIn(badAnswers);
  });

  it('nothing reached the unexpected-error handler', () => {
    expect(unexpectedErrors).toEqual([]);
  });
});

afterAll(() => {
  expect(unexpectedErrors).toEqual([]);
});

describe('approvedOn', () => {
  it.each([
    ['on the last day of the half-year', '2024-06-30', 400],
    ['before the half-year began', '2023-01-01', 400],
    ['the day after the half-year', '2024-07-01', 200],
  ])('%s (%s) → %i', async (_name, approvedOn, status) => {
    const body = {
      programme: 'nsk',
      period: { from: '2024-01-01', to: '2024-06-30' },
      approvedOn,
      person: {
        birthDate: '1985-04-02',
        conditions: [{ type: 'mental_disorder', severity: 'severe' }],
        vsacExit: { date: '2019-03-31', service: 'institutional_care' },
        receivedDiServices: false,
        nskAsChild: false,
        residence: 'own_home',
      },
      services: [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }],
      costs: [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-06-30', amount: '100.00', funding: 'municipality', inPlan: true }],
    };
    const response = await request(fixtureApp).post('/v1/compensation').send(body);
    expect(response.status).toBe(status);
    if (status === 400) expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['/approvedOn']);
  });
});
