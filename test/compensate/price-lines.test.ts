import { describe, expect, it } from 'vitest';
import { compensationResponse } from '../../src/answer/ask.js';
import { eligibilitySegments } from '../../src/answer/eligibility-answer.js';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import type { CompensationContext } from '../../src/compensate/compensation-context.js';
import type { LinePart } from '../../src/compensate/line-days.js';
import { compensationOf, countLine, firstVersionOf, type LineCounting } from '../../src/compensate/price-lines.js';
import type { RuleSet, RuleVersion } from '../../src/rules/model.js';
import { responseData } from '../../src/wire/answer-json.js';
import { FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { DI_PERSON, T1_PERSON, T1_SERVICES } from '../support/requests.js';

/**
 * The one loop every calculation kind shares (src/compensate/price-lines.ts): which version a line is read under,
 * which of its parts count and what each cites, when a part shows line rules of its own, and which lines are refused.
 * FICTIONAL rules only: NSK of test/fixtures/rules (2022-01-01-fictional until 2023-03-31, then 2023-04-01-fictional,
 * the same line rules R3 and E2 in both); IBM of test/fixtures/fictional-programmes (2017-03-01-fictional, whose line
 * rules end with RM0, then from 2020-04-20 2020-04-20-fictional, whose line rules add RM1–RM6), DI
 * (2015-07-01-fictional, no line rules) and the VSAC admission programme, which compensates nothing.
 */

type Body = Record<string, unknown>;
interface RuleShown {
  ref: string;
  result: boolean;
}
interface PartShown {
  from: string;
  to: string;
  days: number;
  refs: string[];
  version: string;
  lineRules?: RuleShown[];
  [counted: string]: unknown;
}
interface LineShown {
  refs: string[];
  parts: PartShown[];
  lineRules: RuleShown[];
  [figure: string]: unknown;
}

const fixture = (): RuleSet => ruleSetAt(FIXTURE_RULES);
const fictional = (): RuleSet => ruleSetAt(FICTIONAL_PROGRAMMES);

const firstHalf2023 = { from: '2023-01-01' as CalendarDate, to: '2023-06-30' as CalendarDate };

function answer(ruleSet: RuleSet, body: Body): { compensation: string; lines: LineShown[] } {
  const response = responseData(compensationResponse(ruleSet, body));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as unknown as { compensation: string; lines: LineShown[] };
}

const refsOf = (rules: readonly RuleShown[] | undefined): string[] | undefined => rules?.map((rule) => rule.ref);

/** The parts as shown, with their own line rules reduced to their refs (absent where a part shows none). */
const partsOf = (line: LineShown | undefined) => line?.parts.map(({ lineRules, ...part }) => (lineRules ? { ...part, lineRules: refsOf(lineRules) } : part));

/** A compensation context as the service builds one: the period cut into the programme's real eligibility segments. */
function contextOf(ruleSet: RuleSet, programmeId: string, person: Body, request: Body, period: { from: CalendarDate; to: CalendarDate }): CompensationContext {
  const programme = ruleSet.programmes.get(programmeId);
  if (!programme) throw new Error(`no programme ${programmeId}`);
  const evaluated = eligibilitySegments(programme, { person, request }, period.from, period.to);
  if ('kind' in evaluated) throw new Error(JSON.stringify(evaluated));
  return {
    period,
    segments: evaluated.segments,
    calendars: ruleSet.calendars,
    emergencies: ruleSet.emergencies,
    programmes: ruleSet.programmes,
  };
}

/** NSK's H1 2023 for T1, eligible on every day: two segments, 01-01…03-31 (2022-01-01-fictional) and 04-01…06-30 (2023-04-01-fictional). */
const nskFirstHalf2023 = (): CompensationContext => contextOf(fixture(), 'nsk', T1_PERSON, { services: T1_SERVICES }, firstHalf2023);

describe('compensationOf: the compensation settings of a version', () => {
  it('a version with compensation rules gives them', () => {
    const version = fixture()
      .programmes.get('nsk')
      ?.versions.find((candidate) => candidate.version === '2023-04-01-fictional') as RuleVersion;
    expect(compensationOf(version)).toMatchObject({ kind: 'cappedActualCost', proRataAssumption: 'A2' });
  });

  it('a version without any (the VSAC admission programme) is a programming error the caller should have checked, named by its version', () => {
    const [version] = fictional().programmes.get('vsac-admission')?.versions ?? [];
    expect(version?.compensation).toBeNull();
    expect(() => compensationOf(version as RuleVersion)).toThrow(new Error(`version ${version?.version} has no compensation (checked by the caller)`));
  });
});

describe('firstVersionOf: the version a line is read under is that of its first day in the period', () => {
  it.each([
    { name: 'a line inside the second segment', from: '2023-05-01', to: '2023-05-31', version: '2023-04-01-fictional' },
    { name: 'a one-day line on the second segment’s first day', from: '2023-04-01', to: '2023-04-01', version: '2023-04-01-fictional' },
    { name: 'a line ending on the second segment’s first day', from: '2023-03-20', to: '2023-04-01', version: '2022-01-01-fictional' },
    { name: 'a line starting on the first segment’s last day', from: '2023-03-31', to: '2023-04-05', version: '2022-01-01-fictional' },
    { name: 'a line starting before the period', from: '2022-12-01', to: '2023-04-10', version: '2022-01-01-fictional' },
    { name: 'a line with no day in the period: the period’s first segment', from: '2023-07-01', to: '2023-07-31', version: '2022-01-01-fictional' },
  ])('$name ($from…$to): $version', ({ from, to, version }) => {
    const line = { from: from as CalendarDate, to: to as CalendarDate };
    expect(firstVersionOf(nskFirstHalf2023(), line).version).toBe(version);
  });
});

describe('which parts of a line count, and what each cites', () => {
  it('NSK: the days before the person is eligible count nothing and cite the blocker; the line counts pro rata (A2)', () => {
    // T1 left the VSAC on 2023-02-28 (A3: eligible from 2023-03-01). The line 2023-02-20…03-10 has 19 days, 10 counted:
    // 190.00 × 10 ÷ 19 = 100.00.
    const body = answer(fixture(), {
      programme: 'nsk',
      period: firstHalf2023,
      person: { ...T1_PERSON, vsacExit: { date: '2023-02-28', service: 'institutional_care' } },
      services: T1_SERVICES,
      costs: [{ service: 'day_care_centre', from: '2023-02-20', to: '2023-03-10', amount: '190.00', funding: 'municipality', inPlan: true }],
    });
    const [line] = body.lines;
    expect(line).toMatchObject({ days: 19, countedDays: 10, eligibleAmount: '100.00', refs: ['A2', 'R1', 'T1'] });
    // Both parts are judged alike by the line rules under one version: neither shows line rules of its own.
    expect(partsOf(line)).toEqual([
      { from: '2023-02-20', to: '2023-02-28', days: 9, counted: false, refs: ['R1'], version: '2022-01-01-fictional' },
      { from: '2023-03-01', to: '2023-03-10', days: 10, counted: true, refs: ['T1'], version: '2022-01-01-fictional' },
    ]);
    expect(line?.parts.map((part) => Object.hasOwn(part, 'lineRules'))).toEqual([false, false]);
    expect(refsOf(line?.lineRules)).toEqual(['R3', 'E2']);
    expect(body.compensation).toBe('100.00');
  });

  it('NSK: a line its line rules block counts nothing, cites them, and its parts still show no line rules of their own', () => {
    // A state-funded day care centre: E2 holds and R3 does not, on every day.
    const body = answer(fixture(), {
      programme: 'nsk',
      period: firstHalf2023,
      person: T1_PERSON,
      services: T1_SERVICES,
      costs: [{ service: 'day_care_centre', from: '2023-03-21', to: '2023-04-10', amount: '210.00', funding: 'state', inPlan: true }],
    });
    const [line] = body.lines;
    expect(line).toMatchObject({ days: 21, countedDays: 0, eligibleAmount: '0.00', refs: ['E2', 'R3'] });
    // Split by the version change on 2023-04-01; judged alike (R3 and E2 blocking) under both versions.
    expect(partsOf(line)).toEqual([
      { from: '2023-03-21', to: '2023-03-31', days: 11, counted: false, refs: ['E2', 'R3'], version: '2022-01-01-fictional' },
      { from: '2023-04-01', to: '2023-04-10', days: 10, counted: false, refs: ['E2', 'R3'], version: '2023-04-01-fictional', lineRules: ['R3', 'E2'] },
    ]);
  });

  it('DI: a service with no unit cost counts nothing and cites nothing (it was not judged)', () => {
    const body = answer(fictional(), {
      programme: 'di',
      period: { from: '2017-03-01', to: '2017-03-31' },
      person: DI_PERSON,
      deliveries: [{ service: 'family_assistant', from: '2017-03-01', to: '2017-03-10', units: '10', provision: 'municipal' }],
    });
    const [line] = body.lines;
    expect(line).toMatchObject({
      compensatedDays: 0,
      amount: '0.00',
      ref: null,
      refs: [],
      reason: "no unit cost for family_assistant in this programme's rules",
    });
    expect(partsOf(line)).toEqual([{ from: '2017-03-01', to: '2017-03-10', days: 10, compensated: false, refs: [], version: '2015-07-01-fictional' }]);
    expect(body.compensation).toBe('0.00');
  });
});

describe('a part shows line rules of its own when it was judged under another version than the line’s first part', () => {
  it('IBM across 2020-04-20: the later part shows 2020-04-20-fictional’s line rules, the line those of its first part', () => {
    // 12.00 × 10 units over 10 days, every day paid: 120.00.
    const body = answer(fictional(), {
      programme: 'ibm',
      period: { from: '2020-04-01', to: '2020-04-30' },
      person: { birthDate: '1980-05-10', conditions: [{ type: 'mental_disorder', severity: 'severe' }] },
      serviceLines: [{ service: 'day_care_centre', from: '2020-04-15', to: '2020-04-24', units: '10', funding: 'municipality', price: '12.00' }],
    });
    const [line] = body.lines;
    expect(line).toMatchObject({ amount: '120.00', paidDays: 10, refs: ['P1'] });
    expect(partsOf(line)).toEqual([
      { from: '2020-04-15', to: '2020-04-19', days: 5, paid: true, refs: ['P1'], version: '2017-03-01-fictional' },
      {
        from: '2020-04-20',
        to: '2020-04-24',
        days: 5,
        paid: true,
        refs: ['P1'],
        version: '2020-04-20-fictional',
        lineRules: ['IB1', 'IB2', 'IB3', 'RM1', 'RM6', 'RM2', 'RM3', 'RM4', 'RM5'],
      },
    ]);
    expect(refsOf(line?.lineRules)).toEqual(['IB1', 'IB2', 'IB3', 'RM0']);
  });
});

describe('countLine, by the kind’s counting', () => {
  /**
   * A line 2023-05-01…05-10 of NSK's 2023-04-01-fictional segment (T1 eligible), cut by its date field `until` at
   * 2023-05-06 into 05-01…05-05 and 05-06…05-10. Its facts are those of a line R3 and E2 let count, except that
   * `stateFundedUntil` makes the first part state-funded (E2 and R3 block it), so its two parts are judged otherwise.
   */
  const line = { from: '2023-05-01' as CalendarDate, to: '2023-05-10' as CalendarDate, until: '2023-05-05' };
  const facts = (stateFundedUntil: string | null) => (part: LinePart) => ({
    evaluationDate: part.from,
    service: 'day_care_centre',
    funding: stateFundedUntil !== null && part.from <= stateFundedUntil ? 'state' : 'municipality',
    inPlan: true,
    diCompensatedUntil: null,
  });
  const counting = (ownRulesWhen: LineCounting['ownRulesWhen'], unpricedPartRefs: LineCounting['unpricedPartRefs']): LineCounting => ({
    dateFields: ['until'],
    ownRulesWhen,
    unpricedPartRefs,
    proRataOf: 'days',
  });
  const shown = (parts: ReturnType<typeof countLine>['parts']) =>
    parts.map(({ lineRules, ...part }) => (lineRules ? { ...part, lineRules: lineRules.traces().map((rule) => rule.ref) } : part));

  it.each([
    { ownRulesWhen: 'otherVersion', secondShows: undefined },
    { ownRulesWhen: 'otherJudgement', secondShows: ['R3', 'E2'] },
  ] as const)(
    'ownRulesWhen $ownRulesWhen: parts of one version judged otherwise — the second shows own line rules: $secondShows',
    ({ ownRulesWhen, secondShows }) => {
      const priced: string[] = [];
      const counted = countLine(nskFirstHalf2023(), line, counting(ownRulesWhen, 'none'), {
        facts: facts('2023-05-05'),
        priceable: () => true,
        price: (part, days) => {
          priced.push(`${part.from}…${part.to} of ${days}`);
          return ['PRICE'];
        },
      });
      expect(shown(counted.parts)).toEqual([
        { from: '2023-05-01', to: '2023-05-05', days: 5, counted: false, refs: ['E2', 'R3'], version: '2023-04-01-fictional' },
        {
          from: '2023-05-06',
          to: '2023-05-10',
          days: 5,
          counted: true,
          refs: ['T1'],
          version: '2023-04-01-fictional',
          ...(secondShows ? { lineRules: secondShows } : {}),
        },
      ]);
      expect(Object.hasOwn(counted.parts[1] ?? {}, 'lineRules')).toBe(secondShows !== undefined);
      // The first part's judgement is the line's: R3 not met, E2 holding.
      expect(counted.lineRules.traces().map((rule) => `${rule.ref} ${rule.result}`)).toEqual(['R3 false', 'E2 true']);
      expect({ countedDays: counted.countedDays, priced, refs: [...counted.refs].sort() }).toEqual({
        countedDays: 5,
        priced: ['2023-05-06…2023-05-10 of 10'],
        // 5 of the line's 10 days count: pro rata (A2).
        refs: ['A2', 'E2', 'PRICE', 'R3', 'T1'],
      });
    },
  );

  it('ownRulesWhen otherJudgement: parts judged alike show no line rules of their own', () => {
    const counted = countLine(nskFirstHalf2023(), line, counting('otherJudgement', 'none'), {
      facts: facts(null),
      priceable: () => true,
      price: () => [],
    });
    expect(counted.parts.map((part) => Object.hasOwn(part, 'lineRules'))).toEqual([false, false]);
    expect(counted.countedDays).toBe(10);
  });

  it.each([
    { unpricedPartRefs: 'judgement', refs: ['T1'] },
    { unpricedPartRefs: 'none', refs: [] },
  ] as const)(
    'unpricedPartRefs $unpricedPartRefs: an eligible part the kind cannot price counts nothing, is not priced, and cites $refs',
    ({ unpricedPartRefs, refs }) => {
      const priced: string[] = [];
      const counted = countLine(nskFirstHalf2023(), line, counting('otherVersion', unpricedPartRefs), {
        facts: facts(null),
        priceable: () => false,
        price: (part) => {
          priced.push(part.from);
          return [];
        },
      });
      expect(counted.parts.map(({ from, counted: isCounted, refs: partRefs }) => ({ from, counted: isCounted, refs: partRefs }))).toEqual([
        { from: '2023-05-01', counted: false, refs },
        { from: '2023-05-06', counted: false, refs },
      ]);
      expect({ countedDays: counted.countedDays, priced, refs: counted.refs }).toEqual({ countedDays: 0, priced: [], refs: [...refs, ...refs] });
    },
  );
});

describe('a line wholly outside the claim period is a request problem', () => {
  it.each([
    { name: 'ending the day before the period', from: '2022-12-01', to: '2022-12-31' },
    { name: 'starting the day after it', from: '2023-07-01', to: '2023-07-31' },
  ])('$name ($from…$to)', ({ from, to }) => {
    const response = responseData(
      compensationResponse(fixture(), {
        programme: 'nsk',
        period: firstHalf2023,
        person: T1_PERSON,
        services: T1_SERVICES,
        costs: [
          // On the period's first and last days: inside.
          { service: 'day_care_centre', from: '2022-12-01', to: '2023-01-01', amount: '100.00', funding: 'municipality', inPlan: true },
          { service: 'day_care_centre', from: '2023-06-30', to: '2023-07-31', amount: '100.00', funding: 'municipality', inPlan: true },
          { service: 'day_care_centre', from, to, amount: '100.00', funding: 'municipality', inPlan: true },
        ],
      }),
    );
    expect(response.status).toBe(400);
    expect((response.body as { errors: unknown }).errors).toEqual([{ path: '/costs/2', message: 'lies outside the period 2023-01-01…2023-06-30' }]);
  });
});
