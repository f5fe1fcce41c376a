import { isPair, isScalar, visit, type Document, type LineCounter, type Node, type YAMLError } from 'yaml';

/**
 * The `yaml` package's syntax errors, said in words an officer acts on and placed where the problem starts: the
 * badly indented line (not the line before it), the quote or bracket that is never closed (not the end of the
 * file), the line that lacks its colon, the second of two equal keys. Other errors keep the package's words.
 */

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

interface Layout {
  /** The file's lines, without line ends. */
  lines: string[];
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** A line that holds something (not blank, not only a comment). */
function isContent(line: string | undefined): line is string {
  const trimmed = line?.trim() ?? '';
  return trimmed !== '' && !trimmed.startsWith('#');
}

/** The line without a trailing comment (a `#` after a space, outside quotes is close enough for plain rule files). */
function withoutComment(line: string): string {
  return line.replace(/\s+#.*$/, '').trimEnd();
}

/** `"kind"` for `    kind: basis`, `"id"` for `  - id: T1`; the line's first word otherwise. */
function keyOf(line: string): string {
  const content = line.trim().replace(/^(-\s+)+/, '');
  return content.split(/:(\s|$)/)[0]?.split(/\s/)[0] ?? content;
}

/** Where a key or item may start on a line after line `index`: each column and a line above that starts there. */
function allowedColumns(layout: Layout, index: number): Array<{ column: number; what: string }> {
  const allowed: Array<{ column: number; what: string }> = [];
  let limit = Number.POSITIVE_INFINITY;
  for (let above = index - 1; above >= 0 && limit > 0; above--) {
    const line = layout.lines[above];
    if (!isContent(line) || indentOf(line) >= limit) continue;
    // "  - id: T1" allows another item at the dash and another key of the item at "id".
    const dashes = /^(\s*)((?:-\s+)*)/.exec(line) as RegExpExecArray;
    const itemKeyColumn = (dashes[1] ?? '').length + (dashes[2] ?? '').length;
    if (itemKeyColumn > indentOf(line) && itemKeyColumn < limit)
      allowed.push({ column: itemKeyColumn + 1, what: `like "${keyOf(line)}" on line ${above + 1}` });
    allowed.push({
      column: indentOf(line) + 1,
      what: (dashes[2] ?? '') !== '' ? `a new "- " item, like line ${above + 1}` : `like "${keyOf(line)}" on line ${above + 1}`,
    });
    limit = indentOf(line);
  }
  return allowed;
}

/** Whether the content line before `index` opens a block that `index` may be indented under (`key:`, `-`, `|`). */
function opensBlock(layout: Layout, index: number): boolean {
  for (let above = index - 1; above >= 0; above--) {
    const line = layout.lines[above];
    if (isContent(line)) return /(:|-|[|>][+-]?\d*)$/.test(withoutComment(line));
  }
  return true;
}

/** The first line from `from` on (a few lines at most) whose indentation lines up with nothing above it. */
function misindentedLine(layout: Layout, from: number): number | null {
  for (let index = Math.max(from, 1), seen = 0; index < layout.lines.length && seen < 3; index++) {
    const line = layout.lines[index];
    if (!isContent(line)) continue;
    seen++;
    const column = indentOf(line) + 1;
    const allowed = allowedColumns(layout, index);
    const deeper = opensBlock(layout, index) && column > (allowed[0]?.column ?? 0);
    if (!deeper && !allowed.some((place) => place.column === column)) return index;
  }
  return null;
}

function indentationProblem(layout: Layout, index: number): SyntaxProblem {
  const line = layout.lines[index] as string;
  const column = indentOf(line) + 1;
  const choices = allowedColumns(layout, index).map((place) => `${place.column} (${place.what})`);
  const listed = choices.length <= 1 ? choices.join('') : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
  return {
    line: index + 1,
    column,
    message: `bad indentation: "${keyOf(line)}" starts at column ${column}, which lines up with nothing above it; expected column ${listed}`,
  };
}

/** A line that should be `key: value` and is not: no colon, or no space after it. */
function missingColonProblem(layout: Layout, index: number, column: number): SyntaxProblem {
  const content = withoutComment((layout.lines[index] ?? '').slice(column - 1)).replace(/^(-\s+)+/, '');
  const glued = /^([^\s:]+):(\S.*)$/.exec(content);
  if (glued) return { line: index + 1, column, message: `a colon needs a space after it: write "${glued[1]}: ${glued[2]}"` };
  const [key = content, ...rest] = content.split(/\s+/);
  return { line: index + 1, column, message: `missing colon after "${key}": a field is written "${key}: ${rest.join(' ') || 'value'}"` };
}

/** The innermost node of the document that `matches` and spans `offset` (from its start to its end). */
function nodeAround(document: Document.Parsed, offset: number, matches: (node: Node) => boolean): Node | null {
  let found: Node | null = null;
  visit(document, {
    Node(_key, node) {
      const range = node.range;
      if (range && matches(node) && range[0] < offset && offset <= range[1] && (found === null || (found.range?.[0] ?? 0) <= range[0])) found = node;
    },
  });
  return found;
}

function duplicateKeyProblem(document: Document.Parsed, lineCounter: LineCounter, offset: number): string | null {
  let message: string | null = null;
  visit(document, {
    Map(_key, map) {
      const index = map.items.findIndex((pair) => isScalar(pair.key) && pair.key.range?.[0] === offset);
      const duplicate = map.items[index];
      if (!duplicate || !isScalar(duplicate.key)) return undefined;
      const name = String(duplicate.key.value);
      const first = map.items.find((pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === name);
      const firstLine = first && isScalar(first.key) ? lineCounter.linePos(first.key.range?.[0] ?? 0).line : null;
      message = `"${name}" is written twice here${firstLine === null ? '' : ` (first on line ${firstLine})`}: keep one of them`;
      return visit.BREAK;
    },
  });
  return message;
}

const QUOTE_TYPES = new Set(['QUOTE_DOUBLE', 'QUOTE_SINGLE']);

/** One `yaml` error in plain words, at the place the problem starts. */
export function describeYamlError(error: YAMLError, text: string, document: Document.Parsed, lineCounter: LineCounter): SyntaxProblem {
  const layout: Layout = { lines: text.split(/\r?\n/) };
  const offset = error.pos[0];
  const at = lineCounter.linePos(offset);
  const located = (position: number, message: string): SyntaxProblem => {
    const place = lineCounter.linePos(position);
    return { line: place.line, column: place.col, message };
  };
  const firstLine = error.message.split('\n')[0] ?? error.message;
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { line: at.line, column: 1, message: 'a tab indents this line: indent with spaces only' };
    case 'DUPLICATE_KEY':
      return { line: at.line, column: at.col, message: duplicateKeyProblem(document, lineCounter, offset) ?? 'a key is written twice here: keep one of them' };
    case 'MISSING_CHAR':
      if (/quote/.test(firstLine)) {
        const quoted = nodeAround(document, offset, (node) => isScalar(node) && QUOTE_TYPES.has(String(node.type)));
        const mark = firstLine.includes("'") ? "'" : '"';
        const message = `this quoted text is never closed: expected a ${mark} at its end, on the same line`;
        return quoted?.range ? located(quoted.range[0], message) : { line: at.line, column: at.col, message };
      }
      if (/Implicit map keys need to be followed by map values/.test(firstLine)) return missingColonProblem(layout, at.line - 1, at.col);
      break;
    case 'BAD_INDENT': {
      const flow = /^Flow (sequence|map)/.exec(firstLine);
      if (flow) {
        const [open, close, what] = flow[1] === 'sequence' ? ['[', ']', 'its last item'] : ['{', '}', 'its last field'];
        const opened = nodeAround(document, offset, (node) => !isScalar(node) && (node as { flow?: boolean }).flow === true);
        const message = `this ${open} is never closed: expected ${close} after ${what} (written over several lines, it must also be indented more than its key)`;
        return opened?.range ? located(opened.range[0], message) : { line: at.line, column: at.col, message };
      }
      break;
    }
    case 'UNEXPECTED_TOKEN': {
      const stray = /Unexpected flow-(seq|map)-end token/.exec(firstLine);
      if (stray)
        return {
          line: at.line,
          column: at.col,
          message: `this ${stray[1] === 'seq' ? ']' : '}'} closes nothing: remove it, or add the ${stray[1] === 'seq' ? '[' : '{'} it should close`,
        };
      break;
    }
    default:
      break;
  }
  const implicitKey = error.code === 'MULTILINE_IMPLICIT_KEY' || error.code === 'BLOCK_AS_IMPLICIT_KEY';
  // "kind basis" or "kind:basis" where the parser wanted a key: the colon is the problem, not the lines after it.
  const errorLine = layout.lines[at.line - 1] ?? '';
  const atKey = at.col - 1 === (/^\s*(?:-\s+)*/.exec(errorLine)?.[0].length ?? 0);
  if (implicitKey && atKey && !/:(\s|$)/.test(withoutComment(errorLine.slice(at.col - 1)))) return missingColonProblem(layout, at.line - 1, at.col);
  if (implicitKey || error.code === 'BAD_INDENT' || error.code === 'MISSING_CHAR') {
    const misindented = misindentedLine(layout, at.line - 1);
    if (misindented !== null) return indentationProblem(layout, misindented);
  }
  return { line: at.line, column: at.col, message: firstLine };
}
