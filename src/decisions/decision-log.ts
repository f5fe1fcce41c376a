import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readdir, readFile, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { isDecisionId } from './decision-id.js';
import { decisionLine, type DecisionRecord } from './decision-record.js';
import type { DecisionStore } from './decision-store.js';
import { syncDirectory, writeFileDurably } from './durable-file.js';
import { GroupCommit } from './group-commit.js';
import { FileRuleArchive } from './rule-archive.js';
import { encodeSegmentIndex, SegmentIndex } from './segment-index.js';
import { scanSegment } from './segment-scan.js';

/*
 * The decision store on disk. lowdb rewrites its whole JSON file on every write, so the records themselves are not
 * in lowdb: they go to an append-only JSON Lines log, one record a line, cut into segments of about 64 MiB.
 *
 *   <dir>/log/00000001.jsonl   records, appended in batches: one write + one fsync per batch (group commit),
 *                              and each request's answer is sent only after its batch is synced
 *   <dir>/log/00000001.idx     a sealed segment's index: ids sorted, fixed-width, binary-searched (segment-index.ts)
 *   <dir>/rules/ab/<sha>.yaml  the rule files decisions were made with, by content (rule-archive.ts)
 *   <dir>/decisions.json       lowdb: the segment list with each one's id range and size — small, rewritten only
 *                              when a segment is sealed, and rebuilt from the .idx files if it is lost
 *
 * Appending costs the same at any size. A read looks the id up in memory (the open segment) or in the index of the
 * one or two sealed segments whose id range holds it — ids are time-ordered (decision-id.ts) — and reads one line.
 * After a crash, the open segment's torn tail (a batch never acknowledged) is cut off and kept aside in a
 * .cut-<time> file; a segment a crash left without an index is indexed again by scanning it.
 */

export interface FileDecisionStoreOptions {
  /** DECISIONS_DIR. */
  directory: string;
  /** DECISIONS_FILE: lowdb's metadata file (default <directory>/decisions.json). */
  metadataFile?: string;
  maxSegmentBytes?: number;
  /** How long the first append of a batch waits for others to join it. */
  commitWindowMilliseconds?: number;
  maxBatch?: number;
  /** Told about repairs made on opening (a torn tail cut, a segment indexed again). */
  onNotice?: (message: string) => void;
}

interface SegmentMetadata {
  number: number;
  records: number;
  bytes: number;
  firstId: string;
  lastId: string;
}

interface StoreMetadata {
  format: 1;
  active: number;
  segments: SegmentMetadata[];
}

interface ActiveSegment {
  number: number;
  handle: FileHandle;
  reader: number;
  size: number;
  entries: Map<string, { offset: number; length: number }>;
}

interface Pending {
  decisionId: string;
  /** The record's line, in pieces (decisionLine), and its length in bytes. */
  pieces: Buffer[];
  length: number;
}

export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
/** No clock: a batch is what arrived in one turn of the event loop, and what arrived while the last one synced. */
const DEFAULT_COMMIT_WINDOW_MILLISECONDS = 0;
const DEFAULT_MAX_BATCH = 2000;
/** Sealed indexes kept in memory (32 bytes a record: 64 MiB is two million records' worth). */
const INDEX_CACHE_BYTES = 64 * 1024 * 1024;
const OPEN_READERS = 64;

export function segmentFileName(number: number): string {
  return `${String(number).padStart(8, '0')}.jsonl`;
}

function indexFileName(number: number): string {
  return `${String(number).padStart(8, '0')}.idx`;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One process writes a store: a second one appending to the same segment would corrupt both. */
async function takeLock(lockFile: string): Promise<void> {
  const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processIsAlive(holder)) {
    throw new Error(`the decision store is in use by process ${holder} (${lockFile})`);
  }
  await writeFile(lockFile, `${process.pid}\n`);
}

/** Most systems take at most 1024 pieces in one writev (IOV_MAX). */
const PIECES_PER_WRITE = 1024;

/** Writes the pieces one after the other, as few writev calls as it takes, without copying them into one buffer. */
export async function writeAll(handle: Pick<FileHandle, 'writev'>, pieces: readonly Buffer[]): Promise<void> {
  let first = 0;
  let skip = 0; // bytes of pieces[first] already written
  while (first < pieces.length) {
    const group = pieces.slice(first, first + PIECES_PER_WRITE);
    if (skip > 0) group[0] = (group[0] as Buffer).subarray(skip);
    let { bytesWritten } = await handle.writev(group);
    // A short write (rare: a full disk, a signal) leaves the rest for the next call.
    while (first < pieces.length && bytesWritten >= (pieces[first] as Buffer).length - skip) {
      bytesWritten -= (pieces[first] as Buffer).length - skip;
      first += 1;
      skip = 0;
    }
    skip += bytesWritten;
  }
}

