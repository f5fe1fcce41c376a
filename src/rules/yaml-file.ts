import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { RuleFileProblem, SourcePosition } from './model.js';
import { describeYamlError } from './yaml-syntax.js';
import { MAX_YAML_FILE_BYTES, readRuleFile } from './rule-folder.js';

export { MAX_YAML_FILE_BYTES };

/** Bounds on what one rule file may expand to: alias bombs and runaway nesting fail with a located message. */
const MAX_ALIAS_COUNT = 200;
const MAX_DEPTH = 64;

export type JsonPath = ReadonlyArray<string | number>;

/** A YAML file parsed with its source positions, so any JSON path in it can be named as file:line:column. */
export interface YamlFile {
  file: string;
  text: string;
  sha256: string;
  data: unknown;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /**
   * For a version resolved from several files (an amendment and the version it extends): the file and path where
   * the part at a path was written. Positions follow it.
   */
  redirect?: (path: JsonPath) => { yaml: YamlFile; path: JsonPath };
}

export function parseYamlFile(file: string, text: string): { yaml: YamlFile | null; problems: RuleFileProblem[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_YAML_FILE_BYTES)
    return { yaml: null, problems: [{ file, line: 1, column: 1, message: `the file has ${bytes} bytes; at most ${MAX_YAML_FILE_BYTES} are read` }] };
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  // After the first syntax error, what the parser says next mostly follows from it; a duplicate key stands alone.
  const [first] = document.errors.filter((error) => error.code !== 'DUPLICATE_KEY').sort((a, b) => a.pos[0] - b.pos[0]);
  const reported = document.errors.filter((error) => error === first || error.code === 'DUPLICATE_KEY');
  const problems: RuleFileProblem[] = reported.map((error) => ({ file, ...describeYamlError(error, text, document, lineCounter) }));
  if (problems.length > 0) return { yaml: null, problems };
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { yaml: null, problems: [{ file, line: 1, column: 1, message: `cannot expand the file: ${(error as Error).message}` }] };
  }
  const yaml: YamlFile = { file, text, sha256: createHash('sha256').update(text).digest('hex'), data, document, lineCounter };
  if (depthOf(data) > MAX_DEPTH) {
    return { yaml: null, problems: [problemAt(yaml, [], `nesting deeper than ${MAX_DEPTH} levels`)] };
  }
  return { yaml, problems: [] };
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, depth + 1));
  return deepest;
}

/**
 * The position of the node at `path`, or of the deepest node on the way there that exists (a missing
 * property is reported at the object that lacks it). With `atKey`, the position of the last segment's key.
 */
export function positionOf(yaml: YamlFile, path: JsonPath, atKey = false): SourcePosition {
  if (yaml.redirect) {
    const written = yaml.redirect(path);
    return positionOf(written.yaml, written.path, atKey);
  }
  let node: Node | null = yaml.document.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (node === null) break;
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (isLast && atKey && keyOffset !== undefined) {
        offset = keyOffset;
        break;
      }
      node = (pair.value as Node | null) ?? null;
      offset = node?.range?.[0] ?? keyOffset ?? offset;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  const position = yaml.lineCounter.linePos(offset);
  return { file: yaml.file, line: position.line, column: position.col };
}

export function problemAt(yaml: YamlFile, path: JsonPath, message: string, atKey = false): RuleFileProblem {
  return { ...positionOf(yaml, path, atKey), message };
}

export function formatProblem(problem: RuleFileProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

/** A rule or data file's text, or the located problem that it is not read (see readRuleFile). */
export function readRuleFileText(file: string, displayName: string): { text: string } | { problems: RuleFileProblem[] } {
  return readRuleFile(file, displayName);
}
