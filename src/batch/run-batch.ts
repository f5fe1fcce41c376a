import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { loadRuleSet } from '../rules/load-rules.js';
import { formatProblem } from '../rules/yaml-file.js';
import { MAX_REQUEST_BYTES } from '../answer/request-size.js';
import { answerInputLine, type BatchSettings } from './answer-line.js';
import type { Chunk, ChunkAnswer, WorkerSetup } from './batch-worker.js';
import { inputLines } from './input-lines.js';

export interface BatchOptions extends BatchSettings {
  rulesDirectory: string;
  /** Worker threads; 0 answers in this thread. */
  workers: number;
  chunkSize?: number;
}

export interface BatchIo {
  input: Readable;
  output: Writable;
  /** A line that was not answered, with its line number (1-based). */
  onProblem(line: number, problem: string): void;
  /** Called after each chunk is written: lines written so far. */
  onProgress?(linesWritten: number): void;
}

export type BatchOutcome = { ok: true; lines: number; failed: number } | { ok: false; problems: string[] };

/** Chunks in flight per worker: enough to keep both cores busy, few enough that memory stays flat. */
const IN_FLIGHT_PER_WORKER = 2;
const DEFAULT_CHUNK_SIZE = 500;

interface Answerer {
  answer(chunk: Chunk): Promise<ChunkAnswer>;
  close(): Promise<void>;
}

function inThread(options: BatchOptions): Answerer | string[] {
  const loaded = loadRuleSet(options.rulesDirectory);
  if (!loaded.ok) return loaded.problems.map(formatProblem);
  const ruleSet = loaded.ruleSet;
  return {
    answer: async (chunk) => {
      const result: ChunkAnswer = { id: chunk.id, json: [], problems: [] };
      chunk.texts.forEach((text, offset) => {
        const answered = answerInputLine(ruleSet, options, chunk.firstLine + offset, text);
        result.json.push(answered.json);
        if (answered.problem !== undefined) result.problems.push({ line: chunk.firstLine + offset, problem: answered.problem });
      });
      return result;
    },
    close: async () => undefined,
  };
}

function startWorker(options: BatchOptions): Worker {
  const setup: WorkerSetup = { rulesDirectory: options.rulesDirectory, programme: options.programme, period: options.period, explain: options.explain };
  const fromSource = import.meta.url.endsWith('.ts');
  const module = new URL(fromSource ? './batch-worker.ts' : './batch-worker.js', import.meta.url);
  // From source the worker needs tsx registered in its own thread first: bin/ts-worker.js does that.
  return fromSource
    ? new Worker(new URL('../../bin/ts-worker.js', import.meta.url), { workerData: { ...setup, module: module.href } })
    : new Worker(module, { workerData: setup });
}

async function inWorkers(options: BatchOptions): Promise<Answerer | string[]> {
  const workers = Array.from({ length: options.workers }, () => startWorker(options));
  const pending = new Map<number, (answer: ChunkAnswer) => void>();
  const load = new Map<Worker, number>(workers.map((worker) => [worker, 0]));
  const started = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<string[] | null>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', (message: { ready?: true; failed?: string[] }) => resolve(message.failed ?? null));
        }),
    ),
  );
  const failed = started.find((problems) => problems !== null);
  if (failed) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    return failed;
  }
  for (const worker of workers) {
    worker.on('message', (answer: ChunkAnswer) => {
      load.set(worker, (load.get(worker) ?? 1) - 1);
      pending.get(answer.id)?.(answer);
      pending.delete(answer.id);
    });
  }
  return {
    answer: (chunk) =>
      new Promise((resolve) => {
        const worker = [...load.entries()].sort((a, b) => a[1] - b[1])[0]?.[0] as Worker;
        load.set(worker, (load.get(worker) ?? 0) + 1);
        pending.set(chunk.id, resolve);
        worker.postMessage(chunk);
      }),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * Answers every line of `input` (JSON Lines) and writes one line of JSON per input line to `output`, in input order.
 * Lines are answered in chunks by worker threads; reading waits while enough chunks are in flight, so memory stays
 * flat however long the input is. A bad line is answered with its problems and reported; it stops nothing. A line is
 * a request: one longer than MAX_REQUEST_BYTES is answered 413 unread, as the API answers such a body, so memory stays
 * flat however long a line is too.
 */
export async function runBatch(options: BatchOptions, io: BatchIo): Promise<BatchOutcome> {
  const answerer = options.workers > 0 ? await inWorkers(options) : inThread(options);
  if (Array.isArray(answerer)) return { ok: false, problems: answerer };
  const capacity = Math.max(1, options.workers) * IN_FLIGHT_PER_WORKER;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const done = new Map<number, ChunkAnswer>();
  const inFlight = new Set<Promise<void>>();
  let nextToWrite = 0;
  let written = 0;
  let failed = 0;
  let writing: Promise<void> = Promise.resolve();

  const flush = async (): Promise<void> => {
    while (done.has(nextToWrite)) {
      const answer = done.get(nextToWrite) as ChunkAnswer;
      done.delete(nextToWrite);
      nextToWrite += 1;
      for (const { line, problem } of answer.problems) io.onProblem(line, problem);
      failed += answer.problems.length;
      written += answer.json.length;
      if (answer.json.length > 0 && !io.output.write(`${answer.json.join('\n')}\n`)) await once(io.output, 'drain');
      io.onProgress?.(written);
    }
  };

  const send = async (chunk: Chunk): Promise<void> => {
    while (inFlight.size >= capacity) await Promise.race(inFlight);
    const task = answerer.answer(chunk).then((answer) => {
      done.set(answer.id, answer);
      writing = writing.then(flush);
      return writing;
    });
    const tracked = task.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  let chunk: Chunk = { id: 0, firstLine: 1, texts: [] };
  let lineNumber = 0;
  let nextId = 0;
  for await (const text of inputLines(io.input, MAX_REQUEST_BYTES)) {
    lineNumber += 1;
    if (typeof text === 'string' && text.trim() === '') {
      // A blank line is no person: it keeps its number but gets no answer.
      if (chunk.texts.length === 0) chunk.firstLine = lineNumber + 1;
      else {
        await send(chunk);
        nextId += 1;
        chunk = { id: nextId, firstLine: lineNumber + 1, texts: [] };
      }
      continue;
    }
    chunk.texts.push(text);
    if (chunk.texts.length >= chunkSize) {
      await send(chunk);
      nextId += 1;
      chunk = { id: nextId, firstLine: lineNumber + 1, texts: [] };
    }
  }
  if (chunk.texts.length > 0) await send(chunk);
  await Promise.all(inFlight);
  await writing;
  await answerer.close();
  return { ok: true, lines: written, failed };
}
