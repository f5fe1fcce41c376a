import request, { type Response } from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, calendarDate } from '../../src/calendar/calendar-date.js';
import { createApp } from '../../src/http/app.js';
import { MAX_LISTED_PROBLEMS } from '../../src/answer/request-schemas.js';
import { MAX_PERIOD_DAYS } from '../../src/answer/eligibility-request.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { expectNoInternalsIn } from '../support/leaks.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';

/**
 * What a client may send wrong, and what it gets back: always problem+json (RFC 9457), a 400 naming every
 * problem by its JSON path, never a 500, a stack trace, a crash or a polluted prototype.
 */

/**
 * The FICTIONAL fixture rules (test/fixtures/rules): NSK from 2019-01-01, 2023-04-01-fictional open-ended from 2023-04-01;
 * the person of T1_PERSON is eligible on every day from 2019-04-01 under each of their versions.
 */
const ruleSet = ruleSetAt(FIXTURE_RULES);
const unexpectedErrors: unknown[] = [];
const app = createApp(fixedRuleSet(ruleSet), { onUnexpectedError: (error) => unexpectedErrors.push(error) });

/** Every answer to a bad request, for the checks that span all of them. */
const badAnswers: string[] = [];

type Body = Record<string, unknown>;

/** A T1-eligible NSK question on 2024-03-15 (the mutable base of every case). */
function validNsk(): Body {
  return {
    programme: 'nsk',
    date: '2024-03-15',
    person: structuredClone(T1_PERSON),
    services: structuredClone(T1_SERVICES),
  };
}

/** The valid question with top-level fields replaced (`undefined` removes one). */
function withRequest(patch: Body): Body {
  return dropUndefined({ ...validNsk(), ...patch });
}

/** The valid question with person fields replaced (`undefined` removes one). */
function withPerson(patch: Body): Body {
  const base = validNsk();
  return { ...base, person: dropUndefined({ ...(base.person as Body), ...patch }) };
}

/** The valid question with its one service's fields replaced. */
function withService(patch: Body): Body {
  const base = validNsk();
  return { ...base, services: [{ ...(base.services as Body[])[0], ...patch }] };
}

