import { existsSync, realpathSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { PROGRAMME_FILE, VERSIONS_DIRECTORY } from '../rules/load-rules.js';
import type { RuleFileProblem } from '../rules/model.js';
import { enclosingRulesPath, extractAt, gitTopLevel, isCommitRef, objectTypeAt } from './git-rules.js';
import { loadSidePair, type Place, type SideLoad } from './load-side.js';

/** One side as named on the command line: a path in the working tree, or a path as it is at a git ref. */
export type SideSpec =
  | { kind: 'path'; path: string; label: string; whole?: boolean }
  | { kind: 'git'; ref: string; path: string; label: string; topLevel: string };

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
  const [ref, path] =
    colon > 0 ? [argument.slice(0, colon), argument.slice(colon + 1)] : [argument, top.ok ? pathFromTop(top.value, cwd, rulesDirectory) : rulesDirectory];
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
      new: { kind: 'path', path: absolute, label: `${rulesDirectory} (working tree)`, whole: true },
    },
  };
}

/** What a path at a ref is, as shapeOf tells it on disk: a version file anchored in <programme>/versions/, a programme folder, or another folder. */
function kindAt(ref: string, path: string, topLevel: string): 'version' | 'file' | 'programme' | 'folder' | null {
  const type = objectTypeAt(ref, path, topLevel);
  if (type === null) return null;
  if (type === 'blob') {
    const versions = posix.dirname(path);
    const anchored = posix.basename(versions) === VERSIONS_DIRECTORY && objectTypeAt(ref, `${posix.dirname(versions)}/${PROGRAMME_FILE}`, topLevel) === 'blob';
    return anchored ? 'version' : 'file';
  }
  return objectTypeAt(ref, `${path}/${PROGRAMME_FILE}`, topLevel) === 'blob' ? 'programme' : 'folder';
}

/**
 * A side as files on disk. A path in the working tree is where it is; one at a git ref is first written out
 * (git archive | tar -x) into `workDirectory` — a version file or programme folder with the rules folder around
 * it — and its files are named as `ref:path`.
 */
export function placeOf(spec: SideSpec, workDirectory: string, cwd: string): { ok: true; place: Place } | { ok: false; problems: RuleFileProblem[] } {
  if (spec.kind === 'path') {
    const place: Place = { label: spec.label, path: spec.path, display: (file: string) => relative(cwd, file) || file };
    if (spec.whole === true) place.whole = true;
    return { ok: true, place };
  }
  const path = spec.path.replace(/^\.\/+/, '').replace(/\/+$/, '') || '.';
  const kind = kindAt(spec.ref, path, spec.topLevel);
  if (kind === null) return { ok: false, problems: [{ file: spec.label, line: 1, column: 1, message: `not found at ${spec.ref}` }] };
  const checkout = join(workDirectory, 'checkout');
  const enclosing = kind === 'version' ? enclosingRulesPath(path, 'version') : kind === 'programme' ? enclosingRulesPath(path, 'programme') : path;
  const extracted = extractAt(spec.ref, [enclosing], spec.topLevel, checkout);
  if (!extracted.ok) return { ok: false, problems: [{ file: spec.label, line: 1, column: 1, message: extracted.message }] };
  const display = (file: string): string => `${spec.ref}:${relative(checkout, file).replaceAll('\\', '/')}`;
  return { ok: true, place: { label: spec.label, path: join(checkout, path), display, whole: true } };
}

/** Both sides loaded (see loadSidePair); a draft with nothing else to lay over is laid over `rules` (the working tree's). */
export function loadSideSpecs(
  specs: { old: SideSpec; new: SideSpec },
  rulesDirectory: string,
  workDirectory: string,
  cwd: string,
): { old: SideLoad; new: SideLoad } {
  const old = placeOf(specs.old, join(workDirectory, 'old-side'), cwd);
  const now = placeOf(specs.new, join(workDirectory, 'new-side'), cwd);
  if (!old.ok || !now.ok) return { old: old.ok ? { ok: false, problems: [] } : old, new: now.ok ? { ok: false, problems: [] } : now };
  const rulesPath = resolve(cwd, rulesDirectory);
  const rules: Place | null = existsSync(rulesPath) ? { label: rulesDirectory, path: rulesPath, display: (file: string) => relative(cwd, file) || file } : null;
  return loadSidePair(old.place, now.place, { workDirectory: join(workDirectory, 'load'), rules });
}
