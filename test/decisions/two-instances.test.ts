import { Agent } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterOfThisFile } from '../support/postgres.js';
import {
  CASEWORKER_SECRET as SECRET,
  call,
  endAllServices,
  inLanes,
  type ServiceProcess,
  serviceEnvironment,
  startService,
} from '../support/service-process.js';
import { EXAMPLE_REQUESTS } from './example-requests.js';

const REQUESTS = 120;
const cluster = clusterOfThisFile();
afterAll(endAllServices);

describe('two instances, one PostgreSQL', () => {
  it(`started together on an empty database, they share ${REQUESTS} decisions: each reads and replays those the other made`, async () => {
    const databaseUrl = await cluster().createDatabase();
    const instances: ServiceProcess[] = await Promise.all([
      startService(serviceEnvironment({ DATABASE_URL: databaseUrl })),
      startService(serviceEnvironment({ DATABASE_URL: databaseUrl })),
    ]);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const madeBy = instances.map(() => new Map<string, Record<string, unknown>>());
      await inLanes(REQUESTS, 8, async (index) => {
        const maker = index % instances.length;
        const example = EXAMPLE_REQUESTS[index % EXAMPLE_REQUESTS.length];
        if (!example) throw new Error('no example requests');
        const reply = await call(agent, (instances[maker] as ServiceProcess).port, SECRET, 'POST', example.endpoint, example.body);
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        madeBy[maker]?.set(reply.body.decisionId as string, reply.body);
      });
      expect(madeBy.map((ids) => ids.size)).toEqual([REQUESTS / 2, REQUESTS / 2]);

      await inLanes(REQUESTS, 8, async (index) => {
        const maker = index % instances.length;
        const other = instances[(maker + 1) % instances.length] as ServiceProcess;
        const [decisionId, answer] = [...(madeBy[maker] as Map<string, Record<string, unknown>>)][Math.floor(index / instances.length)] as [
          string,
          Record<string, unknown>,
        ];
        const read = await call(agent, other.port, SECRET, 'GET', `/v1/decisions/${decisionId}`);
        expect(read.status, `instance ${maker + 1}'s ${decisionId} read by the other`).toBe(200);
        expect(read.body.decisionId).toBe(decisionId);
        expect(read.body.answerCheck, JSON.stringify(read.body.answerCheck)).toEqual({ regenerated: true, identical: true });
        expect(read.body.answer).toEqual(answer);
        const replay = await call(agent, other.port, SECRET, 'POST', `/v1/decisions/${decisionId}/replay`);
        expect(replay.status, `instance ${maker + 1}'s ${decisionId} replayed by the other`).toBe(200);
        expect(replay.body.identical, JSON.stringify(replay.body)).toBe(true);
      });
    } finally {
      agent.destroy();
      await Promise.all(instances.map((instance) => instance.stop()));
    }
  }, 120_000);
});
