import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, peakRssMiB, startService, stop, waitUntilUp } from './processes.js';
import { T1_PERSON, T1_SERVICES } from '../test/support/requests.js';

export interface HttpFigure {
  id: RouteId;
  route: string;
  /** The size of one answer's body, in bytes. */
  answerBytes: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  runs: number[];
}

const person = T1_PERSON;
const services = T1_SERVICES;

const eligibilityBody = { programme: 'nsk', date: '2024-03-15', person, services };

/**
 * What a caseworker's system sends: one NSK person on a date at each explain level (full, the default, sent
 * explicitly; rules: each rule without its condition tree; none: no explanation field), and the same person's
 * half-year claim. Every route but the no-op is the real one, its decision recorded.
 */
export const ROUTES = [
  { id: 'noop', route: 'POST /bench/noop (Express no-op, same app)', path: '/bench/noop', body: eligibilityBody },
  { id: 'full', route: 'POST /v1/eligibility, explain: full (the default)', path: '/v1/eligibility', body: { ...eligibilityBody, explain: 'full' } },
  { id: 'rules', route: 'POST /v1/eligibility, explain: rules', path: '/v1/eligibility', body: { ...eligibilityBody, explain: 'rules' } },
  { id: 'none', route: 'POST /v1/eligibility, explain: none', path: '/v1/eligibility', body: { ...eligibilityBody, explain: 'none' } },
  {
    id: 'compensation',
    route: 'POST /v1/compensation, explain: full (the default)',
    path: '/v1/compensation',
    body: {
      programme: 'nsk',
      period: { from: '2024-01-01', to: '2024-06-30' },
      person,
      services,
      costs: [
        { service: 'day_care_centre', from: '2024-01-01', to: '2024-03-31', amount: '1860.00', funding: 'municipality', inPlan: true },
        { service: 'day_care_centre', from: '2024-04-01', to: '2024-06-30', amount: '1820.00', funding: 'municipality', inPlan: true },
      ],
    },
  },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

/**
 * Before any load: each eligibility level answers 200 with what its level promises (full: condition trees;
 * rules: rules without them; none: no explanation field), so a figure is never of an error or of the wrong level.
 */
async function checkLevels(base: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const route of ROUTES) {
    const response = await fetch(`${base}${route.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(route.body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${route.route}: status ${response.status}: ${text.slice(0, 300)}`);
    sizes[route.id] = Buffer.byteLength(text);
    if (route.path !== '/v1/eligibility') continue;
    const answer = JSON.parse(text) as { explanation?: Array<Record<string, unknown>> };
    const hasTrees = Array.isArray(answer.explanation) && answer.explanation.some((rule) => 'conditions' in rule);
    const ok =
      route.id === 'none'
        ? !('explanation' in answer)
        : Array.isArray(answer.explanation) && answer.explanation.length > 0 && hasTrees === (route.id === 'full');
    if (!ok) throw new Error(`${route.route}: the answer is not at its explain level`);
  }
  return sizes;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function load(url: string, body: unknown, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), connections: 100, duration: seconds });
}

/**
 * The compiled service with decision records on (a fresh store), loaded by autocannon on loopback with 100
 * connections: each route `rounds` times for `seconds`, interleaved so drift hits all alike; medians reported.
 */
/** Where the service under load records its decisions: SQLite (the default) in a fresh folder, or a PostgreSQL database. */
export type BenchStore = { kind: 'sqlite' } | { kind: 'postgres'; databaseUrl: string };

export async function httpFigures(
  rounds: number,
  seconds: number,
  store: BenchStore = { kind: 'sqlite' },
): Promise<{ figures: HttpFigure[]; peakRssMiB: number | null }> {
  const port = await freePort();
  const where: Record<string, string> =
    store.kind === 'postgres' ? { DATABASE_URL: store.databaseUrl } : { DECISIONS_DIR: mkdtempSync(join(tmpdir(), 'sbsp-bench-decisions-')) };
  const child = startService(port, { ...where, SBSP_BENCH_NOOP: '1' });
  try {
    await waitUntilUp(`http://127.0.0.1:${port}/health`, process.hrtime.bigint());
    const sizes = await checkLevels(`http://127.0.0.1:${port}`);
    const results = new Map<string, autocannon.Result[]>(ROUTES.map((route) => [route.id, []]));
    for (const route of ROUTES) await load(`http://127.0.0.1:${port}${route.path}`, route.body, 1);
    for (let round = 0; round < rounds; round += 1) {
      for (const route of ROUTES) results.get(route.id)?.push(await load(`http://127.0.0.1:${port}${route.path}`, route.body, seconds));
    }
    const figures = ROUTES.map((route): HttpFigure => {
      const runs = results.get(route.id) ?? [];
      return {
        id: route.id,
        route: route.route,
        answerBytes: sizes[route.id] ?? 0,
        requestsPerSecond: Math.round(median(runs.map((run) => run.requests.average))),
        p50: median(runs.map((run) => run.latency.p50)),
        p99: median(runs.map((run) => run.latency.p99)),
        errors: runs.reduce((total, run) => total + run.errors + run.timeouts, 0),
        non2xx: runs.reduce((total, run) => total + run.non2xx, 0),
        runs: runs.map((run) => Math.round(run.requests.average)),
      };
    });
    return { figures, peakRssMiB: child.pid === undefined ? null : peakRssMiB(child.pid) };
  } finally {
    await stop(child);
  }
}

/** Milliseconds from spawning the compiled service with every bundled rule to its first answer on /health. */
export async function startupMilliseconds(times: number): Promise<number[]> {
  const runs: number[] = [];
  for (let run = 0; run < times; run += 1) {
    const port = await freePort();
    const started = process.hrtime.bigint();
    const child = startService(port, { DECISIONS_DIR: mkdtempSync(join(tmpdir(), 'sbsp-bench-start-')) });
    try {
      runs.push(Math.round(await waitUntilUp(`http://127.0.0.1:${port}/health`, started)));
    } finally {
      await stop(child);
    }
  }
  return runs;
}
