import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { DecisionRecord } from '../../src/decisions/decision-record.js';
import { migrationFiles } from '../../src/decisions/migration-files.js';
import type { RuleFileText } from '../../src/decisions/rules-of-answer.js';
import { sha256Of } from '../../src/decisions/sha256.js';
import { DATABASE_FILE, SqliteDecisionStore } from '../../src/decisions/sqlite-decision-store.js';
import { SqliteWriter } from '../../src/decisions/sqlite/sqlite-writer.js';
import { WriteConnection } from '../../src/decisions/sqlite/write-connection.js';
import type { WriterRequest } from '../../src/decisions/sqlite/writer-messages.js';
import { decisionRecord } from '../support/searchable-decisions.js';

/**
 * No acknowledgement before a durable commit, for the SQLite store. A kill -9 keeps the page cache, so the crash test
 * (crash-durability.test.ts) cannot see a missing fsync; this test looks at what makes a commit durable instead:
 * the write connection commits in WAL mode with synchronous = FULL (SQLite then fsyncs the WAL before COMMIT
 * returns), and an append resolves only after the writer thread has answered the commit holding its record — when
 * any other connection already reads it.
 */

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-durable-'));
  folders.push(folder);
  return folder;
}

const FILE: RuleFileText = { path: 'nsk/programme.yaml', sha256: sha256Of('id: nsk\n'), text: 'id: nsk\n' };

function recordAt(index: number): DecisionRecord {
  const record = decisionRecord({
    time: new Date(Date.parse('2024-07-01T00:00:00Z') + index * 60_000).toISOString(),
    programme: 'nsk',
    municipality: 'riga',
    eligible: true,
  });
  return { ...record, rules: { ...record.rules, files: [{ path: FILE.path, sha256: FILE.sha256 }] } };
}

/** synchronous = FULL is 2 in PRAGMA synchronous's answer. */
const FULL = 2;

describe('the write connection', () => {
  it('commits in WAL mode with synchronous = FULL: a COMMIT returns only once the WAL is fsynced', () => {
    const connections: Database.Database[] = [];
    const pragma = Database.prototype.pragma;
    const spy = vi.spyOn(Database.prototype, 'pragma').mockImplementation(function (this: Database.Database, ...args: Parameters<typeof pragma>) {
      if (!connections.includes(this)) connections.push(this);
      return pragma.apply(this, args);
    });
    let writer: WriteConnection;
    try {
      writer = WriteConnection.open({ file: join(temporaryFolder(), DATABASE_FILE), migrations: migrationFiles('sqlite'), pragmas: [] });
    } finally {
      spy.mockRestore();
    }
    try {
      expect(connections).toHaveLength(1);
      const [connection] = connections as [Database.Database];
      expect({ journal: connection.pragma('journal_mode', { simple: true }), synchronous: connection.pragma('synchronous', { simple: true }) }).toEqual({
        journal: 'wal',
        synchronous: FULL,
      });
    } finally {
      writer.close();
    }
  });
});

describe('an append of the SQLite store', () => {
  it('resolves only after the commit holding its record is answered by the writer thread, and another connection reads it then', async () => {
    const directory = temporaryFolder();
    const store = await SqliteDecisionStore.open({ directory });
    const reader = new Database(join(directory, DATABASE_FILE), { readonly: true });
    const events: string[] = [];
    const request = SqliteWriter.prototype.request;
    const spy = vi.spyOn(SqliteWriter.prototype, 'request').mockImplementation(function (this: SqliteWriter, sent: WriterRequest) {
      if (sent.kind !== 'commit') return request.call(this, sent);
      const ids = sent.records.map((json) => (JSON.parse(json) as DecisionRecord).decisionId);
      events.push(`sent ${ids.join(' ')}`);
      return request.call(this, sent).then((result) => {
        events.push(`committed ${ids.join(' ')}`);
        return result;
      });
    } as typeof request);
    try {
      await store.archive.put(FILE);
      const records = Array.from({ length: 40 }, (_, index) => recordAt(index));
      const read = reader.prepare<[string], { decision_id: string }>('SELECT decision_id FROM decisions WHERE decision_id = ?');
      const seenByOthers: boolean[] = [];
      await Promise.all(
        records.map(async (record, index) => {
          // Half of them while the first group is being committed: they go in the next group.
          if (index >= 20) await new Promise((resolve) => setImmediate(resolve));
          await store.append(record);
          events.push(`acknowledged ${record.decisionId}`);
          seenByOthers.push(read.get(record.decisionId) !== undefined);
        }),
      );
      expect(seenByOthers).toEqual(records.map(() => true));
      for (const record of records) {
        const committed = events.findIndex((event) => event.startsWith('committed') && event.split(' ').includes(record.decisionId));
        const acknowledged = events.indexOf(`acknowledged ${record.decisionId}`);
        expect(committed, `the commit of ${record.decisionId}`).toBeGreaterThanOrEqual(0);
        expect(acknowledged, `${record.decisionId} acknowledged after its commit`).toBeGreaterThan(committed);
      }
      expect(events.filter((event) => event.startsWith('committed')).length).toBeGreaterThanOrEqual(2);
    } finally {
      spy.mockRestore();
      reader.close();
      await store.close();
    }
  });
});
