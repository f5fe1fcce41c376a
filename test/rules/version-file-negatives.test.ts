import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { schemaPath } from '../../src/rules/schema-location.js';
import { EVERY_OPERATOR_RULES, FICTIONAL_PROGRAMMES, FIXTURE_RULES, loadProblems } from '../support/rule-sets.js';

/**
 * Version files the loader must refuse, each refusal named at file:line:column: versions whose days overlap by one
 * day, a version that ends before it starts, and an unknown key in every kind of object a version file has — the
 * kinds read from schemas/version.schema.json, each tried in a FICTIONAL or SYNTHETIC version file of test/fixtures.
 */

type Path = Array<string | number>;

/** A copy of a rules folder, with the amendment fixture laid into its nsk when asked, and some files edited. */
function problemsAfter(source: string, edits: Record<string, (text: string) => string>): string[] {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-negative-'));
  cpSync(source, directory, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const original = join(source === FIXTURE_RULES && file === AMENDMENT ? join(FIXTURE_RULES, '..', 'amendments') : source, file);
    writeFileSync(join(directory, file), edit(readFileSync(original, 'utf8')));
  }
  return loadProblems(directory);
}

const VERSION = 'nsk/versions/2019-01-01.yaml';
const SECOND = 'nsk/versions/2022-01-01-fictional.yaml';
const AMENDMENT = 'nsk/versions/2027-01-01-fictional.yaml';

