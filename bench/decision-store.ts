/*
 * How the SQLite decision store's appends, reads and searches hold up as it grows: measured on an empty store and
 * on one that already holds BENCH_EXISTING records (default 1,000,000), written straight into the database by the
 * store's own write connection in large transactions. `npm run bench:store`; not part of `npm test`.
 *
 *   BENCH_EXISTING     records already in the store for the second measurement (default 1000000)
 *   BENCH_APPENDS      appends measured at each size (default 20000), BENCH_CONCURRENCY at a time (default 64)
 *   BENCH_READS        random reads by id measured at each size (default 20000)
 *   BENCH_SEARCHES     searches (a page of 50) measured at each size (default 2000)
 *   BENCH_ROUNDS       rounds at each size, alternating between the sizes; medians are reported (default 3)
 *   BENCH_DIR          where the temporary stores go (default the system's temp folder); removed afterwards
 *
 * Every record has the shape of a real one: a real NSK request with a personRef, its rules, caller and outcome.
 * A record keeps no answer (it is made again when read), so there is one size of record, not two.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eligibilityResponse } from '../src/answer/ask.js';
import { newDecisionId } from '../src/decisions/decision-id.js';
import type { DecisionRecord } from '../src/decisions/decision-record.js';
import type { DecisionQuery } from '../src/decisions/decision-store.js';
import { migrationFiles } from '../src/decisions/migration-files.js';
import { PersonRefKey } from '../src/decisions/person-ref.js';
import { outcomeOf } from '../src/decisions/record-decision.js';
import { type RuleFileText, rulesOfAnswer } from '../src/decisions/rules-of-answer.js';
import { DATABASE_FILE, SqliteDecisionStore } from '../src/decisions/sqlite-decision-store.js';
import { SqliteWriter } from '../src/decisions/sqlite/sqlite-writer.js';
import { WriteConnection } from '../src/decisions/sqlite/write-connection.js';
import { loadRuleSet } from '../src/rules/load-rules.js';

const EXISTING = Number(process.env.BENCH_EXISTING ?? 1_000_000);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 20_000);
const READS = Number(process.env.BENCH_READS ?? 20_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MUNICIPALITIES = ['riga', 'liepaja', 'jelgava', 'valmiera'];
const TEN_YEARS = 10 * 365 * 86_400_000;

function template(): { record: DecisionRecord; texts: RuleFileText[] } {
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
  if (answered.status !== 200) throw new Error(`the bench's request is not answered: ${answered.body.detail}`);
  const outcome = outcomeOf(answered.body);
  const { rules, texts } = rulesOfAnswer(loaded.ruleSet, outcome.programme, answered.body as unknown as Record<string, unknown>);
  const record: DecisionRecord = {
    decisionId: '',
    format: 2,
    time: '',
    endpoint: 'eligibility',
    request,
    personRef: PersonRefKey.random().digest('CASE-2024-000123'),
    rules,
    caller: { tokenId: 'riga-caseworker-01', role: 'caseworker', municipality: 'riga' },
    outcome,
    answerSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };
  return { record, texts };
}

/** The template made at `time` by one of four municipalities, eligible or not by turns. */
function stamped(template: DecisionRecord, time: number, index: number): DecisionRecord {
  const municipality = MUNICIPALITIES[index % MUNICIPALITIES.length] as string;
  return {
    ...template,
    decisionId: newDecisionId(time),
    time: new Date(time).toISOString(),
    caller: { tokenId: `${municipality}-caseworker-01`, role: 'caseworker', municipality },
    outcome: { ...template.outcome, eligible: index % 3 !== 0 },
  };
}

/** Writes `count` records over the last ten years with the store's write connection, 20,000 a transaction. */
function prefill(file: string, made: { record: DecisionRecord; texts: RuleFileText[] }, count: number): string[] {
  const connection = WriteConnection.open({ file, migrations: migrationFiles('sqlite'), pragmas: [] });
  const sample: string[] = [];
  const start = Date.now() - TEN_YEARS;
  connection.commit({ puts: made.texts, records: [], force: false });
  for (let first = 0; first < count; first += 20_000) {
    const records: string[] = [];
    for (let index = first; index < Math.min(count, first + 20_000); index += 1) {
      const record = stamped(made.record, start + Math.floor((index * TEN_YEARS) / count), index);
      if (index % Math.max(1, Math.floor(count / READS)) === 0) sample.push(record.decisionId);
      records.push(JSON.stringify(record));
    }
    connection.commit({ puts: [], records, force: false });
  }
  connection.close();
  return sample;
}

/** How many transactions the store's writer thread is asked for: appends per transaction is the group commit at work. */
let commits = 0;
const request = SqliteWriter.prototype.request;
SqliteWriter.prototype.request = function (this: SqliteWriter, asked) {
  if (asked.kind === 'commit') commits += 1;
  return request.call(this, asked);
} as typeof request;

async function measureAppends(store: SqliteDecisionStore, made: { record: DecisionRecord; texts: RuleFileText[] }, count: number) {
  const ids: string[] = [];
  const commitsBefore = commits;
  let next = 0;
  const started = performance.now();
  const client = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const record = stamped(made.record, Date.now(), index);
      for (const text of made.texts) await store.archive.put(text);
      await store.append(record);
      ids.push(record.decisionId);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: count / seconds, ids, recordsPerTransaction: count / Math.max(1, commits - commitsBefore) };
}

async function measureReads(store: SqliteDecisionStore, ids: readonly string[], count: number): Promise<number> {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const started = performance.now();
  for (let read = 0; read < count; read += 1) {
    const id = ids[Math.floor(random() * ids.length)] as string;
    const record = await store.read(id);
    if (record?.decisionId !== id) throw new Error(`read ${id} gave ${record?.decisionId ?? 'nothing'}`);
  }
  return count / ((performance.now() - started) / 1000);
}

