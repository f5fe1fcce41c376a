import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import type { Role } from '../../src/auth/caller.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { LiveRuleSet } from '../../src/reload/live-rule-set.js';
import { bundledRuleSet, FIXTURE_RULES } from '../support/rule-sets.js';
import { EXAMPLE_REQUESTS } from '../decisions/example-requests.js';

const ROLES: Role[] = ['caseworker', 'officer', 'auditor'];
const MUNICIPALITIES = { own: 'riga', other: 'liepaja' } as const;
const secretOf = (role: Role, municipality: string): string => `${role}-of-${municipality}-secret-0123456789`;
const registry = tokensFromText(
  'tokens.yaml',
  `tokens:\n${ROLES.flatMap((role) => Object.values(MUNICIPALITIES).map((municipality) => `  - { id: ${role}-${municipality}, role: ${role}, municipality: ${municipality}, secret: ${secretOf(role, municipality)} }`)).join('\n')}\n`,
);
if (!registry.ok) throw new Error(JSON.stringify(registry.problems));

const eligibility = EXAMPLE_REQUESTS.find((example) => example.endpoint === '/v1/eligibility')?.body;
const compensation = EXAMPLE_REQUESTS.find((example) => example.endpoint === '/v1/compensation')?.body;

const folders: string[] = [];
const lives: LiveRuleSet[] = [];
afterAll(() => {
  for (const live of lives) live.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function liveFixture(): LiveRuleSet {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-rules-access-'));
  folders.push(folder);
  cpSync(FIXTURE_RULES, folder, { recursive: true });
  const loaded = LiveRuleSet.load(folder, { displayRoot: folder });
  if (!loaded.ok) throw new Error('fixture did not load');
  lives.push(loaded.live);
  return loaded.live;
}

// One app serves the bundled rules (evaluation, decisions); reload is of a copy of the fixture, so it can succeed.
const live = liveFixture();
const app = createApp(fixedRuleSet(bundledRuleSet()), {
  auth: { mode: 'tokens', tokens: registry.registry },
  decisions: new MemoryDecisionStore(),
  reload: () => live.reload(),
});
/** A decision of Riga (the "own" municipality), made by Riga's caseworker. */
let rigaDecision = '';
beforeAll(async () => {
  const made = await request(app)
    .post('/v1/eligibility')
    .set('authorization', `Bearer ${secretOf('caseworker', 'riga')}`)
    .send(eligibility)
    .expect(200);
  rigaDecision = made.body.decisionId as string;
});

const ROUTES: Array<{ route: string; send: (secret: string | null) => request.Test; allowed: Record<Role, { own: number; other: number }> }> = [
  {
    route: 'POST /v1/eligibility',
    send: (secret) => withToken(request(app).post('/v1/eligibility'), secret).send(eligibility),
    allowed: { caseworker: { own: 200, other: 200 }, officer: { own: 200, other: 200 }, auditor: { own: 403, other: 403 } },
  },
  {
    route: 'POST /v1/compensation',
    send: (secret) => withToken(request(app).post('/v1/compensation'), secret).send(compensation),
    allowed: { caseworker: { own: 200, other: 200 }, officer: { own: 200, other: 200 }, auditor: { own: 403, other: 403 } },
  },
  {
    route: 'GET /v1/decisions/{id}',
    send: (secret) => withToken(request(app).get(`/v1/decisions/${rigaDecision}`), secret),
    allowed: { caseworker: { own: 200, other: 403 }, officer: { own: 200, other: 403 }, auditor: { own: 200, other: 200 } },
  },
  {
    route: 'POST /v1/decisions/{id}/replay',
    send: (secret) => withToken(request(app).post(`/v1/decisions/${rigaDecision}/replay`), secret),
    allowed: { caseworker: { own: 200, other: 403 }, officer: { own: 200, other: 403 }, auditor: { own: 200, other: 200 } },
  },
  {
    route: 'POST /v1/admin/reload',
    send: (secret) => withToken(request(app).post('/v1/admin/reload'), secret),
    allowed: { caseworker: { own: 403, other: 403 }, officer: { own: 200, other: 200 }, auditor: { own: 403, other: 403 } },
  },
];

function withToken(test: request.Test, secret: string | null): request.Test {
  return secret === null ? test : test.set('authorization', `Bearer ${secret}`);
}

/* Every role against every route, from the decision's own municipality and from another one. */
const BOUNDARIES = ROUTES.flatMap(({ route, send, allowed }) =>
  ROLES.flatMap((role) =>
    (['own', 'other'] as const).map((side) => ({ route, role, side, municipality: MUNICIPALITIES[side], send, expected: allowed[role][side] })),
  ),
);

describe('access by role and municipality (a decision of Riga)', () => {
  it.each(BOUNDARIES)('$route by a $role of $municipality ($side municipality) → $expected', async ({ send, role, municipality, expected }) => {
    const response = await send(secretOf(role, municipality));
    expect(response.status).toBe(expected);
    if (expected === 403)
      expect(response.body).toMatchObject({
        type: 'urn:sbsp-rules:problem:forbidden',
        status: 403,
        detail: expect.stringContaining(`${role}-${municipality}`),
      });
  });

  it.each(ROUTES)('$route without a token → 401 with WWW-Authenticate', async ({ send }) => {
    const response = await send(null);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="sbsp-rules"');
    expect(response.body).toMatchObject({ type: 'urn:sbsp-rules:problem:unauthenticated', status: 401 });
  });

  it.each(ROUTES)('$route with an unknown or malformed token → 401', async ({ send }) => {
    for (const secret of ['caseworker-of-riga-secret-012345678', '', `${secretOf('officer', 'riga')} extra`]) expect((await send(secret)).status).toBe(401);
  });

  it('Basic credentials are not a bearer token → 401', async () => {
    await request(app)
      .post('/v1/eligibility')
      .set('authorization', `Basic ${Buffer.from(`x:${secretOf('caseworker', 'riga')}`).toString('base64')}`)
      .send(eligibility)
      .expect(401);
  });

  it('a missing decision is 404 for whoever may read decisions', async () => {
    await request(app)
      .get('/v1/decisions/01a20277-4725-73f0-8b31-aed4068d68b2')
      .set('authorization', `Bearer ${secretOf('caseworker', 'riga')}`)
      .expect(404);
  });

  it('records the caller of a decision: token id, role, municipality — never the secret', async () => {
    const record = await request(app)
      .get(`/v1/decisions/${rigaDecision}`)
      .set('authorization', `Bearer ${secretOf('auditor', 'liepaja')}`)
      .expect(200);
    expect(record.body.caller).toEqual({ tokenId: 'caseworker-riga', role: 'caseworker', municipality: 'riga' });
    expect(record.text).not.toContain(secretOf('caseworker', 'riga'));
  });

  it.each([
    ['/health', /^application\/json/],
    ['/openapi.yaml', /^application\/yaml/],
    ['/v1/programmes', /^application\/json/],
    ['/v1/programmes/nsk', /^application\/json/],
    ['/', /^text\/html/],
  ])('GET %s stays public: answered 200 without a token', async (path, contentType) => {
    const response = await request(app).get(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(contentType);
  });

  it('/health says the mode: tokens', async () => {
    expect((await request(app).get('/health').expect(200)).body.mode).toBe('tokens');
  });
});

describe('open development mode (no tokens configured)', () => {
  const open = createApp(fixedRuleSet(bundledRuleSet()));

  it('says so on /health', async () => {
    expect((await request(open).get('/health').expect(200)).body.mode).toBe('open-development');
  });

  it('lets a caller without a token evaluate, read and replay, and records the caller as open-development', async () => {
    const made = await request(open).post('/v1/eligibility').send(eligibility).expect(200);
    const record = await request(open).get(`/v1/decisions/${made.body.decisionId}`).expect(200);
    expect(record.body.caller).toEqual({ tokenId: null, role: 'open-development', municipality: null });
    expect((await request(open).post(`/v1/decisions/${made.body.decisionId}/replay`).expect(200)).body).toEqual({
      identical: true,
      answer: made.body,
      recordCheck: { intact: true },
    });
  });

  it('has nothing to reload when its rules are fixed → 409', async () => {
    expect((await request(open).post('/v1/admin/reload').expect(409)).body.detail).toContain('fixed rules');
  });
});

describe('decisions recorded in open development mode, read after the service switched to tokens', () => {
  // One store, as DECISIONS_DIR is kept when TOKENS_FILE is set: the open decisions name no municipality.
  const decisions = new MemoryDecisionStore();
  const before = createApp(fixedRuleSet(bundledRuleSet()), { decisions });
  const after = createApp(fixedRuleSet(bundledRuleSet()), { auth: { mode: 'tokens', tokens: registry.registry }, decisions });
  let openDecision = '';
  beforeAll(async () => {
    openDecision = (await request(before).post('/v1/eligibility').send(eligibility).expect(200)).body.decisionId as string;
  });

  const readers = ROLES.flatMap((role) =>
    Object.values(MUNICIPALITIES).map((municipality) => ({ role, municipality, expected: role === 'auditor' ? 200 : 403 })),
  );

  it.each(readers)('GET /v1/decisions/{id} and its replay by a $role of $municipality → $expected', async ({ role, municipality, expected }) => {
    const secret = secretOf(role, municipality);
    const read = await request(after).get(`/v1/decisions/${openDecision}`).set('authorization', `Bearer ${secret}`);
    const replay = await request(after).post(`/v1/decisions/${openDecision}/replay`).set('authorization', `Bearer ${secret}`);
    expect([read.status, replay.status]).toEqual([expected, expected]);
    if (expected === 200) expect(read.body.caller).toEqual({ tokenId: null, role: 'open-development', municipality: null });
  });

  it('a caseworker’s search does not list it; an auditor’s does', async () => {
    const caseworker = await request(after)
      .get('/v1/decisions')
      .set('authorization', `Bearer ${secretOf('caseworker', 'riga')}`)
      .expect(200);
    const auditor = await request(after)
      .get('/v1/decisions')
      .set('authorization', `Bearer ${secretOf('auditor', 'riga')}`)
      .expect(200);
    const ids = (page: request.Response): string[] => (page.body.items as Array<{ decisionId: string }>).map((decision) => decision.decisionId);
    expect(ids(caseworker)).not.toContain(openDecision);
    expect(ids(auditor)).toContain(openDecision);
  });
});
