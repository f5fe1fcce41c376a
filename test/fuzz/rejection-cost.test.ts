import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_WINDOW } from '../../src/answer/list-windows.js';
import { MAX_LISTED_PROBLEMS, schemaProblems } from '../../src/answer/request-schemas.js';
import { MAX_BODY_BYTES } from '../../src/http/request-body.js';

/*
 * Issue 18, item 2: a 1 MiB body of ~349,000 empty cost lines blocked the event loop ~10 s, because validation built
 * an error for every missing field of every line (and copied all those before it for each line) and then described
 * them all before keeping 100. The most expensive request per byte, valid or not, must cost no more than the most
 * expensive valid one: an IBM claim whose lines each run the whole 3,660 days the API allows (~1.8 ms per KB). Each
 * hostile body is compared with a valid IBM body of its size, both sent to the app in a process of its own that
 * tells the CPU time each took (cpu-timed-app.ts): a busy machine slows the clock, not the CPU time of a request.
 */

let app: ChildProcess;
let port = 0;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** The next message of the app's process that `pick` finds something in. */
function nextMessage<T>(pick: (message: Record<string, unknown>) => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: unknown): void => {
      const found = pick(message as Record<string, unknown>);
      if (found === undefined) return;
      app.off('message', listener);
      resolve(found);
    };
    app.on('message', listener);
  });
}

