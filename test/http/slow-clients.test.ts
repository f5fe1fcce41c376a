import { Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASEWORKER_SECRET, call, endAllServices, type ServiceProcess, serviceEnvironment, startService } from '../support/service-process.js';

/*
 * Issue 18, item 12 (slow clients): 22,000 connections that each sent their request a byte at a time (slowloris)
 * took every file descriptor of the service. The service now caps its connections and the time a request may take
 * to arrive; here with small limits, so the test sees them act in seconds.
 */

const HEADERS_MILLISECONDS = 1000;
const REQUEST_MILLISECONDS = 2000;
const MAX_CONNECTIONS = 80;

let service: ServiceProcess;
beforeAll(async () => {
  service = await startService(
    serviceEnvironment({
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MILLISECONDS),
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_MILLISECONDS),
      HTTP_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
    }),
  );
}, 30_000);
afterAll(() => endAllServices());

interface SlowClient {
  socket: Socket;
  /** Milliseconds from opening to the server closing the connection; resolves when it does. */
  closed: Promise<number>;
  /** What the server sent before it closed the connection. */
  received(): string;
}

/** Opens a connection and sends `head` at once, then `drip` every 250 ms, never finishing the request. */
function slowClient(head: string, drip: string): Promise<SlowClient> {
  return new Promise((resolve, reject) => {
    const opened = Date.now();
    let received = '';
    const socket = connect(service.port, '127.0.0.1');
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - opened)));
    const timer = setInterval(() => {
      if (socket.writable) socket.write(drip);
    }, 250);
    void closed.then(() => clearInterval(timer));
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => {});
    socket.once('connect', () => {
      socket.write(head);
      resolve({ socket, closed, received: () => received });
    });
    socket.once('error', reject);
  });
}

const slowHeaders = (): Promise<SlowClient> => slowClient('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n');

describe('slow clients', () => {
  it('60 clients sending their headers a line every 250 ms: a normal request is answered meanwhile, and each slow one is closed (408) soon after the header time', async () => {
    const slow = await Promise.all(Array.from({ length: 60 }, slowHeaders));
    const agent = new Agent({ keepAlive: false });
    try {
      const started = Date.now();
      const health = await call(agent, service.port, null, 'GET', '/health');
      expect(health.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(HEADERS_MILLISECONDS);
    } finally {
      agent.destroy();
    }
    const lasted = await Promise.all(slow.map((client) => client.closed));
    expect(Math.max(...lasted)).toBeLessThan(HEADERS_MILLISECONDS * 3);
    expect(Math.min(...lasted)).toBeGreaterThanOrEqual(HEADERS_MILLISECONDS - 100);
    expect(slow.every((client) => client.received().startsWith('HTTP/1.1 408'))).toBe(true);
  }, 30_000);

  it(`a body sent a few bytes at a time is cut off after the request time, long before it would end`, async () => {
    const head = [
      'POST /v1/eligibility HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: Bearer ${CASEWORKER_SECRET}`,
      'Content-Type: application/json',
      'Content-Length: 100000',
      '',
      '{"programme":"',
    ].join('\r\n');
    const client = await slowClient(head, 'xxxx');
    expect(await client.closed).toBeLessThan(REQUEST_MILLISECONDS * 3);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it(`connections over the cap (${MAX_CONNECTIONS}) are closed at once; those under it are served`, async () => {
    const clients = await Promise.all(Array.from({ length: MAX_CONNECTIONS + 20 }, slowHeaders));
    const closedAtOnce = await Promise.all(
      clients.map((client) => Promise.race([client.closed, new Promise<null>((done) => setTimeout(() => done(null), 300))])),
    );
    expect(closedAtOnce.filter((lasted) => lasted !== null).length).toBeGreaterThanOrEqual(20);
    await Promise.all(clients.map((client) => client.closed));
    const agent = new Agent({ keepAlive: false });
    try {
      expect((await call(agent, service.port, null, 'GET', '/health')).status).toBe(200);
    } finally {
      agent.destroy();
    }
  }, 30_000);
});
