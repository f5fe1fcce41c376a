import { describe, expect, it } from 'vitest';
import { compensationResponse } from '../../src/answer/ask.js';
import { eligibilitySegments } from '../../src/answer/eligibility-answer.js';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import { cutAtLineDates, splitLine } from '../../src/compensate/line-days.js';
import type { Segment } from '../../src/evaluate/segments.js';
import type { RuleSet } from '../../src/rules/model.js';
import { responseData } from '../../src/wire/answer-json.js';
import { FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { DI_PERSON, T1_PERSON, T1_SERVICES } from '../support/requests.js';

/**
 * A line's days (src/compensate/line-days.ts): split by the eligibility segments, cut again the day after each of the
 * line's own dates (NSK's diCompensatedUntil), and a kind's answer summed from its lines. FICTIONAL rules only: NSK of
 * test/fixtures/rules, whose H1 2023 has two segments for T1 (2022-01-01-fictional until 2023-03-31, then
 * 2023-04-01-fictional) and whose line rules do not read diCompensatedUntil (E3 is read per person there), so every
 * part below counts; DI of test/fixtures/fictional-programmes (made-up unit cost: short-term care 21.00 a day).
 */

type Body = Record<string, unknown>;
interface PartShown {
  from: string;
  to: string;
  days: number;
  counted: boolean;
  version: string;
}

const fixture = (): RuleSet => ruleSetAt(FIXTURE_RULES);
const firstHalf2023 = { from: '2023-01-01' as CalendarDate, to: '2023-06-30' as CalendarDate };

function answer(ruleSet: RuleSet, body: Body): { compensation: string; explanation: unknown; lines: Array<Record<string, unknown> & { parts: PartShown[] }> } {
  const response = responseData(compensationResponse(ruleSet, body));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as unknown as { compensation: string; explanation: unknown; lines: Array<Record<string, unknown> & { parts: PartShown[] }> };
}

/** T1's segments of H1 2023 under the fixture rules, as the service evaluates them. */
function segmentsOfFirstHalf2023(): Segment[] {
  const programme = fixture().programmes.get('nsk');
  if (!programme) throw new Error('fixture nsk missing');
  const evaluated = eligibilitySegments(programme, { person: T1_PERSON, request: { services: T1_SERVICES } }, firstHalf2023.from, firstHalf2023.to);
  if ('kind' in evaluated) throw new Error(JSON.stringify(evaluated));
  return evaluated.segments;
}

describe('cutAtLineDates: a part is cut the day after each of the line’s dates inside it, in date order', () => {
  const line = { from: '2023-05-01' as CalendarDate, to: '2023-05-31' as CalendarDate };
  const cut = (dates: Record<string, unknown>, fields: readonly string[]): string[] => {
    const { parts } = splitLine(line, segmentsOfFirstHalf2023());
    return cutAtLineDates(parts, { ...line, ...dates }, fields).map((part) => `${part.from}…${part.to} ${part.days}`);
  };

  it.each([
    {
      name: 'two fields, the later date first',
      dates: { laterEnds: '2023-05-20', earlierEnds: '2023-05-05' },
      pieces: ['2023-05-01…2023-05-05 5', '2023-05-06…2023-05-20 15', '2023-05-21…2023-05-31 11'],
    },
    {
      name: 'two fields on the same date: one cut',
      dates: { laterEnds: '2023-05-10', earlierEnds: '2023-05-10' },
      pieces: ['2023-05-01…2023-05-10 10', '2023-05-11…2023-05-31 21'],
    },
    { name: 'a field that is not a date, and one missing: no cut', dates: { laterEnds: 'soon' }, pieces: ['2023-05-01…2023-05-31 31'] },
    { name: 'a date with no next day (9999-12-31): no cut', dates: { laterEnds: '9999-12-31', earlierEnds: null }, pieces: ['2023-05-01…2023-05-31 31'] },
  ])('$name', ({ dates, pieces }) => {
    expect(cut(dates, ['laterEnds', 'earlierEnds'])).toEqual(pieces);
  });
});

describe('NSK: a cost line is cut the day after its diCompensatedUntil, only where that day is inside a part', () => {
  const costLine = (from: string, to: string, amount: string, diCompensatedUntil: string) => ({
    service: 'day_care_centre',
    from,
    to,
    amount,
    funding: 'municipality',
    inPlan: true,
    diCompensatedUntil,
  });
  const line = (cost: Body) =>
    answer(fixture(), { programme: 'nsk', period: firstHalf2023, person: T1_PERSON, services: T1_SERVICES, costs: [cost] }).lines[0] as Record<
      string,
      unknown
    > & {
      parts: PartShown[];
    };
  const partsOf = (shown: { parts: PartShown[] }): string[] =>
    shown.parts.map(({ from, to, days, counted, version }) => `${from}…${to} ${days} ${counted} ${version}`);
  const LATER = '2023-04-01-fictional';
  const EARLIER = '2022-01-01-fictional';

  // 2023-05-01…05-31, 310.00: 31 days of the 2023-04-01-fictional segment, all of them counted: 310.00.
  it.each([
    {
      name: 'the day before the line’s last day',
      until: '2023-05-30',
      parts: [`2023-05-01…2023-05-30 30 true ${LATER}`, `2023-05-31…2023-05-31 1 true ${LATER}`],
    },
    { name: 'a day inside the line', until: '2023-05-15', parts: [`2023-05-01…2023-05-15 15 true ${LATER}`, `2023-05-16…2023-05-31 16 true ${LATER}`] },
    { name: 'the line’s last day (no day after it in the line)', until: '2023-05-31', parts: [`2023-05-01…2023-05-31 31 true ${LATER}`] },
    { name: 'the day before the line (its first day is the day after)', until: '2023-04-30', parts: [`2023-05-01…2023-05-31 31 true ${LATER}`] },
    { name: 'three weeks before the line', until: '2023-04-10', parts: [`2023-05-01…2023-05-31 31 true ${LATER}`] },
  ])('diCompensatedUntil on $name ($until)', ({ until, parts }) => {
    const shown = line(costLine('2023-05-01', '2023-05-31', '310.00', until));
    expect(partsOf(shown)).toEqual(parts);
    expect(shown).toMatchObject({ days: 31, countedDays: 31, eligibleAmount: '310.00' });
  });

  // 2023-03-20…04-10, 220.00: 12 days under 2022-01-01-fictional, 10 under 2023-04-01-fictional, all counted: 220.00.
  it.each([
    {
      name: 'inside the first part: only it is cut',
      until: '2023-03-25',
      parts: [`2023-03-20…2023-03-25 6 true ${EARLIER}`, `2023-03-26…2023-03-31 6 true ${EARLIER}`, `2023-04-01…2023-04-10 10 true ${LATER}`],
    },
    {
      name: 'the first part’s last day: neither is cut (the day after starts the second)',
      until: '2023-03-31',
      parts: [`2023-03-20…2023-03-31 12 true ${EARLIER}`, `2023-04-01…2023-04-10 10 true ${LATER}`],
    },
  ])('a line across the version change, diCompensatedUntil $name ($until)', ({ until, parts }) => {
    const shown = line(costLine('2023-03-20', '2023-04-10', '220.00', until));
    expect(partsOf(shown)).toEqual(parts);
    expect(shown).toMatchObject({ days: 22, countedDays: 22, eligibleAmount: '220.00' });
  });
});

describe('a kind’s answer is the sum of its lines, rounded once', () => {
  it('DI: two lines of 10.605 each give 21.21 (not 10.61 + 10.61 = 21.22), with the one compensation step', () => {
    // Short-term care 2017-02-28…03-01, 1.01 days, one of its two days in March: 21.00 × 1.01 × 1 ÷ 2 = 10.605, shown 10.61.
    const delivery = { service: 'short_term_care', from: '2017-02-28', to: '2017-03-01', units: '1.01', provision: 'municipal' };
    const body = answer(ruleSetAt(FICTIONAL_PROGRAMMES), {
      programme: 'di',
      period: { from: '2017-03-01', to: '2017-03-31' },
      person: DI_PERSON,
      deliveries: [delivery, delivery],
    });
    expect(body.lines.map((shown) => shown.amount)).toEqual(['10.61', '10.61']);
    expect(body.compensation).toBe('21.21');
    expect(body.explanation).toEqual([{ step: 'compensation', compensation: '21.21', rule: 'the sum of the lines, rounded once to cents, half-up' }]);
  });
});
