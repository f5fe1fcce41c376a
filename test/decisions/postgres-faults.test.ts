import { Agent } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterOfThisFile } from '../support/postgres.js';
import { CASEWORKER_SECRET as SECRET, call, endAllServices, inLanes, type Reply, serviceEnvironment, startService } from '../support/service-process.js';
import { EXAMPLE_REQUESTS } from './example-requests.js';

const cluster = clusterOfThisFile();
afterAll(endAllServices);

/** A service on a database of its own; its DECISIONS_DIR stays empty, as a PostgreSQL store leaves it alone. */
async function environmentOnNewDatabase(): Promise<Record<string, string>> {
  return serviceEnvironment({ DATABASE_URL: await cluster().createDatabase() });
}

function example(index: number): { endpoint: string; body: Record<string, unknown> } {
  const chosen = EXAMPLE_REQUESTS[index % EXAMPLE_REQUESTS.length];
  if (!chosen) throw new Error('no example requests');
  return chosen;
}

/** Every decision acknowledged with 200 reads back through `port` with the answer sent, and replays identically. */
async function expectAllReadable(port: number, acknowledged: ReadonlyMap<string, Record<string, unknown>>): Promise<void> {
  const reader = new Agent({ keepAlive: true, maxSockets: 4 });
  try {
    await inLanes(acknowledged.size, 4, async (index) => {
      const [decisionId, answer] = [...acknowledged][index] as [string, Record<string, unknown>];
      const read = await call(reader, port, SECRET, 'GET', `/v1/decisions/${decisionId}`);
      expect(read.status, `GET ${decisionId}`).toBe(200);
      expect(read.body.decisionId).toBe(decisionId);
      expect(read.body.answerCheck, JSON.stringify(read.body.answerCheck)).toEqual({ regenerated: true, identical: true });
      expect(read.body.answer).toEqual(answer);
      const replay = await call(reader, port, SECRET, 'POST', `/v1/decisions/${decisionId}/replay`);
      expect(replay.status, `replay ${decisionId}`).toBe(200);
      expect(replay.body.identical, `replay ${decisionId}`).toBe(true);
    });
  } finally {
    reader.destroy();
  }
}

describe('decision records on PostgreSQL under faults', () => {
  it('kill -9 of the service in the middle of 200 requests over 20 connections: after a restart every decision answered 200 reads back and replays identically', async () => {
    const environment = await environmentOnNewDatabase();
    const first = await startService(environment);
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const acknowledged = new Map<string, Record<string, unknown>>();
    let failed = 0;
    await inLanes(200, 20, async (index) => {
      const { endpoint, body } = example(index);
      try {
        const reply = await call(agent, first.port, SECRET, 'POST', endpoint, body);
        if (reply.status === 200) acknowledged.set(reply.body.decisionId as string, reply.body);
      } catch {
        failed += 1;
      }
      if (acknowledged.size >= 60 && first.child.signalCode === null) first.child.kill('SIGKILL');
    });
    agent.destroy();
    await first.stop('SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(60);
    expect(failed).toBeGreaterThan(0);
    expect(acknowledged.size + failed).toBe(200);

    const second = await startService(environment);
    try {
      await expectAllReadable(second.port, acknowledged);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('PostgreSQL stopped (pg_ctl stop -m fast) during a load: 503 problem+json, never 500; /health says the database is down; after pg_ctl start the same service answers 200 and no acknowledged decision is lost', async () => {
    const environment = await environmentOnNewDatabase();
    const service = await startService(environment);
    const agent = new Agent({ keepAlive: true, maxSockets: 10 });
    const acknowledged = new Map<string, Record<string, unknown>>();
    const replies: Reply[] = [];
    const evaluate = async (index: number): Promise<Reply> => {
      const { endpoint, body } = example(index);
      const reply = await call(agent, service.port, SECRET, 'POST', endpoint, body);
      replies.push(reply);
      if (reply.status === 200) acknowledged.set(reply.body.decisionId as string, reply.body);
      return reply;
    };
    let stopping: Promise<void> | null = null;
    try {
      // The database stops once 40 decisions are acknowledged, while the other requests of the load are under way.
      await inLanes(150, 10, async (index) => {
        await evaluate(index);
        if (acknowledged.size >= 40 && stopping === null) stopping = cluster().stopServer('fast');
      });
      expect(stopping).not.toBeNull();
      await stopping;

      // With the database stopped, each request is refused with 503, and said why.
      const whileDown = await Promise.all(Array.from({ length: 20 }, (_, index) => evaluate(index)));
      for (const reply of whileDown) {
        expect(reply.status).toBe(503);
        expect(reply.contentType).toMatch(/^application\/problem\+json/);
      }
      const health = await call(agent, service.port, null, 'GET', '/health');
      expect(health.status).toBe(503);
      const databaseName = /\/(test_\d+_\d+)\?/.exec(environment.DATABASE_URL as string)?.[1] as string;
      expect(JSON.stringify(health.body)).toContain(`PostgreSQL database \\"${databaseName}\\"`);

      await cluster().startServer();
      const afterwards = await evaluate(0);
      expect(afterwards.status).toBe(200);
      expect((await call(agent, service.port, null, 'GET', '/health')).status).toBe(200);

      expect(replies.filter((reply) => reply.status !== 200 && reply.status !== 503)).toEqual([]);
      for (const reply of replies.filter((each) => each.status === 503)) expect(reply.contentType).toMatch(/^application\/problem\+json/);
      expect(acknowledged.size).toBeGreaterThanOrEqual(41);
      expect(service.child.exitCode).toBeNull();
      await expectAllReadable(service.port, acknowledged);
    } finally {
      agent.destroy();
      await service.stop();
      if (!(await cluster().isRunning())) await cluster().startServer();
    }
  }, 120_000);
});
