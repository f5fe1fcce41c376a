import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { DecisionRecord } from '../../src/decisions/decision-record.js';
import { StoreUnavailable } from '../../src/decisions/decision-store.js';
import { type Migration, migrationFiles } from '../../src/decisions/migration-files.js';
import type { RuleFileText } from '../../src/decisions/rules-of-answer.js';
import { sha256Of } from '../../src/decisions/sha256.js';
import { DATABASE_FILE, SqliteDecisionStore, type SqliteDecisionStoreOptions } from '../../src/decisions/sqlite-decision-store.js';
import { applyMigrations } from '../../src/decisions/sqlite/apply-migrations.js';
import { SqliteWriter } from '../../src/decisions/sqlite/sqlite-writer.js';
import { decisionRecord } from '../support/searchable-decisions.js';

const folders: string[] = [];
const stores: SqliteDecisionStore[] = [];

afterAll(async () => {
  for (const store of stores) await store.close().catch(() => undefined);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-sqlite-'));
  folders.push(folder);
  return folder;
}

async function openStore(options: Partial<SqliteDecisionStoreOptions> = {}): Promise<{ store: SqliteDecisionStore; directory: string; notices: string[] }> {
  const directory = options.directory ?? temporaryFolder();
  const notices: string[] = [];
  const store = await SqliteDecisionStore.open({ directory, onNotice: (message) => notices.push(message), ...options });
  stores.push(store);
  return { store, directory, notices };
}

/** A second connection of the test's own, to look at and to damage the database as a disk or a person could. */
function sql(directory: string): Database.Database {
  return new Database(join(directory, DATABASE_FILE));
}

function ruleFile(path: string, text: string): RuleFileText {
  return { path, sha256: sha256Of(text), text };
}

const FILES = [
  ruleFile('nsk/programme.yaml', 'id: nsk\n'),
  ruleFile('nsk/versions/2024-01-01.yaml', `version: 2024-01-01\n${'# a long rule file\n'.repeat(40)}`),
];

function naming(record: DecisionRecord): DecisionRecord {
  return { ...record, rules: { ...record.rules, files: FILES.map(({ path, sha256 }) => ({ path, sha256 })) } };
}

function recordAt(index: number): DecisionRecord {
  return naming(
    decisionRecord({
      time: new Date(Date.parse('2024-07-01T00:00:00Z') + index * 60_000).toISOString(),
      programme: 'nsk',
      municipality: 'riga',
      eligible: true,
    }),
  );
}

describe('the SQLite file and its schema', () => {
  it('is made in DECISIONS_DIR (made if missing) in WAL mode, with every migration applied once and recorded', async () => {
    const directory = join(temporaryFolder(), 'not', 'there', 'yet');
    const { store } = await openStore({ directory });
    const versions = migrationFiles('sqlite').map((migration) => migration.version);
    expect(store.describe()).toMatchObject({
      kind: 'sqlite',
      file: join(directory, DATABASE_FILE),
      journal: 'wal',
      synchronous: 'full',
      migrationsApplied: versions,
    });
    await store.close();
    const database = sql(directory);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(versions);
    database.close();
    const { store: again } = await openStore({ directory });
    expect(again.describe().migrationsApplied).toEqual([]);
  });

  it('refuses a database of a newer schema than this code knows, saying which', async () => {
    const { store, directory } = await openStore();
    await store.close();
    const database = sql(directory);
    database.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from-the-future', '2030-01-01')").run();
    database.close();
    await expect(SqliteDecisionStore.open({ directory })).rejects.toThrow(/schema version 99, newer than this sbsp-rules knows \(\d+\)/);
  });

  it('refuses a file that is not an SQLite database, naming it', async () => {
    const directory = temporaryFolder();
    writeFileSync(join(directory, DATABASE_FILE), 'decisions, but not a database\n'.repeat(200));
    await expect(SqliteDecisionStore.open({ directory })).rejects.toThrow(
      `the decision database ${join(directory, DATABASE_FILE)}: file is not a database (SQLITE_NOTADB)`,
    );
  });

  it('reads migrations as 0001-name.sql, 0002-…, and refuses a gap in their versions', () => {
    const directory = temporaryFolder();
    writeFileSync(join(directory, '0001-first.sql'), 'CREATE TABLE a (x);');
    writeFileSync(join(directory, '0002-second.sql'), 'CREATE TABLE b (x);');
    writeFileSync(join(directory, 'README.md'), 'not a migration');
    expect(migrationFiles('sqlite', directory).map(({ version, name }) => [version, name])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    writeFileSync(join(directory, '0004-fourth.sql'), 'CREATE TABLE d (x);');
    expect(() => migrationFiles('sqlite', directory)).toThrow('migration 3 is missing or repeated (found 4)');
  });

  it('a failing migration leaves the database as it was: none of its changes, no entry', async () => {
    const directory = temporaryFolder();
    const migrationsDirectory = join(directory, 'migrations');
    mkdirSync(migrationsDirectory);
    writeFileSync(join(migrationsDirectory, '0001-fine.sql'), 'CREATE TABLE fine (x);');
    writeFileSync(join(migrationsDirectory, '0002-broken.sql'), 'CREATE TABLE half (x); THIS IS NOT SQL;');
    const file = join(directory, DATABASE_FILE);
    await expect(SqliteWriter.start({ file, migrations: migrationFiles('sqlite', migrationsDirectory), pragmas: [] })).rejects.toThrow('syntax error');
    const database = new Database(file);
    expect(database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual([]);
    database.close();
  });
});

describe('records stay small', () => {
  it('the rule file list every decision of a rule set names is kept once: 300 decisions, one list', async () => {
    const { store, directory } = await openStore();
    for (const file of FILES) await store.archive.put(file);
    const records = Array.from({ length: 300 }, (_, index) => recordAt(index));
    await Promise.all(records.map((record) => store.append(record)));
    const database = sql(directory);
    expect(database.prepare('SELECT count(*) FROM rule_manifests').pluck().get()).toBe(1);
    const kept = database
      .prepare('SELECT record FROM decisions WHERE decision_id = ?')
      .pluck()
      .get((records[0] as DecisionRecord).decisionId) as string;
    database.close();
    expect(kept).not.toContain(FILES[0]?.sha256);
    expect(kept.length).toBeLessThan(JSON.stringify(records[0]).length - JSON.stringify((records[0] as DecisionRecord).rules.files).length + 20);
    expect(await store.read((records[0] as DecisionRecord).decisionId)).toEqual(JSON.parse(JSON.stringify(records[0])));
  });
});

describe('group commit', () => {
  it('300 appends made at once go in one transaction; appends made while it commits go together in the next', async () => {
    const { store } = await openStore();
    for (const file of FILES) await store.archive.put(file);
    const commits = vi.spyOn(SqliteWriter.prototype, 'request');
    try {
      const burst = Array.from({ length: 300 }, (_, index) => store.append(recordAt(index)));
      await new Promise((resolve) => setImmediate(resolve)); // the group has gone to the writer thread
      const during = Array.from({ length: 100 }, (_, index) => store.append(recordAt(300 + index)));
      await Promise.all([...burst, ...during]);
      const kinds = commits.mock.calls.map(([request]) => request.kind);
      expect(kinds).toEqual(['commit', 'commit']);
      expect(commits.mock.calls.map(([request]) => (request.kind === 'commit' ? request.records.length : 0))).toEqual([300, 100]);
    } finally {
      commits.mockRestore();
    }
  });
});

describe('the archive and the records are checked', () => {
  it('a damaged archived rule file is not returned and is reported; putting the right text again replaces it, reported', async () => {
    const { store, directory } = await openStore();
    const [file] = FILES as [RuleFileText];
    await store.archive.put(file);
    await store.close();
    const database = sql(directory);
    database.prepare('UPDATE rule_files SET text = ? WHERE sha256 = ?').run(`${file.text}# edited on the disk\n`, file.sha256);
    database.close();
    const { store: reopened, notices } = await openStore({ directory });
    expect(await reopened.archive.text(file.sha256)).toBeNull();
    expect(notices).toEqual([`archived rule file ${file.sha256} does not match its sha256: not returned`]);
    await reopened.archive.put(file);
    expect(notices.at(-1)).toBe(`archived rule file ${file.sha256} did not match its sha256 and was replaced by the text put now`);
    expect(await reopened.archive.text(file.sha256)).toBe(file.text);
  });

  it("a read never returns another decision's record: a row holding another id's record reads as null, reported", async () => {
    const { store, directory, notices } = await openStore();
    for (const file of FILES) await store.archive.put(file);
    const [first, second] = [recordAt(0), recordAt(1)];
    await store.append(first);
    await store.append(second);
    const database = sql(directory);
    database
      .prepare('UPDATE decisions SET record = (SELECT record FROM decisions WHERE decision_id = ?) WHERE decision_id = ?')
      .run(first.decisionId, second.decisionId);
    database.close();
    expect(await store.read(second.decisionId)).toBeNull();
    expect(notices).toEqual([`the record kept under decision ${second.decisionId} names decision ${first.decisionId}: not returned`]);
    expect(await store.read(first.decisionId)).toEqual(JSON.parse(JSON.stringify(first)));
  });

  it('a decision id recorded already, or twice in one group, is refused alone; the others of its group are kept', async () => {
    const { store } = await openStore();
    for (const file of FILES) await store.archive.put(file);
    const [first, second] = [recordAt(0), recordAt(1)];
    await store.append(first);
    const outcomes = await Promise.allSettled([store.append({ ...first, answerSha256: 'c'.repeat(64) }), store.append(second)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
    expect((outcomes[0] as PromiseRejectedResult).reason.message).toBe(`decision ${first.decisionId} is recorded already`);
    expect((await store.read(first.decisionId))?.answerSha256).toBe(first.answerSha256);
    const third = recordAt(2);
    const together = await Promise.allSettled([store.append(third), store.append({ ...third, answerSha256: 'd'.repeat(64) })]);
    expect(together.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect((await store.read(third.decisionId))?.answerSha256).toBe(third.answerSha256);
  });

  it('a record that is no longer JSON reads as null, reported', async () => {
    const { store, directory, notices } = await openStore();
    for (const file of FILES) await store.archive.put(file);
    const record = recordAt(0);
    await store.append(record);
    const database = sql(directory);
    database.prepare('UPDATE decisions SET record = substr(record, 1, 100) WHERE decision_id = ?').run(record.decisionId);
    database.close();
    expect(await store.read(record.decisionId)).toBeNull();
    expect(notices).toEqual([`the record kept under decision ${record.decisionId} is not JSON any more: not returned`]);
  });
});

describe('retention', () => {
  it('a purge takes the rule files no remaining decision names, and a decision recorded after it puts them back', async () => {
    const { store } = await openStore();
    for (const file of FILES) await store.archive.put(file);
    await store.append(recordAt(0));
    expect(await store.purge('2099-01-01')).toBe(1);
    for (const file of FILES) expect(await store.archive.text(file.sha256)).toBeNull();
    const later = recordAt(1);
    await store.append(later);
    for (const file of FILES) expect(await store.archive.text(file.sha256)).toBe(file.text);
    expect(await store.read(later.decisionId)).toEqual(JSON.parse(JSON.stringify(later)));
  });
});

describe('erasure of one person', () => {
  const HMAC = 'c3'.repeat(32);

  it("a database of schema 1 gets each record's personRef HMAC in person_ref from migration 2, and an erasure finds them by its index", async () => {
    const directory = temporaryFolder();
    const file = join(directory, DATABASE_FILE);
    const [first] = migrationFiles('sqlite');
    const version1 = new Database(file);
    applyMigrations(version1, file, [first as Migration]);
    const records = [
      recordAt(0),
      { ...recordAt(1), personRef: { hmacSha256: HMAC, keyId: 'key-1' } },
      { ...recordAt(2), personRef: { hmacSha256: HMAC, keyId: 'key-1' } },
    ];
    const manifest = Number(version1.prepare("INSERT INTO rule_manifests (sha256, files) VALUES ('m', '[]')").run().lastInsertRowid);
    const insert = version1.prepare(
      `INSERT INTO decisions (decision_id, time, day, programme, endpoint, municipality, eligible, compensation, ruleset, id_time_apart, manifest_id, record)
       VALUES (?, ?, ?, 'nsk', 'eligibility', 'riga', 1, NULL, NULL, 0, ?, ?)`,
    );
    for (const record of records) insert.run(record.decisionId, record.time, record.time.slice(0, 10), manifest, JSON.stringify(record));
    insert.run(recordAt(3).decisionId, recordAt(3).time, '2024-07-01', manifest, 'no longer JSON {');
    version1.close();

    const { store } = await openStore({ directory });
    expect(store.describe().migrationsApplied).toEqual([2]);
    const database = sql(directory);
    expect(database.prepare('SELECT person_ref FROM decisions ORDER BY decision_id').pluck().all()).toEqual([null, HMAC, HMAC, null]);
    const planOf = (statement: string, ...parameters: unknown[]): string =>
      (database.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(...parameters) as Array<{ detail: string }>).map((step) => step.detail).join('\n');
    // The erasure, and the search that counts a person's records (decisions purge --person-ref without --yes).
    expect(planOf('DELETE FROM decisions WHERE person_ref = ?', HMAC)).toMatch(/INDEX decisions_by_person_ref \(person_ref=\?\)/);
    expect(
      planOf(
        'SELECT decision_id, time, programme, endpoint, municipality, eligible, compensation, ruleset FROM decisions WHERE person_ref = ? ORDER BY decision_id DESC LIMIT ?',
        HMAC,
        501,
      ),
    ).toMatch(/INDEX decisions_by_person_ref \(person_ref=\?\)/);
    database.close();
    expect((await store.search({ personRefHmac: HMAC, limit: 500 })).items.map((item) => item.decisionId)).toEqual(
      [records[2], records[1]].map((record) => (record as DecisionRecord).decisionId),
    );
    expect(await store.erasePerson(HMAC)).toBe(2);
    expect(await store.read((records[0] as DecisionRecord).decisionId)).not.toBeNull();
  });

  it('a record appended now keeps its personRef HMAC in person_ref; one without a personRef keeps null', async () => {
    const { store, directory } = await openStore();
    for (const file of FILES) await store.archive.put(file);
    const [withRef, without] = [{ ...recordAt(0), personRef: { hmacSha256: HMAC, keyId: 'key-1' } }, recordAt(1)];
    await store.append(withRef);
    await store.append(without);
    const database = sql(directory);
    const kept = database.prepare('SELECT decision_id, person_ref FROM decisions ORDER BY decision_id').all();
    database.close();
    expect(kept).toEqual([
      { decision_id: withRef.decisionId, person_ref: HMAC },
      { decision_id: without.decisionId, person_ref: null },
    ]);
  });
});

describe('two stores on one file (two processes)', () => {
  it('each reads what the other recorded, and both are kept', async () => {
    const { store: first, directory } = await openStore();
    const { store: second } = await openStore({ directory });
    for (const file of FILES) await first.archive.put(file);
    const records = Array.from({ length: 100 }, (_, index) => recordAt(index));
    await Promise.all(records.map((record, index) => (index % 2 === 0 ? first : second).append(record)));
    for (const record of records) {
      expect((await first.read(record.decisionId))?.decisionId).toBe(record.decisionId);
      expect((await second.read(record.decisionId))?.decisionId).toBe(record.decisionId);
    }
  });
});

describe('a disk that cannot take a decision: StoreUnavailable, nothing acknowledged, and health says why', () => {
  it('read-only (SQLite refuses to write: SQLITE_READONLY)', async () => {
    const { store } = await openStore({ writerPragmas: ['query_only = ON'] });
    const record = recordAt(0);
    await expect(store.append(record)).rejects.toEqual(new StoreUnavailable('the decision database is read-only'));
    await expect(store.archive.put(FILES[0] as RuleFileText)).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.purge('2024-01-01')).rejects.toBeInstanceOf(StoreUnavailable);
    expect(await store.health()).toEqual({ ok: false, reason: 'the decision database is read-only' });
    expect(await store.read(record.decisionId)).toBeNull();
  });

  it('full (SQLITE_FULL), until a purge frees room: then it records again and is healthy', async () => {
    const { store } = await openStore({ writerPragmas: ['max_page_count = 1'] });
    for (const file of FILES) await store.archive.put(file).catch(() => undefined);
    const records = Array.from({ length: 40 }, (_, index) => recordAt(index));
    const outcomes: Array<'kept' | string> = [];
    for (const record of records)
      outcomes.push(
        await store.append(record).then(
          () => 'kept',
          (error: unknown) => (error as StoreUnavailable).reason,
        ),
      );
    expect(outcomes).toContain('the disk of the decision database is full');
    for (const [index, record] of records.entries()) expect((await store.read(record.decisionId)) !== null).toBe(outcomes[index] === 'kept');
    expect(await store.health()).toEqual({ ok: false, reason: 'the disk of the decision database is full' });
    await store.purge('2099-01-01');
    expect(await store.health()).toEqual({ ok: true });
    const afterwards = recordAt(100);
    await store.append(afterwards);
    expect(await store.read(afterwards.decisionId)).not.toBeNull();
  });

  it('deleted while open (SQLite would go on writing to the unlinked file, lost at the next start)', async () => {
    const { store, directory } = await openStore();
    for (const file of FILES) await store.archive.put(file);
    await store.append(recordAt(0));
    unlinkSync(join(directory, DATABASE_FILE));
    const reason = 'the decision database file was moved or deleted while the service had it open';
    await expect(store.append(recordAt(1))).rejects.toEqual(new StoreUnavailable(reason));
    expect(await store.health()).toEqual({ ok: false, reason });
  });

  it('locked by another process for longer than the busy timeout (SQLITE_BUSY)', async () => {
    const { store, directory } = await openStore();
    for (const file of FILES) await store.archive.put(file);
    const other = sql(directory);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(store.append(recordAt(0))).rejects.toEqual(new StoreUnavailable('the decision database is locked by another process'));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await store.append(recordAt(1));
    expect(await store.health()).toEqual({ ok: true });
  }, 20_000);
});

describe('a process with the store open', () => {
  const storeModule = fileURLToPath(new URL('../../src/decisions/sqlite-decision-store.ts', import.meta.url));

  /** Runs a script with the store open in a process of its own: what it printed, once it has ended by itself. */
  function run(directory: string, body: string): string {
    const script = join(directory, 'script.mts');
    writeFileSync(
      script,
      `import { SqliteDecisionStore } from ${JSON.stringify(storeModule)};
const store = await SqliteDecisionStore.open({ directory: ${JSON.stringify(directory)} });
${body}`,
    );
    return execFileSync(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
  }

  it('ends by itself when it is done (a command that forgets close() still ends), and close() writes the WAL back into the file', async () => {
    const directory = temporaryFolder();
    const record = recordAt(0);
    run(directory, `await store.append(${JSON.stringify(record)});`);
    const printed = run(
      directory,
      `console.log((await store.read(${JSON.stringify(record.decisionId)}))?.decisionId); await store.close(); console.log('closed');`,
    );
    expect(printed).toBe(`${record.decisionId}\nclosed\n`);
    expect(existsSync(join(directory, `${DATABASE_FILE}-wal`))).toBe(false);
  });
});
