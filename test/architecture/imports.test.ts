import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix, sep } from 'node:path';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/package-directory.js';

/** Not read: generated code, and the browser's own scripts (they import nothing of src/). */
const SKIPPED = ['rules/generated/', 'web/public/'];

/**
 * The path of a question, from the bottom: a module may import from its own layer or one below, never from one
 * above. Each entry is a folder of src/ (or a file at its top). Where this differs from the plain path:
 * - language/ (LocalisedText), package-directory.ts and build/ (the build's own scripts, which import only
 *   package-directory.ts) sit with the calendar and money, at the bottom;
 * - versions/ shares the rules' layer: resolving a version reads the model, and loading checks that every
 *   programme a version refers to has a version in force (rules/check-references.ts);
 * - check/, auth/ and web/ sit with the other shells below http/;
 * - wire/ (an answer written as JSON, once, at its explain level) sits between answer/ and every shell that sends,
 *   keeps or compares answers.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['calendar', 'money', 'language', 'package-directory.ts', 'build'],
  ['rules', 'versions'],
  ['evaluate'],
  ['explain', 'compensate'],
  ['answer'],
  ['wire'],
  ['decisions', 'diff', 'cases', 'batch', 'cli', 'reload', 'check', 'auth', 'web'],
  ['http'],
  ['server.ts'],
];

/** Modules by their path under src/ (`rules/model.ts`), each with the modules it imports. */
type ImportGraph = Map<string, string[]>;

function isSkipped(module: string): boolean {
  return SKIPPED.some((folder) => module.startsWith(folder));
}

/**
 * Every relative import of each source: `import`, `import type`, `export … from` and `import('…')` with a literal,
 * however many lines they take, read by a TypeScript parser. `exists` tells whether a module outside `sources` is there to import.
 */
function importGraph(sources: ReadonlyMap<string, string>, exists: (module: string) => boolean): { graph: ImportGraph; problems: string[] } {
  const graph: ImportGraph = new Map();
  const problems: string[] = [];
  for (const [module, text] of sources) {
    const parsed = parseSync(module, text, { lang: 'ts', sourceType: 'module' });
    problems.push(...parsed.errors.map((error) => `${module}: ${error.message}`));
    const imported = new Set<string>();
    const specifiers: string[] = [];
    for (const statement of parsed.program.body) {
      const isImport = statement.type === 'ImportDeclaration' || statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration';
      const specifier = isImport ? statement.source?.value : undefined;
      if (specifier !== undefined) specifiers.push(specifier);
    }
    // A dynamic import('./x.js') with a literal is an import too: loaded later, but a dependency all the same.
    for (const { moduleRequest } of parsed.module.dynamicImports) {
      const literal = /^(['"])(.*)\1$/.exec(text.slice(moduleRequest.start, moduleRequest.end));
      if (literal) specifiers.push(literal[2] as string);
    }
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(module), specifier)).replace(/\.js$/, '.ts');
      if (sources.has(target) || isSkipped(target)) imported.add(target);
      else if (!exists(target)) problems.push(`${module}: cannot find "${specifier}" (${target})`);
    }
    graph.set(module, [...imported].sort());
  }
  return { graph, problems };
}

/** A module's folder under src/, or the module itself at the top of src/. */
function topOf(module: string): string {
  return module.split('/')[0] as string;
}

/** The layer a module is in (its index in LAYERS), or null when LAYERS does not name its folder. */
function layerOf(module: string): number | null {
  const index = LAYERS.findIndex((layer) => layer.includes(topOf(module)));
  return index < 0 ? null : index;
}

/** Each import from a lower layer to a higher one, named as `from → to (layer → higher layer)`. */
function upwardImports(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const [module, imported] of graph) {
    for (const target of imported) {
      const from = layerOf(module);
      const to = layerOf(target);
      if (from !== null && to !== null && to > from) found.push(`${module} → ${target} (${topOf(module)} is in a lower layer than ${topOf(target)})`);
    }
  }
  return found;
}

/** Strongly connected modules (Tarjan): each group of two or more, or one that imports itself, holds a circle. */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (module: string): void => {
    index.set(module, index.size);
    low.set(module, index.get(module) as number);
    stack.push(module);
    onStack.add(module);
    for (const target of graph.get(module) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(module, Math.min(low.get(module) as number, low.get(target) as number));
      } else if (onStack.has(target)) low.set(module, Math.min(low.get(module) as number, index.get(target) as number));
    }
    if (low.get(module) !== index.get(module)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === module ? undefined : stack.pop()) {
      onStack.delete(member);
      group.push(member);
    }
    groups.push(group.sort());
  };
  for (const module of [...graph.keys()].sort()) if (!index.has(module)) visit(module);
  return groups.filter((group) => group.length > 1 || (graph.get(group[0] as string) ?? []).includes(group[0] as string));
}

