import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileDecisionStore, segmentFileName, writeAll } from '../../src/decisions/decision-log.js';
import { newDecisionId } from '../../src/decisions/decision-id.js';
import type { DecisionRecord } from '../../src/decisions/decision-record.js';
import { FileRuleArchive } from '../../src/decisions/rule-archive.js';
import { sha256Of } from '../../src/decisions/rules-of-answer.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-decision-log-'));
  folders.push(folder);
  return folder;
}

function aRecord(index: number): DecisionRecord {
  return {
    decisionId: newDecisionId(),
    format: 1,
    time: new Date().toISOString(),
    endpoint: 'eligibility',
    request: { programme: 'nsk', date: '2024-03-15', person: { birthDate: '1985-04-02' }, note: `record ${index} ${'ā'.repeat(index % 7)}` },
    rules: {
      versions: [{ programme: 'nsk', version: '2022-01-01-fictional', sha256: 'a'.repeat(64) }],
      files: [{ path: 'nsk/programme.yaml', sha256: 'b'.repeat(64) }],
    },
    caller: { tokenId: 'riga-caseworker', role: 'caseworker', municipality: 'riga' },
    answer: { programme: 'nsk', eligible: index % 2 === 0, index },
  };
}

async function appendAll(store: FileDecisionStore, records: readonly DecisionRecord[]): Promise<void> {
  await Promise.all(records.map((record) => store.append(record)));
}

async function expectAllReadable(store: FileDecisionStore, records: readonly DecisionRecord[]): Promise<void> {
  for (const record of records) expect(await store.read(record.decisionId)).toEqual(record);
}

describe('the decision log', () => {
  it('commits a burst of concurrent appends in a few batches (group commit), each one readable', async () => {
    const store = await FileDecisionStore.open({ directory: temporaryFolder() });
    const records = Array.from({ length: 200 }, (_, index) => aRecord(index));
    await appendAll(store, records);
    expect(store.batches).toBeGreaterThanOrEqual(1);
    expect(store.batches).toBeLessThanOrEqual(20);
    await expectAllReadable(store, records);
    await store.close();
  });

  it('seals full segments with a sorted index, and finds every record in them, before and after reopening', async () => {
    const directory = temporaryFolder();
    const options = { directory, maxSegmentBytes: 4096 };
    const store = await FileDecisionStore.open(options);
    const records = Array.from({ length: 300 }, (_, index) => aRecord(index));
    for (let start = 0; start < records.length; start += 25) await appendAll(store, records.slice(start, start + 25));
    const files = readdirSync(join(directory, 'log'));
    expect(files.filter((name) => name.endsWith('.idx')).length).toBeGreaterThan(5);
    await expectAllReadable(store, records);
    await store.close();

    // lowdb holds the sealed segments' id ranges and counts; the open segment's records are the lines of its file.
    const metadata = JSON.parse(readFileSync(join(directory, 'decisions.json'), 'utf8')) as {
      active: number;
      segments: Array<{ records: number; firstId: string; lastId: string }>;
    };
    const openLines = readFileSync(join(directory, 'log', segmentFileName(metadata.active)), 'utf8')
      .split('\n')
      .filter(Boolean).length;
    expect(metadata.segments.reduce((sum, segment) => sum + segment.records, 0) + openLines).toBe(records.length);
    for (const segment of metadata.segments) expect(segment.firstId <= segment.lastId).toBe(true);

    const reopened = await FileDecisionStore.open(options);
    expect(reopened.records).toBe(records.length);
    await expectAllReadable(reopened, records);
    expect(await reopened.read(newDecisionId())).toBeNull();
    expect(await reopened.read('not-an-id')).toBeNull();
    await reopened.close();
  });

  it('cuts a torn tail off the open segment on reopening, keeps it aside, and appends after the last whole record', async () => {
    const directory = temporaryFolder();
    const store = await FileDecisionStore.open({ directory });
    const records = Array.from({ length: 10 }, (_, index) => aRecord(index));
    await appendAll(store, records);
    await store.close();
    const segment = join(directory, 'log', segmentFileName(1));
    const torn = '{"decisionId":"01900000-0000-7000-8000-000000000000","format":1,"time":"2024-';
    appendFileSync(segment, torn);

    const notices: string[] = [];
    const reopened = await FileDecisionStore.open({ directory, onNotice: (message) => notices.push(message) });
    expect(notices).toEqual([expect.stringContaining(`cut ${torn.length} byte(s) of an unfinished write`)]);
    const aside = readdirSync(join(directory, 'log')).find((name) => name.includes('.cut-'));
    expect(readFileSync(join(directory, 'log', aside as string), 'utf8')).toBe(torn);
    const later = aRecord(99);
    await reopened.append(later);
    await expectAllReadable(reopened, [...records, later]);
    expect(
      readFileSync(segment, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).decisionId),
    ).toEqual([...records, later].map((record) => record.decisionId));
    await reopened.close();
  });

  it('indexes again a sealed segment whose index is lost, and rebuilds lost metadata', async () => {
    const directory = temporaryFolder();
    const store = await FileDecisionStore.open({ directory, maxSegmentBytes: 2048 });
    const records = Array.from({ length: 60 }, (_, index) => aRecord(index));
    for (const record of records) await store.append(record);
    await store.close();
    rmSync(join(directory, 'log', '00000001.idx'));
    rmSync(join(directory, 'decisions.json'));
    const notices: string[] = [];
    const reopened = await FileDecisionStore.open({ directory, maxSegmentBytes: 2048, onNotice: (message) => notices.push(message) });
    expect(notices).toContainEqual(expect.stringMatching(/00000001\.jsonl: indexed \d+ record\(s\)/));
    expect(existsSync(join(directory, 'log', '00000001.idx'))).toBe(true);
    await expectAllReadable(reopened, records);
    await reopened.close();
  });

  it('refuses to open a store another live process holds', async () => {
    const directory = temporaryFolder();
    writeFileSync(join(directory, 'store.lock'), `${process.ppid}\n`);
    await expect(FileDecisionStore.open({ directory })).rejects.toThrow(`in use by process ${process.ppid}`);
  });
});

