import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionRecord, DecisionSummary } from '../../src/decisions/decision-record.js';
import { openDecisionStore } from '../../src/decisions/open-store.js';
import { PersonRefKey } from '../../src/decisions/person-ref.js';
import { decisionsOverAMonth, newestFirst } from '../support/searchable-decisions.js';
import { runCommand } from './run-cli.js';

/**
 * `sbsp-rules decisions search | purge` on the store the service keeps: records are seeded through the store opened on
 * a temporary DECISIONS_DIR (SQLite, as the service opens it without DATABASE_URL), then the command runs on it.
 */

const folders: string[] = [];
const saved = { DECISIONS_DIR: process.env.DECISIONS_DIR, DATABASE_URL: process.env.DATABASE_URL, DECISION_HMAC_KEY: process.env.DECISION_HMAC_KEY };

/** A fresh store folder holding `records`, which the commands then use (DECISIONS_DIR), as the service would. */
async function storeHolding(records: readonly DecisionRecord[]): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-rules-decisions-cli-'));
  folders.push(folder);
  const store = await openDecisionStore({ DECISIONS_DIR: folder });
  for (const record of records) await store.append(record);
  await store.close();
  process.env.DECISIONS_DIR = folder;
  return folder;
}

beforeAll(() => {
  delete process.env.DATABASE_URL;
});

afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function searchJson(...args: string[]): Promise<{ items: DecisionSummary[]; next: string | null }> {
  const run = await runCommand(['decisions', 'search', ...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { items: DecisionSummary[]; next: string | null };
}

const day = (record: DecisionRecord): string => record.time.slice(0, 10);

describe('sbsp-rules decisions search', () => {
  const records = decisionsOverAMonth();
  beforeAll(async () => {
    await storeHolding(records);
  });

  it('prints the 50 newest as a table, one row each, and the cursor of the next page', async () => {
    const run = await runCommand(['decisions', 'search']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    const newest = newestFirst(records);
    expect(lines[0]).toMatch(/^time \(UTC\) +decision +programme +endpoint +outcome +municipality +rule version$/);
    expect(lines.slice(1, 51).map((line) => line.split(/ +/)[1])).toEqual(newest.slice(0, 50).map((item) => item.decisionId));
    expect(lines.at(-1)).toBe(`50 decisions; the next page: --cursor ${newest[49]?.decisionId}`);
  });

  it("a row says the decision's time, programme, endpoint, outcome (eligible, not eligible or the amount), municipality and rule version", async () => {
    const run = await runCommand(['decisions', 'search', '--limit', '500']);
    const rowOf = (item: DecisionSummary | undefined) => run.stdout.split('\n').find((line) => item !== undefined && line.includes(item.decisionId)) ?? '';
    const all = newestFirst(records);
    const paid = all.find((item) => item.compensation !== undefined && item.municipality === 'riga');
    const refused = all.find((item) => item.eligible === false && item.municipality === 'liepaja');
    const open = all.find((item) => item.eligible === false && item.municipality === null);
    const granted = all.find((item) => item.eligible === true && item.municipality === 'riga');
    for (const found of [paid, refused, open, granted]) expect(found).toBeDefined();
    expect(rowOf(paid).split(/ {2,}/)).toEqual([
      paid?.time,
      paid?.decisionId,
      paid?.programme,
      'compensation',
      `${paid?.compensation} EUR`,
      'riga',
      '2024-01-01',
    ]);
    expect(rowOf(refused).split(/ {2,}/)).toEqual([
      refused?.time,
      refused?.decisionId,
      refused?.programme,
      'eligibility',
      'not eligible',
      'liepaja',
      '2024-01-01',
    ]);
    expect(rowOf(open).split(/ {2,}/)).toEqual([
      open?.time,
      open?.decisionId,
      open?.programme,
      'eligibility',
      'not eligible',
      '(open development)',
      '2024-01-01',
    ]);
    expect(rowOf(granted).split(/ {2,}/)).toEqual([granted?.time, granted?.decisionId, granted?.programme, 'eligibility', 'eligible', 'riga', '2024-01-01']);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`${records.length} decisions, the last page`);
  });

  it.each([
    { name: '--programme nsk', args: ['--programme', 'nsk'], keep: (record: DecisionRecord) => record.outcome.programme === 'nsk' },
    { name: '--municipality liepaja', args: ['--municipality', 'liepaja'], keep: (record: DecisionRecord) => record.caller.municipality === 'liepaja' },
    { name: '--from 2024-07-10', args: ['--from', '2024-07-10'], keep: (record: DecisionRecord) => day(record) >= '2024-07-10' },
    { name: '--to 2024-06-30', args: ['--to', '2024-06-30'], keep: (record: DecisionRecord) => day(record) <= '2024-06-30' },
    { name: '--eligible false', args: ['--eligible', 'false'], keep: (record: DecisionRecord) => record.outcome.eligible === false },
    {
      name: 'all of them',
      args: ['--programme', 'di', '--municipality', 'riga', '--from', '2024-06-26', '--to', '2024-07-21', '--eligible', 'true'],
      keep: (record: DecisionRecord) =>
        record.outcome.programme === 'di' &&
        record.caller.municipality === 'riga' &&
        day(record) >= '2024-06-26' &&
        day(record) <= '2024-07-21' &&
        record.outcome.eligible === true,
    },
  ])('$name --json: the page as the API answers it', async ({ args, keep }) => {
    const wanted = newestFirst(records.filter(keep));
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThan(records.length);
    expect(await searchJson(...args, '--limit', '500')).toEqual({ items: wanted, next: null });
  });

  it('--limit and --cursor page through every decision: each once, no gap, newest first', async () => {
    const pages: DecisionSummary[][] = [];
    let cursor: string | null = null;
    do {
      const page = await searchJson('--limit', '40', ...(cursor === null ? [] : ['--cursor', cursor]));
      pages.push(page.items);
      cursor = page.next;
    } while (cursor !== null && pages.length < 10);
    expect(pages.map((page) => page.length)).toEqual([40, 40, 23]);
    expect(pages.flat()).toEqual(newestFirst(records));
  });

  it('no decision matches: it says so, exit 0', async () => {
    const run = await runCommand(['decisions', 'search', '--programme', 'vsac-admission']);
    expect(run).toEqual({ code: 0, stdout: 'no decision matches\n', stderr: '' });
  });

  it('every problem of the options at once, each named as its option: exit 2, nothing searched', async () => {
    const run = await runCommand([
      'decisions',
      'search',
      '--from',
      '2024-02-30',
      '--to',
      '2024-01-01x',
      '--eligible',
      'yes',
      '--limit',
      '0',
      '--cursor',
      'page-2',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    for (const expected of [
      '--from: must be a real date',
      '--to: must be a real date',
      '--eligible: must be true or false',
      '--limit: must be a whole number from 1 to 500',
      '--cursor: must be the next of an earlier page',
    ])
      expect(run.stderr).toContain(expected);
  });

  it('a reversed period is a usage error at --to', async () => {
    const run = await runCommand(['decisions', 'search', '--from', '2024-07-02', '--to', '2024-07-01']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--to: is before from (2024-07-02)');
  });
});

describe('sbsp-rules decisions purge', () => {
  const records = decisionsOverAMonth();
  const before = '2024-07-01';
  const older = records.filter((record) => day(record) < before);

  beforeAll(async () => {
    await storeHolding(records);
  });

  it('without --yes: says how many would go and deletes nothing', async () => {
    expect(older.length).toBeGreaterThan(1);
    const run = await runCommand(['decisions', 'purge', '--before', before]);
    expect(run).toEqual({
      code: 0,
      stdout: `${older.length} decisions made before ${before} would be deleted; nothing was changed. Run again with --yes to delete them.\n`,
      stderr: '',
    });
    expect((await searchJson('--limit', '500')).items).toHaveLength(records.length);
  });

  it('with --yes: deletes the records made before the day, keeps those of the day itself and after', async () => {
    const run = await runCommand(['decisions', 'purge', '--before', before, '--yes']);
    expect(run).toEqual({ code: 0, stdout: `deleted ${older.length} decisions made before ${before}\n`, stderr: '' });
    const kept = (await searchJson('--limit', '500')).items;
    expect(kept).toEqual(newestFirst(records.filter((record) => day(record) >= before)));
    expect(kept.some((item) => item.time.startsWith(before))).toBe(true);
    const again = await runCommand(['decisions', 'purge', '--before', before]);
    expect(again.stdout).toBe(`0 decisions made before ${before} would be deleted; nothing was changed. Run again with --yes to delete them.\n`);
  });

  it.each([
    { name: 'an impossible date', args: ['--before', '2024-02-30'], message: '--before: must be a real date' },
    {
      name: 'neither --before nor --person-ref',
      args: ['--yes'],
      message: "give --before <date> (the records made before a day) or --person-ref <ref> (one person's records)",
    },
  ])('$name: exit 2, nothing deleted', async ({ args, message }) => {
    const remaining = (await searchJson('--limit', '500')).items.length;
    const run = await runCommand(['decisions', 'purge', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect((await searchJson('--limit', '500')).items).toHaveLength(remaining);
  });
});

describe('sbsp-rules decisions purge --person-ref: the erasure of one person', () => {
  const KEY = 'the-service-personref-key-of-32-chars';
  const PERSON = 'CASE-2024-0042';
  const digestOf = (personRef: string, secret = KEY): DecisionRecord['personRef'] => (PersonRefKey.fromSecret(secret) as PersonRefKey).digest(personRef);
  // Every seventh decision is the person's, over the whole month; every seventh but one another person's; the rest name no one.
  const records = decisionsOverAMonth().map((record, index) =>
    index % 7 === 2 ? { ...record, personRef: digestOf(PERSON) } : index % 7 === 5 ? { ...record, personRef: digestOf('CASE-2024-0043') } : record,
  );
  const theirs = records.filter((_, index) => index % 7 === 2);

  beforeAll(async () => {
    await storeHolding(records);
    process.env.DECISION_HMAC_KEY = KEY;
  });

  it('without --yes: says how many records of that personRef would go, deletes nothing, and never prints the personRef', async () => {
    expect(theirs.length).toBeGreaterThan(10);
    const run = await runCommand(['decisions', 'purge', '--person-ref', PERSON]);
    expect(run).toEqual({
      code: 0,
      stdout: `${theirs.length} decisions of this personRef would be deleted; nothing was changed. Run again with --yes to delete them.\n`,
      stderr: '',
    });
    expect((await searchJson('--limit', '500')).items).toHaveLength(records.length);
  });

  it.each([
    { name: 'DECISION_HMAC_KEY unset', key: undefined, message: '--person-ref needs DECISION_HMAC_KEY, the key the service digests personRefs with' },
    { name: 'DECISION_HMAC_KEY too short', key: 'short', message: '--person-ref: DECISION_HMAC_KEY must have at least 32 characters' },
  ])('$name: refused (exit 2), nothing deleted', async ({ key, message }) => {
    if (key === undefined) delete process.env.DECISION_HMAC_KEY;
    else process.env.DECISION_HMAC_KEY = key;
    try {
      const run = await runCommand(['decisions', 'purge', '--person-ref', PERSON, '--yes']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
    } finally {
      process.env.DECISION_HMAC_KEY = KEY;
    }
    expect((await searchJson('--limit', '500')).items).toHaveLength(records.length);
  });

  it.each([
    {
      name: '--before and --person-ref together',
      args: ['--before', '2024-07-01', '--person-ref', PERSON, '--yes'],
      message: '--before and --person-ref are two purges',
    },
    { name: 'an empty --person-ref', args: ['--person-ref', '', '--yes'], message: '--person-ref: must not be empty' },
  ])('$name: a usage error (exit 2), nothing deleted', async ({ args, message }) => {
    const run = await runCommand(['decisions', 'purge', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect((await searchJson('--limit', '500')).items).toHaveLength(records.length);
  });

  it("with --yes: deletes every record of that person, whatever its date, and no other's; run again, none is left", async () => {
    const run = await runCommand(['decisions', 'purge', '--person-ref', PERSON, '--yes']);
    expect(run).toEqual({ code: 0, stdout: `deleted ${theirs.length} decisions of this personRef\n`, stderr: '' });
    const erased = new Set(theirs.map((record) => record.decisionId));
    expect((await searchJson('--limit', '500')).items).toEqual(newestFirst(records.filter((record) => !erased.has(record.decisionId))));
    const again = await runCommand(['decisions', 'purge', '--person-ref', PERSON]);
    expect(again.stdout).toBe('0 decisions of this personRef would be deleted; nothing was changed. Run again with --yes to delete them.\n');
  });

  it('a key other than the one the records were made with finds none of them', async () => {
    const other = 'CASE-2024-0043';
    process.env.DECISION_HMAC_KEY = 'another-key-of-thirty-two-characters!!';
    try {
      const run = await runCommand(['decisions', 'purge', '--person-ref', other, '--yes']);
      expect(run.stdout).toBe('deleted 0 decisions of this personRef\n');
    } finally {
      process.env.DECISION_HMAC_KEY = KEY;
    }
    const count = await runCommand(['decisions', 'purge', '--person-ref', other]);
    expect(count.stdout).toMatch(new RegExp(`^${records.filter((_, index) => index % 7 === 5).length} decisions of this personRef would be deleted`));
  });
});

describe('sbsp-rules decisions: a store that cannot be opened', () => {
  it('DECISIONS_DIR is a file: exit 1 with the reason, for search and for purge alike', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sbsp-rules-decisions-cli-'));
    folders.push(folder);
    const file = join(folder, 'not-a-folder');
    writeFileSync(file, 'x');
    process.env.DECISIONS_DIR = file;
    for (const args of [['search'], ['purge', '--before', '2024-01-01', '--yes']]) {
      const run = await runCommand(['decisions', ...args]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^sbsp-rules decisions: the decision store is not available: .*not-a-folder/);
    }
  });
});
