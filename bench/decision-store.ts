/*
 * How the decision store's appends and reads hold up as it grows: measured on an empty store and on one that
 * already holds BENCH_EXISTING records (default 1,000,000), written straight into the log as the store would
 * write them, then indexed by opening the store. `npm run bench:store`; not part of `npm test`.
 *
 *   BENCH_EXISTING     records already in the store for the second measurement (default 1000000)
 *   BENCH_APPENDS      appends measured at each size (default 20000), BENCH_CONCURRENCY at a time (default 64)
 *   BENCH_READS        random reads measured at each size (default 20000)
 *   BENCH_ROUNDS       rounds at each size, alternating between the sizes; medians are reported (default 3)
 *   BENCH_DIR          where the temporary stores go (default the system's temp folder); removed afterwards
 *
 * Every record has the shape of a real one: a real NSK request, rules, caller and answer — the answer without its
 * explanation, so that a million of them fit in a couple of gigabytes (a real answer's explanation makes a record
 * about 17 KB). A few thousand full-size records are appended at each size as well, for their own figure.
 */
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileDecisionStore, DEFAULT_SEGMENT_BYTES, segmentFileName } from '../src/decisions/decision-log.js';
import { newDecisionId } from '../src/decisions/decision-id.js';
import { decisionLine, type DecisionRecord } from '../src/decisions/decision-record.js';
import { PersonRefKey } from '../src/decisions/person-ref.js';
import { rulesOfAnswer } from '../src/decisions/rules-of-answer.js';
import { eligibilityResponse } from '../src/answer/ask.js';
import { loadRuleSet } from '../src/rules/load-rules.js';

const EXISTING = Number(process.env.BENCH_EXISTING ?? 1_000_000);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 20_000);
const FULL_APPENDS = Math.max(1, Math.floor(APPENDS / 4));
const READS = Number(process.env.BENCH_READS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function templates(): { compact: DecisionRecord; full: DecisionRecord } {
  const loaded = loadRuleSet(join(ROOT, 'rules'));
  if (!loaded.ok) throw new Error('the bundled rules do not load');
  const request = {
    programme: 'nsk',
    date: '2024-03-15',
    person: {
      birthDate: '1985-04-02',
      conditions: [{ type: 'mental_disorder', severity: 'severe' }],
      disabilityGroup: 'II',
      vsacExit: { date: '2019-03-31', service: 'institutional_care' },
      receivedDiServices: false,
      nskAsChild: false,
      residence: 'group_home',
    },
    services: [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }],
  };
  const answered = eligibilityResponse(loaded.ruleSet, request);
  const answer: Record<string, unknown> = { ...(answered.body as Record<string, unknown>), decisionId: '' };
  const full: DecisionRecord = {
    decisionId: '',
    format: 1,
    time: '',
    endpoint: 'eligibility',
    request,
    personRef: PersonRefKey.random().digest('CASE-2024-000123'),
    rules: rulesOfAnswer(loaded.ruleSet, 'nsk', answer).rules,
    caller: { tokenId: 'riga-caseworker-01', role: 'caseworker', municipality: 'riga' },
    answer,
  };
  const { explanation: _explanation, ...withoutExplanation } = answer;
  return { full, compact: { ...full, answer: withoutExplanation } };
}

function stamped(template: DecisionRecord, now: number): DecisionRecord {
  const decisionId = newDecisionId(now);
  return { ...template, decisionId, time: new Date(now).toISOString(), answer: { ...template.answer, decisionId } };
}

