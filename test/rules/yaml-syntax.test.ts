import { describe, expect, it } from 'vitest';
import { type Document, type ErrorCode, LineCounter, parseDocument, YAMLParseError } from 'yaml';
import { formatProblem, parseYamlFile } from '../../src/rules/yaml-file.js';
import { describeYamlError, type SyntaxProblem } from '../../src/rules/yaml-syntax.js';

/** What an officer sees for a rule file with this text: each problem as file:line:column: message. */
function problemsOf(text: string): string[] {
  return parseYamlFile('rule.yaml', text).problems.map(formatProblem);
}

function parsed(text: string): { document: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  return { document, lineCounter };
}

/** Every error the yaml package reports for the text, each in plain words (parseYamlFile shows only the first). */
function everyErrorOf(text: string): string[] {
  const { document, lineCounter } = parsed(text);
  return document.errors.map((error) => {
    const problem = describeYamlError(error, text, document, lineCounter);
    return `${error.code} ${problem.line}:${problem.column}: ${problem.message}`;
  });
}

/** An error placed by hand at `offset`: the module's contract for positions the package does not produce today. */
function describedAt(text: string, code: ErrorCode, offset: number, message: string): SyntaxProblem {
  const { document, lineCounter } = parsed(text);
  return describeYamlError(new YAMLParseError([offset, offset + 1], code, message), text, document, lineCounter);
}

const NESTED = 'Nested mappings are not allowed in compact mappings';
const NEVER_CLOSED_BRACKET = 'this [ is never closed: expected ] after its last item (written over several lines, it must also be indented more than its key)';

