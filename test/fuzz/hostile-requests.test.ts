import { Agent, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { hostileRequestArbitrary } from './request-bodies.js';

const RUNS = 10_000;
/** A V8 stack frame as Error.stack prints it: "at name (file:line:column)". */
const STACK_FRAME = /\bat [^\n]*\(?[^\s()]+:\d+:\d+\)?/;

const unexpectedErrors: unknown[] = [];
const store = new MemoryDecisionStore();
const app = createApp(fixedRuleSet(bundledRuleSet()), { decisions: store, onUnexpectedError: (error) => unexpectedErrors.push(error) });
let server: Server;
let base = '';
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Posts a body and resolves with the answer. A body over the limit is answered 413 before it has all been sent,
 * and the server then drops the connection: an error after the answer arrived is that, not a failure.
 */
function post(path: string, text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = httpRequest(
      `${base}${path}`,
      { agent, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
      (incoming) => {
        answered = true;
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (body += chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
        incoming.on('error', () => resolve({ status: incoming.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    outgoing.end(text);
  });
}

beforeAll(async () => {
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      agent.destroy();
      server.close(() => resolve());
    }),
);

describe('hostile request bodies', () => {
  it(`${RUNS} mutated NSK, DI and IBM bodies: each answered 2xx or 4xx, never 5xx, never a stack trace; the app stays up`, async () => {
    const statuses = new Map<number, number>();
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(hostileRequestArbitrary, async ({ endpoint, text }) => {
        const response = await post(endpoint, text);
        const body = response.body;
        answered += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${endpoint} ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
        expect(response.status, `${endpoint} ${text.slice(0, 300)} → ${body.slice(0, 300)}`).toBeLessThan(500);
        expect(STACK_FRAME.test(body), body.slice(0, 300)).toBe(false);
      }),
      { numRuns: RUNS, seed: 7, endOnFailure: true },
    );
    expect(answered).toBe(RUNS);
    const count = (low: number, high: number): number =>
      [...statuses].filter(([status]) => status >= low && status < high).reduce((sum, [, times]) => sum + times, 0);
    expect(count(200, 300) + count(400, 500)).toBe(RUNS);
    // Both kinds occur: the mutations are neither all harmless nor all fatal.
    expect(count(200, 300)).toBeGreaterThan(RUNS / 20);
    expect(count(400, 500)).toBeGreaterThan(RUNS / 2);
    expect(store.size).toBe(count(200, 300));
    expect(unexpectedErrors).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await fetch(`${base}/health`)).status).toBe(200);
    console.info(
      `hostile bodies: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, times]) => `${status}×${times}`)
        .join(', ')}`,
    );
  }, 180_000);
});