/** Writes `count` records straight into segment files, as the store lays them out, a few MB at a time. */
function writeLogDirectly(directory: string, template: DecisionRecord, count: number): { bytes: number; ids: string[] } {
  const log = join(directory, 'log');
  mkdirSync(log, { recursive: true });
  const sample: string[] = [];
  const start = Date.now() - count;
  let segment = 1;
  let fd = openSync(join(log, segmentFileName(segment)), 'w');
  let inSegment = 0;
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    const buffer = Buffer.concat(pending);
    writeSync(fd, buffer);
    inSegment += buffer.length;
    bytes += buffer.length;
    pending = [];
    pendingBytes = 0;
  };
  for (let index = 0; index < count; index += 1) {
    const record = stamped(template, start + index);
    if (index % Math.max(1, Math.floor(count / READS)) === 0) sample.push(record.decisionId);
    for (const piece of decisionLine(record)) {
      pending.push(piece);
      pendingBytes += piece.length;
    }
    if (pendingBytes >= 4 * 1024 * 1024) flush();
    if (inSegment + pendingBytes >= DEFAULT_SEGMENT_BYTES) {
      flush();
      closeSync(fd);
      segment += 1;
      fd = openSync(join(log, segmentFileName(segment)), 'w');
      inSegment = 0;
    }
  }
  flush();
  closeSync(fd);
  return { bytes, ids: sample };
}

async function measureAppends(
  store: FileDecisionStore,
  template: DecisionRecord,
  count: number,
): Promise<{ perSecond: number; ids: string[]; recordsPerBatch: number }> {
  const ids: string[] = [];
  const batchesBefore = store.batches;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      const record = stamped(template, Date.now());
      await store.append(record);
      ids.push(record.decisionId);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: count / seconds, ids, recordsPerBatch: count / Math.max(1, store.batches - batchesBefore) };
}

async function measureReads(store: FileDecisionStore, ids: readonly string[], count: number): Promise<number> {
  let seed = 42;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const started = performance.now();
  for (let read = 0; read < count; read += 1) {
    const id = ids[Math.floor(random() * ids.length)] as string;
    const record = await store.read(id);
    if (record?.decisionId !== id) throw new Error(`read ${id} gave ${record?.decisionId ?? 'nothing'}`);
  }
  return count / ((performance.now() - started) / 1000);
}

const rounded = (value: number): number => Math.round(value);
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Figures {
  appendsPerSecond: number;
  recordsPerBatch: number;
  fullSizeAppendsPerSecond: number;
  readsPerSecond: number;
}

/** One round on one store: appends (compact, then full-size), then random reads of `readable` (or of what it appended). */
async function measureRound(
  store: FileDecisionStore,
  templatesOf: { compact: DecisionRecord; full: DecisionRecord },
  readable: readonly string[] | null,
): Promise<Figures & { ids: string[] }> {
  const appended = await measureAppends(store, templatesOf.compact, APPENDS);
  const full = await measureAppends(store, templatesOf.full, FULL_APPENDS);
  const reads = await measureReads(store, readable ?? appended.ids, READS);
  return {
    appendsPerSecond: appended.perSecond,
    recordsPerBatch: appended.recordsPerBatch,
    fullSizeAppendsPerSecond: full.perSecond,
    readsPerSecond: reads,
    ids: appended.ids,
  };
}

function medianOf(rounds: readonly Figures[]): Figures {
  return {
    appendsPerSecond: rounded(median(rounds.map((each) => each.appendsPerSecond))),
    recordsPerBatch: median(rounds.map((each) => each.recordsPerBatch)),
    fullSizeAppendsPerSecond: rounded(median(rounds.map((each) => each.fullSizeAppendsPerSecond))),
    readsPerSecond: rounded(median(rounds.map((each) => each.readsPerSecond))),
  };
}

