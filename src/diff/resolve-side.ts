import { existsSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PROGRAMME_FILE } from '../rules/load-rules.js';
import { enclosingRulesPath, extractAt, gitTopLevel, isCommitRef, objectTypeAt } from './git-rules.js';
import { loadSide, type SideKind, type SideLoad } from './load-side.js';

/** One side as named on the command line: a path in the working tree, or a path as it is at a git ref. */
export type SideSpec = { kind: 'path'; path: string; label: string } | { kind: 'git'; ref: string; path: string; label: string; topLevel: string };

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

/** A working-tree path as git names it at a ref: relative to the repository's top, with forward slashes. */
function pathFromTop(topLevel: string, cwd: string, path: string): string {
  const absolute = resolve(realpathSync(cwd), path);
  return relative(realpathSync(topLevel), existsSync(absolute) ? realpathSync(absolute) : absolute).replaceAll('\\', '/') || '.';
}

/**
 * What a command-line side names: an existing file or folder; else `ref:path` (a path at a git ref, from the
 * repository's top); else a git ref, meaning the rules folder at that ref.
 */
export function resolveSideArgument(argument: string, cwd: string, rulesDirectory = 'rules'): Resolved<SideSpec> {
  if (existsSync(resolve(cwd, argument))) return { ok: true, value: { kind: 'path', path: resolve(cwd, argument), label: argument } };
  const top = gitTopLevel(cwd);
  const colon = argument.indexOf(':');
  const [ref, path] = colon > 0 ? [argument.slice(0, colon), argument.slice(colon + 1)] : [argument, top.ok ? pathFromTop(top.value, cwd, rulesDirectory) : rulesDirectory];
  if (top.ok && isCommitRef(ref, cwd)) return { ok: true, value: { kind: 'git', ref, path, label: `${ref}:${path}`, topLevel: top.value } };
  return { ok: false, message: `"${argument}" is not a file, a folder or a git ref${top.ok ? '' : ` (${top.message})`}` };
}

/** `--base <ref>`: the rules folder of the working tree, and the same folder as it is at `ref`. */
export function baseSides(ref: string, rulesDirectory: string, cwd: string): Resolved<{ old: SideSpec; new: SideSpec }> {
  const absolute = resolve(cwd, rulesDirectory);
  if (!existsSync(absolute)) return { ok: false, message: `rules directory not found: ${rulesDirectory}` };
  const top = gitTopLevel(absolute);
  if (!top.ok) return { ok: false, message: `--base needs ${rulesDirectory} inside a git repository: ${top.message}` };
  if (!isCommitRef(ref, top.value)) return { ok: false, message: `--base ${ref}: not a git ref of ${top.value}` };
  const path = pathFromTop(top.value, cwd, rulesDirectory);
  return {
    ok: true,
    value: {
      old: { kind: 'git', ref, path, label: `${ref}:${path}`, topLevel: top.value },
      new: { kind: 'path', path: absolute, label: `${rulesDirectory} (working tree)` },
    },
  };
}

function kindAt(ref: string, path: string, topLevel: string): SideKind | null {
  const type = objectTypeAt(ref, path, topLevel);
  if (type === null) return null;
  if (type === 'blob') return 'version';
  return objectTypeAt(ref, `${path}/${PROGRAMME_FILE}`, topLevel) === 'blob' ? 'programme' : 'rules';
}

/**
 * Loads a side; one at a git ref is first written out (git archive | tar -x) into `workDirectory`, and its
 * problems name the files as `ref:path`.
 */
export function loadSideSpec(spec: SideSpec, workDirectory: string, cwd: string): SideLoad {
  if (spec.kind === 'path') return loadSide(spec.path, { label: spec.label, workDirectory, cwd });
  const path = spec.path.replace(/^\.\/+/, '').replace(/\/+$/, '') || '.';
  const kind = kindAt(spec.ref, path, spec.topLevel);
  if (kind === null) return { ok: false, problems: [{ file: spec.label, line: 1, column: 1, message: `not found at ${spec.ref}` }] };
  const checkout = join(workDirectory, 'checkout');
  const enclosing = enclosingRulesPath(path, kind);
  const extracted = extractAt(spec.ref, [enclosing], spec.topLevel, checkout);
  if (!extracted.ok) return { ok: false, problems: [{ file: spec.label, line: 1, column: 1, message: extracted.message }] };
  const display = (file: string): string => `${spec.ref}:${relative(checkout, file).replaceAll('\\', '/')}`;
  return loadSide(join(checkout, path), { label: spec.label, workDirectory: join(workDirectory, 'isolated'), display, cwd });
}
