import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { SqliteDecisionStore } from '../../src/decisions/sqlite-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet, type RuleSetSource } from '../../src/reload/rule-set-source.js';
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

  it('503 degraded, saying why, when the store cannot (a read-only data directory)', async () => {
    const response = await request(createApp(rules, { decisions: await readOnlyStore() }))
      .get('/health')
      .expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({
      status: 'degraded',
      detail: 'decisions cannot be recorded: the decision database is read-only',
      decisions: { ok: false, reason: 'the decision database is read-only' },
      rules: { ok: true },
    });
  });

  it('503 degraded, with a count only, when the rules on disk have problems the live rules do not', async () => {
    const ruleSet = bundledRuleSet();
    const problems = [
      { file: 'nsk/versions/2099-01-01.yaml', line: 3, column: 5, message: 'unknown field "secretKeyName"' },
      { file: '../etc/tokens.yaml', line: 1, column: 1, message: 'value "personal data" is not allowed' },
    ];
    const degraded: RuleSetSource = { current: () => ruleSet, status: () => ({ state: 'degraded', generation: 4, problems }) };
    const response = await request(createApp(degraded, { decisions: new MemoryDecisionStore() }))
      .get('/health')
      .expect(503);
    expect(response.body).toMatchObject({ status: 'degraded', generation: 4, decisions: { ok: true }, rules: { ok: false, problems: 2 } });
    expect(response.body.detail).toMatch(/^the rules on disk have 2 problem\(s\)/);
    const shown = JSON.stringify(response.body);
    for (const hidden of ['secretKeyName', 'personal data', 'tokens', '2099-01-01.yaml', '../etc']) expect(shown).not.toContain(hidden);
  });
});

describe('a full disk (SQLite refuses to grow: SQLITE_FULL)', () => {
  it('answers a question 503 problem+json naming the cause, and /health says degraded with the same cause', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sbsp-full-'));
    folders.push(directory);
    const store = await SqliteDecisionStore.open({ directory, writerPragmas: ['max_page_count = 1'] });
    stores.push(store);
    const unexpected: unknown[] = [];
    const app = createApp(rules, { decisions: store, onUnexpectedError: (error) => unexpected.push(error) });
    const answer = await request(app).post('/v1/eligibility').send(question).expect(503);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: 503, detail: 'the disk of the decision database is full' });
    expect(unexpected).toEqual([]);
    const health = await request(app).get('/health').expect(503);
    expect(health.body).toMatchObject({
      status: 'degraded',
      detail: 'decisions cannot be recorded: the disk of the decision database is full',
      decisions: { ok: false, reason: 'the disk of the decision database is full' },
    });
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
