import { randomBytes } from 'node:crypto';

/**
 * JSON already written as UTF-8 bytes, to be spliced into a larger JSON text as it is. An answer's explanation is
 * written straight into bytes (explanation-json.ts), spliced into the answer, and the same bytes are recorded and
 * sent: no large string is built, and none is encoded to UTF-8 on the way out. JSON.stringify still works on a value
 * holding one (through toJSON, at the cost of a parse); `jsonBytes` and `jsonText` splice it without that cost.
 */
export class RawJson {
  constructor(readonly bytes: Buffer) {}

  static of(text: string): RawJson {
    return new RawJson(Buffer.from(text, 'utf8'));
  }

  get text(): string {
    return this.bytes.toString('utf8');
  }

  toJSON(): unknown {
    if (splicing !== null) return `${MARKER}${splicing.push(this) - 1}`;
    return JSON.parse(this.text);
  }
}

/**
 * A growing byte buffer for JSON written in pieces: bytes prepared once are copied, small texts are encoded in
 * place. `done` hands out a view of what was written (no copy).
 */
export class JsonWriter {
  #buffer: Buffer;
  #end: number;
  #length = 0;

  constructor(capacity = 4096) {
    this.#buffer = Buffer.allocUnsafe(Math.max(capacity, 64));
    this.#end = this.#buffer.length;
  }

  get length(): number {
    return this.#length;
  }

  #room(bytes: number): void {
    if (this.#length + bytes <= this.#end) return;
    const size = Math.max(this.#end * 2, this.#length + bytes);
    const grown = Buffer.allocUnsafe(size);
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
    this.#end = size;
  }

  bytes(chunk: Uint8Array): void {
    this.#room(chunk.length);
    this.#buffer.set(chunk, this.#length);
    this.#length += chunk.length;
  }

  /** A text of JSON (or any text), encoded as UTF-8: at most three bytes a UTF-16 unit. */
  text(text: string): void {
    this.#room(text.length * 3);
    const buffer = this.#buffer;
    let at = this.#length;
    // Short texts (a fact's value, a key) are mostly ASCII: copied by hand, which costs less than a call to encode.
    if (text.length <= 64) {
      let index = 0;
      for (; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (code >= 0x80) break;
        buffer[at] = code;
        at += 1;
      }
      if (index < text.length) at += buffer.write(text.slice(index), at, 'utf8');
    } else at += buffer.write(text, at, 'utf8');
    this.#length = at;
  }

  /** Copies bytes already written, from `start` to `end` (as `length` counted them), to the end. */
  again(start: number, end: number): void {
    this.#room(end - start);
    this.#buffer.copyWithin(this.#length, start, end);
    this.#length += end - start;
  }

  /** What was written; the writer is not to be used after. */
  done(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }
}

/**
 * While jsonBytes runs JSON.stringify, each RawJson met writes a marker instead of itself (toJSON), and is kept here
 * in the order met; the markers are then cut out of the text and the bytes copied in their place. The marker
 * carries a random nonce of this process, so no text a client sends can pass for one.
 */
let splicing: RawJson[] | null = null;
const NONCE = randomBytes(12).toString('hex');
const MARKER = `\u0000raw-${NONCE}-`;

/** JSON.stringify of `value` as UTF-8 bytes, with every RawJson inside copied in as it is. */
export function jsonBytes(value: unknown, capacity = 4096): Buffer {
  const raws: RawJson[] = [];
  splicing = raws;
  let text: string;
  try {
    text = JSON.stringify(value) ?? 'null';
  } finally {
    splicing = null;
  }
  const writer = new JsonWriter(raws.length === 0 ? text.length : capacity);
  let at = 0;
  raws.forEach((raw, index) => {
    // JSON.stringify writes the marker's NUL as \u0000, inside quotes.
    const marker = `"\\u0000raw-${NONCE}-${index}"`;
    const found = text.indexOf(marker, at);
    if (found < 0) throw new Error('jsonBytes: a RawJson marker is missing from the text');
    writer.text(text.slice(at, found));
    writer.bytes(raw.bytes);
    at = found + marker.length;
  });
  writer.text(at === 0 ? text : text.slice(at));
  return writer.done();
}

/** JSON.stringify of `value`, with every RawJson inside written as its text. */
export function jsonText(value: unknown): string {
  return jsonBytes(value).toString('utf8');
}