describe('the rule archive', () => {
  it('keeps a text by its sha256, and does not give back a text that no longer has it', async () => {
    const directory = temporaryFolder();
    const archive = new FileRuleArchive(directory);
    const text = 'version: "2022-01-01-fictional"\n';
    const sha256 = sha256Of(text);
    await archive.put({ path: 'nsk/versions/2022-01-01-fictional.yaml', sha256, text });
    await archive.put({ path: 'nsk/versions/2022-01-01-fictional.yaml', sha256, text });
    expect(await archive.text(sha256)).toBe(text);
    expect(readdirSync(join(directory, sha256.slice(0, 2)))).toEqual([`${sha256}.yaml`]);
    writeFileSync(join(directory, sha256.slice(0, 2), `${sha256}.yaml`), 'version: "changed"\n');
    expect(await archive.text(sha256)).toBeNull();
    expect(await archive.text('../../etc/passwd')).toBeNull();
    await expect(archive.put({ path: 'x.yaml', sha256: 'c'.repeat(64), text })).rejects.toThrow('does not have sha256');
  });
});

describe('decision ids', () => {
  it('are distinct UUIDs version 7 in time order, also across refills of the random pool', () => {
    const ids = Array.from({ length: 2000 }, (_, index) => newDecisionId(1_700_000_000_000 + index));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    // The random part differs between neighbours (one pool of random bytes serves 409 ids).
    const randomParts = new Set(ids.map((id) => id.slice(15)));
    expect(randomParts.size).toBe(ids.length);
  });
});

describe('writing a batch of records in pieces', () => {
  it('writes every byte once, in order, however short each write falls', async () => {
    const pieces = Array.from({ length: 2500 }, (_, index) => Buffer.from(index % 7 === 0 ? '' : `piece ${index};`));
    for (const most of [1, 3, 50, 4096, Number.MAX_SAFE_INTEGER]) {
      const written: Buffer[] = [];
      let calls = 0;
      const handle = {
        writev: async (buffers: NodeJS.ArrayBufferView[]) => {
          calls += 1;
          expect(buffers.length).toBeLessThanOrEqual(1024);
          const all = Buffer.concat(buffers as Buffer[]);
          const bytes = Math.min(all.length, most);
          written.push(all.subarray(0, bytes));
          return { bytesWritten: bytes, buffers };
        },
      };
      await writeAll(handle as unknown as Parameters<typeof writeAll>[0], pieces);
      expect(Buffer.concat(written).toString()).toBe(Buffer.concat(pieces).toString());
      if (most === Number.MAX_SAFE_INTEGER) expect(calls).toBe(3);
    }
  });
});