function lineOf(file: string, start: string): number {
  const index = readFileSync(join(FIXTURE_RULES, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.startsWith(start));
  if (index < 0) throw new Error(`no line starting ${start} in ${file}`);
  return index + 1;
}

/** The fixture's first NSK version with `effectiveTo` written after its `adopted` line. */
const endingOn = (day: string) => (text: string) => text.replace(/^adopted: .*$/m, (line) => `${line}\neffectiveTo: "${day}"`);

describe('version dates', () => {
  const effectiveToLine = lineOf(VERSION, 'adopted:') + 1;

  it('a version that runs to the day the next one starts overlaps it by one day: refused at its effectiveTo', () => {
    expect(problemsAfter(FIXTURE_RULES, { [VERSION]: endingOn('2022-01-01') })).toEqual([
      `${VERSION}:${effectiveToLine}:14: overlaps ${SECOND}: this version runs to 2022-01-01, that one starts on 2022-01-01`,
    ]);
  });

  it('one that ends the day before the next one starts loads', () => {
    expect(problemsAfter(FIXTURE_RULES, { [VERSION]: endingOn('2021-12-31') })).toEqual([]);
  });

  it('effectiveTo before effectiveFrom (though after adopted) is refused at effectiveTo', () => {
    // 2018-12-18 adopted, in force from 2019-01-01: an end on 2018-12-31 is after its adoption, before its first day.
    expect(readFileSync(join(FIXTURE_RULES, VERSION), 'utf8')).toMatch(/^adopted: "2018-12-18"$/m);
    expect(problemsAfter(FIXTURE_RULES, { [VERSION]: endingOn('2018-12-31') })).toEqual([
      `${VERSION}:${effectiveToLine}:14: effectiveTo 2018-12-31 is before effectiveFrom 2019-01-01`,
    ]);
  });

  it('a version of one day (effectiveTo on effectiveFrom) loads', () => {
    expect(problemsAfter(FIXTURE_RULES, { [VERSION]: endingOn('2019-01-01') })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Every kind of object in a version file, from the schema.

type Schema = Record<string, unknown>;

const SCHEMA_FILES = new Map<string, Schema>(
  ['version.schema.json', 'common.schema.json'].map((file) => [file, JSON.parse(readFileSync(schemaPath(file), 'utf8')) as Schema]),
);

/** A schema node and where it is written: `version.schema.json#/properties/sources/items`. */
interface Placed {
  at: string;
  schema: Schema;
}

function nodeAt(file: string, pointer: string): Schema {
  let node: unknown = SCHEMA_FILES.get(file);
  for (const segment of pointer.split('/').filter((part) => part !== '')) node = (node as Schema)[segment];
  if (node === null || typeof node !== 'object') throw new Error(`${file}#${pointer} is not a schema`);
  return node as Schema;
}

const fileOf = (at: string): string => at.split('#')[0] as string;

/** The node a `$ref` chain ends at. */
function resolved(placed: Placed): Placed {
  let current = placed;
  while (typeof current.schema.$ref === 'string') {
    const [target, pointer = ''] = current.schema.$ref.split('#');
    const file = target === '' || target === undefined ? fileOf(current.at) : target;
    current = { at: `${file}#${pointer}`, schema: nodeAt(file, pointer) };
  }
  return current;
}

const child = (placed: Placed, ...keys: string[]): Placed => ({
  at: `${placed.at}/${keys.join('/')}`,
  schema: keys.reduce<Schema>((node, key) => node[key] as Schema, placed.schema),
});

/** The branch of an if/then/else the value takes: `if` here only asks for keys and constant fields. */
function branchOf(placed: Placed, value: Record<string, unknown>): Placed {
  let current = resolved(placed);
  while (current.schema.if !== undefined) {
    const test = current.schema.if as { required?: string[]; properties?: Record<string, { const?: unknown }> };
    const holds =
      (test.required ?? []).every((key) => Object.hasOwn(value, key)) &&
      Object.entries(test.properties ?? {}).every(([key, { const: wanted }]) => value[key] === wanted);
    current = resolved(child(current, holds ? 'then' : 'else'));
  }
  return current;
}

interface ObjectInFile {
  /** The schema of a record (an object of named fields, not a map of names an author chooses) the object is checked against. */
  kind: string;
  /** Its JSON path in the version file. */
  path: Path;
}

const isRecord = (schema: Schema): boolean =>
  schema.properties !== null && typeof schema.properties === 'object' && Object.keys(schema.properties).length > 0 && schema.if === undefined;

/** Every object of a version file with the record schema it is checked against. */
function objectsIn(value: unknown, placed: Placed, path: Path): ObjectInFile[] {
  if (Array.isArray(value)) {
    const items = resolved(placed).schema.items;
    return items === undefined ? [] : value.flatMap((item, index) => objectsIn(item, child(resolved(placed), 'items'), [...path, index]));
  }
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const here = branchOf(placed, object);
  const found: ObjectInFile[] = isRecord(here.schema) ? [{ kind: here.at, path }] : [];
  const properties = (here.schema.properties ?? {}) as Record<string, unknown>;
  for (const [key, field] of Object.entries(object)) {
    const fieldSchema = Object.hasOwn(properties, key)
      ? child(here, 'properties', key)
      : typeof here.schema.additionalProperties === 'object'
        ? child(here, 'additionalProperties')
        : null;
    if (fieldSchema !== null && typeof fieldSchema.schema === 'object') found.push(...objectsIn(field, fieldSchema, [...path, key]));
  }
  return found;
}

/**
 * Every record schema a version file can meet, in version.schema.json and in what it refers to in common.schema.json;
 * not the tests of an `if`, nor `allOf`'s extra requirements, nor a node that only dispatches to its branches.
 */
function recordKinds(): string[] {
  const kinds = new Set<string>();
  const visit = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object') return;
    const schema = node as Schema;
    if (isRecord(schema)) kinds.add(at);
    if (typeof schema.$ref === 'string' && schema.$ref.startsWith('common.schema.json#')) {
      const target = resolved({ at, schema });
      if (isRecord(target.schema)) kinds.add(target.at);
    }
    for (const [key, inner] of Object.entries(schema)) if (key !== 'if' && key !== 'allOf') visit(inner, `${at}/${key}`);
  };
  visit(SCHEMA_FILES.get('version.schema.json'), 'version.schema.json#');
  return [...kinds].sort();
}

/**
 * The version files tried: the FICTIONAL fixtures, an amendment among them (for `remove`), each with the rules folder
 * it loads in.
 */
const VERSION_FILES: Array<{ rules: string; file: string; text: string }> = [
  ...['2019-01-01.yaml', '2022-01-01-fictional.yaml', '2023-04-01-fictional.yaml'].map((name) => ({ rules: FIXTURE_RULES, file: `nsk/versions/${name}` })),
  { rules: FIXTURE_RULES, file: AMENDMENT },
  ...['di/versions/2015-07-01-fictional.yaml', 'ibm/versions/2017-03-01-fictional.yaml', 'ibm/versions/2020-04-20-fictional.yaml'].map((file) => ({
    rules: FICTIONAL_PROGRAMMES,
    file,
  })),
  { rules: EVERY_OPERATOR_RULES, file: 'every-operator/versions/2020-01-01-synthetic.yaml' },
].map(({ rules, file }) => ({ rules, file, text: readFileSync(join(file === AMENDMENT ? join(FIXTURE_RULES, '..', 'amendments') : rules, file), 'utf8') }));

const ROOT: Placed = { at: 'version.schema.json#', schema: nodeAt('version.schema.json', '') };

/** The first object of each kind in the fixtures: where an unknown key is tried. Every one must be refused. */
const FIRST_OF_EACH_KIND = (() => {
  const first = new Map<string, { rules: string; file: string; text: string; path: Path }>();
  for (const version of VERSION_FILES) {
    for (const { kind, path } of objectsIn(parseDocument(version.text).toJS(), ROOT, [])) if (!first.has(kind)) first.set(kind, { ...version, path });
  }
  return first;
})();

/** Kinds no valid file has an object of: the schema falls back to it only for a condition with no combinator. */
const ONLY_IN_INVALID_FILES = ['version.schema.json#/$defs/onlyCombinators'];

const UNKNOWN = 'unexpectedKey';

/** The file with `unexpectedKey: 1` added to the object at `path`, and the line and column of that key. */
function withUnknownKey(text: string, path: Path): { text: string; line: number; column: number } {
  const document = parseDocument(text);
  const object = document.getIn(path, true);
  if (!isMap(object)) throw new Error(`no object at ${path.join('/')}`);
  object.set(UNKNOWN, 1);
  const written = document.toString({ lineWidth: 0 });
  const lineCounter = new LineCounter();
  const again = parseDocument(written, { lineCounter }).getIn(path, true) as YAMLMap;
  const key = again.items.find((pair) => (pair.key as { value?: unknown }).value === UNKNOWN)?.key as { range: [number, number, number] };
  return { text: written, ...lineCounter.linePos(key.range[0]), column: lineCounter.linePos(key.range[0]).col };
}

describe('an unknown key in every kind of object a version file has', () => {
  it('the fixtures have an object of every record schema of version.schema.json (and of what it refers to)', () => {
    expect([...FIRST_OF_EACH_KIND.keys(), ...ONLY_IN_INVALID_FILES].sort()).toEqual(recordKinds());
  });

  it.each([...FIRST_OF_EACH_KIND].map(([kind, at]) => ({ kind, ...at, where: `${at.file} ${at.path.join('/') || '(the file)'}` })))(
    '$kind, in $where: refused at the key',
    ({ rules, file, text, path }) => {
      const edited = withUnknownKey(text, path);
      expect(problemsAfter(rules, { [file]: () => edited.text })).toContain(`${file}:${edited.line}:${edited.column}: unknown field "${UNKNOWN}"`);
    },
  );
});
