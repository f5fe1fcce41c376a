import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { SqliteDecisionStore } from '../../src/decisions/sqlite-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';
import { bundledRuleSet } from '../support/rule-sets.js';

const rules = fixedRuleSet(bundledRuleSet());
const question = { programme: 'nsk', date: '2024-03-15', person: T1_PERSON, services: T1_SERVICES };
const folders: string[] = [];
const stores: SqliteDecisionStore[] = [];

afterAll(async () => {
  for (const store of stores) await store.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A SQLite store on a disk that refuses writes, as a read-only mount would: SQLite itself answers SQLITE_READONLY. */
async function readOnlyStore(): Promise<SqliteDecisionStore> {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-read-only-'));
  folders.push(directory);
  const store = await SqliteDecisionStore.open({ directory, writerPragmas: ['query_only = ON'] });
  stores.push(store);
  return store;
}

describe('GET /health and the decision store', () => {
  it('200 with decisions ok when the store can keep decisions', async () => {
    const response = await request(createApp(rules, { decisions: new MemoryDecisionStore() }))
      .get('/health')
      .expect(200);
    expect(response.body).toMatchObject({ status: 'ok', decisions: { ok: true } });
  });

  it('503 problem+json saying why when the store cannot (a read-only data directory)', async () => {
    const response = await request(createApp(rules, { decisions: await readOnlyStore() }))
      .get('/health')
      .expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 503, detail: 'decisions cannot be recorded: the decision database is read-only' });
  });
});

describe('a question asked while the store cannot keep its decision', () => {
  it('is answered 503 problem+json with the reason, not 500, and no decision is acknowledged or kept', async () => {
    const store = await readOnlyStore();
    const unexpected: unknown[] = [];
    const app = createApp(rules, { decisions: store, onUnexpectedError: (error) => unexpected.push(error) });
    const response = await request(app).post('/v1/eligibility').send(question).expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 503, detail: 'the decision database is read-only' });
    expect(response.body).not.toHaveProperty('decisionId');
    expect(unexpected).toEqual([]);
    expect((await store.search({ limit: 10 })).items).toEqual([]);
  });
});
