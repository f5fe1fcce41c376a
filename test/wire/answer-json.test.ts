import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ask, type ApiResponse } from '../../src/answer/ask.js';
import type { ExplainLevel } from '../../src/answer/explain-level.js';
import { answerData, answerJson, completeAnswerData } from '../../src/wire/answer-json.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';
import { ruleSetAt, FIXTURE_RULES } from '../support/rule-sets.js';

// Fictional rules (test/fixtures): what is checked is the writer, not today's law.
const ruleSet = ruleSetAt(FIXTURE_RULES);

function answered(response: ApiResponse): Extract<ApiResponse, { status: 200 }> {
  if (response.status !== 200) throw new Error(`expected an answer, got ${response.status}: ${response.body.detail}`);
  return response;
}

/** Every list of rule traces in a parsed answer, wherever it is (a day's, a segment's, a line's or a part's). */
function ruleLists(value: unknown, found: unknown[][] = []): unknown[][] {
  if (Array.isArray(value)) for (const item of value) ruleLists(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'explanation' || key === 'lineRules') && Array.isArray(child) && child.every((rule) => typeof rule === 'object' && 'ref' in rule))
        found.push(child);
      ruleLists(child, found);
    }
  }
  return found;
}

function withoutConditions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutConditions);
  if (value === null || typeof value !== 'object') return value;
  const isRule = 'ref' in value && 'outcome' in value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !(isRule && key === 'conditions'))
      .map(([key, child]) => [key, withoutConditions(child)]),
  );
}

const requests = fc.oneof(
  fc.record({ programme: fc.constant('nsk'), date: dateBetween('2019-01-01', '2026-12-31'), person: personArbitrary, services: servicesArbitrary }),
  fc.record({
    programme: fc.constant('nsk'),
    period: fc.constant({ from: '2024-01-01', to: '2024-06-30' }),
    person: personArbitrary,
    services: servicesArbitrary,
  }),
);

describe('an answer written at each explain level (wire/answer-json.ts)', () => {
  it('full: the same JSON as JSON.stringify of the answer, whose explanations show their compact traces (300 generated requests)', () => {
    fc.assert(
      fc.property(requests, (request) => {
        const response = ask(ruleSet, 'eligibility', request);
        if (response.status !== 200) return;
        expect(answerJson(response.body, 'full').bytes.toString('utf8')).toBe(JSON.stringify(response.body));
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it('rules: the full answer with every rule list cut to its rules (no condition trees); none: no rule list at all', () => {
    fc.assert(
      fc.property(requests, (request) => {
        const response = ask(ruleSet, 'eligibility', request);
        if (response.status !== 200) return;
        const full = answerData(response.body, 'full');
        expect(ruleLists(full).length).toBeGreaterThan(0);
        expect(answerData(response.body, 'rules')).toEqual(withoutConditions(full));
        const none = answerData(response.body, 'none');
        expect(ruleLists(none)).toEqual([]);
        expect(JSON.stringify(none)).not.toContain('"explanation"');
        expect({ ...none, eligible: full.eligible, basis: full.basis }).toEqual(none);
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it.each<ExplainLevel>(['full', 'rules', 'none'])('%s: decisionId is the last member, and the sha256 is of the answer without it', (level) => {
    const { body } = answered(ask(ruleSet, 'eligibility', { programme: 'nsk', date: '2024-03-15', person: T1_PERSON, services: T1_SERVICES }));
    const without = answerJson(body, level);
    const withId = answerJson(body, level, 'an-id');
    const text = withId.bytes.toString('utf8');
    expect(text).toBe(`${without.bytes.toString('utf8').slice(0, -1)},"decisionId":"an-id"}`);
    expect(withId.sha256).toBe(createHash('sha256').update(without.bytes).digest('hex'));
    expect(without.sha256).toBe(withId.sha256);
    expect(Object.keys(JSON.parse(text) as object).at(-1)).toBe('decisionId');
  });

  it('levels give different digests, and the same answer made twice the same one', () => {
    const request = { programme: 'nsk', date: '2024-03-15', person: T1_PERSON, services: T1_SERVICES };
    const digests = (['full', 'rules', 'none'] as const).map((level) => answerJson(answered(ask(ruleSet, 'eligibility', request)).body, level).sha256);
    expect(new Set(digests).size).toBe(3);
    expect(answerJson(answered(ask(ruleSet, 'eligibility', request)).body, 'full').sha256).toBe(digests[0]);
  });

  it('a compensation answer: none drops the segments’ explanations, the lines’ lineRules and the steps; rules keeps the steps', () => {
    const { body } = answered(
      ask(ruleSet, 'compensation', {
        programme: 'nsk',
        period: { from: '2024-01-01', to: '2024-06-30' },
        person: T1_PERSON,
        services: T1_SERVICES,
        costs: [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-06-30', amount: '1200.00', funding: 'municipality', inPlan: true }],
      }),
    );
    const full = answerData(body, 'full') as {
      compensation: string;
      lines: Array<Record<string, unknown>>;
      segments: Array<Record<string, unknown>>;
      explanation: unknown[];
    };
    const none = answerData(body, 'none') as typeof full;
    expect(full.lines[0]).toHaveProperty('lineRules');
    expect(none.lines[0]).not.toHaveProperty('lineRules');
    expect(full.segments[0]).toHaveProperty('explanation');
    expect(none.segments[0]).not.toHaveProperty('explanation');
    expect(none).not.toHaveProperty('explanation');
    expect(full.explanation.length).toBeGreaterThan(0);
    expect((answerData(body, 'rules') as typeof full).explanation).toEqual(full.explanation);
    expect({ ...none, compensation: full.compensation }).toEqual(none);
  });

  it('complete data explain every named condition in full where it recurs (no explainedIn), compact data refer to it', () => {
    const { body } = answered(ask(ruleSet, 'eligibility', { programme: 'nsk', date: '2024-03-15', person: T1_PERSON, services: T1_SERVICES }));
    expect(JSON.stringify(answerData(body, 'full'))).toContain('"explainedIn"');
    expect(JSON.stringify(completeAnswerData(body))).not.toContain('"explainedIn"');
  });
});
