import { createHash, type Hash } from 'node:crypto';
import { type Dirent, lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describeFileError } from '../rules/rule-folder.js';
import type { RuleFileProblem } from '../rules/model.js';

/** What one walk of the rules folder tells, without opening a single file. */
export interface RuleFolderScan {
  /**
   * Changes when anything under the folder is added, removed, replaced, written or relinked, or when the folder's
   * path leads somewhere else: a digest of every entry's name, kind, size, times and inode, and each link's target.
   */
  fingerprint: string;
  /** The folder and every folder below it (not through links): what to watch. */
  folders: string[];
  /** A folder below that cannot be listed: the rules in it cannot be known, so a change is refused while it is there. */
  problems: RuleFileProblem[];
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function visit(folder: string, hash: Hash, scan: RuleFolderScan, displayName: (path: string) => string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true }).sort(byName);
  } catch (error) {
    hash.update(`${folder}\0unlisted\0${describeFileError(error)}\n`);
    scan.problems.push({ file: displayName(folder), line: 1, column: 1, message: `cannot list the folder: ${describeFileError(error)}` });
    return;
  }
  scan.folders.push(folder);
  for (const entry of entries) {
    const path = join(folder, entry.name);
    try {
      // An entry gone since the listing is a change: the scan after the load, or the next event, sees it.
      const stats = lstatSync(path, { bigint: true, throwIfNoEntry: false });
      if (!stats) continue;
      hash.update(`${entry.name}\0${stats.mode}\0${stats.size}\0${stats.mtimeNs}\0${stats.ctimeNs}\0${stats.ino}`);
      if (stats.isSymbolicLink()) hash.update(`\0${readlinkSync(path)}`);
      hash.update('\n');
      if (stats.isDirectory()) visit(path, hash, scan, displayName);
    } catch (error) {
      const code = describeFileError(error);
      hash.update(`${entry.name}\0unseen\0${code}\n`);
      // A link replaced by a file between lstat and readlink (EINVAL), or an entry removed (ENOENT): the folder moved.
      if (!['ENOENT', 'EINVAL'].includes(String((error as { code?: unknown }).code)))
        scan.problems.push({ file: displayName(path), line: 1, column: 1, message: `cannot look at this entry: ${code}` });
    }
  }
  hash.update(`${folder}\0end\n`);
}

/**
 * Walks the rules folder by its entries' metadata alone: no file is read, so a file of any size or kind (a 2 GiB
 * recording, a FIFO, another user's swap file) costs one lstat. Never throws: the folder missing is a fingerprint of
 * its own (the load says what is wrong), a folder below that cannot be listed is a located problem.
 */
export function scanRuleFolder(directory: string, displayName: (path: string) => string): RuleFolderScan {
  const hash = createHash('sha256');
  const scan: RuleFolderScan = { fingerprint: '', folders: [], problems: [] };
  let realPath: string;
  try {
    realPath = realpathSync(directory);
  } catch (error) {
    scan.fingerprint = hash.update(`missing\0${describeFileError(error)}`).digest('hex');
    return scan;
  }
  hash.update(`${realPath}\n`);
  visit(directory, hash, scan, displayName);
  scan.fingerprint = hash.digest('hex');
  return scan;
}
