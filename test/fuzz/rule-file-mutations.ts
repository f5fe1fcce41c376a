import fc from 'fast-check';

/** Edits to a rule file's text of the kinds people and tools make by mistake, and a few made on purpose. */
export type LineMutation =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'tab'; at: number }
  | { op: 'swapValues'; at: number; with: number }
  | { op: 'replaceValue'; at: number; value: string }
  | { op: 'anchorAndAlias'; at: number; with: number }
  | { op: 'unknownAlias'; at: number }
  | { op: 'aliasBomb'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number };

const KEY_VALUE = /^(\s*(?:- )?[^\s#:][^:#]*:\s)(\S.*)$/;

const scalarArbitrary = fc.oneof(
  fc.constantFrom(
    '~',
    '""',
    '[]',
    '{}',
    '[',
    '{',
    '-1',
    '0',
    '1e400',
    '"2019-02-30"',
    '"9999-12-31"',
    'true',
    'yes',
    '&a',
    '*a',
    '!!binary aGk=',
    '!!js/function "x"',
    '|',
    '>-',
    "'",
    '"ā 😀 \\u0000"',
    'basis',
    'exclusion',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.integer().map(String),
);

export const lineMutationArbitrary: fc.Arbitrary<LineMutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('tab' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swapValues' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('replaceValue' as const), at: fc.nat(), value: scalarArbitrary }),
  fc.record({ op: fc.constant('anchorAndAlias' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('unknownAlias' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('aliasBomb' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'grapheme', maxLength: 30 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

/** A "billion laughs": nine levels of nine aliases, some 387 million nodes if it were ever expanded. */
const ALIAS_BOMB = [
  'bomb0: &b0 [x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 8 }, (_, level) => `bomb${level + 1}: &b${level + 1} [${Array(9).fill(`*b${level}`).join(', ')}]`),
];

export function applyLineMutation(text: string, mutation: LineMutation): string {
  const lines = text.split('\n');
  const index = mutation.at % lines.length;
  const line = lines[index] as string;
  const valued = lines.map((each, at) => ({ at, match: KEY_VALUE.exec(each) })).filter((entry) => entry.match !== null);
  const pick = (n: number) => valued[n % Math.max(1, valued.length)];
  switch (mutation.op) {
    case 'delete':
      lines.splice(index, 1);
      break;
    case 'duplicate':
      lines.splice(index, 0, line);
      break;
    case 'indent':
      lines[index] = mutation.by >= 0 ? `${' '.repeat(mutation.by)}${line}` : line.replace(new RegExp(`^ {0,${-mutation.by}}`), '');
      break;
    case 'tab':
      lines[index] = `\t${line}`;
      break;
    case 'swapValues': {
      const [a, b] = [pick(mutation.at), pick(mutation.with)];
      if (a?.match && b?.match) {
        lines[a.at] = `${a.match[1]}${b.match[2]}`;
        lines[b.at] = `${b.match[1]}${a.match[2]}`;
      }
      break;
    }
    case 'replaceValue': {
      const a = pick(mutation.at);
      if (a?.match) lines[a.at] = `${a.match[1]}${mutation.value}`;
      break;
    }
    case 'anchorAndAlias': {
      const [a, b] = [pick(mutation.at), pick(mutation.with)];
      if (a?.match && b?.match) {
        lines[a.at] = `${a.match[1]}&mutant ${a.match[2]}`;
        lines[b.at] = `${b.match[1]}*mutant`;
      }
      break;
    }
    case 'unknownAlias': {
      const a = pick(mutation.at);
      if (a?.match) lines[a.at] = `${a.match[1]}*nowhere`;
      break;
    }
    case 'aliasBomb':
      lines.splice(index, 0, ...ALIAS_BOMB);
      break;
    case 'insert':
      lines.splice(index, 0, mutation.text);
      break;
    case 'truncate':
      return text.slice(0, mutation.at % text.length);
  }
  return lines.join('\n');
}
