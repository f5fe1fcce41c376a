import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, type Stats, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { RuleFileProblem } from './model.js';

/** A rule file is read by people: the largest bundled one is under 20 KB. A megabyte parses in a few seconds at worst. */
export const MAX_YAML_FILE_BYTES = 1024 * 1024;

/**
 * The rules folder as the service reads it, with where it really is (links resolved): only what lies inside that
 * is read. Officers and deploy scripts drop things there; a link to a tokens file or to /dev/zero is not a rule file.
 */
export interface RuleFolder {
  readonly path: string;
  readonly realPath: string;
}

/** The folder at `path`, or null when there is no folder there. */
export function openRuleFolder(path: string): RuleFolder | null {
  try {
    const realPath = realpathSync(path);
    return statSync(realPath).isDirectory() ? { path, realPath } : null;
  } catch {
    return null;
  }
}

/** What a file system error means, in words, with its code; never its message, which holds the whole path. */
export function describeFileError(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? 'EUNKNOWN');
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'a symbolic link to nothing, or the file was removed',
    ELOOP: 'a loop of symbolic links',
    ENOTDIR: 'a part of its path is not a folder',
    ENAMETOOLONG: 'the path is too long',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
    EIO: 'an input/output error',
  };
  return `${words[code] ?? 'the file system refused'} (${code})`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function isInside(folder: RuleFolder, realPath: string): boolean {
  const path = relative(folder.realPath, realPath);
  return path === '' || (!isAbsolute(path) && path !== '..' && !path.startsWith('../'));
}

function at(displayName: string, message: string): { problems: RuleFileProblem[] } {
  return { problems: [{ file: displayName, line: 1, column: 1, message }] };
}

const LEADS_OUT = 'a symbolic link leading out of the rules folder; it is not followed';

/** Whether `stats` is a file that may be read, or why not. */
function refusalOf(stats: Stats): string | null {
  if (!stats.isFile()) return `not a regular file (${kindOf(stats)}); only regular files are read`;
  if (stats.size > MAX_YAML_FILE_BYTES) return `the file has ${stats.size} bytes; at most ${MAX_YAML_FILE_BYTES} are read`;
  return null;
}

/** Up to `limit` bytes of an open file: as many as its size says (and one more), more only if it grew meanwhile. */
function readAtMost(descriptor: number, size: number, limit: number): { buffer: Buffer; length: number } {
  let buffer = Buffer.allocUnsafe(Math.min(size + 1, limit));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= limit) break;
      const larger = Buffer.allocUnsafe(limit);
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const read = readSync(descriptor, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  return { buffer, length };
}

/**
 * A rule or data file's text, or the located problem (at 1:1) why it is not read: it leads out of `folder` (a
 * symbolic link, itself or a folder on its way), it is not a regular file (a FIFO would block for ever, /dev/zero
 * never ends), it is larger than MAX_YAML_FILE_BYTES (by its size, before reading), or it cannot be read. The file
 * is opened without blocking and checked again once open, so what was checked is what is read, and at most
 * MAX_YAML_FILE_BYTES + 1 bytes are read whatever happens to it meanwhile.
 */
export function readRuleFile(file: string, displayName: string, folder?: RuleFolder): { text: string } | { problems: RuleFileProblem[] } {
  let descriptor: number | null = null;
  try {
    const realPath = realpathSync(file);
    if (folder && !isInside(folder, realPath)) return at(displayName, LEADS_OUT);
    const refused = refusalOf(statSync(realPath));
    if (refused) return at(displayName, refused);
    descriptor = openSync(realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const opened = fstatSync(descriptor);
    const refusedOpen = refusalOf(opened);
    if (refusedOpen) return at(displayName, refusedOpen);
    const { buffer, length } = readAtMost(descriptor, opened.size, MAX_YAML_FILE_BYTES + 1);
    if (length > MAX_YAML_FILE_BYTES) return at(displayName, `the file has more than ${MAX_YAML_FILE_BYTES} bytes; at most ${MAX_YAML_FILE_BYTES} are read`);
    return { text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return at(displayName, `cannot read: ${describeFileError(error)}`);
  } finally {
    if (descriptor !== null) closeSync(descriptor);
  }
}

/**
 * The names of the *.yaml entries of a folder, sorted; none when there is no such folder. A folder that leads out of
 * `folder`, is not a folder or cannot be listed is a located problem instead.
 */
export function yamlFilesIn(directory: string, displayName: string, folder?: RuleFolder): { names: string[]; problems: RuleFileProblem[] } {
  try {
    const realPath = realpathSync(directory);
    if (folder && !isInside(folder, realPath)) return { names: [], ...at(displayName, LEADS_OUT) };
    const stats = statSync(realPath);
    if (!stats.isDirectory()) return { names: [], ...at(displayName, `not a folder (${kindOf(stats)})`) };
    const names = readdirSync(realPath)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
    return { names, problems: [] };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { names: [], problems: [] };
    return { names: [], ...at(displayName, `cannot list the folder: ${describeFileError(error)}`) };
  }
}
