import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, MAX_YAML_FILE_BYTES, parseYamlFile, positionOf, problemAt, readRuleFileText, type YamlFile } from '../../src/rules/yaml-file.js';

/**
 * A rule file parsed with its positions: what is refused before and after parsing (size, syntax, aliases, nesting),
 * which syntax problems are reported, and where a JSON path — one the file has, or one going past it — is placed.
 */

const FILE = 'nsk/versions/2019-01-01.yaml';

function parsed(text: string, file = FILE): YamlFile {
  const { yaml, problems } = parseYamlFile(file, text);
  if (!yaml) throw new Error(problems.map(formatProblem).join('\n'));
  return yaml;
}

function problemsOf(text: string): string[] {
  return parseYamlFile(FILE, text).problems.map(formatProblem);
}

function at(yaml: YamlFile, path: Array<string | number>, atKey?: boolean): string {
  const { line, column } = positionOf(yaml, path, atKey);
  return `${line}:${column}`;
}

describe('parseYamlFile: the size bound', () => {
  it('reads a file of exactly MAX_YAML_FILE_BYTES bytes', () => {
    const text = `#${'x'.repeat(MAX_YAML_FILE_BYTES - 1)}`;
    const { yaml, problems } = parseYamlFile(FILE, text);
    expect(problems).toEqual([]);
    expect(yaml?.data).toBeNull();
  });

  it('refuses a file one byte longer, counting bytes of UTF-8, not characters, at 1:1', () => {
    const text = `#${'ā'.repeat(MAX_YAML_FILE_BYTES / 2)}`;
    expect(text.length).toBeLessThan(MAX_YAML_FILE_BYTES);
    const { yaml, problems } = parseYamlFile(FILE, text);
    expect(yaml).toBeNull();
    expect(problems).toEqual([
      { file: FILE, line: 1, column: 1, message: `the file has ${MAX_YAML_FILE_BYTES + 1} bytes; at most ${MAX_YAML_FILE_BYTES} are read` },
    ]);
  });
});

