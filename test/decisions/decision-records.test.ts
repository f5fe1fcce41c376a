import { createHash, createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { newDecisionId } from '../../src/decisions/decision-id.js';
import type { DecisionRecord } from '../../src/decisions/decision-record.js';
import type { DecisionStore } from '../../src/decisions/decision-store.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { PersonRefKey } from '../../src/decisions/person-ref.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { LiveRuleSet } from '../../src/reload/live-rule-set.js';
import { bundledRuleSet, FIXTURE_RULES } from '../support/rule-sets.js';
import { EXAMPLE_REQUESTS } from './example-requests.js';
import type { RuleVersion } from '../../src/rules/model.js';
import { ruleFileOf } from '../../src/rules/rule-files.js';

const KEY = 'a-test-key-of-thirty-two-characters!';
const personRefKey = PersonRefKey.fromSecret(KEY) as PersonRefKey;
const hmacOf = (personRef: string): string => createHmac('sha256', Buffer.from(KEY)).update(personRef).digest('hex');

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The sha256 of an answer's JSON as sent, without its decisionId (the last member). */
function digestOfSent(text: string): string {
  const without = text.replace(/,"decisionId":"[0-9a-f-]+"}$/, '}');
  expect(without).not.toBe(text);
  return createHash('sha256').update(without, 'utf8').digest('hex');
}

function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

describe('decision records', () => {
  const ready = (async () => {
    const store: DecisionStore = new MemoryDecisionStore();
    return { store, app: createApp(fixedRuleSet(bundledRuleSet()), { decisions: store, personRefKey }) };
  })();

  it.each(EXAMPLE_REQUESTS)(
    '$name: the record holds the request, personRef only as its HMAC, the rules with their sha256, the caller, the outcome and the sha256 of the answer — not the answer, which reading makes again',
    async ({ endpoint, body }) => {
      const { store, app } = await ready;
      const personRef = `CASE-${endpoint}-${String(body.programme)}-0042`;
      const answered = await request(app)
        .post(endpoint)
        .send({ ...body, personRef })
        .expect(200);
      const read = (await request(app).get(`/v1/decisions/${answered.body.decisionId}`).expect(200)).body;
      const record = (await store.read(answered.body.decisionId)) as DecisionRecord;
      expect(Object.keys(record).sort()).toEqual([
        'answerSha256',
        'caller',
        'decisionId',
        'endpoint',
        'format',
        'outcome',
        'personRef',
        'recordSha256',
        'request',
        'rules',
        'time',
      ]);
      expect(read).toEqual({ ...record, recordCheck: { intact: true }, answer: answered.body, answerCheck: { regenerated: true, identical: true } });
      expect(record.answerSha256).toBe(digestOfSent(answered.text));
      expect(record.outcome).toEqual({
        programme: body.programme,
        ...(endpoint === '/v1/compensation' ? { compensation: answered.body.compensation } : { eligible: answered.body.eligible }),
        ruleset: {
          version: (answered.body.ruleset ?? answered.body.segments[0].ruleset).version,
          sha256: (answered.body.ruleset ?? answered.body.segments[0].ruleset).sha256,
        },
      });
      // Bounded by the request, not by the answer: a record is not its explanation.
      expect(JSON.stringify(record).length).toBeLessThan(JSON.stringify(body).length + 4000);

      expect(record).toMatchObject({
        decisionId: answered.body.decisionId,
        format: 2,
        endpoint: endpoint.slice(4),
        caller: { tokenId: null, role: 'open-development', municipality: null },
      });
      expect(Date.parse(record.time)).not.toBeNaN();
      expect(record.request).toEqual(body);
      expect(record.personRef).toEqual({ hmacSha256: hmacOf(personRef), keyId: personRefKey.id });
      expect(JSON.stringify(record)).not.toContain(personRef);

      const namedShas = [answered.body.ruleset, ...(answered.body.segments ?? []).map((segment: { ruleset: unknown }) => segment.ruleset)]
        .filter(Boolean)
        .map((ruleset: { sha256: string }) => ruleset.sha256);
      expect(record.rules.versions.map((version) => version.sha256).sort()).toEqual([...new Set(namedShas)].sort());
      const paths = record.rules.files.map((file) => file.path);
      expect(paths).toContain(`${String(body.programme)}/programme.yaml`);
      // Every version file of the programme (an amendment's version sha256 spans several files: its own file's is archived).
      const fileSha = (version: RuleVersion): string | undefined => ruleFileOf(version)?.sha256;
      for (const version of bundledRuleSet().programmes.get(String(body.programme))?.versions ?? [])
        expect(record.rules.files).toContainEqual(expect.objectContaining({ sha256: fileSha(version) }));
      if (body.programme === 'nsk') expect(paths).toContain('calendar/latvia.yaml');
      if (body.programme === 'ibm') expect(paths).toContain('emergencies/latvia.yaml');
      // IBM prices lines at DI's unit costs: DI's programme and version files are part of what made the answer.
      if (body.programme === 'ibm')
        for (const version of bundledRuleSet().programmes.get('di')?.versions ?? [])
          expect(record.rules.files).toContainEqual(expect.objectContaining({ sha256: fileSha(version) }));
      for (const file of record.rules.files) expect(await store.archive.text(file.sha256)).not.toBeNull();
    },
  );

  it.each(EXAMPLE_REQUESTS)(
    '$name: replayed with its recorded rules, the answer is identical, and given with the full explanation',
    async ({ endpoint, body }) => {
      const { app } = await ready;
      const answered = await request(app).post(endpoint).send(body).expect(200);
      const replay = await request(app).post(`/v1/decisions/${answered.body.decisionId}/replay`).expect(200);
      expect(replay.body).toEqual({ identical: true, answer: answered.body, recordCheck: { intact: true } });
    },
  );

  it.each(EXAMPLE_REQUESTS)(
    '$name asked with explain none: reading gives the answer sent (no explanation); replay gives the full explanation',
    async ({ endpoint, body }) => {
      const { app } = await ready;
      const answered = await request(app)
        .post(endpoint)
        .send({ ...body, explain: 'none' })
        .expect(200);
      expect(JSON.stringify(answered.body)).not.toContain('"conditions"');
      const read = (await request(app).get(`/v1/decisions/${answered.body.decisionId}`).expect(200)).body;
      expect(read.answer).toEqual(answered.body);
      const full = await request(app).post(endpoint).send(body).expect(200);
      const replay = (await request(app).post(`/v1/decisions/${answered.body.decisionId}/replay`).expect(200)).body;
      expect(replay.identical).toBe(true);
      expect(replay.answer).toEqual({ ...full.body, decisionId: answered.body.decisionId });
      expect(JSON.stringify(replay.answer)).toContain('"conditions"');
    },
  );
});

