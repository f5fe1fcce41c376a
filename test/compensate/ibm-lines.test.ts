import { describe, expect, it } from 'vitest';
import type { LeafTrace } from '../../src/evaluate/condition-trace.js';
import type { RuleTrace } from '../../src/evaluate/day-result.js';
import { compensationResponse } from '../../src/answer/ask.js';
import { IBM_ADULT, REMOTE_LINE_DOCUMENTED } from '../support/requests.js';
import { FICTIONAL_PROGRAMMES, ruleSetAt } from '../support/rule-sets.js';
import { responseData } from '../../src/wire/answer-json.js';

/**
 * What an IBM service line says beyond the amounts and refs the example cases in rules/ibm/tests check: which
 * declared emergency covered a remote line and where it was declared (A16), where the price came from (IB3), each
 * version's part of a line, and the line rules RM1–RM5 with their results. FICTIONAL rules
 * (test/fixtures/fictional-programmes): IBM 2017-03-01-fictional and, from 2020-04-20, 2020-04-20-fictional (amendment
 * No 2's rules); DI 2015-07-01-fictional (made-up unit costs: day care centre 15.00 / 20.00 a day); made-up declared
 * emergencies A (2020-03-23…2020-06-19) and B (2020-11-16…2021-03-31). Prices a line states are made up too.
 */

type Body = Record<string, unknown>;

interface LinePart {
  from: string;
  to: string;
  days: number;
  paid: boolean;
  refs: string[];
  version: string;
}

interface LineAnswer {
  price: string | null;
  priceFrom: 'defined' | 'diUnitCost' | null;
  amount: string;
  payable: boolean;
  paidDays: number;
  days: number;
  refs: string[];
  duringEmergency: boolean;
  emergency: { from: string; to: string; title: { lv: string; en: string }; source: string } | string | null;
  parts: LinePart[];
  lineRules: RuleTrace[];
}

const ruleSet = ruleSetAt(FICTIONAL_PROGRAMMES);

const adult = IBM_ADULT;
const documented = REMOTE_LINE_DOCUMENTED;

function remoteHour(from: string, to: string, evidence: Body = documented): Body {
  return { service: 'individual_support', from, to, units: '1', funding: 'municipality', price: '24.00', remote: true, provider: 'social_worker', evidence };
}

function lines(request: Body): LineAnswer[] {
  const response = responseData(compensationResponse(ruleSet, { programme: 'ibm', person: adult, ...request }));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body as { lines: LineAnswer[] }).lines;
}

function onlyLine(request: Body): LineAnswer {
  const [line] = lines(request);
  expect(line).toBeDefined();
  return line as LineAnswer;
}

describe('A16 the emergency a remote line names', () => {
  const [declared] = ruleSet.emergencies.get('fictional') ?? [];

  it('the first fictional declared emergency is A, 2020-03-23…2020-06-19, with its made-up order', () => {
    expect(declared).toMatchObject({ from: '2020-03-23', to: '2020-06-19', source: expect.stringContaining('Nr. 901') });
  });

  it.each([
    {
      name: 'a remote line inside the declared period names that period and its source',
      period: ['2020-05-01', '2020-05-31'],
      line: ['2020-05-04', '2020-05-29'],
      during: true,
      names: 'declared',
    },
    {
      name: 'a remote line on the declared period’s last day, 2020-06-19, still names it',
      period: ['2020-06-01', '2020-06-30'],
      line: ['2020-06-19', '2020-06-19'],
      during: true,
      names: 'declared',
    },
    {
      name: 'a remote line after the declared period names none',
      period: ['2020-07-01', '2020-07-31'],
      line: ['2020-07-01', '2020-07-31'],
      during: false,
      names: null,
    },
    {
      name: 'a remote line running one day past the declared period, 2020-06-01…20, names none',
      period: ['2020-06-01', '2020-06-30'],
      line: ['2020-06-01', '2020-06-20'],
      during: false,
      names: null,
    },
  ] as const)('$name', ({ period, line, during, names }) => {
    const answer = onlyLine({ period: { from: period[0], to: period[1] }, serviceLines: [remoteHour(line[0], line[1])] });
    expect(answer.duringEmergency).toBe(during);
    if (names === 'declared') {
      expect(answer.emergency).toEqual(declared);
      expect(answer.emergency).toMatchObject({
        from: '2020-03-23',
        to: '2020-06-19',
        title: { en: expect.stringContaining('Made-up state of emergency A') },
        source: expect.stringContaining('Nr. 901'),
      });
    } else {
      expect(answer.emergency).toBe(names);
    }
    // RM1 decides the line: paid exactly when an emergency covers it.
    expect(answer.payable).toBe(during);
    expect(answer.refs).toEqual(during ? ['P1'] : ['RM1']);
  });

  it('a request may not state an emergency itself: 400 at /emergency saying emergencies are data', () => {
    const response = responseData(
      compensationResponse(ruleSet, {
        programme: 'ibm',
        person: adult,
        period: { from: '2020-07-01', to: '2020-07-31' },
        emergency: true,
        serviceLines: [remoteHour('2020-07-01', '2020-07-31')],
      }),
    );
    expect(response.status).toBe(400);
    expect((response.body as { errors: Array<{ path: string; message: string }> }).errors).toEqual([
      { path: '/emergency', message: expect.stringContaining('declared emergencies are data') },
    ]);
  });

  it('an on-site line outside any emergency names none', () => {
    const answer = onlyLine({
      period: { from: '2019-03-01', to: '2019-03-31' },
      serviceLines: [{ service: 'day_care_centre', from: '2019-03-01', to: '2019-03-31', units: '21', funding: 'municipality', price: '17.10' }],
    });
    expect(answer.emergency).toBeNull();
    // 17.10 × 21 = 359.10.
    expect(answer.amount).toBe('359.10');
  });
});

