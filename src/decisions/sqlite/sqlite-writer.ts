import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreUnavailable } from '../decision-store.js';
import { storeFailure } from './unavailability.js';
import type { WriterReply, WriterRequest, WriterResults, WriterSetup, WriterStart } from './writer-messages.js';

interface Pending {
  resolve: (result: WriterResults[WriterRequest['kind']]) => void;
  reject: (error: Error) => void;
}

/**
 * The writer thread's file beside this module, with this module's extension: `.ts` from the sources (started
 * through tsx's API, which a worker does not inherit), `.js` compiled by tsc into dist/src, `.mjs` next to the bundle
 * dist/server.mjs (src/build/bundle-service.ts builds it there).
 */
/**
 * The thread holds only the records of the group being committed: a small young generation keeps the service's
 * memory under load near what it was before the thread (`npm run bench`: peak RSS). Its old generation is left
 * unbounded — a group of large IBM records must never run it out of memory.
 */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 8 };

function startThread(setup: WriterSetup): Worker {
  const extension = extname(new URL(import.meta.url).pathname);
  const thread = new URL(`./sqlite-writer-thread${extension}`, import.meta.url);
  if (extension !== '.ts') return new Worker(thread, { workerData: setup, resourceLimits: THREAD_LIMITS });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(thread.href)}, ${JSON.stringify(thread.href)}))`;
  return new Worker(bootstrap, { eval: true, workerData: setup, resourceLimits: THREAD_LIMITS });
}

/** The service's side of the writer thread: requests answered in order; the thread only keeps the process alive while it has work. */
export class SqliteWriter {
  readonly #thread: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #stopped: string | null = null;

  private constructor(
    thread: Worker,
    /** The schema migrations applied when the database was opened. */
    readonly applied: number[],
  ) {
    this.#thread = thread;
    thread.on('message', (reply: WriterReply) => this.#answer(reply));
    thread.on('error', (error) => this.#stop(`the decision database writer failed: ${error.message}`));
    thread.on('exit', () => this.#stop('the decision database writer stopped'));
    thread.unref();
  }

  /** Starts the thread and waits for it to open and migrate the database; rejects with SQLite's refusal, naming the file. */
  static start(setup: WriterSetup): Promise<SqliteWriter> {
    const thread = startThread(setup);
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void => reject(error);
      const exited = (code: number): void => reject(new Error(`the decision database writer exited (${code}) before it was ready`));
      thread.once('error', failed);
      thread.once('exit', exited);
      thread.once('message', (start: WriterStart) => {
        thread.off('error', failed);
        thread.off('exit', exited);
        if (start.ready) resolve(new SqliteWriter(thread, start.applied));
        else {
          void thread.terminate();
          const { code, message } = start.failure;
          reject(new Error(code === null ? message : `the decision database ${setup.file}: ${message} (${code})`));
        }
      });
    });
  }

  /** Why the thread is gone, if it is (every request then fails with StoreUnavailable). */
  get stopped(): string | null {
    return this.#stopped;
  }

  request<K extends WriterRequest['kind']>(request: Extract<WriterRequest, { kind: K }>): Promise<WriterResults[K]> {
    if (this.#stopped !== null) return Promise.reject(new StoreUnavailable(this.#stopped));
    const id = this.#nextId++;
    if (this.#pending.size === 0) this.#thread.ref();
    return new Promise<WriterResults[K]>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      this.#thread.postMessage({ id, request });
    });
  }

  #answer(reply: WriterReply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#thread.unref();
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(storeFailure(reply.failure));
  }

  #stop(reason: string): void {
    this.#stopped ??= reason;
    for (const pending of this.#pending.values()) pending.reject(new StoreUnavailable(this.#stopped));
    this.#pending.clear();
  }

  /** Closes the write connection (the last one to close checkpoints the WAL into the database) and ends the thread. */
  async close(): Promise<void> {
    if (this.#stopped !== null) return;
    const exited = new Promise((resolve) => this.#thread.once('exit', resolve));
    await this.request({ kind: 'close' });
    this.#thread.ref(); // until it has exited: a caller awaiting close() must not find the event loop empty
    await exited;
  }
}
