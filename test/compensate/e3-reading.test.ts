import { describe, expect, it } from 'vitest';
import { compensationResponse, eligibilityResponse } from '../../src/answer/ask.js';
import { bundledRuleSet, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { T1_PERSON } from '../support/requests.js';
import { responseData } from '../../src/wire/answer-json.js';

/**
 * A17 is an open question an officer can switch in the rule files alone: the bundled rules read E3 per service
 * (footnote 4, "NSK šo pakalpojumu sniegšanas izmaksām …"), the fixture rules (test/fixtures/rules) have been
 * switched to the other reading, per person, as A17's otherReading tells an officer to. The same claim is asked of
 * both; only the shape of the answer is asserted, never a figure of the law.
 */

type Body = Record<string, unknown>;
interface Line {
  index: number;
  days: number;
  countedDays: number;
  refs: string[];
}
interface Answer {
  segments: Array<{ from: string; to: string; eligible: boolean; blockers: string[] }>;
  lines: Line[];
  assumptions: Array<{ id: string; otherReading?: unknown; passage?: unknown }>;
}

const halfYear = { from: '2019-07-01', to: '2019-12-31' };
// The group home is DI-compensated until 2019-09-30; the day care centre never was.
const services = [
  { type: 'group_home', inPlan: true, funding: 'municipality', diCompensatedUntil: '2019-09-30' },
  { type: 'day_care_centre', inPlan: true, funding: 'municipality' },
];
const claim: Body = {
  programme: 'nsk',
  period: halfYear,
  person: T1_PERSON,
  services,
  costs: [
    { service: 'group_home', ...halfYear, amount: '1800.00', funding: 'municipality', inPlan: true, diCompensatedUntil: '2019-09-30' },
    { service: 'day_care_centre', ...halfYear, amount: '1200.00', funding: 'municipality', inPlan: true },
  ],
};

function answerOf(rulesAt: 'bundled' | 'switched', body: Body): Answer {
  const ruleSet = rulesAt === 'bundled' ? bundledRuleSet() : ruleSetAt(FIXTURE_RULES);
  const response = responseData(compensationResponse(ruleSet, body));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as unknown as Answer;
}

describe('A17 E3 per service (bundled) or per person (switched in the rule files)', () => {
  it('per service: the person is eligible all half-year; the DI-compensated line counts from the day after its own DI compensation ends, the other line all its days', () => {
    const answer = answerOf('bundled', claim);
    expect(answer.segments.map(({ from, to, eligible }) => ({ from, to, eligible }))).toEqual([{ ...halfYear, eligible: true }]);
    const [groupHome, dayCare] = answer.lines as [Line, Line];
    expect(groupHome.countedDays).toBe(92); // 2019-10-01…12-31
    expect(groupHome.refs).toContain('E3');
    expect(dayCare.countedDays).toBe(dayCare.days);
    expect(dayCare.refs).not.toContain('E3');
  });

  it('per person: while any service in the plan is DI-compensated no day counts, for either line', () => {
    const answer = answerOf('switched', claim);
    expect(answer.segments.map(({ from, to, eligible, blockers }) => ({ from, to, eligible, blockers }))).toEqual([
      { from: '2019-07-01', to: '2019-09-30', eligible: false, blockers: ['E3'] },
      { from: '2019-10-01', to: '2019-12-31', eligible: true, blockers: [] },
    ]);
    expect((answer.lines as Line[]).map((line) => line.countedDays)).toEqual([92, 92]);
  });

  it('each answer shows A17 with the other reading and the passage that leaves it open', () => {
    for (const rulesAt of ['bundled', 'switched'] as const) {
      const a17 = answerOf(rulesAt, claim).assumptions.find((assumption) => assumption.id === 'A17');
      expect(a17, rulesAt).toMatchObject({
        otherReading: { lv: expect.any(String), en: expect.any(String) },
        passage: expect.stringContaining('4. zemsvītras piezīme'),
      });
    }
  });

  it('the period is cut on the day after a service leaves DI compensation, in either reading, and not where nothing changes', () => {
    const period = { programme: 'nsk', period: halfYear, person: T1_PERSON };
    const cutsOf = (rulesAt: 'bundled' | 'switched', body: Body): string[] => {
      const response = responseData(eligibilityResponse(rulesAt === 'bundled' ? bundledRuleSet() : ruleSetAt(FIXTURE_RULES), body));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return ((response.body as unknown as Answer).segments ?? []).map((segment) => segment.from);
    };
    // Only DI-compensated services: per service and per person alike, NSK starts with the first one that leaves DI.
    const onlyDi = [
      { type: 'group_home', inPlan: true, funding: 'municipality', diCompensatedUntil: '2019-08-15' },
      { type: 'day_care_centre', inPlan: true, funding: 'municipality', diCompensatedUntil: '2019-10-31' },
    ];
    expect(cutsOf('bundled', { ...period, services: onlyDi })).toEqual(['2019-07-01', '2019-08-16']);
    expect(cutsOf('switched', { ...period, services: onlyDi })).toEqual(['2019-07-01', '2019-11-01']);
  });
});