function dropUndefined(body: Body): Body {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** The valid question as JSON text, with raw text spliced in right after `{` of the body or of `"person":{`. */
function validJsonWith(spliceAfter: 'body' | 'person', text: string): string {
  const json = JSON.stringify(validNsk());
  return spliceAfter === 'body' ? json.replace(/^\{/, `{${text},`) : json.replace('"person":{', `"person":{${text},`);
}

function nested(open: string, close: string, depth: number, inner = ''): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

const postJson = (body: unknown): Promise<Response> =>
  request(app)
    .post('/v1/eligibility')
    .send(body as object);
const postText = (text: string, contentType = 'application/json'): Promise<Response> =>
  request(app).post('/v1/eligibility').set('Content-Type', contentType).send(text);

const PROBLEM_KINDS: Record<number, { type: string; title: string }> = {
  400: { type: 'urn:sbsp-rules:problem:invalid-request', title: 'Bad request' },
  404: { type: 'urn:sbsp-rules:problem:not-found', title: 'Not found' },
  405: { type: 'about:blank', title: 'Method not allowed' },
  413: { type: 'urn:sbsp-rules:problem:body-too-large', title: 'Body too large' },
  422: { type: 'urn:sbsp-rules:problem:no-rule-version', title: 'No rule version in force' },
};

/** The answer is an RFC 9457 problem with `status`; `paths`, when given, are exactly its errors' paths, in order. */
function expectProblem(response: Response, status: number, paths?: string[]): void {
  badAnswers.push(response.text);
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json(;|$)/);
  const body = JSON.parse(response.text) as { type: unknown; title: unknown; status: unknown; detail: unknown; errors?: { path: unknown; message: unknown }[] };
  expect(body).toMatchObject({ ...PROBLEM_KINDS[status], status });
  expect(typeof body.detail).toBe('string');
  expect((body.detail as string).length).toBeGreaterThan(0);
  if (status === 400) expect(body.errors, 'a 400 lists its problems').toBeDefined();
  for (const error of body.errors ?? []) {
    expect(typeof error.path).toBe('string');
    expect(typeof error.message).toBe('string');
  }
  if (paths !== undefined) expect(body.errors?.map((error) => error.path)).toEqual(paths);
}

interface BadCase {
  sent: string;
  body: unknown;
  status: number;
  paths?: string[];
}

function runCases(cases: BadCase[]): void {
  it.each(cases.map((badCase) => [badCase.sent, badCase] as const))('%s', async (_sent, { body, status, paths }) => {
    expectProblem(await postJson(body), status, paths);
  });
}

describe('a body that is not a JSON object', () => {
  it.each([
    ['malformed JSON {"programme":', '{"programme":', 'application/json'],
    ['malformed JSON with a trailing comma', '{"programme":"nsk",}', 'application/json'],
    ['a JSON array []', '[]', 'application/json'],
    ['a JSON string "x"', '"x"', 'application/json'],
    ['JSON null', 'null', 'application/json'],
  ])('%s → 400 at the root path ""', async (_sent, text, contentType) => {
    expectProblem(await postText(text, contentType), 400, ['']);
  });

  it('the valid question as text/plain → 415 at the root path "": only JSON is read', async () => {
    expectProblem(await postText(JSON.stringify(validNsk()), 'text/plain'), 415, ['']);
  });

  it('no Content-Type and no body → 400 at the root path ""', async () => {
    expectProblem(await request(app).post('/v1/eligibility'), 400, ['']);
  });

  it('an empty JSON body → 400 naming /programme, /person and the missing day (/date), all at once', async () => {
    expectProblem(await postText(''), 400, ['/programme', '/person', '/date']);
  });
});

describe('wrong types', () => {
  runCases([
    { sent: 'person.birthDate as the number 19850402', body: withPerson({ birthDate: 19850402 }), status: 400, paths: ['/person/birthDate'] },
    { sent: 'services as an object', body: withRequest({ services: { type: 'day_care_centre' } }), status: 400, paths: ['/services'] },
    { sent: 'services[0].inPlan as "yes"', body: withService({ inPlan: 'yes' }), status: 400, paths: ['/services/0/inPlan'] },
    { sent: 'programme as the number 5', body: withRequest({ programme: 5 }), status: 400, paths: ['/programme'] },
    { sent: 'person as a string', body: withRequest({ person: 'Jānis' }), status: 400, paths: ['/person'] },
    { sent: 'person.vsacExit as a string', body: withPerson({ vsacExit: '2019-03-31' }), status: 400, paths: ['/person/vsacExit'] },
    { sent: 'person.diCompensatedUntil as the number 5', body: withPerson({ diCompensatedUntil: 5 }), status: 400, paths: ['/person/diCompensatedUntil'] },
    { sent: 'period as a string', body: withRequest({ date: undefined, period: '2024-01-01/2024-12-31' }), status: 400, paths: ['/period'] },
  ]);
});

describe('impossible dates', () => {
  runCases([
    { sent: 'date 2023-02-30', body: withRequest({ date: '2023-02-30' }), status: 400, paths: ['/date'] },
    { sent: 'date 2023-13-01', body: withRequest({ date: '2023-13-01' }), status: 400, paths: ['/date'] },
    { sent: 'date 2023-02-29 (2023 is not a leap year)', body: withRequest({ date: '2023-02-29' }), status: 400, paths: ['/date'] },
    { sent: 'date 2024-3-15 (not zero-padded)', body: withRequest({ date: '2024-3-15' }), status: 400, paths: ['/date'] },
    { sent: 'person.birthDate 2023-02-30', body: withPerson({ birthDate: '2023-02-30' }), status: 400, paths: ['/person/birthDate'] },
    {
      sent: 'period.from 2023-02-29',
      body: withRequest({ date: undefined, period: { from: '2023-02-29', to: '2023-03-31' } }),
      status: 400,
      paths: ['/period/from'],
    },
    { sent: 'asOf 2024-02-30', body: withRequest({ asOf: '2024-02-30' }), status: 400, paths: ['/asOf'] },
    {
      sent: 'person.vsacExit.date 2019-02-30',
      body: withPerson({ vsacExit: { date: '2019-02-30', service: 'institutional_care' } }),
      status: 400,
      paths: ['/person/vsacExit/date'],
    },
    {
      sent: 'person.diCompensatedUntil 2019-02-30',
      body: withPerson({ diCompensatedUntil: '2019-02-30' }),
      status: 400,
      paths: ['/person/diCompensatedUntil'],
    },
    { sent: 'date 0000-01-01 (there is no year 0)', body: withRequest({ date: '0000-01-01' }), status: 400, paths: ['/date'] },
    { sent: 'person.birthDate 0000-12-31', body: withPerson({ birthDate: '0000-12-31' }), status: 400, paths: ['/person/birthDate'] },
  ]);

  it('an impossible date is one problem with one message, saying what a date must be', async () => {
    const response = await postJson(withRequest({ date: '2023-02-30' }));
    expect(response.body.errors).toEqual([{ path: '/date', message: 'must be a real date (YYYY-MM-DD, years 0001–9999)' }]);
  });

  it('date 2024-02-29 (a leap day) → 200', async () => {
    const response = await postJson(withRequest({ date: '2024-02-29' }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ programme: 'nsk', date: '2024-02-29', eligible: true });
  });
});

describe('unknown enum values', () => {
  runCases([
    { sent: 'person.residence "castle"', body: withPerson({ residence: 'castle' }), status: 400, paths: ['/person/residence'] },
    {
      sent: 'condition type "flu"',
      body: withPerson({ conditions: [{ type: 'flu', severity: 'severe' }] }),
      status: 400,
      paths: ['/person/conditions/0/type'],
    },
    {
      sent: 'condition severity "extreme"',
      body: withPerson({ conditions: [{ type: 'mental_disorder', severity: 'extreme' }] }),
      status: 400,
      paths: ['/person/conditions/0/severity'],
    },
    { sent: 'service funding "lottery"', body: withService({ funding: 'lottery' }), status: 400, paths: ['/services/0/funding'] },
    { sent: 'service type "spa"', body: withService({ type: 'spa' }), status: 400, paths: ['/services/0/type'] },
    { sent: 'person.disabilityGroup "IV"', body: withPerson({ disabilityGroup: 'IV' }), status: 400, paths: ['/person/disabilityGroup'] },
    {
      sent: 'person.vsacExit.service "hotel"',
      body: withPerson({ vsacExit: { date: '2019-03-31', service: 'hotel' } }),
      status: 400,
      paths: ['/person/vsacExit/service'],
    },
    {
      sent: 'residence "castle" and inPlan "yes" together (every problem listed)',
      body: { ...withPerson({ residence: 'castle' }), services: [{ type: 'day_care_centre', inPlan: 'yes', funding: 'municipality' }] },
      status: 400,
      paths: ['/person/residence', '/services/0/inPlan'],
    },
  ]);
});

describe('unknown fields are rejected and named', () => {
  runCases([
    { sent: 'favouriteColour at top level', body: withRequest({ favouriteColour: 'green' }), status: 400, paths: ['/favouriteColour'] },
    { sent: 'favouriteColour in person', body: withPerson({ favouriteColour: 'green' }), status: 400, paths: ['/person/favouriteColour'] },
    { sent: 'favouriteColour in services[0]', body: withService({ favouriteColour: 'green' }), status: 400, paths: ['/services/0/favouriteColour'] },
    {
      sent: 'favouriteColour in person.vsacExit',
      body: withPerson({ vsacExit: { date: '2019-03-31', service: 'institutional_care', favouriteColour: 'green' } }),
      status: 400,
      paths: ['/person/vsacExit/favouriteColour'],
    },
    {
      sent: 'favouriteColour in person.conditions[0]',
      body: withPerson({ conditions: [{ type: 'blindness', favouriteColour: 'green' }] }),
      status: 400,
      paths: ['/person/conditions/0/favouriteColour'],
    },
    {
      sent: 'favouriteColour in period',
      body: withRequest({ date: undefined, period: { from: '2024-01-01', to: '2024-01-31', favouriteColour: 'green' } }),
      status: 400,
      paths: ['/period/favouriteColour'],
    },
    { sent: 'a key with / and ~ in person (escaped in the pointer)', body: withPerson({ 'a/b~c': 1 }), status: 400, paths: ['/person/a~1b~0c'] },
  ]);
});

describe('__proto__ and constructor keys', () => {
  it.each([
    ['{"__proto__":{"polluted":1}} at top level', validJsonWith('body', '"__proto__":{"polluted":1}'), '/__proto__'],
    ['{"constructor":{"prototype":{"polluted":1}}} at top level', validJsonWith('body', '"constructor":{"prototype":{"polluted":1}}'), '/constructor'],
    ['{"__proto__":{"polluted":1}} in person', validJsonWith('person', '"__proto__":{"polluted":1}'), '/person/__proto__'],
    ['{"constructor":{"prototype":{"polluted":1}}} in person', validJsonWith('person', '"constructor":{"prototype":{"polluted":1}}'), '/person/constructor'],
  ])('%s → 400 naming it, Object.prototype untouched', async (_sent, text, path) => {
    expectProblem(await postText(text), 400, [path]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('{"__proto__":{"polluted":1}} as the whole body → 400, Object.prototype untouched', async () => {
    expectProblem(await postText('{"__proto__": {"polluted": 1}}'), 400, ['/programme', '/person', '/__proto__', '/date']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('size and depth', () => {
  it('a 2 MB body → 413', async () => {
    const text = JSON.stringify({ ...validNsk(), padding: 'a'.repeat(2 * 1024 * 1024) });
    expectProblem(await postText(text), 413);
  });

  it.each([
    [
      '10,000 nested arrays as person.birthDate',
      validJsonWith('person', `"birthDate":${nested('[', ']', 10_000)}`).replace('"birthDate":"1985-04-02",', ''),
      ['/person/birthDate'],
    ],
    ['10,000 nested objects in an unknown person field', validJsonWith('person', `"deep":${nested('{"a":', '}', 10_000, '1')}`), ['/person/deep']],
    [
      '100,000 nested arrays as services',
      JSON.stringify(withRequest({ services: undefined })).replace(/\}$/, `,"services":${nested('[', ']', 100_000)}}`),
      ['/services/0'],
    ],
  ])('%s → 400, not 5xx', async (_sent, text, paths) => {
    expectProblem(await postText(text), 400, paths);
  });
});

describe('a body with thousands of mistakes', () => {
  it(`lists the first ${MAX_LISTED_PROBLEMS} problems and counts the rest`, async () => {
    const person: Body = { ...(validNsk().person as Body) };
    for (let index = 0; index < 5000; index += 1) person[`unknown${index}`] = index;
    const response = await postJson(withRequest({ person }));
    expectProblem(response, 400);
    expect(response.body.errors).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(response.body.errors[0]).toEqual({ path: '/person/unknown0', message: 'unknown field "unknown0"' });
    expect(response.body.errors.at(-1)).toEqual({ path: '', message: 'and 4900 more problems' });
  });
});

describe('edges of the calendar', () => {
  it("date 0001-01-01 (before NSK's first version starts) → 422 naming the nearest version", async () => {
    const response = await postJson({ ...withPerson({ birthDate: '0001-01-01' }), date: '0001-01-01' });
    expectProblem(response, 422);
    expect(response.body.detail).toBe('No version of nsk is in force on 0001-01-01. Nearest after: 2019-01-01 (in force from 2019-01-01, adopted 2018-12-18).');
  });

  it('date 9999-12-31 → 200 with a valid answer', async () => {
    const response = await postJson(withRequest({ date: '9999-12-31' }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      programme: 'nsk',
      date: '9999-12-31',
      eligible: true,
      basis: ['T1'],
      ruleset: { version: '2023-04-01-fictional', effectiveTo: null },
    });
  });
});

describe('periods', () => {
  const from = calendarDate('2020-01-01');
  const periodOfDays = (days: number): { from: string; to: string } => ({ from, to: addDays(from, days - 1) as string });

  runCases([
    {
      sent: 'period from 2024-03-15 to 2024-03-14 (from > to)',
      body: withRequest({ date: undefined, period: { from: '2024-03-15', to: '2024-03-14' } }),
      status: 400,
      paths: ['/period/to'],
    },
    {
      sent: `period of MAX_PERIOD_DAYS + 1 (${MAX_PERIOD_DAYS + 1}) days`,
      body: withRequest({ date: undefined, period: periodOfDays(MAX_PERIOD_DAYS + 1) }),
      status: 400,
      paths: ['/period/to'],
    },
    { sent: 'period without to', body: withRequest({ date: undefined, period: { from: '2024-01-01' } }), status: 400, paths: ['/period/to'] },
    { sent: 'both date and period', body: withRequest({ period: { from: '2024-01-01', to: '2024-01-31' } }), status: 400, paths: ['/period'] },
    { sent: 'neither date nor period', body: withRequest({ date: undefined }), status: 400, paths: ['/date'] },
  ]);

  it(`period of exactly MAX_PERIOD_DAYS (${MAX_PERIOD_DAYS}) days → 200`, async () => {
    const period = periodOfDays(MAX_PERIOD_DAYS);
    const response = await postJson(withRequest({ date: undefined, period }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ programme: 'nsk', period, eligibleDays: MAX_PERIOD_DAYS });
  });
});

describe('facts the rules need, and facts that contradict the question', () => {
  runCases([
    { sent: 'person.birthDate 2024-03-16, after date 2024-03-15', body: withPerson({ birthDate: '2024-03-16' }), status: 400, paths: ['/person/birthDate'] },
    {
      sent: 'person.birthDate 2024-02-01, after period.from 2024-01-01',
      body: { ...withPerson({ birthDate: '2024-02-01' }), date: undefined, period: { from: '2024-01-01', to: '2024-03-31' } },
      status: 400,
      paths: ['/person/birthDate'],
    },
    { sent: 'NSK person without residence', body: withPerson({ residence: undefined }), status: 400, paths: ['/person/residence'] },
    { sent: 'NSK question without services', body: withRequest({ services: undefined }), status: 400, paths: ['/services'] },
    { sent: 'person without birthDate', body: withPerson({ birthDate: undefined }), status: 400, paths: ['/person/birthDate'] },
    { sent: 'no person', body: withRequest({ person: undefined }), status: 400, paths: ['/person'] },
    {
      sent: 'condition mental_disorder without severity',
      body: withPerson({ conditions: [{ type: 'mental_disorder' }] }),
      status: 400,
      paths: ['/person/conditions/0/severity'],
    },
  ]);
});

describe('unknown programmes and routes', () => {
  it('programme "lottery-fund" → 404 naming /programme', async () => {
    expectProblem(await postJson(withRequest({ programme: 'lottery-fund' })), 404, ['/programme']);
  });

  it('POST /v1/nowhere → 404', async () => {
    expectProblem(await request(app).post('/v1/nowhere').send(validNsk()), 404);
  });

  // A question is only ever POSTed: any other method on its path has no route, a 404 naming the method and the path.
  it.each([
    ['get', '/v1/eligibility'],
    ['put', '/v1/eligibility'],
    ['get', '/v1/compensation'],
    ['delete', '/v1/compensation'],
  ] as const)('%s %s → 404 naming the method and the path, as problem+json', async (method, path) => {
    const response = await request(app)[method](path);
    expectProblem(response, 404);
    expect(response.body.detail).toBe(`no route ${method.toUpperCase()} ${path}`);
  });
});

describe('after all of the above', () => {
  it('no answer carries a stack trace or a file path', () => {
    expect(badAnswers.length).toBeGreaterThan(50);
    expectNoInternalsIn(badAnswers);
  });

  it('nothing reached the unexpected-error handler', () => {
    expect(unexpectedErrors).toEqual([]);
  });

  it('the app still answers the valid question with 200', async () => {
    const response = await postJson(validNsk());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ programme: 'nsk', date: '2024-03-15', eligible: true, basis: ['T1'], blockers: [] });
  });
});

afterAll(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