const CASES: Array<{ name: string; text: string; expected: string }> = [
  // Indentation: where the bad line starts and which columns would line up.
  {
    name: 'a tab as indentation is reported at column 1 of its line',
    text: 'rules:\n\t- id: T1\n',
    expected: '2:1: a tab indents this line: indent with spaces only',
  },
  {
    name: 'a key indented under a scalar: the only choice is the first line (no "or")',
    text: 'programme: NSK\n  kind: basis\n',
    expected: '2:3: bad indentation: "kind" starts at column 3, which lines up with nothing above it; expected column 1 (like "programme" on line 1)',
  },
  {
    name: 'CRLF line ends: same line and column as with LF',
    text: 'programme: NSK\r\nrules:\r\n  - id: T1\r\n     kind: basis\r\n',
    expected:
      '4:6: bad indentation: "kind" starts at column 6, which lines up with nothing above it; expected column 5 (like "id" on line 3), 3 (a new "- " item, like line 3) or 1 (like "rules" on line 2)',
  },
  {
    name: 'the last line without a newline is still found',
    text: 'programme: NSK\nrules:\n  - id: T1\n     kind: basis',
    expected:
      '4:6: bad indentation: "kind" starts at column 6, which lines up with nothing above it; expected column 5 (like "id" on line 3), 3 (a new "- " item, like line 3) or 1 (like "rules" on line 2)',
  },
  {
    name: 'a blank line before the badly indented key is skipped, not reported',
    text: 'programme: NSK\n\n  kind: basis\n',
    expected: '3:3: bad indentation: "kind" starts at column 3, which lines up with nothing above it; expected column 1 (like "programme" on line 1)',
  },
  {
    name: 'a block opener after a blank line still needs a block opener above it',
    text: 'programme: NSK\n\n  rules:\n',
    expected: '3:3: bad indentation: "rules" starts at column 3, which lines up with nothing above it; expected column 1 (like "programme" on line 1)',
  },
  {
    name: 'a comment ending in a colon opens no block and lines nothing up',
    text: 'programme: NSK\n# rules follow:\n  kind: basis\n',
    expected: '3:3: bad indentation: "kind" starts at column 3, which lines up with nothing above it; expected column 1 (like "programme" on line 1)',
  },
  {
    name: 'an indented comment is not a column to line up with',
    text: 'title:\n  lv: Neredzīga persona\n    # and in English\n   en: Blind person\n',
    expected:
      '4:4: bad indentation: "en" starts at column 4, which lines up with nothing above it; expected column 3 (like "lv" on line 2) or 1 (like "title" on line 1)',
  },
  {
    name: 'a key one space left of its siblings',
    text: 'title:\n  lv: Neredzīga persona\n en: Blind person\n',
    expected:
      '3:2: bad indentation: "en" starts at column 2, which lines up with nothing above it; expected column 3 (like "lv" on line 2) or 1 (like "title" on line 1)',
  },
  {
    name: 'a key left of the line above that opens a block is not "deeper"',
    text: 'title:\n  lv: Pilngadīga persona:\n en: Blind adult\n',
    expected:
      '3:2: bad indentation: "en" starts at column 2, which lines up with nothing above it; expected column 3 (like "lv" on line 2) or 1 (like "title" on line 1)',
  },
  {
    name: 'a file that starts indented: its first line is the only column',
    text: '  programme: NSK\n   kind: basis\n',
    expected: '2:4: bad indentation: "kind" starts at column 4, which lines up with nothing above it; expected column 3 (like "programme" on line 1)',
  },
  {
    name: 'an item of an item: the key after both dashes is named',
    text: '- - id: T1\n     kind: basis\n',
    expected:
      '2:6: bad indentation: "kind" starts at column 6, which lines up with nothing above it; expected column 5 (like "id" on line 1) or 1 (a new "- " item, like line 1)',
  },
  {
    name: 'an item written with two spaces after its dash: the key is named, not the dash',
    text: 'rules:\n  -  id: T1\n    kind: basis\n',
    expected:
      '3:5: bad indentation: "kind" starts at column 5, which lines up with nothing above it; expected column 6 (like "id" on line 2), 3 (a new "- " item, like line 2) or 1 (like "rules" on line 1)',
  },
  {
    name: 'a dash inside a key is not an item dash',
    text: 'contact:\n  e- pasts: info@example.lv\n   phone: 123\n',
    expected:
      '3:4: bad indentation: "phone" starts at column 4, which lines up with nothing above it; expected column 3 (like "e-" on line 2) or 1 (like "contact" on line 1)',
  },
  // The package's own words stay where no line is misaligned.
  {
    name: 'lines indented under a "key:" opener are not misaligned: the package words stay',
    text: 'kind: basis:\n    title: Blind adult\n',
    expected: `1:7: ${NESTED}`,
  },
  {
    name: 'a literal block "|" opens a block',
    text: 'kind: basis: |\n    Blind adult\n',
    expected: `1:7: ${NESTED}`,
  },
  {
    name: 'a keeping literal block "|+" opens a block',
    text: 'kind: basis: |+\n    Blind adult\n',
    expected: `1:7: ${NESTED}`,
  },
  {
    name: 'a literal block with an indentation digit "|2" opens a block',
    text: 'kind: basis: |2\n    Blind adult\n',
    expected: `1:7: ${NESTED}`,
  },
  {
    name: 'only three content lines after the error are looked at',
    text: 'kind: basis:\n    lv: a\n    en: b\n    ru: c\n   de: d\n',
    expected: `1:7: ${NESTED}`,
  },
  {
    name: 'a comment does not count among those three lines',
    text: 'kind: basis:\n    lv: a\n    # English next\n    en: b\n   de: d\n',
    expected:
      '5:4: bad indentation: "de" starts at column 4, which lines up with nothing above it; expected column 5 (like "en" on line 4) or 1 (like "kind" on line 1)',
  },
  {
    name: 'a key at the column of a "- " item is aligned: the package words stay',
    text: 'rules:\n  - id: T1\n  kind: basis\n',
    expected: '3:1: All mapping items must start at the same column',
  },
  {
    name: 'an unexpected token is not an indentation problem: the package words stay',
    text: '# NSK rules\n  programme: NSK\n kind: basis\n',
    expected: '3:2: Unexpected scalar at node end',
  },
  {
    name: 'a stray scalar after a quoted value keeps the package words',
    text: 'adopted: "2018-12-18" 12:00\n',
    expected: '1:23: Unexpected scalar at node end',
  },
  // Missing colons.
  {
    name: 'a missing colon with a trailing comment: the comment is not part of the value',
    text: 'adopted: 2018-12-18\nkind basis # see the law\n',
    expected: '2:1: missing colon after "kind": a field is written "kind: basis"',
  },
  {
    name: 'a missing colon with trailing spaces',
    text: 'adopted: 2018-12-18\nkind basis   \n',
    expected: '2:1: missing colon after "kind": a field is written "kind: basis"',
  },
  {
    name: 'a missing colon with two spaces between key and value',
    text: 'adopted: 2018-12-18\nkind  basis\n',
    expected: '2:1: missing colon after "kind": a field is written "kind: basis"',
  },
  {
    name: 'a missing colon before a value of several words, one a dash',
    text: 'adopted: 2018-12-18\ntitle Blind - adult person\n',
    expected: '2:1: missing colon after "title": a field is written "title: Blind - adult person"',
  },
  {
    name: 'a missing colon after a key starting with a dash',
    text: 'adopted: 2018-12-18\n-5 basis\n',
    expected: '2:1: missing colon after "-5": a field is written "-5: basis"',
  },
  {
    name: "a colon glued to a later word is not the first word's colon",
    text: 'adopted: 2018-12-18\nblind adult:yes\n',
    expected: '2:1: missing colon after "blind": a field is written "blind: adult:yes"',
  },
  {
    name: 'a key alone on its line: "value" stands in for the value',
    text: 'title:\n  lv\n  en: Blind adult\n',
    expected: '2:3: missing colon after "lv": a field is written "lv: value"',
  },
  {
    name: 'a missing colon in a "- " item',
    text: 'rules:\n  - id: T1\n  - kind basis\n    title: Blind adult\n',
    expected: '3:5: missing colon after "kind": a field is written "kind: basis"',
  },
  {
    name: 'a missing colon in a "-  " item (two spaces)',
    text: 'rules:\n  - id: T1\n  -  kind basis\n     title: Blind adult\n',
    expected: '3:6: missing colon after "kind": a field is written "kind: basis"',
  },
  {
    name: 'a list item one column left of the items above it is bad indentation at that item (the error is on its own line)',
    text: 'rules:\n  - id: T1\n - id: T2\n',
    expected:
      '3:2: bad indentation: "id" starts at column 2, which lines up with nothing above it; expected column 5 (like "id" on line 2), 3 (a new "- " item, like line 2) or 1 (like "rules" on line 1)',
  },
  {
    name: 'a key over two lines whose first line ends with a colon is no missing colon',
    text: 'title:\n  "lv:\n  en": Blind adult\n',
    expected: '2:3: Implicit keys need to be on a single line',
  },
  {
    name: 'a line separator (U+2028) pasted from a word processor ends no glued value',
    text: 'adopted: 2018-12-18\nkind:basis\u2028extra\n',
    expected: '2:1: missing colon after "kind:basis": a field is written "kind:basis: extra"',
  },
  {
    name: 'a comment followed by a line separator (U+2028) is kept as written',
    text: 'adopted: 2018-12-18\nkind basis # see\u2028\n',
    expected: '2:1: missing colon after "kind": a field is written "kind: basis # see"',
  },
  // Quotes and brackets.
  {
    name: 'a single quote never closed names the single quote',
    text: "adopted: '2018-12-18\n",
    expected: "1:10: this quoted text is never closed: expected a ' at its end, on the same line",
  },
  {
    name: 'a brace that closes nothing',
    text: 'adopted: "2018-12-18"}\n',
    expected: '1:22: this } closes nothing: remove it, or add the { it should close',
  },
  {
    name: 'an unclosed bracket inside an unclosed bracket: at the inner one',
    text: 'amounts: [1, [2, 3\n',
    expected: `1:14: ${NEVER_CLOSED_BRACKET}`,
  },
  {
    name: 'a closed bracket inside an unclosed one: at the outer one',
    text: 'amounts: [1, [2], 3\n',
    expected: `1:10: ${NEVER_CLOSED_BRACKET}`,
  },
  // Duplicate keys.
  {
    name: 'a duplicate key names the line of its first occurrence, not of the map',
    text: 'kind: basis\nid: T1\nid: T2\n',
    expected: '3:1: "id" is written twice here (first on line 2): keep one of them',
  },
  {
    name: 'a duplicate key after a complex key is compared with plain keys only',
    text: '? [T1]\n: basis\nundefined: 1\nundefined: 2\n',
    expected: '4:1: "undefined" is written twice here (first on line 3): keep one of them',
  },
];