export class FileDecisionStore implements DecisionStore {
  readonly archive: FileRuleArchive;
  readonly #logDirectory: string;
  readonly #lockFile: string;
  readonly #maxSegmentBytes: number;
  readonly #notice: (message: string) => void;
  readonly #metadataFile: string;
  readonly #metadata: Low<StoreMetadata>;
  readonly #commits: GroupCommit<Pending>;
  /** Sealed segments ordered by firstId, with the largest lastId up to each: a lookup is a binary search. */
  #sealed: SegmentMetadata[] = [];
  #lastIdUpTo: string[] = [];
  readonly #indexes = new Map<number, SegmentIndex>();
  #indexBytes = 0;
  readonly #readers = new Map<number, number>();
  #active: ActiveSegment | null = null;
  #broken: Error | null = null;
  #batches = 0;

  private constructor(directory: string, options: FileDecisionStoreOptions) {
    this.archive = new FileRuleArchive(join(directory, 'rules'));
    this.#logDirectory = join(directory, 'log');
    this.#lockFile = join(directory, 'store.lock');
    this.#maxSegmentBytes = options.maxSegmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.#notice = options.onNotice ?? (() => {});
    this.#metadataFile = options.metadataFile ?? join(directory, 'decisions.json');
    this.#metadata = new Low<StoreMetadata>(new JSONFile(this.#metadataFile), { format: 1, active: 1, segments: [] });
    this.#commits = new GroupCommit(
      (batch) => this.#commit(batch),
      options.commitWindowMilliseconds ?? DEFAULT_COMMIT_WINDOW_MILLISECONDS,
      options.maxBatch ?? DEFAULT_MAX_BATCH,
    );
  }

  static async open(options: FileDecisionStoreOptions): Promise<FileDecisionStore> {
    const directory = resolve(options.directory);
    const store = new FileDecisionStore(directory, options);
    await mkdir(store.#logDirectory, { recursive: true });
    await mkdir(store.archive.directory, { recursive: true });
    await mkdir(dirname(store.#metadataFile), { recursive: true });
    await takeLock(store.#lockFile);
    try {
      await store.#metadata.read();
    } catch {
      store.#notice('decision store: the metadata file could not be read; it is rebuilt from the segment indexes');
    }
    const known = new Map((store.#metadata.data?.segments ?? []).map((segment) => [segment.number, segment]));
    const numbers = (await readdir(store.#logDirectory))
      .map((name) => /^(\d{8})\.jsonl$/.exec(name)?.[1])
      .filter((digits): digits is string => digits !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    for (const number of numbers.slice(0, -1)) {
      const segment = await store.#openSealed(number, known.get(number));
      if (segment) store.#addSealed(segment);
    }
    store.#active = await store.#openActive(numbers.at(-1) ?? 1);
    await store.#saveMetadata();
    return store;
  }

  /** Batches committed (each one write and one fsync) since opening: records / batches is the group commit's gain. */
  get batches(): number {
    return this.#batches;
  }

  /** How many records the store holds. */
  get records(): number {
    return this.#sealed.reduce((sum, segment) => sum + segment.records, 0) + (this.#active?.entries.size ?? 0);
  }

  describe(): string {
    return `${this.records} record(s): ${this.#sealed.length} sealed segment(s), ${this.#active?.entries.size ?? 0} record(s) in the open one`;
  }

  append(record: DecisionRecord): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    const pieces = decisionLine(record);
    return this.#commits.add({ decisionId: record.decisionId, pieces, length: pieces.reduce((sum, piece) => sum + piece.length, 0) });
  }

  /**
   * Reads with synchronous pread: one short read at a known offset, after an in-memory lookup. Being synchronous,
   * it cannot interleave with sealing a segment or with closing a cached file, so no read ever sees a half state.
   */
  async read(decisionId: string): Promise<DecisionRecord | null> {
    if (!isDecisionId(decisionId)) return null;
    const found = this.#locate(decisionId);
    if (!found) return null;
    const buffer = Buffer.alloc(found.length);
    let read = 0;
    while (read < found.length) {
      const bytes = readSync(found.reader, buffer, read, found.length - read, found.offset + read);
      if (bytes === 0) throw new Error(`decision log: the record ${decisionId} ends before its indexed length`);
      read += bytes;
    }
    return JSON.parse(buffer.toString('utf8')) as DecisionRecord;
  }

  async close(): Promise<void> {
    await this.#commits.drain();
    await this.#active?.handle.close();
    if (this.#active) closeSync(this.#active.reader);
    for (const reader of this.#readers.values()) closeSync(reader);
    this.#readers.clear();
    this.#active = null;
    this.#broken = new Error('the decision store is closed');
    await unlink(this.#lockFile).catch(() => {});
  }

  #locate(decisionId: string): { reader: number; offset: number; length: number } | null {
    const active = this.#active;
    const inActive = active?.entries.get(decisionId);
    if (active && inActive) return { reader: active.reader, ...inActive };
    // The last sealed segment whose range starts at or before the id; ranges that overlap it lie just before it.
    let low = 0;
    let high = this.#sealed.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((this.#sealed[middle] as SegmentMetadata).firstId <= decisionId) low = middle + 1;
      else high = middle - 1;
    }
    for (let at = high; at >= 0 && (this.#lastIdUpTo[at] as string) >= decisionId; at -= 1) {
      const segment = this.#sealed[at] as SegmentMetadata;
      if (segment.lastId < decisionId) continue;
      const place = this.#indexOf(segment.number).find(decisionId);
      if (place) return { reader: this.#readerOf(segment.number), ...place };
    }
    return null;
  }

  #indexOf(number: number): SegmentIndex {
    const cached = this.#indexes.get(number);
    if (cached) {
      this.#indexes.delete(number);
      this.#indexes.set(number, cached);
      return cached;
    }
    const path = join(this.#logDirectory, indexFileName(number));
    const fd = openSync(path, 'r');
    let index: SegmentIndex | null;
    try {
      const size = fstatSync(fd).size;
      const buffer = Buffer.alloc(size);
      readSync(fd, buffer, 0, size, 0);
      index = SegmentIndex.decode(buffer);
    } finally {
      closeSync(fd);
    }
    if (!index) throw new Error(`decision log: the index ${path} is damaged; restart to index the segment again`);
    this.#cacheIndex(number, index);
    return index;
  }

  #cacheIndex(number: number, index: SegmentIndex): void {
    this.#indexes.set(number, index);
    this.#indexBytes += index.bytes;
    for (const [oldest, evicted] of this.#indexes) {
      if (this.#indexBytes <= INDEX_CACHE_BYTES || oldest === number) break;
      this.#indexes.delete(oldest);
      this.#indexBytes -= evicted.bytes;
    }
  }

  #readerOf(number: number): number {
    const open = this.#readers.get(number);
    if (open !== undefined) {
      this.#readers.delete(number);
      this.#readers.set(number, open);
      return open;
    }
    const reader = openSync(join(this.#logDirectory, segmentFileName(number)), 'r');
    this.#rememberReader(number, reader);
    return reader;
  }

  #rememberReader(number: number, reader: number): void {
    this.#readers.set(number, reader);
    for (const [oldest, fd] of this.#readers) {
      if (this.#readers.size <= OPEN_READERS) break;
      this.#readers.delete(oldest);
      closeSync(fd);
    }
  }

  #addSealed(segment: SegmentMetadata): void {
    this.#sealed.push(segment);
    this.#sealed.sort((a, b) => (a.firstId < b.firstId ? -1 : a.firstId > b.firstId ? 1 : a.number - b.number));
    let largest = '';
    this.#lastIdUpTo = this.#sealed.map((each) => (largest = each.lastId > largest ? each.lastId : largest));
  }

  /** A sealed segment as lowdb knows it, if its files still match; else from its index, or indexed again. */
  async #openSealed(number: number, known: SegmentMetadata | undefined): Promise<SegmentMetadata | null> {
    const segmentPath = join(this.#logDirectory, segmentFileName(number));
    const indexPath = join(this.#logDirectory, indexFileName(number));
    const [segmentStat, indexStat] = await Promise.all([stat(segmentPath), stat(indexPath).catch(() => null)]);
    if (known && indexStat && known.bytes === segmentStat.size && indexStat.size === 16 + known.records * 32) return known;
    const index = indexStat ? SegmentIndex.decode(await readFile(indexPath)) : null;
    if (index && index.count > 0)
      return { number, records: index.count, bytes: segmentStat.size, firstId: index.firstId as string, lastId: index.lastId as string };
    const scanned = await this.#scanAndCut(segmentPath);
    const buffer = encodeSegmentIndex(scanned.entries);
    await writeFileDurably(indexPath, buffer);
    this.#notice(`decision log ${segmentFileName(number)}: indexed ${scanned.entries.length} record(s)`);
    const rebuilt = SegmentIndex.decode(buffer) as SegmentIndex;
    if (rebuilt.count === 0) return null;
    return { number, records: rebuilt.count, bytes: scanned.validBytes, firstId: rebuilt.firstId as string, lastId: rebuilt.lastId as string };
  }

  async #openActive(number: number): Promise<ActiveSegment> {
    const path = join(this.#logDirectory, segmentFileName(number));
    const exists = await stat(path).catch(() => null);
    const scanned = exists ? await this.#scanAndCut(path) : null;
    const handle = await open(path, 'a');
    if (!exists) await syncDirectory(this.#logDirectory);
    const entries = new Map((scanned?.entries ?? []).map((entry) => [entry.decisionId, { offset: entry.offset, length: entry.length }]));
    return { number, handle, reader: openSync(path, 'r'), size: scanned?.validBytes ?? 0, entries };
  }

  /** Scans a segment and cuts a torn tail off, keeping the cut bytes in a file beside it. */
  async #scanAndCut(path: string): Promise<ReturnType<typeof scanSegment>> {
    const scanned = scanSegment(path);
    if (scanned.skippedLines > 0) this.#notice(`decision log ${path}: ${scanned.skippedLines} line(s) that are not records were skipped`);
    if (scanned.validBytes < scanned.totalBytes) {
      const handle = await open(path, 'r+');
      try {
        const tail = Buffer.alloc(scanned.totalBytes - scanned.validBytes);
        await handle.read(tail, 0, tail.length, scanned.validBytes);
        const aside = `${path}.cut-${Date.now()}`;
        await writeFileDurably(aside, tail);
        await handle.truncate(scanned.validBytes);
        await handle.sync();
        this.#notice(`decision log ${path}: cut ${tail.length} byte(s) of an unfinished write, kept in ${aside}`);
      } finally {
        await handle.close();
      }
    }
    return scanned;
  }

  /** One batch: one write, one fsync; on failure the segment is put back as it was, or the store refuses more. */
  async #commit(batch: Pending[]): Promise<void> {
    if (this.#broken) throw this.#broken;
    const active = this.#active as ActiveSegment;
    const pieces = batch.flatMap((pending) => pending.pieces);
    const before = active.size;
    try {
      await writeAll(active.handle, pieces);
      await active.handle.datasync();
    } catch (error) {
      try {
        await active.handle.truncate(before);
        await active.handle.datasync();
      } catch {
        this.#broken = new Error('the decision log could not be written, nor put back as it was: no more decisions are recorded');
      }
      throw error;
    }
    this.#batches += 1;
    let offset = before;
    for (const pending of batch) {
      active.entries.set(pending.decisionId, { offset, length: pending.length });
      offset += pending.length;
    }
    active.size = offset;
    if (active.size >= this.#maxSegmentBytes) await this.#seal();
  }

  async #seal(): Promise<void> {
    const active = this.#active as ActiveSegment;
    const buffer = encodeSegmentIndex([...active.entries].map(([decisionId, place]) => ({ decisionId, ...place })));
    await writeFileDurably(join(this.#logDirectory, indexFileName(active.number)), buffer);
    const index = SegmentIndex.decode(buffer) as SegmentIndex;
    this.#cacheIndex(active.number, index);
    this.#addSealed({ number: active.number, records: index.count, bytes: active.size, firstId: index.firstId as string, lastId: index.lastId as string });
    await active.handle.close();
    this.#rememberReader(active.number, active.reader);
    this.#active = await this.#openActive(active.number + 1);
    await this.#saveMetadata();
  }

  async #saveMetadata(): Promise<void> {
    this.#metadata.data = { format: 1, active: this.#active?.number ?? 1, segments: [...this.#sealed].sort((a, b) => a.number - b.number) };
    await this.#metadata.write();
  }
}