describe('replay after the rules moved on', () => {
  const LAST_VERSION = 'nsk/versions/2023-04-01-fictional.yaml';
  const person = {
    birthDate: '1985-04-02',
    conditions: [{ type: 'mental_disorder', severity: 'severe' }],
    vsacExit: { date: '2019-03-31', service: 'institutional_care' },
    receivedDiServices: false,
    nskAsChild: false,
    residence: 'group_home',
  };
  const question = {
    programme: 'nsk',
    period: { from: '2021-12-01', to: '2023-05-31' },
    person,
    services: [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }],
  };

  it('uses the archived texts of a version file that was changed, and then removed', async () => {
    const rules = temporaryFolder('sbsp-rules-replay-');
    cpSync(FIXTURE_RULES, rules, { recursive: true });
    const loaded = LiveRuleSet.load(rules, { displayRoot: rules });
    if (!loaded.ok) throw new Error('fixture did not load');
    const app = createApp(loaded.live, { decisions: new MemoryDecisionStore(), personRefKey });
    const before = await request(app).post('/v1/eligibility').send(question).expect(200);

    const file = join(rules, LAST_VERSION);
    writeFileSync(file, readFileSync(file, 'utf8').replace('value: "8400.00"', 'value: "8500.00"'));
    await request(app).post('/v1/admin/reload').expect(200, { reloaded: true, generation: 2 });
    const after = await request(app).post('/v1/eligibility').send(question).expect(200);
    expect(after.body.segments.at(-1).ruleset.sha256).not.toBe(before.body.segments.at(-1).ruleset.sha256);
    expect((await request(app).post(`/v1/decisions/${before.body.decisionId}/replay`).expect(200)).body.identical).toBe(true);

    rmSync(file);
    await request(app).post('/v1/admin/reload').expect(200, { reloaded: true, generation: 3 });
    expect((await request(app).post(`/v1/decisions/${before.body.decisionId}/replay`).expect(200)).body.identical).toBe(true);
    expect((await request(app).post(`/v1/decisions/${after.body.decisionId}/replay`).expect(200)).body.identical).toBe(true);
  });
});