function syncTree(directory: string): void {
  for (const name of readdirSync(directory)) {
    const fd = openSync(join(directory, name), 'r');
    fsyncSync(fd);
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  const both = templates();
  const compactBytes = Buffer.concat(decisionLine(stamped(both.compact, Date.now()))).length;
  const fullBytes = Buffer.concat(decisionLine(stamped(both.full, Date.now()))).length;
  const base = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'sbsp-bench-store-'));
  console.log(
    `record: ${compactBytes} bytes (full-size, with the explanation: ${fullBytes} bytes); per round and store: ${APPENDS} appends + ${FULL_APPENDS} full-size (${CONCURRENCY} at a time), ${READS} random reads; ${ROUNDS} rounds, medians`,
  );
  try {
    const grownDirectory = join(base, 'grown');
    let started = performance.now();
    const written = writeLogDirectly(grownDirectory, both.compact, EXISTING);
    // Synced before measuring, so that writing back these gigabytes does not slow the appends measured after them.
    syncTree(join(grownDirectory, 'log'));
    const writeSeconds = (performance.now() - started) / 1000;
    console.log(`wrote and synced ${EXISTING} records (${(written.bytes / 2 ** 30).toFixed(2)} GiB) straight into the log in ${writeSeconds.toFixed(1)} s`);
    started = performance.now();
    const indexing = await FileDecisionStore.open({ directory: grownDirectory });
    const indexSeconds = (performance.now() - started) / 1000;
    console.log(`opened it (indexing the segments) in ${indexSeconds.toFixed(1)} s: ${indexing.describe()}`);
    await indexing.close();
    started = performance.now();
    const grown = await FileDecisionStore.open({ directory: grownDirectory });
    const reopenSeconds = (performance.now() - started) / 1000;
    const empty = await FileDecisionStore.open({ directory: join(base, 'empty') });

    // A first round on a throwaway store, so that neither size pays for the JIT warming up; then the two sizes
    // alternate, round by round, so that a busy moment of a shared machine falls on both.
    const warmUp = await FileDecisionStore.open({ directory: join(base, 'warm-up') });
    await measureRound(warmUp, both, null);
    await warmUp.close();
    const atZero: Figures[] = [];
    const atGrown: Figures[] = [];
    const recentReads: number[] = [];
    for (let index = 0; index < ROUNDS; index += 1) {
      const first = index % 2 === 0 ? 'empty' : 'grown';
      for (const which of first === 'empty' ? ['empty', 'grown'] : ['grown', 'empty']) {
        if (which === 'empty') {
          const { ids: _ids, ...figures } = await measureRound(empty, both, null);
          atZero.push(figures);
        } else {
          const { ids, ...figures } = await measureRound(grown, both, written.ids);
          atGrown.push(figures);
          recentReads.push(await measureReads(grown, ids, READS));
        }
      }
    }
    await empty.close();
    await grown.close();
    const zero = medianOf(atZero);
    const grownFigures = { ...medianOf(atGrown), recentReadsPerSecond: rounded(median(recentReads)) };
    console.log(
      `at 0 existing:  ${zero.appendsPerSecond} appends/s (${zero.recordsPerBatch.toFixed(1)} records a batch), ${zero.fullSizeAppendsPerSecond} full-size appends/s, ${zero.readsPerSecond} reads/s`,
    );
    console.log(
      `at ${EXISTING} existing: ${grownFigures.appendsPerSecond} appends/s (${grownFigures.recordsPerBatch.toFixed(1)} records a batch), ${grownFigures.fullSizeAppendsPerSecond} full-size appends/s, ${grownFigures.readsPerSecond} reads/s of old records (sealed segments), ${grownFigures.recentReadsPerSecond} reads/s of new ones (open segment); reopened in ${reopenSeconds.toFixed(2)} s`,
    );
    const ratios = {
      appends: grownFigures.appendsPerSecond / zero.appendsPerSecond,
      fullSizeAppends: grownFigures.fullSizeAppendsPerSecond / zero.fullSizeAppendsPerSecond,
      reads: grownFigures.readsPerSecond / zero.readsPerSecond,
    };
    console.log(
      `ratio (at ${EXISTING} / at 0): appends ${ratios.appends.toFixed(2)}, full-size appends ${ratios.fullSizeAppends.toFixed(2)}, reads ${ratios.reads.toFixed(2)}`,
    );
    const result = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      settings: {
        existing: EXISTING,
        appends: APPENDS,
        fullSizeAppends: FULL_APPENDS,
        reads: READS,
        concurrency: CONCURRENCY,
        rounds: ROUNDS,
        recordBytes: compactBytes,
        fullSizeRecordBytes: fullBytes,
        segmentBytes: DEFAULT_SEGMENT_BYTES,
      },
      empty: { ...zero, rounds: atZero },
      grown: { existing: EXISTING, logBytes: written.bytes, writeSeconds, indexSeconds, reopenSeconds, ...grownFigures, rounds: atGrown },
      ratios,
    };
    const results = join(ROOT, 'bench', 'results');
    mkdirSync(results, { recursive: true });
    const file = join(results, `decision-store-${result.measuredAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(results, 'decision-store-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to ${file} and decision-store-latest.json`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