/** One shortest circle through the first module of each group, named as `a.ts → b.ts → a.ts`. */
function importCircles(graph: ImportGraph): string[] {
  return stronglyConnected(graph).map((group) => {
    const members = new Set(group);
    const start = group[0] as string;
    const cameFrom = new Map<string, string>();
    const queue = [start];
    for (let at = 0; at < queue.length && !cameFrom.has(start); at += 1) {
      const module = queue[at] as string;
      for (const target of graph.get(module) ?? []) {
        if (!members.has(target) || cameFrom.has(target)) continue;
        cameFrom.set(target, module);
        queue.push(target);
      }
    }
    const path = [start];
    for (let module = cameFrom.get(start) as string; module !== start; module = cameFrom.get(module) as string) path.unshift(module);
    return [start, ...path].join(' → ');
  });
}

function sourcesOfSrc(): Map<string, string> {
  const root = packagePath('src');
  const modules = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(sep).join('/'))
    .filter((module) => module.endsWith('.ts') && !isSkipped(module))
    .sort();
  return new Map(modules.map((module) => [module, readFileSync(`${root}/${module}`, 'utf8')]));
}

describe('the imports of src/', () => {
  const sources = sourcesOfSrc();
  const { graph, problems } = importGraph(sources, (module) => existsSync(packagePath('src', module)));

  it('are all read and found', () => {
    expect(sources.size).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    expect(graph.get('answer/ask.ts')).toContain('answer/eligibility-request.ts');
  });

  it('name every module in a layer', () => {
    expect([...graph.keys()].filter((module) => layerOf(module) === null)).toEqual([]);
  });

  it('form no circle', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('never reach up from a lower layer to a higher one', () => {
    expect(upwardImports(graph)).toEqual([]);
  });
});

describe('the import check itself', () => {
  const check = (files: Record<string, string>): { circles: string[]; upward: string[]; problems: string[] } => {
    const { graph, problems } = importGraph(new Map(Object.entries(files)), () => false);
    return { circles: importCircles(graph), upward: upwardImports(graph), problems };
  };

  it('finds a circle of type imports written over several lines, and names it', () => {
    const found = check({
      'rules/model.ts':
        "import type {\n  WorkingDayCalendar,\n} from '../calendar/working-days.js';\nexport interface RuleSet { calendar: WorkingDayCalendar }",
      'calendar/working-days.ts': "import type { LocalisedText } from '../rules/model.js';\nexport class WorkingDayCalendar {}",
    });
    expect(found.circles).toEqual(['calendar/working-days.ts → rules/model.ts → calendar/working-days.ts']);
    expect(found.upward).toEqual(['calendar/working-days.ts → rules/model.ts (calendar is in a lower layer than rules)']);
  });

  it('finds a circle through re-exports, in a longer loop, and a module importing itself', () => {
    const found = check({
      'evaluate/a.ts': "export * from './b.js';",
      'evaluate/b.ts': "export { c } from './c.js';",
      'evaluate/c.ts': "import { a } from './a.js';\nexport const c = a;",
      'evaluate/d.ts': "import { d } from './d.js';",
    });
    expect(found.circles).toEqual(['evaluate/a.ts → evaluate/b.ts → evaluate/c.ts → evaluate/a.ts', 'evaluate/d.ts → evaluate/d.ts']);
    expect(found.upward).toEqual([]);
  });

  it('names an upward import and lets a downward one be', () => {
    const found = check({
      'reload/live-rule-set.ts': "import type { RuleSetSource } from '../http/rule-set-source.js';",
      'http/rule-set-source.ts': "import type { RuleSet } from '../rules/model.js';",
      'rules/model.ts': 'export interface RuleSet {}',
    });
    expect(found.circles).toEqual([]);
    expect(found.upward).toEqual(['reload/live-rule-set.ts → http/rule-set-source.ts (reload is in a lower layer than http)']);
  });

  it('reports an import it cannot find, and ignores packages and imports in strings or comments', () => {
    const found = check({
      'answer/ask.ts':
        "import { Router } from 'express';\n// import { x } from '../http/app.js';\nconst text = \"import { y } from '../http/app.js'\";\nimport { gone } from './gone.js';",
    });
    expect(found.problems).toEqual(['answer/ask.ts: cannot find "./gone.js" (answer/gone.ts)']);
    expect(found.upward).toEqual([]);
  });
});
