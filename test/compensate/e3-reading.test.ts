import { afterAll, describe, expect, it } from 'vitest';
import { compensationResponse, eligibilityResponse } from '../../src/answer/ask.js';
import { FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { T1_PERSON } from '../support/requests.js';
import { responseData } from '../../src/wire/answer-json.js';
import { editedCopy, inOrder, NSK_2019, removeCopies, replace } from '../diff/fictional-edits.js';

/**
 * A17 is an open question an officer can switch in the rule files alone. The fixture rules (test/fixtures/rules) have
 * been switched to the per-person reading; a copy of them is switched back here, in its programme and 2019-01-01
 * version files, to the per-service reading (footnote 4, "NSK šo pakalpojumu sniegšanas izmaksām …") as A17's
 * otherReading tells an officer: a derived fact of the services no DI project compensates on the day, E3 on it, and
 * E3 on each cost line. The same claim is asked of both; only the shape of the answer is asserted, and never today's
 * law: rules/ may read A17 either way.
 */

afterAll(removeCopies);

const PER_SERVICE_E3 = `    conditions:
      all:
        - fact: services
          operator: hasItemMatching
          value: { inPlan: [true], funding: [municipality], type: { notIn: [assistant] } }
        - fact: servicesOutsideDi
          operator: hasNoItemMatching
          value: { inPlan: [true], funding: [municipality], type: { notIn: [assistant] } }
`;
const PER_SERVICE_LINE_E3 = `    - id: E3
      kind: exclusion
      title:
        lv: Šīs rindas pakalpojuma izmaksas šajās dienās pašvaldībai kompensē DI projekts
        en: A DI project compensates the municipality for this line's service on these days
      source: 000_23e6dbc396def2aa.txt — 4. zemsvītras piezīme
      assumptions: [A17]
      conditions:
        all:
          - fact: diCompensatedUntil
            operator: dateOnOrAfter
            value: { fact: evaluationDate }
`;
const PER_SERVICE = editedCopy(FIXTURE_RULES, {
  'nsk/programme.yaml': replace(
    '  # The other reading of A17',
    `  servicesOutsideDi:
    kind: itemsByDate
    of: services
    field: diCompensatedUntil
    keep: absentOrBeforeDay
    title: { lv: "Pakalpojumi, ko vērtēšanas dienā nekompensē DI projekts", en: Services no DI project compensates on the evaluated day }
  # The other reading of A17`,
  ),
  [NSK_2019]: inOrder(
    replace(
      `    conditions:
      all:
        - fact: servicesUnderDi
          operator: hasItemMatching
          value: { inPlan: [true] }
`,
      PER_SERVICE_E3,
    ),
    (text) => `${text}${PER_SERVICE_LINE_E3}`,
  ),
});

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

type Reading = 'per service' | 'per person';
const rulesOf = (reading: Reading) => ruleSetAt(reading === 'per service' ? PER_SERVICE : FIXTURE_RULES);

function answerOf(reading: Reading, body: Body): Answer {
  const ruleSet = rulesOf(reading);
  const response = responseData(compensationResponse(ruleSet, body));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as unknown as Answer;
}

describe('A17 E3 per service or per person, switched in the rule files', () => {
  it('per service: the person is eligible all half-year; the DI-compensated line counts from the day after its own DI compensation ends, the other line all its days', () => {
    const answer = answerOf('per service', claim);
    expect(answer.segments.map(({ from, to, eligible }) => ({ from, to, eligible }))).toEqual([{ ...halfYear, eligible: true }]);
    const [groupHome, dayCare] = answer.lines as [Line, Line];
    expect(groupHome.countedDays).toBe(92); // 2019-10-01…12-31
    expect(groupHome.refs).toContain('E3');
    expect(dayCare.countedDays).toBe(dayCare.days);
    expect(dayCare.refs).not.toContain('E3');
  });

  it('per person: while any service in the plan is DI-compensated no day counts, for either line', () => {
    const answer = answerOf('per person', claim);
    expect(answer.segments.map(({ from, to, eligible, blockers }) => ({ from, to, eligible, blockers }))).toEqual([
      { from: '2019-07-01', to: '2019-09-30', eligible: false, blockers: ['E3'] },
      { from: '2019-10-01', to: '2019-12-31', eligible: true, blockers: [] },
    ]);
    expect((answer.lines as Line[]).map((line) => line.countedDays)).toEqual([92, 92]);
  });

  it('each answer shows A17 with the other reading and the passage that leaves it open', () => {
    for (const reading of ['per service', 'per person'] as const) {
      const a17 = answerOf(reading, claim).assumptions.find((assumption) => assumption.id === 'A17');
      expect(a17, reading).toMatchObject({
        otherReading: { lv: expect.any(String), en: expect.any(String) },
        passage: expect.stringContaining('4. zemsvītras piezīme'),
      });
    }
  });

  it('the period is cut on the day after a service leaves DI compensation, in either reading, and not where nothing changes', () => {
    const period = { programme: 'nsk', period: halfYear, person: T1_PERSON };
    const cutsOf = (reading: Reading, body: Body): string[] => {
      const response = responseData(eligibilityResponse(rulesOf(reading), body));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return ((response.body as unknown as Answer).segments ?? []).map((segment) => segment.from);
    };
    // Only DI-compensated services: per service and per person alike, NSK starts with the first one that leaves DI.
    const onlyDi = [
      { type: 'group_home', inPlan: true, funding: 'municipality', diCompensatedUntil: '2019-08-15' },
      { type: 'day_care_centre', inPlan: true, funding: 'municipality', diCompensatedUntil: '2019-10-31' },
    ];
    expect(cutsOf('per service', { ...period, services: onlyDi })).toEqual(['2019-07-01', '2019-08-16']);
    expect(cutsOf('per person', { ...period, services: onlyDi })).toEqual(['2019-07-01', '2019-11-01']);
  });
});
