import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { posix } from 'node:path';

/** Read-only git: where the repository is, whether a ref names a commit, and the files of a path at a ref. */
export type GitResult<T> = { ok: true; value: T } | { ok: false; message: string };

const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

function git(args: string[], cwd: string): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', args, { cwd, maxBuffer: MAX_ARCHIVE_BYTES });
  return {
    status: result.error ? null : result.status,
    stdout: result.stdout ?? Buffer.alloc(0),
    stderr: result.error ? result.error.message : (result.stderr ?? Buffer.alloc(0)).toString('utf8').trim(),
  };
}

export function gitTopLevel(cwd: string): GitResult<string> {
  const result = git(['rev-parse', '--show-toplevel'], cwd);
  if (result.status !== 0) return { ok: false, message: `not inside a git repository (${result.stderr || 'git rev-parse failed'})` };
  return { ok: true, value: result.stdout.toString('utf8').trim() };
}

/** A ref that names a commit; a leading "-" is never a ref (it would be read as an option). */
export function isCommitRef(ref: string, cwd: string): boolean {
  if (ref === '' || ref.startsWith('-')) return false;
  return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd).status === 0;
}

/** "blob", "tree", or null when the path is not there at that ref. Paths are relative to the repository's top. */
export function objectTypeAt(ref: string, path: string, topLevel: string): 'blob' | 'tree' | null {
  const result = git(['cat-file', '-t', `${ref}:${path}`], topLevel);
  const type = result.stdout.toString('utf8').trim();
  return result.status === 0 && (type === 'blob' || type === 'tree') ? type : null;
}

/** Writes `paths` as they are at `ref` under `into` (git archive | tar -x). */
export function extractAt(ref: string, paths: readonly string[], topLevel: string, into: string): GitResult<string> {
  mkdirSync(into, { recursive: true });
  const archive = git(['archive', '--format=tar', ref, ...paths], topLevel);
  if (archive.status !== 0) return { ok: false, message: `git archive ${ref} ${paths.join(' ')} failed: ${archive.stderr}` };
  const tar = spawnSync('tar', ['-x', '-C', into], { input: archive.stdout });
  if (tar.error || tar.status !== 0) return { ok: false, message: `tar -x failed: ${tar.error?.message ?? tar.stderr.toString('utf8').trim()}` };
  return { ok: true, value: into };
}

/**
 * The folder to extract so that a path at a ref loads as it would in the working tree: a version file needs
 * its programme and the calendars beside it (the whole rules folder), a programme its parent (for calendars).
 */
export function enclosingRulesPath(path: string, type: 'version' | 'programme' | 'rules'): string {
  const normalised = posix.normalize(path.replaceAll('\\', '/')).replace(/\/$/, '');
  const levels = type === 'version' ? 3 : type === 'programme' ? 1 : 0;
  let folder = normalised;
  for (let level = 0; level < levels; level += 1) folder = posix.dirname(folder);
  return folder;
}
