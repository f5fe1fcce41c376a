import type { Readable } from 'node:stream';

/** A line longer than a request may be: only its length is kept. */
export interface OversizedLine {
  oversized: true;
  bytes: number;
}

/** One line of a batch's input: its text, or how long it was when it was too long to read. */
export type InputLine = string | OversizedLine;

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The lines of a JSON Lines input (ended by \n or \r\n; the last may lack its end), each as its UTF-8 text. A line
 * of more than `maxBytes` bytes is not kept: its bytes are counted as they pass, so memory stays within `maxBytes`
 * (and a chunk of input) however long a line is.
 */
export async function* inputLines(input: Readable, maxBytes: number): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let last = -1;
  const line = (): InputLine => {
    // A carriage return before the line feed ends the line with it; it is not part of the line.
    const bytes = last === CARRIAGE_RETURN ? length - 1 : length;
    const text = bytes > maxBytes ? null : Buffer.concat(parts, length).toString('utf8', 0, bytes);
    parts = [];
    length = 0;
    last = -1;
    return text === null ? { oversized: true, bytes } : text;
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    let start = 0;
    while (start <= buffer.length) {
      const end = buffer.indexOf(LINE_FEED, start);
      const piece = buffer.subarray(start, end === -1 ? buffer.length : end);
      if (piece.length > 0) {
        length += piece.length;
        last = piece[piece.length - 1] as number;
        // One byte more than the limit is kept: it may be the \r of a \r\n.
        if (length <= maxBytes + 1) parts.push(piece);
        else parts = [];
      }
      if (end === -1) break;
      yield line();
      start = end + 1;
    }
  }
  if (length > 0) yield line();
}
