import { readFileSync } from 'node:fs';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import type { DecisionRecord, DecisionSummary } from '../../src/decisions/decision-record.js';
import { type DecisionPage, StoreUnavailable } from '../../src/decisions/decision-store.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { SEARCH_PARAMETERS } from '../../src/decisions/search-parameters.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { schemaPath } from '../../src/rules/schema-location.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { decisionsOverAMonth, newestFirst } from '../support/searchable-decisions.js';

/** GET /v1/decisions (contract v2): filters, cursor paging, newest first, scoped by role and municipality as reads are. */

const TOKENS = [
  { id: 'auditor-state', role: 'auditor', municipality: 'state' },
  { id: 'caseworker-riga', role: 'caseworker', municipality: 'riga' },
  { id: 'caseworker-liepaja', role: 'caseworker', municipality: 'liepaja' },
  { id: 'officer-riga', role: 'officer', municipality: 'riga' },
] as const;
type TokenId = (typeof TOKENS)[number]['id'];
const secretOf = (id: TokenId): string => `${id}-secret-0123456789abcdef`;
const registry = tokensFromText(
  'tokens.yaml',
  `tokens:\n${TOKENS.map((token) => `  - { id: ${token.id}, role: ${token.role}, municipality: ${token.municipality}, secret: ${secretOf(token.id)} }`).join('\n')}\n`,
);
if (!registry.ok) throw new Error(JSON.stringify(registry.problems));

const records = decisionsOverAMonth();
const store = new MemoryDecisionStore();
const ruleSet = fixedRuleSet(bundledRuleSet());
const withTokens = createApp(ruleSet, { decisions: store, auth: { mode: 'tokens', tokens: registry.registry } });
const openMode = createApp(ruleSet, { decisions: store });

beforeAll(async () => {
  // Appended in a shuffled order: the answer's order must come from the decisions, not from how they arrived.
  const shuffled = [...records].sort((a, b) => (a.decisionId.slice(-6) < b.decisionId.slice(-6) ? -1 : 1));
  for (const record of shuffled) await store.append(record);
});

function search(query: string, as: TokenId | 'open' = 'auditor-state'): request.Test {
  const get = (as === 'open' ? request(openMode) : request(withTokens)).get(`/v1/decisions${query}`);
  return as === 'open' ? get : get.set('authorization', `Bearer ${secretOf(as)}`);
}

interface Page {
  items: DecisionSummary[];
  next: string | null;
}

/** Every page of a search (`query` without its "?"), following `next`. */
async function allPages(query: string, as: TokenId | 'open' = 'auditor-state'): Promise<{ items: DecisionSummary[]; pages: Page[] }> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const response = await search(`?${[query, cursor === null ? '' : `cursor=${cursor}`].filter(Boolean).join('&')}`, as).expect(200);
    const page = response.body as Page;
    pages.push(page);
    cursor = page.next;
    expect(pages.length, 'paging never ends').toBeLessThan(200);
  } while (cursor !== null);
  return { items: pages.flatMap((page) => page.items), pages };
}

const day = (record: DecisionRecord): string => record.time.slice(0, 10);
const expected = (keep: (record: DecisionRecord) => boolean): DecisionSummary[] => newestFirst(records.filter(keep));

