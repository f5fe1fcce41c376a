import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASEWORKER_SECRET, call, endAllServices, serviceEnvironment, startService } from '../support/service-process.js';
import { EXAMPLE_REQUESTS } from './example-requests.js';

const BURST = 200;
const CONNECTIONS = 20;
const KILL_AFTER = 60;

afterAll(endAllServices);

describe('no acknowledged decision is lost (SQLite in DECISIONS_DIR)', () => {
  it(`SIGKILL in the middle of a burst of ${BURST} requests over ${CONNECTIONS} connections: after a restart every decisionId answered 200 reads back and replays identically`, async () => {
    const environment = serviceEnvironment();
    const directory = environment.DECISIONS_DIR as string;
    const first = await startService(environment);
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const acknowledged = new Map<string, Record<string, unknown>>();
    let failed = 0;
    let next = 0;
    let killed = false;
    const connection = async (): Promise<void> => {
      while (next < BURST) {
        const example = EXAMPLE_REQUESTS[next % EXAMPLE_REQUESTS.length];
        next += 1;
        try {
          const response = await call(agent, first.port, CASEWORKER_SECRET, 'POST', example?.endpoint as string, example?.body);
          if (response.status === 200) acknowledged.set(response.body.decisionId as string, response.body);
        } catch {
          failed += 1;
        }
        if (!killed && acknowledged.size >= KILL_AFTER) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, connection));
    agent.destroy();
    await first.stop('SIGKILL'); // killed above: this waits for its end
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(failed).toBeGreaterThan(0);
    expect(acknowledged.size + failed).toBe(BURST);
    // Killed, not closed: the acknowledged decisions are in the write-ahead log, not yet checkpointed into the file.
    expect(existsSync(join(directory, 'decisions.sqlite-wal'))).toBe(true);

    const second = await startService(environment);
    const reader = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      for (const [decisionId, answer] of acknowledged) {
        const read = await call(reader, second.port, CASEWORKER_SECRET, 'GET', `/v1/decisions/${decisionId}`);
        expect(read.status, decisionId).toBe(200);
        expect(read.body.answer).toEqual(answer);
        const replay = await call(reader, second.port, CASEWORKER_SECRET, 'POST', `/v1/decisions/${decisionId}/replay`);
        expect(replay.status, decisionId).toBe(200);
        expect(replay.body.identical, decisionId).toBe(true);
      }
    } finally {
      reader.destroy();
      await second.stop();
    }
  }, 120_000);
});
