import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/decisions/group-commit.js';

/** A commit that takes as long as the test says: a batch stays "being synced" until released. */
function slowCommits(): { batches: string[][]; release: () => void; commit: (batch: string[]) => Promise<void>; failNext: () => void } {
  const batches: string[][] = [];
  let releases: Array<() => void> = [];
  let failing = false;
  return {
    batches,
    release: () => {
      const waiting = releases;
      releases = [];
      for (const release of waiting) release();
    },
    failNext: () => {
      failing = true;
    },
    commit: (batch) => {
      batches.push(batch);
      const fail = failing;
      failing = false;
      return new Promise<void>((resolve, reject) => releases.push(() => (fail ? reject(new Error('the disk is full')) : resolve())));
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('commits what arrives in one turn together, and what arrives while that commit runs together in the next', async () => {
    const commits = slowCommits();
    const group = new GroupCommit(commits.commit, 0, 100);
    const settled: string[] = [];
    const add = (item: string): Promise<void> => group.add(item).then(() => void settled.push(item));
    const first = [add('a'), add('b'), add('c')];
    await tick();
    const during = [add('d'), add('e')];
    await tick();
    expect(commits.batches).toEqual([['a', 'b', 'c']]);
    expect(settled).toEqual([]);
    commits.release();
    await Promise.all(first);
    expect(settled).toEqual(['a', 'b', 'c']);
    await tick();
    expect(commits.batches).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    commits.release();
    await Promise.all(during);
    expect(settled).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a batch that fails rejects its own items only; the next batch goes on', async () => {
    const commits = slowCommits();
    const group = new GroupCommit(commits.commit, 0, 100);
    commits.failNext();
    const failing = [group.add('a'), group.add('b')];
    await tick();
    const next = group.add('c');
    commits.release();
    await expect(Promise.all(failing)).rejects.toThrow('the disk is full');
    await tick();
    commits.release();
    await expect(next).resolves.toBeUndefined();
    expect(commits.batches).toEqual([['a', 'b'], ['c']]);
  });

  it('cuts a burst into batches of at most maxBatch, and drain() waits for all of them', async () => {
    const committed: string[][] = [];
    const group = new GroupCommit(
      async (batch: string[]) => {
        committed.push(batch);
      },
      0,
      2,
    );
    const items = ['a', 'b', 'c', 'd', 'e'];
    const added = items.map((item) => group.add(item));
    await group.drain();
    expect(committed).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    await Promise.all(added);
  });
});
