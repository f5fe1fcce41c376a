import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonWriter, jsonBytes, jsonText, RawJson } from '../../src/evaluate/raw-json.js';

const text = (bytes: Buffer): string => bytes.toString('utf8');

describe('JSON written as bytes, with pieces already written', () => {
  it.each([
    ['plain data', { a: 1, b: [true, null, 'x'], c: { d: undefined, e: 'é"\n' } }],
    ['undefined and functions in arrays', [1, undefined, () => 2]],
    ['nested', { list: [{ x: { y: [1, 2] } }] }],
    ['Latvian text and a NUL', { title: 'Pilngadīga persona ar smagiem traucējumiem', odd: '\u0000raw-0' }],
  ])('writes %s as JSON.stringify does', (_name, value) => {
    expect(text(jsonBytes(value))).toBe(JSON.stringify(value));
    expect(jsonText(value)).toBe(JSON.stringify(value));
  });

  it('writes any JSON value as JSON.stringify does, from any starting capacity', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 300 }), (value, capacity) => {
        expect(text(jsonBytes(value, capacity))).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('splices each RawJson as its bytes, in order, however deep; JSON.stringify reads it through toJSON', () => {
    const value = {
      answer: 1,
      explanation: RawJson.of('[{"ref":"T1","title":"Bērns"}]'),
      segments: [{ explanation: RawJson.of('[]') }, { explanation: RawJson.of('{"x":2}') }],
    };
    const expected = '{"answer":1,"explanation":[{"ref":"T1","title":"Bērns"}],"segments":[{"explanation":[]},{"explanation":{"x":2}}]}';
    expect(text(jsonBytes(value, 8))).toBe(expected);
    expect(JSON.stringify(value)).toBe(expected);
  });

  it('cannot be fooled by a client text that looks like the marker of a spliced piece', () => {
    const value = { person: { name: '\u0000raw-0123456789abcdef01234567-0' }, explanation: RawJson.of('[1]') };
    expect(JSON.parse(text(jsonBytes(value)))).toEqual({ person: { name: '\u0000raw-0123456789abcdef01234567-0' }, explanation: [1] });
  });
});

describe('a JSON writer', () => {
  it('grows past its first capacity and keeps what it wrote: bytes, ASCII, non-ASCII and long texts', () => {
    const writer = new JsonWriter(64);
    writer.text('[');
    writer.text('"ā"');
    writer.text(',');
    writer.bytes(Buffer.from('"x"'));
    writer.text(',');
    const long = `"${'ž'.repeat(100)}${'a'.repeat(100)}"`;
    writer.text(long);
    writer.text(']');
    expect(text(writer.done())).toBe(`["ā","x",${long}]`);
    expect(writer.length).toBe(Buffer.byteLength(`["ā","x",${long}]`));
  });

  it('copies a stretch it already wrote, also after growing', () => {
    const writer = new JsonWriter(64);
    writer.text('[');
    const start = writer.length;
    writer.text('"šūna"');
    const end = writer.length;
    for (let copy = 0; copy < 20; copy += 1) {
      writer.text(',');
      writer.again(start, end);
    }
    writer.text(']');
    expect(JSON.parse(text(writer.done()))).toEqual(Array.from({ length: 21 }, () => 'šūna'));
  });
});
