import { type FSWatcher, statSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

interface WatchedFolder {
  watcher: FSWatcher;
  /** The folder the path led to when the watcher was made: a folder replaced under the same path is another one. */
  identity: string;
}

function identityOf(path: string): string | null {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : null;
  } catch {
    return null;
  }
}

/**
 * Tells when anything under the rules folder may have changed, a short while after changes stop (editors write in
 * several steps, deploy scripts move whole folders). Each folder of the tree has a watcher of its own, and the
 * folder's parent one more for the folder's own name, so a folder deleted and moved back (`rm -rf rules && mv
 * rules.new rules`) or a link switched to another release (`ln -sfn`) is seen; `follow` then moves the watchers to
 * the folders there are now. A watcher that fails (a folder it may not read, a folder gone) is dropped, and the
 * change it stands for reported; it never throws out of an event.
 */
export class RuleFolderWatch {
  #parent: FSWatcher | null = null;
  readonly #folders = new Map<string, WatchedFolder>();
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    private readonly directory: string,
    private readonly onSettled: () => void,
    private readonly settleMilliseconds: number,
  ) {}

  /** Watches exactly `folders` (and the parent), each as it is now: a watcher of a folder since replaced is made anew. */
  follow(folders: readonly string[]): void {
    if (this.#closed) return;
    this.#parent ??= this.#watch(dirname(this.directory), (name) => name === null || name === basename(this.directory));
    const wanted = new Set(folders);
    for (const [path, watched] of this.#folders) {
      if (!wanted.has(path) || identityOf(path) !== watched.identity) this.#drop(path);
    }
    for (const path of wanted) {
      if (this.#folders.has(path)) continue;
      const identity = identityOf(path);
      const watcher =
        identity === null
          ? null
          : this.#watch(
              path,
              () => true,
              () => this.#drop(path),
            );
      if (watcher && identity !== null) this.#folders.set(path, { watcher, identity });
    }
  }

  close(): void {
    this.#closed = true;
    this.#parent?.close();
    this.#parent = null;
    for (const path of [...this.#folders.keys()]) this.#drop(path);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #drop(path: string): void {
    this.#folders.get(path)?.watcher.close();
    this.#folders.delete(path);
  }

  /** A watcher of one folder's entries, or null if the folder cannot be watched (the scan says why, if it matters). */
  #watch(path: string, concerns: (name: string | null) => boolean, onFailure: () => void = () => this.#dropParent()): FSWatcher | null {
    try {
      const watcher = watch(path, { persistent: false }, (_event, name) => {
        if (concerns(name)) this.#changed();
      });
      watcher.on('error', () => {
        onFailure();
        this.#changed();
      });
      return watcher;
    } catch {
      return null;
    }
  }

  #dropParent(): void {
    this.#parent?.close();
    this.#parent = null;
  }

  #changed(): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!this.#closed) this.onSettled();
    }, this.settleMilliseconds);
  }
}