beforeAll(async () => {
  app = fork(fileURLToPath(new URL('./cpu-timed-app.ts', import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  port = await nextMessage((message) => (typeof message.port === 'number' ? message.port : undefined));
});
afterAll(() => {
  agent.destroy();
  app.disconnect();
});

function cpuMicroseconds(): Promise<number> {
  const answer = nextMessage((message) => (typeof message.cpuMicroseconds === 'number' ? message.cpuMicroseconds : undefined));
  app.send('cpu');
  return answer;
}

/** Posts a body; resolves with the status and the CPU milliseconds the app spent on it. */
async function cpuTimedPost(text: string): Promise<{ status: number; milliseconds: number }> {
  const before = await cpuMicroseconds();
  const status = await new Promise<number>((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/compensation',
        agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve(incoming.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(text);
  });
  return { status, milliseconds: ((await cpuMicroseconds()) - before) / 1000 };
}

/** The most expensive valid request per byte: IBM lines, each over the whole period of 3,659 days. */
const IBM_PERIOD = { from: '2017-01-01', to: '2027-01-07' };
const IBM_PERSON = { birthDate: '1980-05-10', conditions: [{ type: 'mental_disorder', severity: 'moderate' }] };
function validIbm(lines: number): string {
  const serviceLines = Array.from({ length: lines }, (_, index) => ({
    service: 'day_care_centre',
    ...IBM_PERIOD,
    units: String(100 + index),
    funding: 'municipality',
    price: '18.00',
  }));
  return JSON.stringify({ programme: 'ibm', period: IBM_PERIOD, person: IBM_PERSON, serviceLines });
}
const BYTES_PER_IBM_LINE = (validIbm(101).length - validIbm(1).length) / 100;
/** The `maxItems` of `serviceLines`: no valid IBM body is larger than one of this many lines (~123 KB). */
const MOST_IBM_LINES = 1000;
/** The valid IBM body closest in size to `bytes`. */
function validIbmOfSize(bytes: number): string {
  return validIbm(Math.max(1, Math.min(MOST_IBM_LINES, Math.round((bytes - validIbm(0).length) / BYTES_PER_IBM_LINE))));
}

/** The least of `runs` CPU times of each body, taken in turn: a collection of garbage only ever adds to one. */
async function leastMilliseconds(hostile: string, valid: string, runs: number): Promise<{ hostile: number; valid: number; status: number }> {
  let least = { hostile: Number.POSITIVE_INFINITY, valid: Number.POSITIVE_INFINITY, status: 0 };
  for (let run = 0; run < runs; run += 1) {
    const refused = await cpuTimedPost(hostile);
    const answered = await cpuTimedPost(valid);
    expect(answered.status).toBe(200);
    least = { hostile: Math.min(least.hostile, refused.milliseconds), valid: Math.min(least.valid, answered.milliseconds), status: refused.status };
  }
  return least;
}

/** Where lists and objects can be in a request, and items that each cost validation most per byte. */
const LIST_PATHS = ['costs', 'deliveries', 'serviceLines', 'services', 'person.conditions'] as const;
const CHEAP_ITEMS = [
  '{}',
  '1',
  'null',
  '[]',
  '""',
  '{"x":0}',
  '{"service":1,"from":2,"to":3}',
  '{"from":"2024-02-30","to":"x","amount":"-1"}',
  '{"type":"mental_disorder"}',
  '{"service":"home_care","from":"2024-01-01","to":"2024-01-31","units":"5","funding":"municipality","x":1}',
];

type Feature = { kind: 'list'; path: (typeof LIST_PATHS)[number]; item: string; share: number } | { kind: 'keys'; inPerson: boolean; share: number };

const featureArbitrary: fc.Arbitrary<Feature> = fc.oneof(
  fc.record({
    kind: fc.constant('list' as const),
    path: fc.constantFrom(...LIST_PATHS),
    item: fc.constantFrom(...CHEAP_ITEMS),
    share: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('keys' as const), inPerson: fc.boolean(), share: fc.integer({ min: 1, max: 4 }) }),
);

/** A compensation body of about `bytes` bytes made of `features`: lists of one item repeated, objects of many unknown keys. */
function hostileBody(bytes: number, features: readonly Feature[]): string {
  const shares = features.reduce((sum, feature) => sum + feature.share, 0);
  const top: string[] = ['"programme":"ibm"', `"period":${JSON.stringify(IBM_PERIOD)}`];
  const person: string[] = ['"birthDate":"1980-05-10"'];
  features.forEach((feature, index) => {
    const budget = Math.floor((bytes * feature.share) / shares);
    if (feature.kind === 'keys') {
      const keys: string[] = [];
      for (let used = 0; used < budget; used += (keys.at(-1)?.length ?? 0) + 1) keys.push(`"k${index}_${keys.length}":0`);
      (feature.inPerson ? person : top).push(...keys);
      return;
    }
    const items = `[${Array.from({ length: Math.max(1, Math.floor(budget / (feature.item.length + 1))) }, () => feature.item).join(',')}]`;
    if (feature.path === 'person.conditions') person.push(`"conditions":${items}`);
    else top.push(`"${feature.path}":${items}`);
  });
  return `{${[...top, `"person":{${person.join(',')}}`].join(',')}}`;
}

describe('every list of a request is bounded', () => {
  it('each list the request schemas have (schemas/openapi.yaml) has a maxItems, and its description says it and why', () => {
    const described = parse(readFileSync(fileURLToPath(new URL('../../schemas/openapi.yaml', import.meta.url)), 'utf8')) as {
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    const components = described.components.schemas;
    const lists: Array<{ at: string; schema: Record<string, unknown> }> = [];
    const seen = new Set<string>();
    const visit = (schema: unknown, at: string): void => {
      if (schema === null || typeof schema !== 'object') return;
      const node = schema as Record<string, unknown>;
      if (typeof node.$ref === 'string') {
        const name = node.$ref.replace('#/components/schemas/', '');
        if (!seen.has(name)) {
          seen.add(name);
          visit(components[name], name);
        }
        return;
      }
      if (node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array'))) lists.push({ at, schema: node });
      for (const [key, value] of Object.entries(node)) visit(value, `${at}.${key}`);
    };
    visit({ $ref: '#/components/schemas/EligibilityRequest' }, '');
    visit({ $ref: '#/components/schemas/CompensationRequest' }, '');
    expect(lists.length).toBeGreaterThanOrEqual(5);
    for (const { at, schema } of lists) {
      expect(schema.maxItems, at).toEqual(expect.any(Number));
      expect(String(schema.description), at).toContain(`At most ${(schema.maxItems as number).toLocaleString('en')}`);
    }
  });
});

describe('the work of refusing a body is bounded by the problems it keeps', () => {
  /** A list that counts how many of its items are read. */
  function counted(length: number, item: () => unknown): { list: unknown[]; reads: () => number } {
    let reads = 0;
    const list = new Proxy(Array.from({ length }, item), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    return { list, reads: () => reads };
  }

  it(`349,000 empty cost lines: a few windows of ${LIST_WINDOW} are looked at, ${MAX_LISTED_PROBLEMS} problems listed, the list's length among them`, () => {
    const costs = counted(349_000, () => ({}));
    const problems = schemaProblems('compensation-request', { programme: 'nsk', period: IBM_PERIOD, person: { birthDate: '1980-05-10' }, costs: costs.list });
    expect(costs.reads()).toBeLessThanOrEqual(3 * LIST_WINDOW);
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems[0]).toEqual({ path: '/costs', message: 'must NOT have more than 1000 items' });
    expect(problems[1]).toEqual({ path: '/costs/0/service', message: 'is required' });
    expect(problems.at(-1)?.message).toMatch(/^and at least \d+ more problems$/);
  });

  it('the items of a list are looked at only up to one past its maxItems', () => {
    const line = { service: 'home_care', from: '2024-01-01', to: '2024-01-31', units: '5', funding: 'municipality' };
    const lines = counted(5000, () => line);
    const problems = schemaProblems('compensation-request', { programme: 'ibm', period: IBM_PERIOD, person: IBM_PERSON, serviceLines: lines.list });
    expect(problems).toEqual([{ path: '/serviceLines', message: 'must NOT have more than 1000 items' }]);
    expect(lines.reads()).toBeLessThanOrEqual(1001);
  });

  it('a list within its limit is looked at whole, window by window, and each problem is at its own index', () => {
    const line = { service: 'home_care', from: '2024-01-01', to: '2024-01-31', units: '5', funding: 'municipality' };
    const lines = counted(1000, () => line);
    const body = { programme: 'ibm', period: IBM_PERIOD, person: IBM_PERSON, serviceLines: lines.list };
    expect(schemaProblems('compensation-request', body)).toEqual([]);
    expect(lines.reads()).toBeGreaterThanOrEqual(1000);
    const withMistakes = { ...body, serviceLines: body.serviceLines.map((item, index) => (index === 537 || index === 999 ? { ...line, units: 'x' } : item)) };
    expect(schemaProblems('compensation-request', withMistakes).map((problem) => problem.path)).toEqual(['/serviceLines/537/units', '/serviceLines/999/units']);
  });

  it('with thousands of problems before a long list, the checks stop at the first window', () => {
    const person: Record<string, unknown> = { birthDate: '1980-05-10' };
    for (let key = 0; key < 20_000; key += 1) person[`unknown${key}`] = key;
    const costs = counted(1000, () => ({}));
    const problems = schemaProblems('compensation-request', { programme: 'nsk', period: IBM_PERIOD, person, costs: costs.list });
    expect(costs.reads()).toBeLessThanOrEqual(LIST_WINDOW);
    expect(problems.at(-1)?.message).toMatch(/^and at least \d+ more problems$/);
  });
});

describe('the cost of refusing a body, per byte (property)', () => {
  it('no hostile body costs more CPU time per byte than a valid IBM claim of its size (least of 5 runs each, in turn)', async () => {
    const worst: Array<{ ratio: number; bytes: number; shape: string }> = [];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 12, max: 20 }).map((power) => 2 ** power),
        fc.array(featureArbitrary, { minLength: 1, maxLength: 3 }),
        async (bytes, features) => {
          const hostile = hostileBody(Math.min(bytes, MAX_BODY_BYTES - 4096), features);
          const valid = validIbmOfSize(hostile.length);
          const timed = await leastMilliseconds(hostile, valid, 5);
          const ratio = timed.hostile / hostile.length / (timed.valid / valid.length);
          worst.push({ ratio, bytes: hostile.length, shape: JSON.stringify(features) });
          expect(timed.status, hostile.slice(0, 300)).toBe(400);
          expect(
            ratio,
            `${hostile.length} bytes ${JSON.stringify(features)}: ${timed.hostile.toFixed(1)} ms, valid ${valid.length} bytes ${timed.valid.toFixed(1)} ms`,
          ).toBeLessThanOrEqual(1);
        },
      ),
      {
        numRuns: 30,
        seed: 18,
        endOnFailure: true,
        // The body of the report: ~349,000 empty cost lines in 1 MiB.
        examples: [[2 ** 20, [{ kind: 'list', path: 'costs', item: '{}', share: 1 }]]],
      },
    );
    worst.sort((a, b) => b.ratio - a.ratio);
    console.info(
      `refusal cost per byte ÷ a valid IBM claim's, highest: ${worst
        .slice(0, 3)
        .map((found) => `${found.ratio.toFixed(3)} (${found.bytes} bytes, ${found.shape})`)
        .join('; ')}`,
    );
  }, 300_000);
});
