import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { previousDay, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { bundledRuleSet, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';

const app = createApp(fixedRuleSet(bundledRuleSet()));
/** The fictional fixture rules (test/fixtures/rules): nsk 2019-01-01, 2022-01-01-fictional and 2023-04-01-fictional. */
const fixtureApp = createApp(fixedRuleSet(ruleSetAt(FIXTURE_RULES)));

/** When a version stops: its own effectiveTo, or the day before the next one starts, whichever comes first. */
function lastDay(written: CalendarDate | null, next: CalendarDate | undefined): CalendarDate | null {
  const beforeNext = next === undefined ? null : previousDay(next);
  if (written === null) return beforeNext;
  return beforeNext !== null && beforeNext < written ? beforeNext : written;
}

describe('GET /v1/programmes', () => {
  it('lists every bundled programme with its versions, effective and adopted dates', async () => {
    const response = await request(app).get('/v1/programmes').expect(200);
    const byId = new Map(response.body.programmes.map((programme: { id: string }) => [programme.id, programme]));
    // What rules/ holds, as the loader read it: an officer's new programme or version shows here without a test change.
    const bundled = [...bundledRuleSet().programmes.values()];
    expect(bundled.length).toBeGreaterThan(0);
    expect([...byId.keys()].sort()).toEqual(bundled.map((programme) => programme.id).sort());
    for (const programme of bundled) {
      const expected = programme.versions.map((version, index) => ({
        version: version.version,
        effectiveFrom: version.effectiveFrom,
        effectiveTo: lastDay(version.effectiveTo, programme.versions[index + 1]?.effectiveFrom),
        adopted: version.adopted,
      }));
      expect(byId.get(programme.id), programme.id).toMatchObject({ versions: expected });
      expect((byId.get(programme.id) as { versions: unknown[] }).versions, programme.id).toHaveLength(expected.length);
    }
  });

  it('lists a version with its dates: open-ended until the next begins, or to the end its act sets (fictional fixture versions)', async () => {
    const response = await request(fixtureApp).get('/v1/programmes').expect(200);
    expect(response.body.programmes.map((programme: { id: string }) => programme.id)).toEqual(['nsk']);
    expect(response.body.programmes[0]).toMatchObject({
      versions: [
        { version: '2019-01-01', effectiveFrom: '2019-01-01', effectiveTo: '2021-12-31', adopted: '2018-12-18' },
        { version: '2022-01-01-fictional', effectiveFrom: '2022-01-01', effectiveTo: '2023-03-31', adopted: '2021-06-01' },
        { version: '2023-04-01-fictional', effectiveFrom: '2023-04-01', effectiveTo: null, adopted: '2023-02-01' },
      ],
    });
  });
});

describe('GET /v1/programmes/{id}', () => {
  it('gives a version in full: parameters with sources, rules with ids and sources, assumptions, compensation (fictional fixture version)', async () => {
    const response = await request(fixtureApp).get('/v1/programmes/nsk').expect(200);
    expect(response.body.facts.map((fact: { name: string }) => fact.name)).toContain('birthDate');
    const version = response.body.versions.at(-1);
    expect(version.version).toBe('2023-04-01-fictional');
    expect(version.parameters).toContainEqual(
      expect.objectContaining({ name: 'annualAmount', type: 'money', value: '8400.00', source: expect.stringMatching(/ — /) }),
    );
    // Sources by title and place, never a seed file name; each source keeps its key and gets its title.
    expect(
      JSON.stringify({ parameters: version.parameters, rules: version.rules, compensation: version.compensation, assumptions: version.assumptions }),
    ).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    for (const source of version.sources) expect(source.title).not.toMatch(/\.txt$/);
    expect(version.rules.map((rule: { id: string }) => rule.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'X1', 'X2', 'X3', 'R1', 'R2', 'R3', 'E1', 'E2', 'E3']);
    expect(version.assumptions.map((assumption: { id: string }) => assumption.id)).toEqual(expect.arrayContaining(['A1', 'A2', 'A3', 'A4', 'A7']));
    expect(version.compensation).toMatchObject({ kind: 'cappedActualCost', capAssumption: 'A1' });
    expect(version.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows each version ending where the next begins (fictional fixture versions)', async () => {
    const response = await request(fixtureApp).get('/v1/programmes/nsk').expect(200);
    expect(
      response.body.versions.map((version: { version: string; effectiveTo: string | null; effectiveToAsWritten: string | null }) => [
        version.version,
        version.effectiveTo,
        version.effectiveToAsWritten,
      ]),
    ).toEqual([
      ['2019-01-01', '2021-12-31', null],
      ['2022-01-01-fictional', '2023-03-31', null],
      ['2023-04-01-fictional', null, null],
    ]);
  });

  it('answers 404 as problem+json for an unknown programme', async () => {
    const response = await request(app).get('/v1/programmes/lottery').expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, detail: 'unknown programme "lottery"' });
  });
});

describe('GET /openapi.yaml', () => {
  it('serves the OpenAPI description', async () => {
    const response = await request(app).get('/openapi.yaml').expect(200);
    expect(response.text).toMatch(/^openapi: 3\.1\.0/);
    expect(response.text).toContain('/v1/compensation');
  });
});

describe('GET /v1/programmes/{id}/diff', () => {
  it('gives the meaning-level diff of two versions: parameters old → new with %, rules changed in words', async () => {
    const response = await request(fixtureApp).get('/v1/programmes/nsk/diff?from=2022-01-01-fictional&to=2023-04-01-fictional').expect(200);
    expect(response.body.parameters).toContainEqual(
      expect.objectContaining({ name: 'annualAmount', change: 'changed', old: '7085.20', new: '8400.00', percent: '+18.56%' }),
    );
    expect(response.body.dates.join(' ')).toContain('2023-04-01');
  });

  it.each([
    ['/v1/programmes/nsk/diff?from=2022-01-01-fictional', 400, ['/to']],
    ['/v1/programmes/nsk/diff?from=1999&to=2023-04-01-fictional', 400, ['/from']],
    ['/v1/programmes/lottery/diff?from=a&to=b', 404, ['']],
  ])('%s → %i naming %j (fictional fixture versions)', async (path, status, paths) => {
    const response = await request(fixtureApp).get(path).expect(status);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(paths);
  });
});

describe('POST /bench/noop', () => {
  it('exists only when asked for (the benchmark anchor)', async () => {
    await request(app).post('/bench/noop').send({}).expect(404);
    const response = await request(createApp(fixedRuleSet(bundledRuleSet()), { benchNoopRoute: true }))
      .post('/bench/noop')
      .send({ any: 'body' })
      .expect(200);
    expect(response.body).toEqual({});
  });
});
