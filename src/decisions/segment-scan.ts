import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isDecisionId } from './decision-id.js';
import { LINE_PREFIX } from './decision-record.js';
import type { IndexEntry } from './segment-index.js';

/** What a segment file holds: its records' places, and where its last whole record ends. */
export interface ScannedSegment {
  entries: IndexEntry[];
  /** Bytes up to the end of the last whole record; anything after it is a torn write of a batch never acknowledged. */
  validBytes: number;
  totalBytes: number;
  /** Lines before the end that are not records (never written by this store; reported, not indexed). */
  skippedLines: number;
}

const CHUNK_BYTES = 16 * 1024 * 1024;
const PREFIX = Buffer.from(LINE_PREFIX, 'latin1');
const ID_LENGTH = 36;
const NEWLINE = 0x0a;
const QUOTE = 0x22;

/** The id of one line: read at its fixed place when the line starts as decisionLine writes it, else parsed. */
function idOfLine(line: Buffer): string | null {
  if (line.length > PREFIX.length + ID_LENGTH && line.subarray(0, PREFIX.length).equals(PREFIX) && line[PREFIX.length + ID_LENGTH] === QUOTE) {
    const id = line.toString('latin1', PREFIX.length, PREFIX.length + ID_LENGTH);
    if (isDecisionId(id)) return id;
  }
  try {
    const parsed = JSON.parse(line.toString('utf8')) as { decisionId?: unknown };
    return typeof parsed?.decisionId === 'string' && isDecisionId(parsed.decisionId) ? parsed.decisionId : null;
  } catch {
    return null;
  }
}

/**
 * Reads a segment from start to end, in large chunks, and lists where each record lies. Synchronous: it runs when
 * the store opens (before the service listens), or to seal a segment a crash left without its index.
 */
export function scanSegment(path: string): ScannedSegment {
  const fd = openSync(path, 'r');
  try {
    const totalBytes = fstatSync(fd).size;
    const entries: IndexEntry[] = [];
    let skippedLines = 0;
    let skippedSinceRecord = 0;
    let validBytes = 0;
    let carried = Buffer.alloc(0);
    let carriedFrom = 0;
    for (let position = 0; position < totalBytes; ) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, totalBytes - position));
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      position += read;
      const data = carried.length > 0 ? Buffer.concat([carried, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
        const id = idOfLine(data.subarray(start, end));
        if (id === null) skippedSinceRecord += 1;
        else {
          skippedLines += skippedSinceRecord;
          skippedSinceRecord = 0;
          entries.push({ decisionId: id, offset: carriedFrom + start, length: end + 1 - start });
          validBytes = carriedFrom + end + 1;
        }
        start = end + 1;
      }
      carried = Buffer.from(data.subarray(start));
      carriedFrom += start;
    }
    // Lines after the last record are the torn tail, not the middle: they are counted in neither.
    return { entries, validBytes, totalBytes, skippedLines };
  } finally {
    closeSync(fd);
  }
}
