import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { MAX_BODY_BYTES } from '../../src/http/request-body.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { type Listening, listen, send } from './raw-http.js';

/*
 * Issue 18, item 3: bodies were parsed before the token was checked, so anyone could make the service parse 1 MiB of
 * nested JSON. Now a route that needs a token refuses a request without one before reading its body: the 401 goes
 * out at once, and the body is then drained unparsed (the connection stays usable), or, when it is declared larger
 * than any body the service takes or its length is not declared, the connection is closed after the answer.
 */

const SECRET = 'riga-caseworker-secret-0123456789abcdef';
const registry = tokensFromText('SBSP_TOKENS', JSON.stringify([{ id: 'riga-caseworker', role: 'caseworker', municipality: 'riga', secret: SECRET }]));
if (!registry.ok) throw new Error('the test token does not load');

let server: Listening;
beforeAll(async () => {
  server = await listen(
    createApp(fixedRuleSet(bundledRuleSet()), { auth: { mode: 'tokens', tokens: registry.registry }, decisions: new MemoryDecisionStore() }),
  );
});
afterAll(() => server.close());

/** 1 MiB of nested arrays: what costs the JSON parser most per byte. */
const NESTED = Buffer.from(`${'['.repeat(MAX_BODY_BYTES / 2)}${']'.repeat(MAX_BODY_BYTES / 2)}`);

interface Head {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The next whole answer on a raw connection (status line, headers, a Content-Length body), or null if none comes in time. */
function nextReply(socket: Socket, timeoutMilliseconds: number): Promise<Head | null> {
  return new Promise((resolve) => {
    let received = '';
    const finish = (reply: Head | null): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(reply);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...lines] = received.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const body = received.slice(end + 4);
      if (body.length < Number(headers['content-length'] ?? 0)) return;
      finish({ status: Number(statusLine.split(' ')[1]), headers, body });
    };
    const timer = setTimeout(() => finish(null), timeoutMilliseconds);
    socket.on('data', onData);
  });
}

function openConnection(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

const head = (path: string, headers: Record<string, string | number>): string =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;

describe('the token is checked before the body is read', () => {
  it('an unauthenticated 1 MiB body: 401 before the body has been sent, then the body is drained and the connection serves the next request', async () => {
    const socket = await openConnection();
    try {
      socket.write(head('/v1/eligibility', { 'content-type': 'application/json', 'content-length': NESTED.length }));
      socket.write(NESTED.subarray(0, 64 * 1024));
      const refused = await nextReply(socket, 5000);
      expect(refused, 'no answer before the whole body was sent').not.toBeNull();
      expect(refused?.status).toBe(401);
      expect(refused?.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused?.headers.connection).not.toBe('close');
      socket.write(NESTED.subarray(64 * 1024));
      socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      const next = await nextReply(socket, 5000);
      expect(next?.status).toBe(200);
    } finally {
      socket.destroy();
    }
  });

  it('a body declared larger than the limit, without a token: 401 at once, and the connection is closed', async () => {
    const socket = await openConnection();
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    try {
      socket.write(head('/v1/compensation', { 'content-type': 'application/json', 'content-length': 1024 * MAX_BODY_BYTES }));
      socket.write(NESTED.subarray(0, 1024));
      const refused = await nextReply(socket, 5000);
      expect(refused?.status).toBe(401);
      expect(refused?.headers.connection).toBe('close');
      await closed;
    } finally {
      socket.destroy();
    }
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-secret-of-anyone-0123456789' }],
  ])('%s and a body that is not JSON: 401, not 400 (the body is never parsed)', async (_name, headers) => {
    const reply = await send(server.port, 'POST', '/v1/eligibility', { ...headers, 'content-type': 'application/json' }, '{"not json');
    expect(reply.status).toBe(401);
  });

  it('with a valid token the same body is parsed, and refused as not JSON', async () => {
    const reply = await send(server.port, 'POST', '/v1/eligibility', { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, '{"not json');
    expect(reply.status).toBe(400);
  });

  it('a public route never parses a body: a GET with content is refused (400) without reading it', async () => {
    const reply = await send(server.port, 'GET', '/health', { 'content-type': 'application/json' }, NESTED);
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(reply.text)).toMatchObject({ detail: expect.stringContaining('GET') });
  });
});
