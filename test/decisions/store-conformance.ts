import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newDecisionId } from '../../src/decisions/decision-id.js';
import { type DecisionRecord, summaryOf } from '../../src/decisions/decision-record.js';
import type { DecisionQuery, DecisionStore } from '../../src/decisions/decision-store.js';
import { matchesQuery } from '../../src/decisions/memory-decision-store.js';
import { recordCheckOf, sealed } from '../../src/decisions/record-digest.js';
import type { RuleFileText } from '../../src/decisions/rules-of-answer.js';
import { sha256Of } from '../../src/decisions/sha256.js';
import { decisionRecord, decisionsOverAMonth } from '../support/searchable-decisions.js';

/** A store to test, empty, and how to get rid of it. */
export interface OpenedStore {
  store: DecisionStore;
  /**
   * Another store on the same data (a second connection, a second process's view), callable while the first is
   * still open and after it is closed. Absent for a store whose data lives only in its own object (memory).
   */
  reopen?: () => Promise<DecisionStore>;
  cleanup: () => Promise<void>;
}

function ruleFile(path: string, text: string): RuleFileText {
  return { path, sha256: sha256Of(text), text };
}

const PROGRAMME_FILE = ruleFile('nsk/programme.yaml', 'id: nsk\ntitle: { lv: Nodrošinājums, en: Provision }\n');
const VERSION_FILE = ruleFile('nsk/versions/2024-01-01.yaml', 'version: 2024-01-01\nrules: []\n');
const CALENDAR_FILE = ruleFile('calendars/lv.yaml', 'holidays: [2024-06-23, 2024-06-24]\n');
const FILES = [PROGRAMME_FILE, VERSION_FILE, CALENDAR_FILE];

/** Two persons' personRef digests (personRef.hmacSha256). */
const PERSON_A = 'a1'.repeat(32);
const PERSON_B = 'b2'.repeat(32);

/** A record naming rule files, as the recorder makes them: the files are put first. */
function naming(record: DecisionRecord, files: readonly RuleFileText[] = FILES): DecisionRecord {
  return { ...record, rules: { ...record.rules, files: files.map(({ path, sha256 }) => ({ path, sha256 })) } };
}

async function archived(store: DecisionStore, files: readonly RuleFileText[] = FILES): Promise<void> {
  for (const file of files) await store.archive.put(file);
}

/** The same record as JSON would carry it: what any store gives back. */
function asJson(record: DecisionRecord): unknown {
  return JSON.parse(JSON.stringify(record));
}

