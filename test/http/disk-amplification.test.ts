import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import type { DecisionRecord } from '../../src/decisions/decision-record.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { SqliteDecisionStore } from '../../src/decisions/sqlite-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, rateLimitFromEnvironment } from '../../src/http/rate-limit.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { EXAMPLE_REQUESTS } from '../decisions/example-requests.js';
import { bundledRuleSet, FICTIONAL_PROGRAMMES, ruleSetAt } from '../support/rule-sets.js';

/*
 * Issue 18, item 4: a 119 KB IBM request made an ~11 MB decision record (92×), and one caseworker token wrote 795 MB
 * of records in 10 s. Records (format 2) keep the request and the answer's sha256, not the answer, so a record is now
 * about the size of its request; and each token has a rate limit.
 */

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const SECRETS = { 'riga-caseworker': 'riga-caseworker-secret-0123456789abcdef', 'liepaja-caseworker': 'liepaja-caseworker-secret-0123456789abc' };
const registry = tokensFromText(
  'SBSP_TOKENS',
  JSON.stringify(Object.entries(SECRETS).map(([id, secret]) => ({ id, role: 'caseworker', municipality: id.split('-')[0], secret }))),
);
if (!registry.ok) throw new Error('the test tokens do not load');
const auth = { mode: 'tokens' as const, tokens: registry.registry };
const eligibility = EXAMPLE_REQUESTS.find((example) => example.endpoint === '/v1/eligibility')?.body ?? {};

/**
 * An IBM claim of `lines` service lines, each over the whole period of 3,659 days: ~119 KB at 970 lines. Priced with the
 * FICTIONAL IBM and DI rules (test/fixtures/fictional-programmes, in force from 2017-03-01, open-ended), so that an
 * amendment of today's IBM (an end to the pilot) does not change what is measured.
 */
const ibmRules = ruleSetAt(FICTIONAL_PROGRAMMES);

function ibmClaim(lines: number): Record<string, unknown> {
  const period = { from: '2017-03-01', to: '2027-03-07' };
  const serviceLines = Array.from({ length: lines }, (_, index) => ({
    service: 'day_care_centre',
    ...period,
    units: String(100 + index),
    funding: 'municipality',
    price: '18.00',
  }));
  return { programme: 'ibm', period, person: { birthDate: '1980-05-10', conditions: [{ type: 'mental_disorder', severity: 'moderate' }] }, serviceLines };
}

/** The bytes of the files in a folder. */
function folderBytes(folder: string): number {
  return readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
}

describe('a decision record is about the size of its request', () => {
  const claim = ibmClaim(970);
  const requestBytes = Buffer.byteLength(JSON.stringify(claim));

  it('a 119 KB IBM claim (970 lines × 3,659 days) makes a record of less than twice its size; its answer is ~100× larger', async () => {
    expect(requestBytes).toBeGreaterThan(115_000);
    expect(requestBytes).toBeLessThan(125_000);
    const records: DecisionRecord[] = [];
    const store = new MemoryDecisionStore();
    const append = store.append.bind(store);
    store.append = (record) => {
      records.push(record);
      return append(record);
    };
    const response = await request(createApp(fixedRuleSet(ibmRules), { decisions: store }))
      .post('/v1/compensation')
      .send(claim);
    expect(response.status).toBe(200);
    expect(Buffer.byteLength(response.text)).toBeGreaterThan(50 * requestBytes);
    expect(records).toHaveLength(1);
    expect(Buffer.byteLength(JSON.stringify(records[0]))).toBeLessThan(2 * requestBytes);
  });

  it('on disk (SQLite), three more such claims grow the store by less than twice their size each', async () => {
    const bytesAfter = async (claims: number): Promise<number> => {
      const folder = mkdtempSync(join(tmpdir(), 'sbsp-record-size-'));
      folders.push(folder);
      const store = await SqliteDecisionStore.open({ directory: folder });
      const app = createApp(fixedRuleSet(ibmRules), { decisions: store });
      for (let sent = 0; sent < claims; sent += 1) expect((await request(app).post('/v1/compensation').send(claim)).status).toBe(200);
      await store.close();
      return folderBytes(folder);
    };
    const perClaim = ((await bytesAfter(4)) - (await bytesAfter(1))) / 3;
    expect(perClaim).toBeLessThan(2 * requestBytes);
  }, 60_000);
});

describe('a rate limit per token', () => {
  const app = createApp(fixedRuleSet(bundledRuleSet()), { auth, decisions: new MemoryDecisionStore(), rateLimitPerMinute: 3 });
  const ask = (id: keyof typeof SECRETS) => request(app).post('/v1/eligibility').set('authorization', `Bearer ${SECRETS[id]}`).send(eligibility);

  it('past its limit a token gets 429 problem+json with Retry-After; another token is not held back', async () => {
    for (let sent = 0; sent < 3; sent += 1) expect((await ask('riga-caseworker')).status).toBe(200);
    const limited = await ask('riga-caseworker');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({ status: 429, detail: expect.stringContaining('3 requests a minute') });
    expect((await ask('liepaja-caseworker')).status).toBe(200);
  });

  it('requests without a valid token are not counted against anyone (they are refused 401 unread)', async () => {
    const fresh = createApp(fixedRuleSet(bundledRuleSet()), { auth, decisions: new MemoryDecisionStore(), rateLimitPerMinute: 1 });
    for (let sent = 0; sent < 5; sent += 1) await request(fresh).post('/v1/eligibility').send(eligibility).expect(401);
    await request(fresh).post('/v1/eligibility').set('authorization', `Bearer ${SECRETS['riga-caseworker']}`).send(eligibility).expect(200);
  });

  it(`is on by default with tokens (${DEFAULT_RATE_LIMIT_PER_MINUTE} a minute), off in open development mode`, async () => {
    const withTokens = await request(createApp(fixedRuleSet(bundledRuleSet()), { auth }))
      .get('/v1/decisions')
      .set('authorization', `Bearer ${SECRETS['riga-caseworker']}`);
    expect(withTokens.headers.ratelimit).toContain(`limit=${DEFAULT_RATE_LIMIT_PER_MINUTE}`);
    const open = createApp(fixedRuleSet(bundledRuleSet()), { rateLimitPerMinute: 1 });
    for (let sent = 0; sent < 3; sent += 1) await request(open).post('/v1/eligibility').send(eligibility).expect(200);
  });

  it.each<[Record<string, string>, 'tokens' | 'open-development', number | null | string]>([
    [{}, 'tokens', DEFAULT_RATE_LIMIT_PER_MINUTE],
    [{}, 'open-development', null],
    [{ RATE_LIMIT_PER_MINUTE: '120' }, 'tokens', 120],
    [{ RATE_LIMIT_PER_MINUTE: 'off' }, 'tokens', null],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'tokens', 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_MINUTE: 'ten' }, 'tokens', 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_MINUTE: '' }, 'tokens', 'RATE_LIMIT_PER_MINUTE'],
  ])('RATE_LIMIT_PER_MINUTE from %j in %s mode → %s', (environment, mode, expected) => {
    const read = rateLimitFromEnvironment(environment, mode);
    if (typeof expected === 'string') expect(read).toMatchObject({ problem: expect.stringContaining(expected) });
    else expect(read).toEqual({ perMinute: expected });
  });
});