/**
 * An auditor's and a caseworker's searches, a page of 50 each, over days both stores have decisions of (the last
 * year): a municipality; a programme over half a year; every filter together.
 */
function searches(): DecisionQuery[] {
  const day = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  return [
    { municipality: 'liepaja', limit: 50 },
    { programme: 'nsk', from: day(182), to: day(0), limit: 50 },
    { programme: 'nsk', municipality: 'riga', from: day(365), to: day(0), eligible: false, limit: 50 },
  ];
}

async function measureSearches(store: SqliteDecisionStore, count: number): Promise<number> {
  const queries = searches();
  const started = performance.now();
  for (let search = 0; search < count; search += 1) await store.search(queries[search % queries.length] as DecisionQuery);
  return count / ((performance.now() - started) / 1000);
}

const rounded = (value: number): number => Math.round(value);
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

interface Figures {
  appendsPerSecond: number;
  recordsPerTransaction: number;
  readsPerSecond: number;
  searchesPerSecond: number;
}

async function measureRound(
  store: SqliteDecisionStore,
  made: { record: DecisionRecord; texts: RuleFileText[] },
  readable: readonly string[] | null,
): Promise<Figures> {
  const appended = await measureAppends(store, made, APPENDS);
  return {
    appendsPerSecond: appended.perSecond,
    recordsPerTransaction: appended.recordsPerTransaction,
    readsPerSecond: await measureReads(store, readable ?? appended.ids, READS),
    searchesPerSecond: await measureSearches(store, SEARCHES),
  };
}

function medianOf(rounds: readonly Figures[]): Figures {
  return {
    appendsPerSecond: rounded(median(rounds.map((each) => each.appendsPerSecond))),
    recordsPerTransaction: median(rounds.map((each) => each.recordsPerTransaction)),
    readsPerSecond: rounded(median(rounds.map((each) => each.readsPerSecond))),
    searchesPerSecond: rounded(median(rounds.map((each) => each.searchesPerSecond))),
  };
}

async function main(): Promise<void> {
  const made = template();
  const recordBytes = Buffer.byteLength(JSON.stringify(stamped(made.record, Date.now(), 0)));
  const base = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'sbsp-bench-store-'));
  console.log(
    `record: ${recordBytes} bytes as JSON; per round and store: ${APPENDS} appends (${CONCURRENCY} at a time), ${READS} random reads, ${SEARCHES} searches; ${ROUNDS} rounds, medians`,
  );
  try {
    const grownDirectory = join(base, 'grown');
    mkdirSync(grownDirectory);
    let started = performance.now();
    const sample = prefill(join(grownDirectory, DATABASE_FILE), made, EXISTING);
    const writeSeconds = (performance.now() - started) / 1000;
    const databaseBytes = statSync(join(grownDirectory, DATABASE_FILE)).size;
    console.log(`wrote ${EXISTING} records (${(databaseBytes / 2 ** 30).toFixed(2)} GiB of database) in ${writeSeconds.toFixed(1)} s`);
    started = performance.now();
    const grown = await SqliteDecisionStore.open({ directory: grownDirectory });
    const openSeconds = (performance.now() - started) / 1000;
    const empty = await SqliteDecisionStore.open({ directory: join(base, 'empty') });

    // A first round on a throwaway store, so that neither size pays for the JIT warming up; then the two sizes
    // alternate, round by round, so that a busy moment of a shared machine falls on both.
    const warmUp = await SqliteDecisionStore.open({ directory: join(base, 'warm-up') });
    await measureRound(warmUp, made, null);
    await warmUp.close();
    const atZero: Figures[] = [];
    const atGrown: Figures[] = [];
    for (let index = 0; index < ROUNDS; index += 1) {
      for (const which of index % 2 === 0 ? ['empty', 'grown'] : ['grown', 'empty']) {
        if (which === 'empty') atZero.push(await measureRound(empty, made, null));
        else atGrown.push(await measureRound(grown, made, sample));
      }
    }
    await empty.close();
    await grown.close();
    const zero = medianOf(atZero);
    const grownFigures = medianOf(atGrown);
    for (const [label, figures] of [
      ['at 0 existing', zero],
      [`at ${EXISTING} existing`, grownFigures],
    ] as const) {
      console.log(
        `${label}: ${figures.appendsPerSecond} appends/s (${figures.recordsPerTransaction.toFixed(1)} records a transaction), ${figures.readsPerSecond} reads/s, ${figures.searchesPerSecond} searches/s`,
      );
    }
    const ratios = {
      appends: grownFigures.appendsPerSecond / zero.appendsPerSecond,
      reads: grownFigures.readsPerSecond / zero.readsPerSecond,
      searches: grownFigures.searchesPerSecond / zero.searchesPerSecond,
    };
    console.log(
      `ratio (at ${EXISTING} / at 0): appends ${ratios.appends.toFixed(2)}, reads ${ratios.reads.toFixed(2)}, searches ${ratios.searches.toFixed(2)}; opened in ${openSeconds.toFixed(2)} s`,
    );
    const result = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      store: 'sqlite',
      settings: { existing: EXISTING, appends: APPENDS, reads: READS, searches: SEARCHES, concurrency: CONCURRENCY, rounds: ROUNDS, recordBytes },
      empty: { ...zero, rounds: atZero },
      grown: { existing: EXISTING, databaseBytes, writeSeconds, openSeconds, ...grownFigures, rounds: atGrown },
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
