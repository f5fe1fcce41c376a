import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { loadRuleSet } from '../src/rules/load-rules.js';
import { batchFigure } from './batch.js';
import { httpFigures, startupMilliseconds } from './http.js';
import { PostgresCluster } from '../test/support/postgres.js';
import { inProcessThroughput } from './in-process.js';
import { syntheticCases } from './synthetic-persons.js';

/**
 * `npm run bench`: every figure is a median of several runs, and every target a ratio to an anchor measured in
 * the same run on the same machine. Prints a Markdown table and writes bench/results/<time>.json and latest.json.
 * BENCH_QUICK=1 shortens every part (for a smoke run); the figures are then not the ones to quote.
 */
const quick = process.env.BENCH_QUICK === '1';
// The machine's 1/5/15-minute load averages before and after: a run on a busy machine shows it.
const loadAtStart = loadavg();
const started = process.hrtime.bigint();
const persons = quick ? 10_000 : 100_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const loaded = loadRuleSet('rules');
if (!loaded.ok) throw new Error('the bundled rules do not load');
process.stderr.write('building the service (npm run build)…\n');
try {
  execSync('npm run build', { stdio: 'pipe' });
} catch (error) {
  // A failed build says why (tsc writes its errors to stdout).
  const failed = error as { stdout?: Buffer; stderr?: Buffer };
  process.stderr.write(`npm run build failed:\n${failed.stdout?.toString() ?? ''}${failed.stderr?.toString() ?? ''}`);
  process.exit(1);
}

process.stderr.write(`in-process: NSK eligibility of ${persons} synthetic persons…\n`);
const inProcess = await inProcessThroughput(loaded.ruleSet, 'nsk', syntheticCases(persons), quick ? 3 : 5);
const [explained, asObjects, unexplained, engine, handWritten] = inProcess as [
  (typeof inProcess)[0],
  (typeof inProcess)[0],
  (typeof inProcess)[0],
  (typeof inProcess)[0],
  (typeof inProcess)[0],
];

process.stderr.write('HTTP: autocannon, 100 connections on loopback…\n');
const http = await httpFigures(quick ? 1 : 3, quick ? 3 : 8);
const httpFigure = (id: (typeof http.figures)[number]['id']): (typeof http.figures)[number] => {
  const figure = http.figures.find((candidate) => candidate.id === id);
  if (!figure) throw new Error(`no HTTP figure ${id}`);
  return figure;
};
const noop = httpFigure('noop');

// The same routes with decision records on PostgreSQL (a cluster of this run, on a Unix socket, fsync on).
process.stderr.write('HTTP with records on PostgreSQL…\n');
const cluster = await PostgresCluster.start();
let httpPostgres: Awaited<ReturnType<typeof httpFigures>>;
try {
  httpPostgres = await httpFigures(quick ? 1 : 3, quick ? 3 : 8, { kind: 'postgres', databaseUrl: await cluster.createDatabase() });
} finally {
  await cluster.destroy();
}
const postgresNoop = httpPostgres.figures.find((figure) => figure.id === 'noop') ?? noop;

process.stderr.write('start-up…\n');
const startups = await startupMilliseconds(quick ? 3 : 7);

process.stderr.write('batch…\n');
const small = await batchFigure(persons / 10, quick ? 1 : 3);
const large = await batchFigure(persons, quick ? 1 : 3);

const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
/** The HTTP targets of one service run (its records on `store`): each level against that run's no-op. */
function httpTargets(store: string, figures: ReadonlyArray<(typeof http.figures)[number]>): Target[] {
  const of = (id: (typeof http.figures)[number]['id']): (typeof http.figures)[number] => {
    const figure = figures.find((candidate) => candidate.id === id);
    if (!figure) throw new Error(`no HTTP figure ${id} (${store})`);
    return figure;
  };
  const noop = of('noop');
  return (
    [
      ['none', 85, 1.5],
      ['rules', 80, 1.5],
      ['full', 70, null],
    ] as const
  ).flatMap(([level, percent, p99Limit]) => {
    const figure = of(level);
    const rate: Target = {
      target: `HTTP eligibility, explain: ${level} ≥ ${percent} % of the no-op req/s (records on ${store})`,
      value: Math.round((figure.requestsPerSecond / noop.requestsPerSecond) * 100),
      unit: '%',
      met: figure.requestsPerSecond * 100 >= percent * noop.requestsPerSecond,
    };
    const p99: Target =
      p99Limit === null
        ? {
            target: `(for reference, not a target) HTTP eligibility, explain: ${level}, p99 × the no-op p99 (${store})`,
            value: ratio(figure.p99, noop.p99),
            unit: '×',
            met: null,
          }
        : {
            target: `HTTP eligibility, explain: ${level}, p99 ≤ ${p99Limit}× the no-op p99 (${store})`,
            value: ratio(figure.p99, noop.p99),
            unit: '×',
            met: figure.p99 <= p99Limit * noop.p99,
          };
    return [rate, p99];
  });
}