describe('YAML mistakes an officer makes, in plain words at file:line:column', () => {
  it.each(CASES)('$name', ({ text, expected }) => {
    expect(problemsOf(text)).toEqual([`rule.yaml:${expected}`]);
  });
});

describe('every error the yaml package reports, in plain words', () => {
  it('an unclosed quote inside an unclosed bracket: the quote at the quote, the bracket at the bracket', () => {
    expect(everyErrorOf('adopted: ["2018-12-18, 1]\n')).toEqual([
      'MISSING_CHAR 1:11: this quoted text is never closed: expected a " at its end, on the same line',
      `BAD_INDENT 1:10: ${NEVER_CLOSED_BRACKET}`,
    ]);
  });

  it('a missing colon reported at the dash of a "-  " item names the key after the dash', () => {
    expect(everyErrorOf('adopted: 2018-12-18\n-  kind basis\n')).toEqual([
      'MULTILINE_IMPLICIT_KEY 2:1: Implicit keys need to be on a single line',
      'UNEXPECTED_TOKEN 2:1: Unexpected block-seq-ind on same line with key',
      'MISSING_CHAR 2:1: missing colon after "kind": a field is written "kind: basis"',
    ]);
  });

  it('a missing colon reported at the first dash of "- - " names the key after both dashes', () => {
    expect(everyErrorOf('adopted: 2018-12-18\n- - kind basis\n')).toEqual([
      'MULTILINE_IMPLICIT_KEY 2:1: Implicit keys need to be on a single line',
      'UNEXPECTED_TOKEN 2:1: Unexpected block-seq-ind on same line with key',
      'MISSING_CHAR 2:1: missing colon after "kind": a field is written "kind: basis"',
      'BAD_INDENT 2:3: All mapping items must start at the same column',
      'MISSING_CHAR 2:5: missing colon after "kind": a field is written "kind: basis"',
    ]);
  });
});

