import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../src/decisions/decision-record.js';
import { StoreUnavailable } from '../../src/decisions/decision-store.js';
import { PostgresDecisionStore } from '../../src/decisions/postgres-decision-store.js';
import type { RuleFileText } from '../../src/decisions/rules-of-answer.js';
import { sha256Of } from '../../src/decisions/sha256.js';
import { clusterOfThisFile } from '../support/postgres.js';
import { decisionRecord } from '../support/searchable-decisions.js';
import { describeDecisionStore } from './store-conformance.js';

const cluster = clusterOfThisFile();
const stores: PostgresDecisionStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
});

async function openStore(connectionString?: string, onNotice?: (message: string) => void): Promise<{ store: PostgresDecisionStore; connectionString: string }> {
  const database = connectionString ?? (await cluster().createDatabase());
  const store = await PostgresDecisionStore.open({ connectionString: database, ...(onNotice ? { onNotice } : {}) });
  stores.push(store);
  return { store, connectionString: database };
}

async function sql<Row extends pg.QueryResultRow>(connectionString: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function ruleFile(path: string, text: string): RuleFileText {
  return { path, sha256: sha256Of(text), text };
}

function naming(record: DecisionRecord, files: readonly RuleFileText[]): DecisionRecord {
  return { ...record, rules: { ...record.rules, files: files.map(({ path, sha256 }) => ({ path, sha256 })) } };
}

describeDecisionStore('PostgreSQL', async () => {
  const connectionString = await cluster().createDatabase();
  return {
    store: await PostgresDecisionStore.open({ connectionString }),
    reopen: () => PostgresDecisionStore.open({ connectionString }),
    cleanup: () => cluster().dropDatabase(connectionString),
  };
});

describe('PostgreSQL decision store, beyond the contract', () => {
  it('a group of concurrent appends is one transaction: 300 appends made at once take a few commits, and all read back', async () => {
    const { store, connectionString } = await openStore();
    const file = ruleFile('nsk/programme.yaml', 'id: nsk\n');
    await store.archive.put(file);
    const records = Array.from({ length: 300 }, (_, index) =>
      naming(
        decisionRecord({
          time: new Date(Date.parse('2024-07-01T00:00:00Z') + index * 1000).toISOString(),
          programme: 'nsk',
          municipality: 'riga',
          eligible: true,
        }),
        [file],
      ),
    );
    await Promise.all(records.map((record) => store.append(record)));
    const [transactions] = await sql<{ count: string }>(connectionString, 'SELECT count(DISTINCT xmin::text) AS count FROM decisions');
    expect(Number(transactions?.count)).toBeLessThanOrEqual(3);
    for (const record of records) expect(await store.read(record.decisionId)).toEqual(record);
  });

  it('purge also deletes the rule files only the purged records named, and keeps those a remaining one names', async () => {
    const { store } = await openStore();
    const old = ruleFile('nsk/versions/2019-01-01.yaml', 'version: 2019-01-01\n');
    const shared = ruleFile('nsk/programme.yaml', 'id: nsk\n');
    await store.archive.put(old);
    await store.archive.put(shared);
    const before = naming(decisionRecord({ time: '2014-12-31T23:59:59Z', programme: 'nsk', municipality: 'riga', eligible: true }), [old, shared]);
    const on = naming(decisionRecord({ time: '2015-01-01T00:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true }), [shared]);
    await store.append(before);
    await store.append(on);
    expect(await store.purge('2015-01-01')).toBe(1);
    expect(await store.read(before.decisionId)).toBeNull();
    expect(await store.read(on.decisionId)).toEqual(on);
    expect(await store.archive.text(old.sha256)).toBeNull();
    expect(await store.archive.text(shared.sha256)).toBe(shared.text);
  });

  it('purge deletes in chunks until none is left: 12,000 records before the date all go, those on it stay', async () => {
    const { store, connectionString } = await openStore();
    const start = Date.parse('2014-01-01T00:00:00Z');
    const old = Array.from({ length: 12_000 }, (_, index) =>
      decisionRecord({ time: new Date(start + index * 60_000).toISOString(), programme: 'nsk', municipality: 'riga', eligible: true }),
    );
    const kept = decisionRecord({ time: '2015-01-01T00:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true });
    await Promise.all([...old, kept].map((record) => store.append(record)));
    expect(await store.purge('2015-01-01')).toBe(old.length);
    expect(await sql<{ decision_id: string }>(connectionString, 'SELECT decision_id FROM decisions')).toEqual([{ decision_id: kept.decisionId }]);
  }, 60_000);

  it('a rule file purged by another instance after it was put is put back with the decision that names it', async () => {
    const { store, connectionString } = await openStore();
    const { store: other } = await openStore(connectionString);
    const file = ruleFile('di/programme.yaml', 'id: di\n');
    await store.archive.put(file);
    expect(await other.purge('2100-01-01')).toBe(0);
    expect(await other.archive.text(file.sha256)).toBeNull();
    const record = naming(decisionRecord({ time: '2024-07-01T10:00:00Z', programme: 'di', municipality: 'riga', eligible: true }), [file]);
    await store.append(record);
    expect(await other.archive.text(file.sha256)).toBe(file.text);
  });

  it('archived rule files are checked: a damaged one reads as missing, and putting it again replaces it and says so', async () => {
    const notices: string[] = [];
    const { store, connectionString } = await openStore(undefined, (message) => notices.push(message));
    const file = ruleFile('ibm/programme.yaml', 'id: ibm\n');
    await store.archive.put(file);
    expect(await store.archive.text(file.sha256)).toBe(file.text);
    await sql(connectionString, 'UPDATE rule_files SET content = $2 WHERE sha256 = $1', [file.sha256, Buffer.from('id: ibm2\n')]);
    expect(await store.archive.text(file.sha256)).toBeNull();
    const { store: fresh } = await openStore(connectionString, (message) => notices.push(message));
    await fresh.archive.put(file);
    expect(await fresh.archive.text(file.sha256)).toBe(file.text);
    expect(notices).toEqual([expect.stringContaining(`${file.sha256} (ibm/programme.yaml) did not match its sha256 and was replaced`)]);
    await expect(store.archive.put({ ...file, text: 'id: other\n' })).rejects.toThrow(/does not have sha256/);
  });

  it("a read never returns another decision's record: a row holding another decision's record reads as null, reported", async () => {
    const notices: string[] = [];
    const { store, connectionString } = await openStore(undefined, (message) => notices.push(message));
    const [first, second] = ['2024-07-01T10:00:00Z', '2024-07-01T11:00:00Z'].map((time) =>
      decisionRecord({ time, programme: 'nsk', municipality: 'riga', eligible: true }),
    ) as [DecisionRecord, DecisionRecord];
    await store.append(first);
    await store.append(second);
    await sql(connectionString, 'UPDATE decisions SET record = (SELECT record FROM decisions WHERE decision_id = $1) WHERE decision_id = $2', [
      first.decisionId,
      second.decisionId,
    ]);
    expect(await store.read(second.decisionId)).toBeNull();
    expect(notices).toEqual([`the record kept under decision ${second.decisionId} names decision ${first.decisionId}: not returned`]);
    expect(await store.read(first.decisionId)).toEqual(first);
  });

  it("an erasure deletes the person's rows and their rule file links, by the person_ref column the records were written with", async () => {
    const { store, connectionString } = await openStore();
    const file = ruleFile('nsk/programme.yaml', 'id: nsk\n');
    await store.archive.put(file);
    const hmac = 'd4'.repeat(32);
    const records = ['2024-07-01T10:00:00Z', '2024-07-01T11:00:00Z', '2024-07-01T12:00:00Z'].map((time, index) => ({
      ...naming(decisionRecord({ time, programme: 'nsk', municipality: 'riga', eligible: true }), [file]),
      ...(index === 1 ? {} : { personRef: { hmacSha256: hmac, keyId: 'key-1' } }),
    }));
    for (const record of records) await store.append(record);
    expect(await sql(connectionString, 'SELECT decision_id FROM decisions WHERE person_ref = $1 ORDER BY decision_id', [hmac])).toEqual(
      [records[0], records[2]].map((record) => ({ decision_id: record?.decisionId })),
    );
    expect(await store.erasePerson(hmac)).toBe(2);
    expect(await sql(connectionString, 'SELECT decision_id FROM decision_rule_files')).toEqual([{ decision_id: records[1]?.decisionId }]);
    expect(await store.archive.text(file.sha256)).toBe(file.text);
  });

  it('two instances opening an empty database together migrate it once', async () => {
    const connectionString = await cluster().createDatabase();
    await Promise.all([openStore(connectionString), openStore(connectionString), openStore(connectionString)]);
    const applied = await sql<{ version: number; name: string }>(connectionString, 'SELECT version, name FROM schema_migrations ORDER BY version');
    expect(applied).toEqual([{ version: 1, name: 'decisions' }]);
  });

  it('a database migrated by a newer release (a migration this code does not know) is refused at open', async () => {
    const { connectionString } = await openStore();
    await sql(connectionString, "INSERT INTO schema_migrations (version, name) VALUES (9999, 'from-the-future')");
    await expect(PostgresDecisionStore.open({ connectionString })).rejects.toThrow(/has schema version 9999, newer than this sbsp-rules knows \(1\)/);
  });

  it('a stopped PostgreSQL: appends, reads and searches reject with StoreUnavailable, health says why; when it is back, all work again', async () => {
    const { store } = await openStore();
    const first = decisionRecord({ time: '2024-07-01T10:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true });
    await store.append(first);
    await cluster().stopServer('fast');
    try {
      const second = decisionRecord({ time: '2024-07-01T11:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true });
      await expect(store.append(second)).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.read(first.decisionId)).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.search({ limit: 10 })).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.purge('2000-01-01')).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.erasePerson('a'.repeat(64))).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.archive.text('a'.repeat(64))).rejects.toBeInstanceOf(StoreUnavailable);
      const health = await store.health();
      expect(health.ok).toBe(false);
      expect(health.ok ? '' : health.reason).toMatch(/PostgreSQL database "test_\d+_\d+"\) is unavailable: no server is listening/);
    } finally {
      await cluster().startServer();
    }
    expect(await store.health()).toEqual({ ok: true });
    const third = decisionRecord({ time: '2024-07-01T12:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true });
    await store.append(third);
    expect(await store.read(third.decisionId)).toEqual(third);
    expect(await store.read(first.decisionId)).toEqual(first);
  }, 60_000);

  it('an unreachable database at start is StoreUnavailable, naming the database', async () => {
    const connectionString = `postgresql://postgres@/postgres?host=${encodeURIComponent('/nonexistent/socket/folder')}`;
    await expect(PostgresDecisionStore.open({ connectionString })).rejects.toThrow(
      /PostgreSQL database "postgres"\) is unavailable: no server is listening \(ENOENT\)/,
    );
  });
});