describe('IB3 where a line’s price comes from', () => {
  const march = { from: '2021-03-01', to: '2021-03-31' };
  const answers = lines({
    period: march,
    serviceLines: [
      { service: 'day_care_centre', ...march, units: '20', funding: 'municipality', price: '17.10' },
      { service: 'day_care_centre', ...march, units: '20', funding: 'municipality', diPaidAtUnitCost: true, rateTier: 'lower' },
      { service: 'home_care', ...march, units: '30', funding: 'municipality' },
      { service: 'day_care_centre', ...march, units: '20', funding: 'ngo', price: '21.40' },
    ],
  });
  const diUnitCost = ruleSet.programmes.get('di')?.versions[0]?.parameters.get('dayCareCentreLowerRate')?.value as string;

  it.each([
    // 17.10 × 20 = 342.00, at the defined price: IB3 met by hasPrice, not named.
    { index: 0, name: 'a defined price is the price', price: '17.10', priceFrom: 'defined', amount: '342.00', refs: ['P1'] },
    // 15.00 × 20 = 300.00, at the (fictional) DI rule files' lower day care centre rate: IB3 is what let it be paid,
    // so it is named, with the assumptions that rate rests on (A5 tier, A23 indicative).
    {
      index: 1,
      name: 'with no defined price, the DI rule files’ unit cost is the price',
      price: '15.00',
      priceFrom: 'diUnitCost',
      amount: '300.00',
      refs: ['A23', 'A5', 'IB3', 'P1'],
    },
    { index: 2, name: 'with neither, there is no price and nothing is paid (IB2, IB3)', price: null, priceFrom: null, amount: '0.00', refs: ['IB2', 'IB3'] },
    // 21.40 × 20 = 428.00 at an NGO's defined price.
    { index: 3, name: 'another defined price is that price', price: '21.40', priceFrom: 'defined', amount: '428.00', refs: ['P1'] },
  ] as const)('line $index: $name', ({ index, price, priceFrom, amount, refs }) => {
    expect(answers[index]).toMatchObject({ price, priceFrom, amount, refs });
  });

  it('the DI unit cost is read from the DI rule files, never from the request', () => {
    expect(diUnitCost).toBe('15.00');
    expect(answers[1]).toMatchObject({
      price: diUnitCost,
      unitCosts: [{ from: '2021-03-01', to: '2021-03-31', programme: 'di', version: '2015-07-01-fictional', unitCost: diUnitCost }],
    });
  });

  it('a defined price and diPaidAtUnitCost on one line is a 400 naming diPaidAtUnitCost', () => {
    const response = responseData(
      compensationResponse(ruleSet, {
        programme: 'ibm',
        person: adult,
        period: march,
        serviceLines: [
          { service: 'day_care_centre', ...march, units: '20', funding: 'municipality', price: '21.40', diPaidAtUnitCost: true, rateTier: 'lower' },
        ],
      }),
    );
    expect(response.status).toBe(400);
    expect((response.body as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toEqual(['/serviceLines/0/diPaidAtUnitCost']);
  });
});

describe('A2 each version prices its own part of a line across 2020-04-20', () => {
  // All in emergency A. 2020-04-05…19 (15 days) under 2017-03-01-fictional: RM0; 2020-04-20…05-04 (15 days) under
  // 2020-04-20-fictional: paid. 24.00 × 8 × 15/30 = 96.00.
  const answer = onlyLine({
    period: { from: '2020-04-05', to: '2020-05-04' },
    serviceLines: [{ ...remoteHour('2020-04-05', '2020-05-04'), units: '8' }],
  });

  it('has one part per version, the first blocked by RM0 and the second paid', () => {
    expect(answer.parts).toMatchObject([
      { from: '2020-04-05', to: '2020-04-19', days: 15, paid: false, refs: ['RM0'], version: '2017-03-01-fictional' },
      { from: '2020-04-20', to: '2020-05-04', days: 15, paid: true, refs: ['P1'], version: '2020-04-20-fictional' },
    ]);
  });

  it("explains each part by its own version's line rules: RM0 for the line, RM1–RM6 on the part after the amendment", () => {
    const [first, second] = answer.parts as Array<{ lineRules?: Array<{ ref: string; result: boolean }> }>;
    expect(answer.lineRules.map((rule) => rule.ref)).toEqual(['IB1', 'IB2', 'IB3', 'RM0']);
    expect(first?.lineRules).toBeUndefined();
    expect(second?.lineRules?.map((rule) => [rule.ref, rule.result])).toEqual([
      ['IB1', false],
      ['IB2', false],
      ['IB3', true],
      ['RM1', true],
      ['RM6', true],
      ['RM2', true],
      ['RM3', true],
      ['RM4', true],
      ['RM5', true],
    ]);
  });

  it('is paid for its paid days only, pro rata', () => {
    expect(answer).toMatchObject({ days: 30, paidDays: 15, amount: '96.00', refs: ['A2', 'P1', 'RM0'] });
  });
});

function ruleResults(line: LineAnswer): Array<[string, boolean, string]> {
  return line.lineRules.map((rule) => [rule.ref, rule.result, rule.outcome]);
}

function leaves(trace: RuleTrace['conditions']): LeafTrace[] {
  if ('all' in trace) return trace.all.flatMap(leaves);
  if ('any' in trace) return trace.any.flatMap(leaves);
  if ('not' in trace) return leaves(trace.not);
  if ('condition' in trace) return 'conditions' in trace ? leaves(trace.conditions) : [];
  return [trace];
}

describe('RM1–RM6 in a line’s explanation', () => {
  const may = { from: '2020-05-01', to: '2020-05-31' };

  it.each([
    { name: 'a documented remote line meets all six', evidence: documented, failing: [] },
    { name: 'RM2: no record in the client file or protocol', evidence: { ...documented, recordedInClientFile: false }, failing: ['RM2'] },
    { name: 'RM3: the attendance sheet does not say remote', evidence: { ...documented, attendanceMarkedRemote: false }, failing: ['RM3'] },
    { name: 'RM4: nothing confirms receipt', evidence: { ...documented, personSigned: false }, failing: ['RM4'] },
    { name: 'RM5: the duration does not match', evidence: { ...documented, durationMatchesAgreement: false }, failing: ['RM5'] },
    {
      name: 'RM6: the social worker did not assess that remote delivery keeps the quality',
      evidence: { ...documented, remoteSuitabilityAssessed: false },
      failing: ['RM6'],
    },
    { name: 'no evidence at all: RM2–RM6', evidence: {}, failing: ['RM2', 'RM3', 'RM4', 'RM5', 'RM6'] },
  ] as const)('$name', ({ evidence, failing }) => {
    const answer = onlyLine({ period: may, serviceLines: [remoteHour('2020-05-04', '2020-05-29', evidence)] });
    const expected: Array<[string, boolean, string]> = ['IB1', 'IB2', 'IB3', 'RM1', 'RM6', 'RM2', 'RM3', 'RM4', 'RM5'].map((ref) => {
      const exclusion = ref === 'IB1' || ref === 'IB2';
      if (exclusion) return [ref, false, 'neutral'];
      const fails = (failing as readonly string[]).includes(ref);
      return [ref, !fails, fails ? 'blocker' : 'neutral'];
    });
    expect(ruleResults(answer)).toEqual(expected);
    expect(answer.refs).toEqual(failing.length === 0 ? ['P1'] : [...failing]);
    for (const rule of answer.lineRules) {
      expect(rule.title.en.length, rule.ref).toBeGreaterThan(0);
      expect(rule.source, rule.ref).toMatch(/ — /);
      expect(rule.source, rule.ref).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    }
  });

  it('RM1 shows the emergency it saw: remote true and duringEmergency true', () => {
    const answer = onlyLine({ period: may, serviceLines: [remoteHour('2020-05-04', '2020-05-29')] });
    const rm1 = answer.lineRules.find((rule) => rule.ref === 'RM1') as RuleTrace;
    expect(rm1.assumptions).toEqual(['A15', 'A16', 'A27']);
    expect(leaves(rm1.conditions).map(({ fact, factValue, result, skipped }) => ({ fact, factValue, result, skipped }))).toEqual([
      { fact: 'remote', factValue: true, result: false, skipped: undefined },
      { fact: 'duringEmergency', factValue: true, result: true, skipped: undefined },
    ]);
  });

  it('RM2 shows why a psychologist’s own file is not enough when the plan asked for an opinion not submitted', () => {
    const answer = onlyLine({
      period: may,
      serviceLines: [
        {
          ...remoteHour('2020-05-04', '2020-05-29'),
          service: 'specialist_consultation',
          provider: 'psychologist',
          evidence: {
            ...documented,
            recordedInClientFile: false,
            contentInSpecialistFile: true,
            opinionForPlan: true,
            personConsentedToOpinion: true,
            opinionSubmitted: false,
          },
        },
      ],
    });
    const rm2 = answer.lineRules.find((rule) => rule.ref === 'RM2') as RuleTrace;
    expect(rm2).toMatchObject({ result: false, outcome: 'blocker' });
    const seen = Object.fromEntries(
      leaves(rm2.conditions)
        .filter((leaf) => !leaf.skipped)
        .map((leaf) => [leaf.fact, leaf.factValue]),
    );
    expect(seen).toMatchObject({
      remote: true,
      recordedInClientFile: false,
      providerProtocol: false,
      provider: 'psychologist',
      contentInSpecialistFile: true,
      opinionForPlan: true,
      opinionSubmitted: false,
    });
  });

  it('an on-site line meets RM1–RM6 on remote false alone, every evidence condition skipped', () => {
    const answer = onlyLine({
      period: may,
      serviceLines: [{ service: 'day_care_centre', from: '2020-05-04', to: '2020-05-29', units: '20', funding: 'municipality', price: '17.10' }],
    });
    const remoteRules = answer.lineRules.filter((candidate) => candidate.ref.startsWith('RM'));
    expect(remoteRules.map((rule) => rule.ref)).toEqual(['RM1', 'RM6', 'RM2', 'RM3', 'RM4', 'RM5']);
    for (const rule of remoteRules) {
      const [first, ...rest] = leaves(rule.conditions);
      expect(first, rule.ref).toMatchObject({ fact: 'remote', factValue: false, result: true });
      expect(first, rule.ref).not.toHaveProperty('skipped');
      expect(
        rest.every((leaf) => leaf.skipped),
        rule.ref,
      ).toBe(true);
      expect(rule.outcome, rule.ref).toBe('neutral');
    }
  });

  it('before amendment No 2 a line is explained by IB1–IB3 and RM0, with no RM1–RM6 (even in a declared emergency)', () => {
    const answer = onlyLine({ period: { from: '2020-04-01', to: '2020-04-19' }, serviceLines: [remoteHour('2020-04-01', '2020-04-19')] });
    expect(ruleResults(answer)).toEqual([
      ['IB1', false, 'neutral'],
      ['IB2', false, 'neutral'],
      ['IB3', true, 'neutral'],
      ['RM0', true, 'blocker'],
    ]);
    expect(answer.refs).toEqual(['RM0']);
  });
});