describe('replay that does not give the recorded answer', () => {
  it('lists where the outcome and the answer’s sha256 differ, old → new; reading shows the answer made again apart, not as the answer sent', async () => {
    const store = new MemoryDecisionStore();
    const app = createApp(fixedRuleSet(bundledRuleSet()), { decisions: store });
    const example = EXAMPLE_REQUESTS[0];
    const answered = await request(app)
      .post(example?.endpoint as string)
      .send(example?.body)
      .expect(200);
    const record = (await store.read(answered.body.decisionId)) as DecisionRecord;
    // A record as a store might hold it after someone edited it: the answer no longer follows from its rules.
    const edited: DecisionRecord = { ...record, decisionId: newDecisionId(), outcome: { ...record.outcome, eligible: false }, answerSha256: 'f'.repeat(64) };
    await store.append(edited);
    const replay = await request(app).post(`/v1/decisions/${edited.decisionId}/replay`).expect(200);
    expect(replay.body).toMatchObject({
      identical: false,
      differences: [
        { path: '/outcome/eligible', old: false, new: true },
        { path: '/answerSha256', old: 'f'.repeat(64), new: record.answerSha256 },
      ],
    });
    const read = (await request(app).get(`/v1/decisions/${edited.decisionId}`).expect(200)).body;
    expect(read).not.toHaveProperty('answer');
    expect(read.answerCheck).toMatchObject({ regenerated: true, identical: false });
    expect(read.answerMadeAgain).toEqual({ ...answered.body, decisionId: edited.decisionId });
  });

  it('answers 409 naming the rule files the archive lacks', async () => {
    const store = new MemoryDecisionStore();
    const app = createApp(fixedRuleSet(bundledRuleSet()), { decisions: store });
    const example = EXAMPLE_REQUESTS[0];
    const answered = await request(app)
      .post(example?.endpoint as string)
      .send(example?.body)
      .expect(200);
    const record = (await store.read(answered.body.decisionId)) as DecisionRecord;
    // A version file the answer used, whichever is in force on its day.
    const used = record.rules.files.find((file) => file.path.startsWith('nsk/versions/'));
    expect(used).toBeDefined();
    const lost = { path: used?.path as string, sha256: '0'.repeat(64) };
    const edited: DecisionRecord = {
      ...record,
      decisionId: newDecisionId(),
      rules: { ...record.rules, files: [...record.rules.files.filter((file) => file.path !== lost.path), lost] },
    };
    await store.append(edited);
    const replay = await request(app).post(`/v1/decisions/${edited.decisionId}/replay`).expect(409);
    expect(replay.body.detail).toContain('missing from the archive');
    expect(replay.body.errors).toEqual([{ path: '', message: `${lost.path} (sha256 ${lost.sha256})` }]);
  });
});

describe('recording comes before answering', () => {
  it('sends the answer only once the record is durable, with the recorded decisionId', async () => {
    let release: () => void = () => {};
    const appended: DecisionRecord[] = [];
    const inner = new MemoryDecisionStore();
    const held: DecisionStore = Object.assign(Object.create(inner) as MemoryDecisionStore, {
      append: (record: DecisionRecord): Promise<void> => {
        appended.push(record);
        return new Promise<void>((resolve) => {
          release = resolve;
        }).then(() => inner.append(record));
      },
    });
    const app = createApp(fixedRuleSet(bundledRuleSet()), { decisions: held });
    let answered = false;
    const pending = request(app)
      .post('/v1/eligibility')
      .send(EXAMPLE_REQUESTS[0]?.body)
      .then((response) => {
        answered = true;
        return response;
      });
    for (let waited = 0; waited < 5000 && appended.length === 0; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(appended).toHaveLength(1);
    expect(answered).toBe(false);
    release();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.body.decisionId).toBe(appended[0]?.decisionId);
  });

  it('answers 500 without a decisionId, and without a stack, when the record cannot be written', async () => {
    const inner = new MemoryDecisionStore();
    const failing: DecisionStore = Object.assign(Object.create(inner) as MemoryDecisionStore, {
      append: (): Promise<void> => Promise.reject(new Error('disk full at /secret/path')),
    });
    const errors: unknown[] = [];
    const app = createApp(fixedRuleSet(bundledRuleSet()), { decisions: failing, onUnexpectedError: (error) => errors.push(error) });
    const response = await request(app).post('/v1/eligibility').send(EXAMPLE_REQUESTS[0]?.body).expect(500);
    expect(response.body).toEqual({ type: 'about:blank', title: 'Internal error', status: 500, detail: 'internal error' });
    expect(response.text).not.toContain('/secret/path');
    expect(errors).toHaveLength(1);
  });
});
