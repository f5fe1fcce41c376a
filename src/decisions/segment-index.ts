import { decisionIdBytes } from './decision-id.js';

/** Where one record lies in its segment file. */
export interface IndexEntry {
  decisionId: string;
  offset: number;
  length: number;
}

/*
 * A sealed segment's index file: a 16-byte header ("SBSPIDX1", entry count) and then one 32-byte entry per record
 * — the id's 16 bytes, the offset (6 bytes) and length (4 bytes) of its line, 6 bytes zero — sorted by id. Fixed
 * widths make a lookup a binary search over a Buffer, with no parsing, however many records there are.
 */
const MAGIC = Buffer.from('SBSPIDX1', 'latin1');
const HEADER_BYTES = 16;
const ENTRY_BYTES = 32;

function idOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function encodeSegmentIndex(entries: readonly IndexEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.decisionId < b.decisionId ? -1 : a.decisionId > b.decisionId ? 1 : 0));
  const buffer = Buffer.alloc(HEADER_BYTES + sorted.length * ENTRY_BYTES);
  MAGIC.copy(buffer, 0);
  buffer.writeUInt32BE(sorted.length, 8);
  sorted.forEach((entry, index) => {
    const at = HEADER_BYTES + index * ENTRY_BYTES;
    decisionIdBytes(entry.decisionId).copy(buffer, at);
    buffer.writeUIntBE(entry.offset, at + 16, 6);
    buffer.writeUInt32BE(entry.length, at + 22);
  });
  return buffer;
}

/** A decoded index: its id range, for choosing segments, and a lookup by id. */
export class SegmentIndex {
  private constructor(
    private readonly buffer: Buffer,
    readonly count: number,
  ) {}

  /** The index in `buffer`, or null when it is not a whole index file (it is then built again from its segment). */
  static decode(buffer: Buffer): SegmentIndex | null {
    if (buffer.length < HEADER_BYTES || !buffer.subarray(0, 8).equals(MAGIC)) return null;
    const count = buffer.readUInt32BE(8);
    if (buffer.length !== HEADER_BYTES + count * ENTRY_BYTES) return null;
    return new SegmentIndex(buffer, count);
  }

  get bytes(): number {
    return this.buffer.length;
  }

  #idBytesAt(index: number): Buffer {
    const at = HEADER_BYTES + index * ENTRY_BYTES;
    return this.buffer.subarray(at, at + 16);
  }

  get firstId(): string | null {
    return this.count === 0 ? null : idOf(this.#idBytesAt(0));
  }

  get lastId(): string | null {
    return this.count === 0 ? null : idOf(this.#idBytesAt(this.count - 1));
  }

  find(decisionId: string): { offset: number; length: number } | null {
    const wanted = decisionIdBytes(decisionId);
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = Buffer.compare(this.#idBytesAt(middle), wanted);
      if (order === 0) {
        const at = HEADER_BYTES + middle * ENTRY_BYTES;
        return { offset: this.buffer.readUIntBE(at + 16, 6), length: this.buffer.readUInt32BE(at + 22) };
      }
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  }
}