interface Target {
  target: string;
  value: number;
  unit: string;
  met: boolean | null;
}

const targets: Target[] = [
  {
    target: 'in-process NSK eligibility, full explanation (recorded) ≥ 100× json-rules-engine',
    value: ratio(explained.perSecond, engine.perSecond),
    unit: '×',
    met: explained.perSecond >= 100 * engine.perSecond,
  },
  {
    target: '(for reference, not a target) full explanation built as objects, × json-rules-engine',
    value: ratio(asObjects.perSecond, engine.perSecond),
    unit: '×',
    met: null,
  },
  {
    target: 'no explanation ≥ 25 % of the hand-written function',
    value: Math.round((unexplained.perSecond / handWritten.perSecond) * 100),
    unit: '%',
    met: unexplained.perSecond >= 0.25 * handWritten.perSecond,
  },
  // HTTP /v1/eligibility at each explain level, records on SQLite and on PostgreSQL, against the no-op of the same service.
  ...httpTargets('SQLite', http.figures),
  ...httpTargets('PostgreSQL', httpPostgres.figures),
  { target: 'start-up with all bundled rules < 500 ms', value: median(startups), unit: 'ms', met: median(startups) < 500 },
  { target: 'RSS under load < 200 MB', value: http.peakRssMiB ?? -1, unit: 'MiB', met: http.peakRssMiB !== null && http.peakRssMiB < 200 },
  { target: `batch of ${persons} persons < 10 s`, value: large.seconds, unit: 's', met: large.seconds < 10 },
  {
    target: 'batch memory flat in the input size (peak RSS ×10 input)',
    value: large.peakRssMiB !== null && small.peakRssMiB !== null ? ratio(large.peakRssMiB, small.peakRssMiB) : -1,
    unit: '×',
    met: large.peakRssMiB !== null && small.peakRssMiB !== null && large.peakRssMiB < 1.5 * small.peakRssMiB,
  },
];

const lines = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}${quick ? ' — QUICK run, not for quoting' : ''}`,
  `Load average (1/5/15 min) at start ${loadAtStart.map((value) => value.toFixed(2)).join(' / ')}, at end ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')}; run took ${Math.round(Number(process.hrtime.bigint() - started) / 1e9)} s`,
  '',
  '| in-process, NSK eligibility | per second (median) | vs json-rules-engine | vs hand-written |',
  '|---|---:|---:|---:|',
  ...inProcess.map(
    (figure) =>
      `| ${figure.name} | ${figure.perSecond.toLocaleString('en')} | ${ratio(figure.perSecond, engine.perSecond)}× | ${Math.round((figure.perSecond / handWritten.perSecond) * 100)} % |`,
  ),
  '',
  '| HTTP, 100 connections | answer bytes | req/s (median) | % of no-op | p50 ms | p99 ms | errors | non-2xx |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...http.figures.map(
    (figure) =>
      `| ${figure.route}, records on SQLite | ${figure.answerBytes.toLocaleString('en')} | ${figure.requestsPerSecond.toLocaleString('en')} | ${Math.round((figure.requestsPerSecond / noop.requestsPerSecond) * 100)} % | ${figure.p50} | ${figure.p99} | ${figure.errors} | ${figure.non2xx} |`,
  ),
  ...httpPostgres.figures.map(
    (figure) =>
      `| ${figure.route}, records on PostgreSQL | ${figure.answerBytes.toLocaleString('en')} | ${figure.requestsPerSecond.toLocaleString('en')} | ${Math.round((figure.requestsPerSecond / postgresNoop.requestsPerSecond) * 100)} % | ${figure.p50} | ${figure.p99} | ${figure.errors} | ${figure.non2xx} |`,
  ),
  '',
  `| other | value |`,
  '|---|---:|',
  `| start-up to first /health answer (median of ${startups.length}) | ${median(startups)} ms |`,
  `| peak RSS of the service under the HTTP load | ${http.peakRssMiB ?? '?'} MiB |`,
  `| batch, ${small.persons} persons | ${small.seconds} s, ${small.personsPerSecond.toLocaleString('en')}/s, peak RSS ${small.peakRssMiB ?? '?'} MiB |`,
  `| batch, ${large.persons} persons | ${large.seconds} s, ${large.personsPerSecond.toLocaleString('en')}/s, peak RSS ${large.peakRssMiB ?? '?'} MiB |`,
  '',
  '| target | measured | met |',
  '|---|---:|:---:|',
  ...targets.map((target) => `| ${target.target} | ${target.value} ${target.unit} | ${target.met === null ? '—' : target.met ? 'yes' : 'NO'} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);

const result = {
  at: new Date().toISOString(),
  quick,
  node: process.version,
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? null,
  loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
  inProcess,
  http,
  httpPostgres,
  startups,
  batch: [small, large],
  targets,
  unexplainedRatio: unexplained.perSecond / handWritten.perSecond,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/${result.at.replace(/[:.]/g, '-')}.json`, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync('bench/results/latest.json', `${JSON.stringify(result, null, 2)}\n`);