/** Every page of a search, following `next`. */
async function allPages(store: DecisionStore, query: DecisionQuery): Promise<Array<{ ids: string[]; next: string | null }>> {
  const pages = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page += 1) {
    const found = await store.search({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    pages.push({ ids: found.items.map((item) => item.decisionId), next: found.next });
    if (found.next === null) return pages;
    cursor = found.next;
  }
  throw new Error('a search that never ends');
}

/** What a search must find in `records`: those matching the filters, newest (greatest decisionId) first. */
function expectedIds(records: readonly DecisionRecord[], query: DecisionQuery): string[] {
  return records
    .filter((record) => matchesQuery(record, query))
    .map((record) => record.decisionId)
    .sort()
    .reverse();
}

/** Filters alone and together, over decisionsOverAMonth (2024-06-25 … 2024-07-24; nsk, di, ibm; riga, liepaja, none). */
const SEARCHES: Array<[string, Omit<DecisionQuery, 'limit'>]> = [
  ['no filter', {}],
  ['programme nsk', { programme: 'nsk' }],
  ['programme unknown', { programme: 'vsac-admission' }],
  ['municipality riga', { municipality: 'riga' }],
  ['municipality liepaja', { municipality: 'liepaja' }],
  ['from 2024-07-10', { from: '2024-07-10' }],
  ['to 2024-07-01', { to: '2024-07-01' }],
  ['one day, 2024-07-03 to 2024-07-03', { from: '2024-07-03', to: '2024-07-03' }],
  ['eligible true', { eligible: true }],
  ['eligible false', { eligible: false }],
  ['nsk in riga', { programme: 'nsk', municipality: 'riga' }],
  ['di in liepaja, eligible, in July', { programme: 'di', municipality: 'liepaja', eligible: true, from: '2024-07-01', to: '2024-07-31' }],
  ['every filter together', { programme: 'ibm', municipality: 'riga', from: '2024-06-28', to: '2024-07-20', eligible: false }],
  ['from after to: nothing', { from: '2024-07-10', to: '2024-07-09' }],
];

/**
 * The contract every DecisionStore keeps (decision-store.ts), whatever keeps the records: each test opens an empty
 * store with `open` and gets rid of it after.
 */
/**
 * The contract every store keeps. `keepsData` says whether the store outlives its object (SQLite, PostgreSQL): only
 * those are held to keeping what they acknowledged across a close and an open (the in-memory store keeps nothing).
 */
export function describeDecisionStore(name: string, open: () => Promise<OpenedStore>, { keepsData = true }: { keepsData?: boolean } = {}): void {
  describe(`${name} keeps the decision store contract (each test on an empty store)`, () => {
    let opened: OpenedStore;
    const others: DecisionStore[] = [];

    beforeEach(async () => {
      opened = await open();
    });

    afterEach(async () => {
      for (const other of others.splice(0)) await other.close();
      await opened.store.close();
      await opened.cleanup();
    });

    async function another(): Promise<DecisionStore | null> {
      if (!opened.reopen) return null;
      const other = await opened.reopen();
      others.push(other);
      return other;
    }

    it('reads a record back as it was appended (JSON-wise): eligibility and compensation, with and without personRef', async () => {
      const { store } = opened;
      await archived(store);
      const [first, second, third] = decisionsOverAMonth().map((record) => naming(record));
      const withPersonRef: DecisionRecord = { ...(first as DecisionRecord), personRef: { hmacSha256: 'c'.repeat(64), keyId: 'key-1' } };
      const records = [
        withPersonRef,
        second as DecisionRecord,
        { ...(third as DecisionRecord), outcome: { programme: 'ibm', compensation: '104.04', ruleset: null } },
      ];
      for (const record of records) await store.append(record);
      for (const record of records) expect(asJson((await store.read(record.decisionId)) as DecisionRecord)).toEqual(asJson(record));
    });

    it('reads an unknown decisionId as null', async () => {
      await archived(opened.store);
      await opened.store.append(naming(decisionsOverAMonth()[0] as DecisionRecord));
      expect(await opened.store.read('01900000-0000-7000-8000-000000000000')).toBeNull();
    });

    if (keepsData) {
      it('keeps what it acknowledged when it is closed and opened again', async () => {
        expect(opened.reopen, 'a store that keeps data can be opened again').toBeDefined();
        const records = decisionsOverAMonth()
          .slice(0, 20)
          .map((record) => naming(record));
        await archived(opened.store);
        await Promise.all(records.map((record) => opened.store.append(record)));
        await opened.store.close();
        const reopened = await another();
        for (const record of records) expect(asJson((await reopened?.read(record.decisionId)) as DecisionRecord)).toEqual(asJson(record));
        for (const file of FILES) expect(await reopened?.archive.text(file.sha256)).toBe(file.text);
      });
    }

    it('archives rule files by sha256, gives a text back only under its own sha256, and refuses a text put under another', async () => {
      const { store } = opened;
      await archived(store);
      for (const file of FILES) expect(await store.archive.text(file.sha256)).toBe(file.text);
      expect(await store.archive.text(sha256Of('never put'))).toBeNull();
      const forged = { path: 'nsk/versions/2025-01-01.yaml', sha256: sha256Of('version: 2025-01-01\n'), text: 'version: 2025-01-01\nrules: [forged]\n' };
      await expect(store.archive.put(forged)).rejects.toThrow(forged.sha256);
      expect(await store.archive.text(forged.sha256)).toBeNull();
      await store.archive.put(VERSION_FILE);
      expect(await store.archive.text(VERSION_FILE.sha256)).toBe(VERSION_FILE.text);
    });

    it('pages with a cursor: 7 at a time, every match once, none left out, in order, the last page saying so', async () => {
      const { store } = opened;
      const records = decisionsOverAMonth();
      await Promise.all(records.map((record) => store.append(record)));
      for (const filters of [{}, { municipality: 'riga' }, { programme: 'di', from: '2024-07-01' }]) {
        const pages = await allPages(store, { ...filters, limit: 7 });
        const expected = expectedIds(records, { ...filters, limit: 7 });
        expect(pages.flatMap((page) => page.ids)).toEqual(expected);
        expect(pages.length).toBe(Math.max(1, Math.ceil(expected.length / 7)));
        for (const page of pages.slice(0, -1)) expect(page.ids).toHaveLength(7);
        for (const page of pages.slice(0, -1)) expect(page.next).toBe(page.ids.at(-1));
      }
    });

    it('gives at most `limit` items: a next only when more match, none when exactly `limit` do', async () => {
      const { store } = opened;
      const records = decisionsOverAMonth();
      await Promise.all(records.map((record) => store.append(record)));
      const nsk = expectedIds(records, { programme: 'nsk', limit: 1 });
      const first = await store.search({ programme: 'nsk', limit: 1 });
      expect(first.items.map((item) => item.decisionId)).toEqual(nsk.slice(0, 1));
      expect(first.next).toBe(nsk[0]);
      const exactly = await store.search({ programme: 'nsk', limit: nsk.length });
      expect(exactly.items).toHaveLength(nsk.length);
      expect(exactly.next).toBeNull();
      const beyond = await store.search({ programme: 'nsk', limit: 500, cursor: nsk.at(-1) as string });
      expect(beyond).toEqual({ items: [], next: null });
    });

    it('purges the decisions of the days before a date: says how many, keeps the others, and search agrees', async () => {
      const { store } = opened;
      await archived(store);
      const records = decisionsOverAMonth().map((record) => naming(record));
      await Promise.all(records.map((record) => store.append(record)));
      const before = '2024-07-05';
      const gone = records.filter((record) => record.time.slice(0, 10) < before);
      const kept = records.filter((record) => record.time.slice(0, 10) >= before);
      expect(gone.length).toBeGreaterThan(0);
      expect(await store.purge(before)).toBe(gone.length);
      for (const record of gone) expect(await store.read(record.decisionId)).toBeNull();
      for (const record of kept) expect(asJson((await store.read(record.decisionId)) as DecisionRecord)).toEqual(asJson(record));
      expect((await store.search({ limit: 500 })).items.map((item) => item.decisionId)).toEqual(expectedIds(kept, { limit: 500 }));
      for (const file of FILES) expect(await store.archive.text(file.sha256)).toBe(file.text);
      expect(await store.purge(before)).toBe(0);
    });

    it("erases one person's records (personRef.hmacSha256), whatever their date, and no other: says how many, and search agrees", async () => {
      const { store } = opened;
      await archived(store);
      const records = decisionsOverAMonth().map((record) => naming(record));
      const person = (hmac: string) => ({ hmacSha256: hmac, keyId: 'key-1' });
      // Person A's decisions over the whole month; person B's beside them; the others have no personRef.
      const given = records.map((record, index) =>
        index % 10 === 3 ? { ...record, personRef: person(PERSON_A) } : index % 10 === 7 ? { ...record, personRef: person(PERSON_B) } : record,
      );
      await Promise.all(given.map((record) => store.append(record)));
      const ofA = given.filter((record) => record.personRef?.hmacSha256 === PERSON_A);
      const others = given.filter((record) => record.personRef?.hmacSha256 !== PERSON_A);
      expect(ofA.length).toBeGreaterThan(5);
      const found = await allPages(store, { personRefHmac: PERSON_A, limit: 4 });
      expect(found.flatMap((page) => page.ids)).toEqual(expectedIds(ofA, { limit: 500 }));
      expect(await store.erasePerson(PERSON_A)).toBe(ofA.length);
      for (const record of ofA) expect(await store.read(record.decisionId)).toBeNull();
      for (const record of others) expect(asJson((await store.read(record.decisionId)) as DecisionRecord)).toEqual(asJson(record));
      expect((await store.search({ personRefHmac: PERSON_A, limit: 500 })).items).toEqual([]);
      expect((await store.search({ personRefHmac: PERSON_B, limit: 500 })).items.map((item) => item.decisionId)).toEqual(
        expectedIds(
          others.filter((record) => record.personRef?.hmacSha256 === PERSON_B),
          { limit: 500 },
        ),
      );
      expect((await store.search({ limit: 500 })).items.map((item) => item.decisionId)).toEqual(expectedIds(others, { limit: 500 }));
      expect(await store.erasePerson(PERSON_A)).toBe(0);
      expect(await store.erasePerson('0'.repeat(64))).toBe(0);
    });

    it('an erasure takes the rule files only the erased records named, keeps those a remaining record names; the next decision puts them back', async () => {
      const { store } = opened;
      const [theirs, shared] = [ruleFile('nsk/versions/2019-01-01.yaml', 'version: 2019-01-01\n'), PROGRAMME_FILE];
      await archived(store, [theirs, shared]);
      const [erased, kept, later] = [
        decisionRecord({ time: '2024-07-01T08:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true }),
        decisionRecord({ time: '2024-07-02T08:00:00Z', programme: 'nsk', municipality: 'riga', eligible: false }),
        decisionRecord({ time: '2024-07-03T08:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true }),
      ];
      await store.append({ ...naming(erased as DecisionRecord, [theirs, shared]), personRef: { hmacSha256: PERSON_A, keyId: 'key-1' } });
      await store.append(naming(kept as DecisionRecord, [shared]));
      expect(await store.erasePerson(PERSON_A)).toBe(1);
      expect(await store.archive.text(theirs.sha256)).toBeNull();
      expect(await store.archive.text(shared.sha256)).toBe(shared.text);
      await archived(store, [theirs, shared]);
      await store.append(naming(later as DecisionRecord, [theirs, shared]));
      expect(await store.archive.text(theirs.sha256)).toBe(theirs.text);
    });

    it('a record sealed with its recordSha256 reads back intact, and changed in any member it does not', async () => {
      const { store } = opened;
      await archived(store);
      const record = sealed({ ...naming(decisionsOverAMonth()[0] as DecisionRecord), personRef: { hmacSha256: PERSON_A, keyId: 'key-1' } });
      await store.append(record);
      const read = (await store.read(record.decisionId)) as DecisionRecord;
      expect(read.recordSha256).toBe(record.recordSha256);
      expect(recordCheckOf(read)).toEqual({ intact: true });
      expect(recordCheckOf({ ...read, request: { ...read.request, date: '2020-01-01' } })).toMatchObject({ intact: false });
      expect(recordCheckOf({ ...read, rules: { ...read.rules, files: read.rules.files.slice(1) } })).toMatchObject({ intact: false });
    });

    it('a decision recorded after a purge took every decision naming its rule files still finds them (put, purge, append)', async () => {
      const { store } = opened;
      const [old, fresh] = [
        decisionRecord({ time: '2024-01-10T08:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true }),
        decisionRecord({ time: '2024-07-10T08:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true }),
      ].map((record) => naming(record));
      await archived(store);
      await store.append(old as DecisionRecord);
      await archived(store);
      expect(await store.purge('2099-01-01')).toBe(1);
      await store.append(fresh as DecisionRecord);
      expect(asJson((await store.read((fresh as DecisionRecord).decisionId)) as DecisionRecord)).toEqual(asJson(fresh as DecisionRecord));
      for (const file of FILES) expect(await store.archive.text(file.sha256)).toBe(file.text);
    });

    it("filters and purges by a record's own time even when its id was made on another day (imported, made by hand)", async () => {
      const { store } = opened;
      const made = (time: string, idTime: string | null): DecisionRecord => {
        const record = decisionRecord({ time, programme: 'nsk', municipality: 'riga', eligible: true });
        return { ...record, decisionId: idTime === null ? '0f3c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a35' : newDecisionId(Date.parse(idTime)) };
      };
      const records = [
        made('2024-07-10T12:00:00Z', null),
        made('2024-07-10T13:00:00Z', '2021-01-05T00:00:00Z'),
        made('2024-07-10T14:00:00Z', '2027-03-01T00:00:00Z'),
        made('2024-07-10T15:00:00Z', '2024-07-10T15:00:00Z'),
        made('2024-07-12T15:00:00Z', '2024-07-12T15:00:00Z'),
        made('2021-01-05T10:00:00Z', '2024-07-10T10:00:00Z'),
      ];
      await Promise.all(records.map((record) => store.append(record)));
      for (const query of [
        { from: '2024-07-10', to: '2024-07-10', limit: 500 },
        { from: '2024-07-10', limit: 500 },
        { to: '2024-07-11', limit: 500 },
        { programme: 'nsk', municipality: 'riga', from: '2021-01-01', to: '2021-12-31', limit: 500 },
      ]) {
        expect(
          (await store.search(query)).items.map((item) => item.decisionId),
          JSON.stringify(query),
        ).toEqual(expectedIds(records, query));
        const pages = await allPages(store, { ...query, limit: 1 });
        expect(pages.flatMap((page) => page.ids)).toEqual(expectedIds(records, query));
      }
      expect(await store.purge('2024-07-11')).toBe(5);
      expect((await store.search({ limit: 500 })).items.map((item) => item.decisionId)).toEqual([(records[4] as DecisionRecord).decisionId]);
    });

    it('300 appends at once: each resolves only once it is readable through another connection, and all are kept', async () => {
      const { store } = opened;
      const reader = (await another()) ?? store;
      await archived(store);
      const start = Date.parse('2024-07-01T00:00:00Z');
      const records = Array.from({ length: 300 }, (_, index) =>
        naming(
          decisionRecord({
            time: new Date(start + index * 60_000).toISOString(),
            programme: index % 2 ? 'nsk' : 'di',
            municipality: 'riga',
            eligible: index % 3 === 0,
          }),
        ),
      );
      const readWhenAcknowledged = await Promise.all(records.map((record) => store.append(record).then(() => reader.read(record.decisionId))));
      expect(readWhenAcknowledged.map((record) => record?.decisionId)).toEqual(records.map((record) => record.decisionId));
      const pages = await allPages(reader, { municipality: 'riga', limit: 100 });
      expect(pages.flatMap((page) => page.ids)).toEqual(expectedIds(records, { limit: 500 }));
    });
  });

  describe(`${name} searches a month of decisions newest first, with every filter alone and together`, () => {
    const records = decisionsOverAMonth();
    let opened: OpenedStore;

    beforeAll(async () => {
      opened = await open();
      await Promise.all([...records].reverse().map((record) => opened.store.append(record)));
    });

    afterAll(async () => {
      await opened.store.close();
      await opened.cleanup();
    });

    it.each(SEARCHES)('%s', async (_name, filters) => {
      const query = { ...filters, limit: 500 };
      const found = await opened.store.search(query);
      const expected = expectedIds(records, query);
      expect(found.items.map((item) => item.decisionId)).toEqual(expected);
      expect(found.items).toEqual(expected.map((id) => summaryOf(records.find((record) => record.decisionId === id) as DecisionRecord)));
      expect(found.next).toBeNull();
    });
  });
}
