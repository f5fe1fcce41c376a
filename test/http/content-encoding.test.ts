import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { type AppOptions, createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { EXAMPLE_REQUESTS } from '../decisions/example-requests.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { jsonOf, type Listening, listen, send } from './raw-http.js';

/*
 * Issue 18, item 1: a body whose Content-Encoding is broken (not gzip, deflate or br at all, though it says it is)
 * was answered 500 on every route, /health included, without a token. It is the client's mistake: 400 (or 415),
 * as problem+json, on every route, in both modes.
 */

const SECRET = 'riga-officer-secret-0123456789abcdef';
const registry = tokensFromText('SBSP_TOKENS', JSON.stringify([{ id: 'riga-officer', role: 'officer', municipality: 'riga', secret: SECRET }]));
if (!registry.ok) throw new Error('the test token does not load');

const eligibility = EXAMPLE_REQUESTS.find((example) => example.endpoint === '/v1/eligibility')?.body ?? {};
const unexpected: unknown[] = [];
const common: AppOptions = { reload: () => ({ reloaded: true, generation: 2 }), onUnexpectedError: (error) => unexpected.push(error) };
const modes = {
  'open development mode': { options: common, headers: {} },
  'tokens mode, with an officer token': {
    options: { ...common, auth: { mode: 'tokens' as const, tokens: registry.registry } },
    headers: { authorization: `Bearer ${SECRET}` },
  },
};

const ENCODINGS = ['gzip', 'deflate', 'br'] as const;
const ENCODE: Record<(typeof ENCODINGS)[number], (data: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

const listening = new Map<string, { server: Listening; decisionId: string }>();
beforeAll(async () => {
  for (const [mode, { options, headers }] of Object.entries(modes)) {
    const server = await listen(createApp(fixedRuleSet(bundledRuleSet()), { ...options, decisions: new MemoryDecisionStore() }));
    const made = await send(server.port, 'POST', '/v1/eligibility', { ...headers, 'content-type': 'application/json' }, JSON.stringify(eligibility));
    expect(made.status, made.text).toBe(200);
    listening.set(mode, { server, decisionId: String(jsonOf(made).decisionId) });
  }
});
afterAll(async () => {
  for (const { server } of listening.values()) await server.close();
});

/** Every route of the service: the public ones, the evaluating ones, decisions and administration. */
const ROUTES = (decisionId: string): Array<[string, string]> => [
  ['GET', '/health'],
  ['GET', '/openapi.yaml'],
  ['GET', '/'],
  ['GET', '/v1/programmes'],
  ['GET', '/v1/programmes/nsk'],
  ['GET', '/v1/decisions'],
  ['GET', `/v1/decisions/${decisionId}`],
  ['POST', `/v1/decisions/${decisionId}/replay`],
  ['POST', '/v1/eligibility'],
  ['POST', '/v1/compensation'],
  ['POST', '/v1/admin/reload'],
];

describe.each(Object.entries(modes))('a body with a broken Content-Encoding, %s', (mode, { headers }) => {
  it.each(ENCODINGS)('Content-Encoding: %s on every route → 400 or 415 problem+json, never 500', async (encoding) => {
    const { server, decisionId } = listening.get(mode) as { server: Listening; decisionId: string };
    for (const [method, path] of ROUTES(decisionId)) {
      const reply = await send(server.port, method, path, { ...headers, 'content-type': 'application/json', 'content-encoding': encoding }, 'not gzip');
      expect([400, 415], `${method} ${path} → ${reply.status} ${reply.text}`).toContain(reply.status);
      expect(reply.headers['content-type'], `${method} ${path}`).toMatch(/^application\/problem\+json/);
    }
    expect(unexpected).toEqual([]);
  });
});

describe('bodies that are encoded', () => {
  it.each(ENCODINGS)('a request compressed with %s is answered as the plain one', async (encoding) => {
    const { server } = listening.get('open development mode') as { server: Listening };
    const body = ENCODE[encoding](Buffer.from(JSON.stringify(eligibility)));
    const reply = await send(server.port, 'POST', '/v1/eligibility', { 'content-type': 'application/json', 'content-encoding': encoding }, body);
    expect(reply.status, reply.text).toBe(200);
  });

  it('a broken body says which encoding failed, at the root path', async () => {
    const { server } = listening.get('open development mode') as { server: Listening };
    const reply = await send(server.port, 'POST', '/v1/eligibility', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'not gzip');
    expect(reply.status).toBe(400);
    expect(jsonOf(reply)).toMatchObject({ status: 400, errors: [{ path: '', message: expect.stringContaining('gzip') }] });
  });

  it('an encoding the service does not know → 415', async () => {
    const { server } = listening.get('open development mode') as { server: Listening };
    const reply = await send(server.port, 'POST', '/v1/eligibility', { 'content-type': 'application/json', 'content-encoding': 'zstd' }, 'whatever');
    expect(reply.status).toBe(415);
  });

  it('a gzip bomb (10 MiB of JSON in a few KB) → 413: the limit is on the decoded body', async () => {
    const { server } = listening.get('open development mode') as { server: Listening };
    const bomb = gzipSync(Buffer.from(`{"programme":"${'0'.repeat(10 * 1024 * 1024)}"}`));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const reply = await send(server.port, 'POST', '/v1/eligibility', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, bomb);
    expect(reply.status).toBe(413);
  });
});
