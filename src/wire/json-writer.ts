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

  /** What was written so far, as a view (valid until the next write). */
  view(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }

  /** What was written; the writer is not to be used after. */
  done(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }
}