describe('errors placed where the package would find no node', () => {
  const TEXT = 'adopted: 2018-12-18\n';

  it('an unclosed quote with no quoted text around it stays at the error', () => {
    expect(describedAt(TEXT, 'MISSING_CHAR', 3, 'Missing closing "quote')).toEqual({
      line: 1,
      column: 4,
      message: 'this quoted text is never closed: expected a " at its end, on the same line',
    });
  });

  it('an unclosed bracket with no flow collection around it stays at the error', () => {
    expect(describedAt(TEXT, 'BAD_INDENT', 3, 'Flow sequence in block collection must be sufficiently indented and end with a ]')).toEqual({
      line: 1,
      column: 4,
      message: NEVER_CLOSED_BRACKET,
    });
  });

  it('a duplicate key where no key starts keeps the general words', () => {
    expect(describedAt(TEXT, 'DUPLICATE_KEY', 3, 'Map keys must be unique')).toEqual({
      line: 1,
      column: 4,
      message: 'a key is written twice here: keep one of them',
    });
  });

  it('a message of several lines keeps only its first line', () => {
    expect(describedAt(TEXT, 'TAG_RESOLVE_FAILED', 0, 'Unresolved tag\nat the value')).toEqual({ line: 1, column: 1, message: 'Unresolved tag' });
  });

  it('the first content line under a header comment may start anywhere; the line after it must line up with it', () => {
    const text = '# NSK rules\n  programme: NSK\n kind: basis\n';
    expect(describedAt(text, 'BAD_INDENT', text.indexOf('  programme'), 'All mapping items must start at the same column')).toEqual({
      line: 3,
      column: 2,
      message: 'bad indentation: "kind" starts at column 2, which lines up with nothing above it; expected column 3 (like "programme" on line 2)',
    });
  });
});
