import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { bundledRuleSet, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';

const person = T1_PERSON;
const services = T1_SERVICES;

describe('GET /health', () => {
  it('answers 200 with the loaded programmes and their versions (fictional fixture versions)', async () => {
    const response = await request(createApp(fixedRuleSet(ruleSetAt(FIXTURE_RULES))))
      .get('/health')
      .expect(200);
    expect(response.body.status).toBe('ok');
    const nsk = response.body.programmes.find((programme: { id: string }) => programme.id === 'nsk');
    expect(nsk.versions).toEqual([
      expect.objectContaining({
        version: '2019-01-01',
        effectiveFrom: '2019-01-01',
        effectiveTo: '2021-12-31',
        adopted: '2018-12-18',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
      expect.objectContaining({
        version: '2022-01-01-fictional',
        effectiveFrom: '2022-01-01',
        effectiveTo: '2023-03-31',
        adopted: '2021-06-01',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
      expect.objectContaining({
        version: '2023-04-01-fictional',
        effectiveFrom: '2023-04-01',
        effectiveTo: null,
        adopted: '2023-02-01',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
  });

  it('lists every programme of the bundled rules', async () => {
    const response = await request(createApp(fixedRuleSet(bundledRuleSet())))
      .get('/health')
      .expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.programmes.map((programme: { id: string }) => programme.id).sort()).toEqual([...bundledRuleSet().programmes.keys()].sort());
  });
});

describe('POST /v1/eligibility', () => {
  /** The fictional fixture rules: on 2024-03-15, 2023-04-01-fictional is in force. */
  const app = createApp(fixedRuleSet(ruleSetAt(FIXTURE_RULES)));

  it('answers a date with the contract fields, the ruleset and an explanation of every rule and condition', async () => {
    const response = await request(app).post('/v1/eligibility').send({ programme: 'nsk', date: '2024-03-15', person, services }).expect(200);
    expect(response.body).toMatchObject({
      programme: 'nsk',
      date: '2024-03-15',
      eligible: true,
      basis: ['T1'],
      blockers: [],
      ruleset: { version: '2023-04-01-fictional', effectiveFrom: '2023-04-01', effectiveTo: null },
    });
    expect(response.body.decisionId).toMatch(/^[0-9a-f-]{36}$/);
    const refs = response.body.explanation.map((rule: { ref: string }) => rule.ref);
    expect(refs).toEqual(['T1', 'T2', 'T3', 'T4', 'X1', 'X2', 'X3', 'R1', 'R2', 'R3', 'E1', 'E2', 'E3']);
    for (const rule of response.body.explanation) {
      expect(rule).toMatchObject({
        title: { lv: expect.any(String), en: expect.any(String) },
        source: expect.stringMatching(/ — /),
        result: expect.any(Boolean),
      });
      // A source is named by its title and place, never by the seed file name that keys it in the rule files.
      expect(rule.source).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    }
  });

  it('names every named condition it shows with its lv/en title, so no internal name has to be read', async () => {
    // The bundled rules: every named condition an officer writes carries a title.
    const bundled = createApp(fixedRuleSet(bundledRuleSet()));
    const response = await request(bundled).post('/v1/eligibility').send({ programme: 'nsk', date: '2024-03-15', person, services }).expect(200);
    const named: Array<Record<string, unknown>> = [];
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        for (const item of node) walk(item);
        return;
      }
      if ('condition' in node && 'conditions' in node) named.push(node as Record<string, unknown>);
      for (const value of Object.values(node)) walk(value);
    };
    walk(response.body.explanation);
    expect(named.length).toBeGreaterThan(0);
    for (const node of named) expect(node.title, String(node.condition)).toEqual({ lv: expect.any(String), en: expect.any(String) });
  });

  it('evaluates and marks the conditions a short-circuiting engine skips', async () => {
    const response = await request(app)
      .post('/v1/eligibility')
      .send({ programme: 'nsk', date: '2024-03-15', person: { ...person, birthDate: '2015-01-01', residence: 'family' }, services })
      .expect(200);
    const t1 = response.body.explanation.find((rule: { ref: string }) => rule.ref === 'T1');
    // T1 = all(adult, severeMentalDisorder): a 9-year-old fails "adult", so the disorder check is skipped but still shown with what it saw.
    const [adult, disorder] = t1.conditions.conditions.all;
    expect(adult).toMatchObject({ condition: 'adult', result: false });
    // Compact (contract v2): "skipped" is written only where it is true.
    expect(adult).not.toHaveProperty('skipped');
    expect(JSON.stringify(response.body.explanation)).not.toContain('"skipped":false');
    expect(disorder).toMatchObject({ condition: 'severeMentalDisorder', result: true, skipped: true });
    expect(disorder.conditions.all[0]).toMatchObject({
      fact: 'conditions',
      factValue: [{ type: 'mental_disorder', severity: 'severe' }],
      skipped: true,
      result: true,
    });
    expect(adult.conditions.all[0]).toMatchObject({ fact: 'age', factValue: 9, value: 18, valueFrom: { param: 'adultAge' }, result: false });
  });

  it('cuts a period at a version boundary: two segments with two versions (fictional test version)', async () => {
    const fixtureApp = createApp(fixedRuleSet(ruleSetAt(FIXTURE_RULES)));
    const response = await request(fixtureApp)
      .post('/v1/eligibility')
      .send({ programme: 'nsk', period: { from: '2021-12-01', to: '2022-01-31' }, person, services })
      .expect(200);
    expect(
      response.body.segments.map((segment: { from: string; to: string; ruleset: { version: string } }) => [segment.from, segment.to, segment.ruleset.version]),
    ).toEqual([
      ['2021-12-01', '2021-12-31', '2019-01-01'],
      ['2022-01-01', '2022-01-31', '2022-01-01-fictional'],
    ]);
    expect(response.body).toMatchObject({ eligible: true, eligibleDays: 62 });
  });

  it('with asOf before the fictional version was adopted, the whole period stays under the first version', async () => {
    const fixtureApp = createApp(fixedRuleSet(ruleSetAt(FIXTURE_RULES)));
    const response = await request(fixtureApp)
      .post('/v1/eligibility')
      .send({ programme: 'nsk', period: { from: '2021-12-01', to: '2022-01-31' }, asOf: '2021-05-31', person, services })
      .expect(200);
    expect(
      response.body.segments.map((segment: { ruleset: { version: string; effectiveTo: string | null } }) => [
        segment.ruleset.version,
        segment.ruleset.effectiveTo,
      ]),
    ).toEqual([['2019-01-01', null]]);
  });

  it('a child turning 4 under the fictional version stays T3 until 5: the version, not the code, holds the age', async () => {
    const fixtureApp = createApp(fixedRuleSet(ruleSetAt(FIXTURE_RULES)));
    const child = {
      ...person,
      birthDate: '2017-12-10',
      conditions: [
        { type: 'developmental_disorder', severity: 'severe' },
        { type: 'mental_disorder', severity: 'severe' },
      ],
      residence: 'family',
    };
    const response = await request(fixtureApp)
      .post('/v1/eligibility')
      .send({ programme: 'nsk', period: { from: '2022-06-01', to: '2023-03-31' }, person: child, services })
      .expect(200);
    expect(response.body.segments.map((segment: { from: string; basis: string[] }) => [segment.from, segment.basis])).toEqual([
      ['2022-06-01', ['T3']],
      ['2022-12-10', ['T4']],
    ]);
  });
});
