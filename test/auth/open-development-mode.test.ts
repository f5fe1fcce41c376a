import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import { tokensFromEnvironment } from '../../src/auth/tokens-from-environment.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { type Listening, listen, send } from '../http/raw-http.js';
import { bundledRuleSet } from '../support/rule-sets.js';

/*
 * Issue 18, item 5: open development mode (no tokens: every route open) started by accident when a token variable was
 * set but empty; and in it the Host header was not checked, so a page on a DNS-rebinding name could read decisions,
 * and a cross-site form could POST /v1/admin/reload.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let reloads = 0;
let open: Listening;
let withTokens: Listening;
const SECRET = 'riga-officer-secret-0123456789abcdef';
const registry = tokensFromText('SBSP_TOKENS', JSON.stringify([{ id: 'riga-officer', role: 'officer', municipality: 'riga', secret: SECRET }]));
if (!registry.ok) throw new Error('the test token does not load');

beforeAll(async () => {
  const reload = () => {
    reloads += 1;
    return { reloaded: true as const, generation: reloads };
  };
  open = await listen(createApp(fixedRuleSet(bundledRuleSet()), { decisions: new MemoryDecisionStore(), reload }));
  withTokens = await listen(createApp(fixedRuleSet(bundledRuleSet()), { auth: { mode: 'tokens', tokens: registry.registry }, reload }));
});
afterAll(async () => {
  await open.close();
  await withTokens.close();
});

describe('open development mode answers only requests addressed to loopback', () => {
  it.each(['127.0.0.1', '127.0.0.1:3000', 'localhost', 'LocalHost:8080', '[::1]', '[::1]:3000'])('Host: %s → answered', async (host) => {
    expect((await send(open.port, 'GET', '/health', { host })).status).toBe(200);
  });

  it.each(['rebound.example', 'rebound.example:3000', '127.0.0.1.rebound.example', 'localhost.rebound.example', '10.0.0.7', '0.0.0.0:3000', '[::2]'])(
    'Host: %s → 421 problem+json, on a public route and on a decision route',
    async (host) => {
      for (const path of ['/health', '/v1/decisions']) {
        const reply = await send(open.port, 'GET', path, { host });
        expect(reply.status, path).toBe(421);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    },
  );

  it('no Host at all (HTTP/1.0) → 421', async () => {
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(open.port, '127.0.0.1', () => socket.end('GET /health HTTP/1.0\r\n\r\n'));
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.[01] 421 /);
  });

  it('with tokens, the token decides, not the Host', async () => {
    expect((await send(withTokens.port, 'GET', '/health', { host: 'rules.example.lv' })).status).toBe(200);
  });
});

describe('open development mode refuses what a page of another site can make a browser send', () => {
  const reload = (headers: Record<string, string>, body?: string) =>
    send(open.port, 'POST', '/v1/admin/reload', { host: `127.0.0.1:${open.port}`, ...headers }, body);

  it.each<[string, number, Record<string, string>, string | undefined]>([
    ['a form post (urlencoded), even empty', 415, { 'content-type': 'application/x-www-form-urlencoded' }, ''],
    ['a multipart form post', 415, { 'content-type': 'multipart/form-data; boundary=x' }, '--x--\r\n'],
    ['a text/plain form post (JSON in disguise)', 415, { 'content-type': 'text/plain' }, '{"x":1}'],
    ['Sec-Fetch-Site: cross-site', 403, { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, '{}'],
    ['Sec-Fetch-Site: same-site (another port of this machine)', 403, { 'sec-fetch-site': 'same-site' }, undefined],
    ['an Origin of another site', 403, { origin: 'http://rebound.example', 'content-type': 'application/json' }, '{}'],
    ['an Origin of another port', 403, { origin: 'http://127.0.0.1:1' }, undefined],
    ['an opaque Origin (null)', 403, { origin: 'null' }, undefined],
  ])('POST /v1/admin/reload with %s → %i, and nothing is reloaded', async (_name, status, headers, body) => {
    const before = reloads;
    const reply = await reload(headers, body);
    expect(reply.status, reply.text).toBe(status);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reloads).toBe(before);
  });

  it('the same request from the page itself (same origin), or from curl (no Origin, no form type), reloads', async () => {
    const before = reloads;
    const fromPage = await reload({ origin: `http://127.0.0.1:${open.port}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, '{}');
    expect(fromPage.status, fromPage.text).toBe(200);
    expect((await reload({})).status).toBe(200);
    expect(reloads).toBe(before + 2);
  });

  it('a cross-site form post of a question is refused too', async () => {
    const reply = await send(open.port, 'POST', '/v1/eligibility', { host: '127.0.0.1', 'content-type': 'application/x-www-form-urlencoded' }, 'programme=nsk');
    expect(reply.status).toBe(415);
  });
});

describe('a token variable set but empty does not start open development mode', () => {
  it.each([{ SBSP_TOKENS: '' }, { TOKENS_FILE: '' }, { TOKENS_DB: '' }, { SBSP_TOKENS: '  \n' }])('%j is a start-up problem', (environment) => {
    const read = tokensFromEnvironment(environment);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems.map(formatProblem).join('\n')).toMatch(/is set but empty/);
  });

  it('the service refuses to start with SBSP_TOKENS= and says why', async () => {
    const { TOKENS_FILE: _file, TOKENS_DB: _db, ...inherited } = process.env;
    const decisions = mkdtempSync(join(tmpdir(), 'sbsp-empty-tokens-'));
    const started = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: ROOT,
        env: { ...inherited, SBSP_TOKENS: '', PORT: '0', RULES_WATCH: 'off', DECISIONS_DIR: decisions },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
      setTimeout(() => child.kill('SIGKILL'), 20_000);
    });
    rmSync(decisions, { recursive: true, force: true });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('SBSP_TOKENS is set but empty');
  });
});
