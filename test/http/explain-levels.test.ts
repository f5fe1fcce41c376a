import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';

/**
 * Contract v2's explain levels on the fictional fixture rules: `full` (the default) every rule with its condition
 * tree, compact; `rules` each rule without its tree; `none` no explanation. The verdict is the same at every level,
 * and each answer is a decision that replays identically.
 */

const app = createApp(fixedRuleSet(ruleSetAt(FIXTURE_RULES)));
const day = { programme: 'nsk', date: '2024-03-15', person: T1_PERSON, services: T1_SERVICES };
const period = {
  programme: 'nsk',
  period: { from: '2024-03-01', to: '2024-04-30' },
  person: { ...T1_PERSON, vsacExit: { date: '2024-03-15', service: 'institutional_care' } },
  services: T1_SERVICES,
};
const claim = {
  ...period,
  period: { from: '2024-01-01', to: '2024-06-30' },
  costs: [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-06-30', amount: '1200.00', funding: 'municipality', inPlan: true }],
};

type Body = Record<string, unknown>;
const verdict = ({ eligible, basis, blockers, ruleset }: Body): Body => ({ eligible, basis, blockers, ruleset });

describe('POST /v1/eligibility explain levels', () => {
  it('full by default: every rule with its condition tree, "skipped" written only where true', async () => {
    const full = (await request(app).post('/v1/eligibility').send(day).expect(200)).body as Body & { explanation: Array<Body> };
    const explicit = (
      await request(app)
        .post('/v1/eligibility')
        .send({ ...day, explain: 'full' })
        .expect(200)
    ).body as Body;
    expect(explicit.explanation).toEqual(full.explanation);
    expect(full.explanation.length).toBeGreaterThan(0);
    for (const rule of full.explanation) expect(rule).toHaveProperty('conditions');
    expect(JSON.stringify(full.explanation)).toContain('"skipped":true');
    expect(JSON.stringify(full.explanation)).not.toContain('"skipped":false');
  });

  it('full is compact: a named condition is explained in full once, and where it recurs by its name, result and the rule that explained it', async () => {
    const full = (await request(app).post('/v1/eligibility').send(day).expect(200)).body as { explanation: Array<Body & { ref: string }> };
    const explainedBy = new Map<string, string>();
    const references: Array<{ name: string; rule: string; explainedIn: unknown }> = [];
    const walk = (node: unknown, rule: string): void => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        for (const child of node) walk(child, rule);
        return;
      }
      const record = node as Body;
      if (typeof record.condition === 'string' && 'conditions' in record) {
        expect(explainedBy.has(record.condition), `${record.condition} explained in full twice`).toBe(false);
        explainedBy.set(record.condition, rule);
      } else if (typeof record.condition === 'string') {
        expect(record).toEqual({
          condition: record.condition,
          result: expect.any(Boolean),
          ...('skipped' in record ? { skipped: true } : {}),
          explainedIn: expect.any(String),
        });
        references.push({ name: record.condition, rule, explainedIn: record.explainedIn });
      }
      for (const child of Object.values(record)) walk(child, rule);
    };
    for (const rule of full.explanation) walk(rule.conditions, rule.ref);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference.explainedIn, reference.name).toBe(explainedBy.get(reference.name));
  });

  it('rules: each rule with its ref, title, source, result and outcome, no condition tree; the same verdict', async () => {
    const full = (await request(app).post('/v1/eligibility').send(day).expect(200)).body as Body & { explanation: Array<Body> };
    const rules = (
      await request(app)
        .post('/v1/eligibility')
        .send({ ...day, explain: 'rules' })
        .expect(200)
    ).body as Body & { explanation: Array<Body> };
    expect(verdict(rules)).toEqual(verdict(full));
    expect(rules.explanation).toEqual(full.explanation.map(({ conditions: _conditions, ...rule }) => rule));
    expect(rules.explanation[0]).toEqual({
      ref: expect.any(String),
      kind: expect.any(String),
      title: { lv: expect.any(String), en: expect.any(String) },
      source: expect.any(String),
      assumptions: expect.any(Array),
      result: expect.any(Boolean),
      outcome: expect.any(String),
    });
  });

  it('none: no explanation field, on a day and on each segment of a period; the same verdict and segments', async () => {
    const none = (
      await request(app)
        .post('/v1/eligibility')
        .send({ ...day, explain: 'none' })
        .expect(200)
    ).body as Body;
    expect(none).not.toHaveProperty('explanation');
    expect(verdict(none)).toEqual(verdict((await request(app).post('/v1/eligibility').send(day).expect(200)).body as Body));
    const fullPeriod = (await request(app).post('/v1/eligibility').send(period).expect(200)).body as { segments: Array<Body> };
    const nonePeriod = (
      await request(app)
        .post('/v1/eligibility')
        .send({ ...period, explain: 'none' })
        .expect(200)
    ).body as { segments: Array<Body> };
    expect(nonePeriod.segments).toEqual(fullPeriod.segments.map(({ explanation: _explanation, ...segment }) => segment));
    expect(nonePeriod.segments.length).toBe(2);
  });

  it('an unknown level is a 400 at /explain', async () => {
    const response = await request(app)
      .post('/v1/eligibility')
      .send({ ...day, explain: 'some' })
      .expect(400);
    expect(response.body.errors).toEqual([{ path: '/explain', message: expect.stringContaining('"full", "rules", "none"') }]);
  });

  it.each(['full', 'rules', 'none'])('%s: the answer is a decision that replays identically', async (level) => {
    const answered = await request(app)
      .post('/v1/eligibility')
      .send({ ...day, explain: level })
      .expect(200);
    expect((await request(app).post(`/v1/decisions/${answered.body.decisionId}/replay`).expect(200)).body.identical).toBe(true);
  });
});

describe('POST /v1/compensation explain levels', () => {
  it('rules and none cut the segments’ and lines’ rule explanations, never the money', async () => {
    const full = (await request(app).post('/v1/compensation').send(claim).expect(200)).body as Body & { lines: Array<Body>; segments: Array<Body> };
    const rules = (
      await request(app)
        .post('/v1/compensation')
        .send({ ...claim, explain: 'rules' })
        .expect(200)
    ).body as Body & { lines: Array<Body & { lineRules: Array<Body> }>; segments: Array<Body & { explanation: Array<Body> }> };
    const none = (
      await request(app)
        .post('/v1/compensation')
        .send({ ...claim, explain: 'none' })
        .expect(200)
    ).body as Body & { lines: Array<Body>; segments: Array<Body> };
    for (const answer of [rules, none])
      expect({ compensation: answer.compensation, cap: answer.cap, eligibleCost: answer.eligibleCost }).toEqual({
        compensation: full.compensation,
        cap: full.cap,
        eligibleCost: full.eligibleCost,
      });
    expect(rules.lines[0]?.lineRules.length).toBeGreaterThan(0);
    for (const rule of [...(rules.lines[0]?.lineRules ?? []), ...(rules.segments[0]?.explanation ?? [])]) expect(rule).not.toHaveProperty('conditions');
    expect(JSON.stringify(none)).not.toMatch(/"(explanation|lineRules)"/);
  });
});
