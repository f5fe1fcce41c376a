import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/diff/canonical-json.js';
import type { DecisionRecord } from '../../src/decisions/decision-record.js';
import { PersonRefKey } from '../../src/decisions/person-ref.js';
import { recordCheckOf, recordSha256Of, sealed } from '../../src/decisions/record-digest.js';
import { sha256Of } from '../../src/decisions/sha256.js';
import { DATABASE_FILE, SqliteDecisionStore } from '../../src/decisions/sqlite-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { decisionRecord } from '../support/searchable-decisions.js';
import { EXAMPLE_REQUESTS } from './example-requests.js';

const folders: string[] = [];
const stores: SqliteDecisionStore[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const personRefKey = PersonRefKey.fromSecret('a-digest-test-key-of-32-characters!') as PersonRefKey;

describe('recordSha256: the digest a record carries of itself', () => {
  const record = decisionRecord({ time: '2024-07-01T10:00:00Z', programme: 'nsk', municipality: 'riga', eligible: true });

  it('is the sha256 of the canonical JSON of the record without it, whatever order its members come in', () => {
    const digest = recordSha256Of(record);
    expect(digest).toBe(sha256Of(canonicalJson(record)));
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as unknown as DecisionRecord;
    expect(recordSha256Of(reordered)).toBe(digest);
    expect(recordSha256Of({ ...record, recordSha256: 'f'.repeat(64) })).toBe(digest);
  });

  it.each<[string, (sealedRecord: DecisionRecord) => DecisionRecord]>([
    ['the request', (kept) => ({ ...kept, request: { ...kept.request, date: '2024-07-02' } })],
    ['the caller', (kept) => ({ ...kept, caller: { tokenId: 'caseworker-riga', role: 'caseworker', municipality: 'liepaja' } })],
    ['the outcome', (kept) => ({ ...kept, outcome: { ...kept.outcome, eligible: false } })],
    ['the answer digest', (kept) => ({ ...kept, answerSha256: 'c'.repeat(64) })],
    ['the rule files', (kept) => ({ ...kept, rules: { ...kept.rules, files: [{ path: 'nsk/programme.yaml', sha256: 'd'.repeat(64) }] } })],
    ['the personRef', (kept) => ({ ...kept, personRef: { hmacSha256: 'e'.repeat(64), keyId: 'key-2' } })],
    ['the digest itself', (kept) => ({ ...kept, recordSha256: '0'.repeat(64) })],
  ])('a sealed record changed in %s is not intact', (_member, change) => {
    const kept = sealed(record);
    expect(recordCheckOf(kept)).toEqual({ intact: true });
    expect(recordCheckOf(change(kept))).toEqual({ intact: false, detail: 'the record does not match its recordSha256: it was changed after it was written' });
  });

  it('is pinned: the digest of a fixed record, as sorted compact JSON gives it anywhere (Python: json.dumps(sort_keys=True))', () => {
    // A change to canonical JSON's output would make every record kept so far read as not intact.
    const fixed: DecisionRecord = {
      decisionId: '01936c4e-7a00-7000-8000-000000000001',
      format: 2,
      time: '2024-07-01T10:00:00.000Z',
      endpoint: 'eligibility',
      request: {
        programme: 'nsk',
        date: '2024-07-01',
        person: { birthDate: '1990-01-31', conditions: [{ type: 'autism', severity: 'severe' }] },
        explain: 'none',
      },
      personRef: { hmacSha256: 'ab'.repeat(32), keyId: '0123456789abcdef' },
      rules: {
        versions: [{ programme: 'nsk', version: '2024-01-01', sha256: 'cd'.repeat(32) }],
        files: [{ path: 'nsk/programme.yaml', sha256: 'ef'.repeat(32) }],
      },
      caller: { tokenId: 'riga-caseworker', role: 'caseworker', municipality: 'riga' },
      outcome: { programme: 'nsk', eligible: true, ruleset: { version: '2024-01-01', sha256: 'cd'.repeat(32) } },
      answerSha256: '12'.repeat(32),
    };
    expect(recordSha256Of(fixed)).toBe('644a07c9df113f52b8832fa2930f37b0c8fe7c422e30cb2e4f7c526d5bf4b2ff');
  });

  it('a record without one cannot be checked: not intact, and says so', () => {
    expect(recordCheckOf(record)).toEqual({ intact: false, detail: 'the record carries no recordSha256: it cannot be checked' });
  });
});

describe('GET /v1/decisions/{id} and replay say whether the record is the one written (SQLite)', () => {
  const ready = (async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sbsp-record-digest-'));
    folders.push(directory);
    const store = await SqliteDecisionStore.open({ directory });
    stores.push(store);
    return { directory, store, app: createApp(fixedRuleSet(bundledRuleSet()), { decisions: store, personRefKey }) };
  })();

  /** Changes a stored record's JSON as someone with the database file could. */
  function edit(directory: string, decisionId: string, path: string, value: string): void {
    const database = new Database(join(directory, DATABASE_FILE));
    try {
      expect(database.prepare('UPDATE decisions SET record = json_set(record, ?, ?) WHERE decision_id = ?').run(path, value, decisionId).changes).toBe(1);
    } finally {
      database.close();
    }
  }

  it.each(EXAMPLE_REQUESTS)('$name: recorded with its recordSha256, read and replayed as intact', async ({ endpoint, body }) => {
    const { store, app } = await ready;
    const answered = await request(app)
      .post(endpoint)
      .send({ ...body, personRef: 'CASE-2024-0042' })
      .expect(200);
    const stored = (await store.read(answered.body.decisionId)) as DecisionRecord;
    expect(stored.recordSha256).toBe(recordSha256Of(stored));
    const read = (await request(app).get(`/v1/decisions/${answered.body.decisionId}`).expect(200)).body;
    expect(read).toMatchObject({ recordSha256: stored.recordSha256, recordCheck: { intact: true }, answerCheck: { regenerated: true, identical: true } });
    const replay = (await request(app).post(`/v1/decisions/${answered.body.decisionId}/replay`).expect(200)).body;
    expect(replay).toMatchObject({ identical: true, recordCheck: { intact: true } });
  });

  it.each([
    {
      edited: 'the request (the answer made again differs)',
      path: '$.request.date',
      value: '2019-03-15',
      answerCheck: { regenerated: true, identical: false },
    },
    { edited: 'the caller (the answer made again is the same)', path: '$.caller.role', value: 'auditor', answerCheck: { regenerated: true, identical: true } },
  ])('a record whose $edited was edited in the database reads and replays as not intact', async ({ path, value, answerCheck }) => {
    const { directory, app } = await ready;
    const [example] = EXAMPLE_REQUESTS;
    const answered = await request(app)
      .post(example?.endpoint as string)
      .send(example?.body)
      .expect(200);
    edit(directory, answered.body.decisionId, path, value);
    const notIntact = { intact: false, detail: 'the record does not match its recordSha256: it was changed after it was written' };
    const read = (await request(app).get(`/v1/decisions/${answered.body.decisionId}`).expect(200)).body;
    expect(JSON.stringify(read)).toContain(`"${value}"`);
    expect(read.recordCheck).toEqual(notIntact);
    expect(read.answerCheck).toMatchObject(answerCheck);
    const replay = (await request(app).post(`/v1/decisions/${answered.body.decisionId}/replay`).expect(200)).body;
    expect(replay.recordCheck).toEqual(notIntact);
  });
});