describe('GET /v1/decisions: filters (an auditor, one page of 500)', () => {
  const FILTERS: Array<{ name: string; query: string; keep: (record: DecisionRecord) => boolean }> = [
    { name: 'no filter: every decision', query: '', keep: () => true },
    { name: 'programme=nsk', query: 'programme=nsk', keep: (record) => record.outcome.programme === 'nsk' },
    { name: 'programme=ibm', query: 'programme=ibm', keep: (record) => record.outcome.programme === 'ibm' },
    { name: 'programme=vsac-admission (none made)', query: 'programme=vsac-admission', keep: () => false },
    { name: 'municipality=liepaja', query: 'municipality=liepaja', keep: (record) => record.caller.municipality === 'liepaja' },
    { name: 'from=2024-07-10 (the day itself included)', query: 'from=2024-07-10', keep: (record) => day(record) >= '2024-07-10' },
    { name: 'to=2024-06-30 (the day itself included)', query: 'to=2024-06-30', keep: (record) => day(record) <= '2024-06-30' },
    { name: 'from=to=2024-07-01 (one day)', query: 'from=2024-07-01&to=2024-07-01', keep: (record) => day(record) === '2024-07-01' },
    { name: 'eligible=true', query: 'eligible=true', keep: (record) => record.outcome.eligible === true },
    { name: 'eligible=false', query: 'eligible=false', keep: (record) => record.outcome.eligible === false },
    {
      name: 'all of them together',
      query: 'programme=nsk&municipality=riga&from=2024-06-28&to=2024-07-20&eligible=true',
      keep: (record) =>
        record.outcome.programme === 'nsk' &&
        record.caller.municipality === 'riga' &&
        day(record) >= '2024-06-28' &&
        day(record) <= '2024-07-20' &&
        record.outcome.eligible === true,
    },
  ];

  it.each(FILTERS)('$name', async ({ query, keep }) => {
    const response = await search(`?limit=500${query === '' ? '' : `&${query}`}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ items: expected(keep), next: null });
  });

  it('each filter narrows: none of them answers every decision or, but the vsac one, none', () => {
    for (const { name, keep } of FILTERS.slice(1, -1)) {
      const kept = records.filter(keep).length;
      if (name.startsWith('programme=vsac')) expect(kept, name).toBe(0);
      else expect(kept, name).toBeGreaterThan(0);
      expect(kept, name).toBeLessThan(records.length);
    }
    expect(records.filter(FILTERS.at(-1)?.keep ?? (() => false)).length).toBeGreaterThan(0);
  });

  it("an item is the contract's summary: decisionId, time, programme, endpoint, eligible or compensation, municipality, ruleset", async () => {
    const response = await search('?limit=500').expect(200);
    const items = response.body.items as Array<Record<string, unknown>>;
    const compensation = items.find((item) => item.endpoint === 'compensation');
    const eligibility = items.find((item) => item.endpoint === 'eligibility');
    expect(Object.keys(compensation ?? {}).sort()).toEqual(['compensation', 'decisionId', 'endpoint', 'municipality', 'programme', 'ruleset', 'time']);
    expect(Object.keys(eligibility ?? {}).sort()).toEqual(['decisionId', 'eligible', 'endpoint', 'municipality', 'programme', 'ruleset', 'time']);
    expect(compensation?.compensation).toMatch(/^\d+\.\d{2}$/);
  });
});

describe('GET /v1/decisions: newest first, cursor paging', () => {
  it('without a limit: the 50 newest, and next is the last of them', async () => {
    const response = await search('').expect(200);
    const newest = newestFirst(records);
    expect(response.body.items).toEqual(newest.slice(0, 50));
    expect(response.body.next).toBe(newest[49]?.decisionId);
  });

  it('limit=500 (the most) answers everything at once', async () => {
    const response = await search('?limit=500').expect(200);
    expect(response.body.items).toHaveLength(records.length);
    expect(response.body.next).toBeNull();
  });

  it.each([
    { limit: 10, pages: 11 },
    { limit: 1, pages: 103 },
    { limit: 103, pages: 1 },
  ])('limit=$limit: $pages pages, each decision once, no gap, newest first throughout', async ({ limit, pages }) => {
    const found = await allPages(`limit=${limit}`);
    expect(found.pages).toHaveLength(pages);
    expect(found.pages.slice(0, -1).every((page) => page.items.length === limit)).toBe(true);
    expect(found.items).toEqual(newestFirst(records));
    expect(new Set(found.items.map((item) => item.decisionId)).size).toBe(records.length);
  });

  it('a filtered search pages too (programme=di, eligible=false, limit=4): over more than two pages, as one search would', async () => {
    const found = await allPages('programme=di&eligible=false&limit=4');
    const all = expected((record) => record.outcome.programme === 'di' && record.outcome.eligible === false);
    expect(found.pages.length).toBeGreaterThan(2);
    expect(found.items).toEqual(all);
  });

  it('times strictly fall from one item to the next', async () => {
    const response = await search('?limit=500').expect(200);
    const times = (response.body.items as DecisionSummary[]).map((item) => Date.parse(item.time));
    expect(times.every((time, index) => index === 0 || time < (times[index - 1] as number))).toBe(true);
  });
});

describe('GET /v1/decisions: scoped by role and municipality, as reads are', () => {
  const ofRiga = (record: DecisionRecord) => record.caller.municipality === 'riga';
  const ofLiepaja = (record: DecisionRecord) => record.caller.municipality === 'liepaja';

  it.each([
    { as: 'auditor-state', query: '', keep: () => true, what: 'every decision, of every municipality and of open mode' },
    { as: 'auditor-state', query: '&municipality=riga', keep: ofRiga, what: "Riga's, when it asks for them" },
    { as: 'caseworker-riga', query: '', keep: ofRiga, what: "Riga's only" },
    { as: 'caseworker-riga', query: '&municipality=riga', keep: ofRiga, what: "Riga's, naming its own municipality" },
    { as: 'caseworker-liepaja', query: '', keep: ofLiepaja, what: "Liepāja's only" },
    { as: 'officer-riga', query: '', keep: ofRiga, what: "Riga's only" },
    {
      as: 'officer-riga',
      query: '&programme=nsk',
      keep: (record: DecisionRecord) => ofRiga(record) && record.outcome.programme === 'nsk',
      what: "Riga's NSK ones",
    },
    { as: 'open', query: '', keep: () => true, what: 'every decision (open development mode)' },
  ] as const)('$as sees $what', async ({ as, query, keep }) => {
    const found = await allPages(`limit=20${query}`, as);
    const wanted = expected(keep);
    expect(wanted.length).toBeGreaterThan(0);
    expect(found.items).toEqual(wanted);
  });

  it.each([
    { as: 'caseworker-riga', other: 'liepaja' },
    { as: 'caseworker-liepaja', other: 'riga' },
    { as: 'officer-riga', other: 'liepaja' },
  ] as const)('$as naming municipality=$other → 403 that says so (not an empty page)', async ({ as, other }) => {
    const response = await search(`?municipality=${other}`, as).expect(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'urn:sbsp-rules:problem:forbidden', status: 403 });
    expect(response.body.detail).toBe(
      `token "${as}" (${as.split('-')[0]}, ${as.split('-')[1]}) may not search the decisions of municipality "${other}", only those of ${as.split('-')[1]}`,
    );
  });

  it("a caseworker's cursor from its own search does not open the other municipalities: the next page is still its own", async () => {
    const first = await search('?limit=3', 'caseworker-riga').expect(200);
    const second = await search(`?limit=3&cursor=${first.body.next}`, 'caseworker-riga').expect(200);
    expect([...first.body.items, ...second.body.items]).toEqual(expected(ofRiga).slice(0, 6));
  });

  it('without a token → 401; with an unknown one → 401', async () => {
    const missing = await request(withTokens).get('/v1/decisions').expect(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="sbsp-rules"');
    expect(missing.body).toMatchObject({ type: 'urn:sbsp-rules:problem:unauthenticated' });
    await request(withTokens).get('/v1/decisions').set('authorization', 'Bearer not-a-token-of-this-service-at-all').expect(401);
  });

  it('a bad query from a caller with no token is still a 401 (who asks is settled before what)', async () => {
    await request(withTokens).get('/v1/decisions?from=nonsense').expect(401);
  });
});

describe('GET /v1/decisions: a bad query is one 400 naming every problem at its parameter', () => {
  const uuidOf = records[0]?.decisionId ?? '';
  it.each([
    { name: 'from not a date', query: 'from=yesterday', path: '/from', message: /^must be a real date/ },
    { name: 'from an impossible date (30 February)', query: 'from=2024-02-30', path: '/from', message: /^must be a real date/ },
    { name: 'from a date in another format', query: 'from=15.03.2024', path: '/from', message: /^must be a real date/ },
    { name: 'to an impossible month', query: 'to=2024-13-01', path: '/to', message: /^must be a real date/ },
    { name: 'to with a time', query: 'to=2024-07-01T00:00:00Z', path: '/to', message: /^must be a real date/ },
    { name: 'to before from (a reversed period)', query: 'from=2024-07-02&to=2024-07-01', path: '/to', message: /^is before from \(2024-07-02\)$/ },
    { name: 'eligible neither true nor false', query: 'eligible=yes', path: '/eligible', message: /^must be true or false$/ },
    { name: 'eligible in capitals', query: 'eligible=TRUE', path: '/eligible', message: /^must be true or false$/ },
    { name: 'limit 0', query: 'limit=0', path: '/limit', message: /^must be a whole number from 1 to 500$/ },
    { name: 'limit over 500', query: 'limit=501', path: '/limit', message: /^must be a whole number from 1 to 500$/ },
    { name: 'limit negative', query: 'limit=-5', path: '/limit', message: /^must be a whole number from 1 to 500$/ },
    { name: 'limit a fraction', query: 'limit=2.5', path: '/limit', message: /^must be a whole number from 1 to 500$/ },
    { name: 'limit not a number', query: 'limit=all', path: '/limit', message: /^must be a whole number from 1 to 500$/ },
    { name: 'limit empty', query: 'limit=', path: '/limit', message: /^must be a whole number from 1 to 500$/ },
    { name: 'cursor not a decision id', query: 'cursor=page-2', path: '/cursor', message: /^must be the next of an earlier page/ },
    { name: 'cursor a UUID in capitals', query: `cursor=${uuidOf.toUpperCase()}`, path: '/cursor', message: /^must be the next of an earlier page/ },
    { name: 'programme empty', query: 'programme=', path: '/programme', message: /^must be a programme id of 1 to 100 characters$/ },
    {
      name: 'municipality over 100 characters',
      query: `municipality=${'r'.repeat(101)}`,
      path: '/municipality',
      message: /^must be a municipality of 1 to 100/,
    },
    {
      name: 'an unknown parameter',
      query: 'colour=red',
      path: '/colour',
      message: /^unknown parameter; a search takes programme, municipality, from, to, eligible, limit, cursor$/,
    },
    { name: 'an unknown parameter in brackets', query: 'from[gte]=2024-01-01', path: '/from[gte]', message: /^unknown parameter/ },
    { name: 'a parameter given twice', query: 'from=2024-01-01&from=2024-02-01', path: '/from', message: /^give it once, as one value$/ },
  ])('$name ($query) → 400 at $path', async ({ query, path, message }) => {
    const response = await search(`?${query}`).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'urn:sbsp-rules:problem:invalid-request', status: 400 });
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].path).toBe(path);
    expect(response.body.errors[0].message).toMatch(message);
    expect(response.body.detail).toBe(`${path}: ${response.body.errors[0].message}`);
  });

  it('every problem of a query at once, in one 400, each at its parameter', async () => {
    const response = await search('?programme=&from=2024-02-30&to=soon&eligible=maybe&limit=1000&cursor=x&colour=red&sort=time').expect(400);
    expect(response.body.detail).toBe('8 problems in the request');
    expect((response.body.errors as Array<{ path: string }>).map((error) => error.path).sort()).toEqual(
      ['/colour', '/cursor', '/eligible', '/from', '/limit', '/programme', '/sort', '/to'].sort(),
    );
  });

  it('a reversed period is named with the other problems, not after them', async () => {
    const response = await search('?from=2024-07-02&to=2024-07-01&limit=0').expect(400);
    expect(response.body.errors).toEqual([
      { path: '/to', message: 'is before from (2024-07-02)' },
      { path: '/limit', message: 'must be a whole number from 1 to 500' },
    ]);
  });

  it('a caseworker gets the same 400 (a bad query is not a question of scope)', async () => {
    const response = await search('?eligible=maybe&municipality=liepaja', 'caseworker-riga').expect(400);
    expect(response.body.errors).toEqual([{ path: '/eligible', message: 'must be true or false' }]);
  });

  it('the limits themselves are accepted: limit=1 and limit=500, a cursor that is a decision id, a leap day', async () => {
    await search('?limit=1').expect(200);
    await search('?limit=500').expect(200);
    await search(`?cursor=${uuidOf}`).expect(200);
    await search('?from=2024-02-29&to=2024-02-29').expect(200);
  });
});

describe('GET /v1/decisions when the store cannot answer', () => {
  class DownStore extends MemoryDecisionStore {
    override async search(): Promise<DecisionPage> {
      throw new StoreUnavailable('the database does not answer');
    }
  }

  it('503 problem+json with the reason (never 500, never an empty page)', async () => {
    const response = await request(createApp(ruleSet, { decisions: new DownStore() }))
      .get('/v1/decisions?programme=nsk')
      .expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 503, detail: 'the database does not answer' });
  });
});

describe('GET /v1/decisions in the OpenAPI description (GET /openapi.yaml)', () => {
  const openapi = parse(readFileSync(schemaPath('openapi.yaml'), 'utf8')) as {
    paths: Record<string, { get?: { parameters: Array<{ name: string; in: string }>; responses: Record<string, unknown> } }>;
    components: { schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> };
  };

  it('names every query parameter the route takes, and no other', () => {
    const search = openapi.paths['/v1/decisions']?.get;
    expect(search?.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(SEARCH_PARAMETERS.map((name) => `query:${name}`));
    expect(Object.keys(search?.responses ?? {})).toEqual(['200', '400', '401', '403', '421', '429', '503']);
  });

  it('declares every field of a page and of an item the route answers, and requires those always sent', async () => {
    const page = (await search('?limit=500').expect(200)).body as { items: Array<Record<string, unknown>> };
    const { DecisionPage, DecisionSummary } = openapi.components.schemas;
    expect(Object.keys(DecisionPage?.properties ?? {}).sort()).toEqual(Object.keys(page).sort());
    const sent = new Set(page.items.flatMap((item) => Object.keys(item)));
    expect(Object.keys(DecisionSummary?.properties ?? {}).sort()).toEqual([...sent].sort());
    for (const item of page.items) for (const field of DecisionSummary?.required ?? []) expect(item, field).toHaveProperty(field);
  });
});