describe('parseYamlFile: syntax problems', () => {
  it('keeps the data, the text and its sha256 in hex', () => {
    const text = 'version: "2019-01-01"\nrules: [a, b]\n';
    const yaml = parsed(text);
    expect(yaml.data).toEqual({ version: '2019-01-01', rules: ['a', 'b'] });
    expect(yaml.text).toBe(text);
    expect(yaml.file).toBe(FILE);
    expect(yaml.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(yaml.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('parses strictly: a comment glued to a quoted value is a problem', () => {
    expect(problemsOf('title: "x"#note\n')).toEqual([`${FILE}:1:11: Comments must be separated from other tokens by white space characters`]);
  });

  it("says the parser's first line of words, without the pretty excerpt of the file", () => {
    expect(problemsOf('title: @x\n')).toEqual([`${FILE}:1:8: Plain value cannot start with reserved character @`]);
  });

  it('reports the syntax error that comes first in the file, even when the parser found it last', () => {
    expect(problemsOf('%YAML 1.2\ntitle: @x\n')).toEqual([`${FILE}:2:1: Missing directives-end/doc-start indicator line`]);
  });

  it('reports a duplicate key that comes first beside the syntax error after it', () => {
    expect(problemsOf('a: 1\na: 2\nb: [\n')).toEqual([
      `${FILE}:2:1: "a" is written twice here (first on line 1): keep one of them`,
      `${FILE}:3:4: this [ is never closed: expected ] after its last item (written over several lines, it must also be indented more than its key)`,
    ]);
  });
});

describe('parseYamlFile: aliases and nesting', () => {
  function aliases(count: number): string {
    return ['anchor: &x 1', ...Array.from({ length: count }, (_, index) => `a${index}: *x`), ''].join('\n');
  }

  it('expands 150 aliases, more than the yaml package allows by default', () => {
    const yaml = parsed(aliases(150));
    expect((yaml.data as Record<string, unknown>).a149).toBe(1);
  });

  it('refuses 201 aliases at 1:1', () => {
    expect(problemsOf(aliases(201))).toEqual([`${FILE}:1:1: cannot expand the file: Excessive alias count indicates a resource exhaustion attack`]);
  });

  it('accepts 64 levels of nesting', () => {
    const { yaml, problems } = parseYamlFile(FILE, `${'['.repeat(64)}1${']'.repeat(64)}\n`);
    expect(problems).toEqual([]);
    expect(yaml).not.toBeNull();
  });

  it('refuses 65 levels of nesting, at the start of the document', () => {
    expect(problemsOf(`# deep\n${'['.repeat(65)}1${']'.repeat(65)}\n`)).toEqual([`${FILE}:2:1: nesting deeper than 64 levels`]);
  });
});

describe('positionOf: where a path is placed', () => {
  const TEXT = [
    '# a version file',
    'version: "1"',
    'title:',
    '  lv: Teksts',
    '  en: Text',
    'rules:',
    '  - id: T1',
    '  - id: T2',
    '    when: 3',
    '? lonely',
    '',
  ].join('\n');

  it('places the root at the first node, after leading comments', () => {
    expect(at(parsed(TEXT), [])).toBe('2:1');
  });

  it('places a path in an empty file at 1:1', () => {
    expect(at(parsed(''), ['version'])).toBe('1:1');
    expect(at(parsed('# only a comment\n'), [], true)).toBe('1:1');
  });

  it('places a field at its value by default, and at its key when asked', () => {
    const yaml = parsed(TEXT);
    expect(at(yaml, ['title'])).toBe('4:3');
    expect(at(yaml, ['title'], false)).toBe('4:3');
    expect(at(yaml, ['title'], true)).toBe('3:1');
    expect(at(yaml, ['version'])).toBe('2:10');
  });

  it('places a key only for the last segment of the path', () => {
    expect(at(parsed(TEXT), ['title', 'en'], true)).toBe('5:3');
    expect(at(parsed(TEXT), ['rules', 1, 'when'], true)).toBe('9:5');
  });

  it('places a sequence item at the item', () => {
    const yaml = parsed(TEXT);
    expect(at(yaml, ['rules', 1])).toBe('8:5');
    expect(at(yaml, ['rules', 1, 'when'])).toBe('9:11');
  });

  it('places a missing field at the object that lacks it', () => {
    expect(at(parsed(TEXT), ['title', 'ru'])).toBe('4:3');
    expect(at(parsed(TEXT), ['missing', 'deeper'], true)).toBe('2:1');
  });

  it('places an index past the end of a sequence at the sequence', () => {
    expect(at(parsed(TEXT), ['rules', 5, 'id'])).toBe('7:3');
  });

  it('places a path going past a scalar at the scalar', () => {
    expect(at(parsed(TEXT), ['version', 'major', 0])).toBe('2:10');
  });

  it('places a key with no value at the key', () => {
    expect(at(parsed(TEXT), ['lonely'])).toBe('10:3');
    expect(at(parsed(TEXT), ['lonely', 'x'])).toBe('10:3');
  });

  it('follows a redirect to the file and path where the part was written, keeping atKey', () => {
    const base = parsed('rules:\n  - id: T1\n    when: 3\n', 'nsk/versions/base.yaml');
    const amendment: YamlFile = {
      ...parsed('extends: base\n'),
      redirect: (path) => ({ yaml: base, path: ['rules', 0, ...path.slice(1)] }),
    };
    expect(positionOf(amendment, ['rules', 'when'])).toEqual({ file: 'nsk/versions/base.yaml', line: 3, column: 11 });
    expect(positionOf(amendment, ['rules', 'when'], true)).toEqual({ file: 'nsk/versions/base.yaml', line: 3, column: 5 });
  });
});

describe('problemAt and formatProblem', () => {
  it('places a problem at the value by default and names it file:line:column: message', () => {
    const yaml = parsed('title:\n  lv: x\n');
    expect(problemAt(yaml, ['title'], 'missing required field "en"')).toEqual({ file: FILE, line: 2, column: 3, message: 'missing required field "en"' });
    expect(formatProblem(problemAt(yaml, ['title'], 'unknown field "title"', true))).toBe(`${FILE}:1:1: unknown field "title"`);
  });
});

describe('readRuleFileText', () => {
  it("returns a file's text, or a located problem when it cannot be read", () => {
    const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-yaml-file-'));
    writeFileSync(join(directory, 'a.yaml'), 'version: "1"\n');
    expect(readRuleFileText(join(directory, 'a.yaml'), 'rules/a.yaml')).toEqual({ text: 'version: "1"\n' });
    expect(readRuleFileText(join(directory, 'none.yaml'), 'rules/none.yaml')).toEqual({
      problems: [{ file: 'rules/none.yaml', line: 1, column: 1, message: 'cannot read: a symbolic link to nothing, or the file was removed (ENOENT)' }],
    });
  });
});
