import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compensationResponse } from '../../src/answer/ask.js';
import type { RuleSet } from '../../src/rules/model.js';
import { responseData } from '../../src/wire/answer-json.js';
import { editedCopy, removeCopies, replace } from '../diff/fictional-edits.js';
import { DI2_PERSON } from '../support/requests.js';
import { FICTIONAL_PROGRAMMES, ruleSetAt } from '../support/rule-sets.js';

/**
 * What a DI delivery line's answer says beyond its amount (its unit, the unit cost shown, its parts, why it has no
 * price), and the request problems of the unitCostDeliveries kind: a two-rate service without its tier (A5), a
 * provision the version does not name, lines outside or touching the claim period. FICTIONAL rules: DI
 * 2015-07-01-fictional of test/fixtures/fictional-programmes (made-up unit costs: day care centre 15.00 / 20.00 a day
 * (A5), home care 4.00 an hour; provisions municipal → C1, procured → C2), and copies of it edited here with made-up
 * changes: a second version from 2018-01-01 with another rate, provisions and tiers named otherwise, a line rule.
 */

afterAll(removeCopies);

type Body = Record<string, unknown>;
interface Part {
  from: string;
  to: string;
  days: number;
  compensated: boolean;
  refs: string[];
  version: string;
}
interface DeliveryLine {
  index: number;
  service: string;
  unit: string | null;
  unitCost: string | null;
  provision: string;
  days: number;
  compensatedDays: number;
  compensatedUnits: string;
  amount: string;
  ref: string | null;
  refs: string[];
  parts: Part[];
  rateTier?: string;
  actualCost?: string;
  reason?: string;
}
interface Answer {
  compensation: string;
  lines: DeliveryLine[];
  explanation: unknown[];
}

const DI_VERSION = 'di/versions/2015-07-01-fictional.yaml';

/** DI with a made-up second version from 2018-01-01, whose lower day care centre rate is 18.00 (not 15.00). */
function withSecondVersion(): string {
  const copy = editedCopy(FICTIONAL_PROGRAMMES);
  writeFileSync(
    join(copy, 'di/versions/2018-01-01-fictional.yaml'),
    `# FICTIONAL amendment for tests only: a made-up lower day care centre rate from 2018-01-01.
version: "2018-01-01-fictional"
extends: "2015-07-01-fictional"
title:
  lv: Izdomāta DI testa versija ar citu likmi
  en: Fictional DI test version with another rate
effectiveFrom: "2018-01-01"
adopted: "2017-12-01"
parameters:
  dayCareCentreLowerRate:
    value: "18.00"
    source: 004_2c7da3a02bd8f104.txt — Sabiedrībā balstīto pakalpojumu izmaksas ESF projektos (izdomāta testa likme)
`,
  );
  return copy;
}

/**
 * DI whose first version has no unit cost for respite, and a made-up second version from 2018-01-01 whose compensation
 * block (the first version's as the fixture has it) prices respite at the short-term care rate, 21.00 a day.
 */
function withRespiteFrom2018(): string {
  const copy = editedCopy(FICTIONAL_PROGRAMMES);
  const first = join(copy, DI_VERSION);
  const text = readFileSync(first, 'utf8');
  const compensation = text.slice(text.indexOf('\ncompensation:\n') + 1);
  writeFileSync(first, replace(/ {4}respite:\n(?: {6}.*\n)+/, '')(text));
  writeFileSync(
    join(copy, 'di/versions/2018-01-01-fictional.yaml'),
    `# FICTIONAL amendment for tests only: respite gets a unit cost from 2018-01-01.
version: "2018-01-01-fictional"
extends: "2015-07-01-fictional"
title:
  lv: Izdomāta DI testa versija ar atelpas brīža vienības izmaksām
  en: Fictional DI test version with a unit cost for respite
effectiveFrom: "2018-01-01"
adopted: "2017-12-01"
${compensation}`,
  );
  return copy;
}

/** DI whose version names its procured provision "outsourced", and whose day care centre's two rates cite no assumption. */
const OWN_NAMES = editedCopy(FICTIONAL_PROGRAMMES, {
  [DI_VERSION]: (text) =>
    replace(
      '      provision: procured\n',
      '      provision: outsourced\n',
    )(
      replace(
        '      rates: { lower: { param: dayCareCentreLowerRate }, higher: { param: dayCareCentreHigherRate } }\n      tierAssumption: A5\n',
        '      rates: { lower: { param: dayCareCentreLowerRate }, higher: { param: dayCareCentreHigherRate } }\n',
      )(text),
    ),
});

/** DI with a made-up line rule C5: a line at the higher rate is not compensated. */
const HIGHER_TIER_EXCLUDED = editedCopy(FICTIONAL_PROGRAMMES, {
  [DI_VERSION]: replace(
    '  lineRules: []\n',
    `  lineRules:
    - id: C5
      kind: exclusion
      title:
        lv: Izdomāts testa noteikums — augstākā likme netiek kompensēta
        en: Fictional test rule — the higher rate is not compensated
      source: 002_9cefcd43c3585bb9.txt — izdomāts testa noteikums
      conditions:
        all:
          - fact: rateTier
            operator: equal
            value: higher
`,
  ),
});

const SECOND_VERSION = withSecondVersion();
const RESPITE_FROM_2018 = withRespiteFrom2018();

const march2017 = { from: '2017-03-01', to: '2017-03-31' };

function claim(deliveries: Body[], patch: Body = {}): Body {
  return { programme: 'di', period: march2017, person: DI2_PERSON, deliveries, ...patch };
}

function answer(ruleSet: RuleSet, body: Body): Answer {
  const response = responseData(compensationResponse(ruleSet, body));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as unknown as Answer;
}

function problems(ruleSet: RuleSet, body: Body): unknown {
  const response = responseData(compensationResponse(ruleSet, body));
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  return (response.body as { errors?: unknown }).errors;
}

const fictional = () => ruleSetAt(FICTIONAL_PROGRAMMES);

describe('a DI delivery line as answered', () => {
  it('a day care centre line at the lower rate: 10 days × 15.00 = 150.00 under C1, with its unit, unit cost, tier and one compensated part', () => {
    const [line] = answer(
      fictional(),
      claim([{ service: 'day_care_centre', from: '2017-03-01', to: '2017-03-10', units: '10', rateTier: 'lower', provision: 'municipal' }]),
    ).lines;
    expect(line).toMatchObject({
      unit: 'day',
      unitCost: '15.00',
      rateTier: 'lower',
      days: 10,
      compensatedDays: 10,
      compensatedUnits: '10',
      amount: '150.00',
      ref: 'C1',
      refs: ['A23', 'A5', 'C1', 'DI2'],
    });
    expect(line?.parts).toEqual([{ from: '2017-03-01', to: '2017-03-10', days: 10, compensated: true, refs: ['DI2'], version: '2015-07-01-fictional' }]);
  });

  it('the compensation is the sum of the lines’ exact amounts, rounded once: 2 × 197.2727… = 394.55 (not 2 × 197.27 = 394.54)', () => {
    // 2017-03-01…04-02: 33 days, 31 in March. 10 days × 31/33 × 21.00 = 6510/33 = 197.2727… → 197.27 shown.
    const delivery = { service: 'short_term_care', from: '2017-03-01', to: '2017-04-02', units: '10', provision: 'municipal' };
    const body = answer(fictional(), claim([delivery, delivery]));
    expect(body.lines.map((line) => line.amount)).toEqual(['197.27', '197.27']);
    expect(body.compensation).toBe('394.55');
    expect(body.explanation).toEqual([{ step: 'compensation', compensation: '394.55', rule: 'the sum of the lines, rounded once to cents, half-up' }]);
  });

  it('a one-rate line has its unit (hour) and no rateTier at all, not even an empty one: 12 hours × 4.00 = 48.00', () => {
    const response = compensationResponse(
      fictional(),
      claim([{ service: 'home_care', from: '2017-03-01', to: '2017-03-31', units: '12', provision: 'municipal' }]),
    );
    expect(response.status).toBe(200);
    const [line] = (response.body as unknown as Answer).lines;
    expect(line).toMatchObject({ unit: 'hour', unitCost: '4.00', amount: '48.00' });
    expect(line).not.toHaveProperty('rateTier');
  });

  it('a service with no unit cost in the rules (family assistant), procured with no actual cost: 0.00, no unit, no unit cost, and why', () => {
    const [line] = answer(fictional(), claim([{ service: 'family_assistant', from: '2017-03-01', to: '2017-03-31', units: '8', provision: 'procured' }])).lines;
    expect(line).toMatchObject({
      unit: null,
      unitCost: null,
      days: 31,
      compensatedDays: 0,
      compensatedUnits: '0',
      amount: '0.00',
      ref: null,
      refs: [],
      reason: "no unit cost for family_assistant in this programme's rules",
    });
    expect(line?.parts).toEqual([{ from: '2017-03-01', to: '2017-03-31', days: 31, compensated: false, refs: [], version: '2015-07-01-fictional' }]);
  });
});

describe('the unit cost a line shows, across a version change (2018-01-01-fictional: lower day care centre rate 18.00)', () => {
  it('the rate of the first part priced, not of the line’s first part: December blocked by C4 (plan on 2018-01-01), January at 18.00', () => {
    const body = answer(
      ruleSetAt(SECOND_VERSION),
      claim(
        // 2017-12-20…2018-01-10: 22 days, 12 in December (C4: no plan yet), 10 in January under the 2018 version.
        [{ service: 'day_care_centre', from: '2017-12-20', to: '2018-01-10', units: '22', rateTier: 'lower', provision: 'municipal' }],
        { period: { from: '2017-12-01', to: '2018-01-31' }, person: { ...DI2_PERSON, supportPlanDate: '2018-01-01' } },
      ),
    );
    const [line] = body.lines;
    // 22 units × 10/22 = 10 units × 18.00 = 180.00 (A2: pro rata by days).
    expect(line).toMatchObject({ unitCost: '18.00', compensatedDays: 10, compensatedUnits: '10', amount: '180.00', ref: 'C1' });
    expect(line?.parts.map(({ from, to, compensated, refs, version }) => ({ from, to, compensated, refs, version }))).toEqual([
      { from: '2017-12-20', to: '2017-12-31', compensated: false, refs: ['C4'], version: '2015-07-01-fictional' },
      { from: '2018-01-01', to: '2018-01-10', compensated: true, refs: ['DI2'], version: '2018-01-01-fictional' },
    ]);
    expect(body.compensation).toBe('180.00');
  });
});

describe('a service priced only from a later version (respite: no unit cost before 2018-01-01-fictional)', () => {
  it('a line across the change is paid for its 2018 days and says so: its unit, its unit cost, and no "no unit cost" reason', () => {
    const [line] = answer(
      ruleSetAt(RESPITE_FROM_2018),
      claim(
        // 2017-12-20…2018-01-10: 22 days, 12 in December (no unit cost: not judged), 10 in January at 21.00.
        [{ service: 'respite', from: '2017-12-20', to: '2018-01-10', units: '22', provision: 'municipal' }],
        { period: { from: '2017-12-01', to: '2018-01-31' } },
      ),
    ).lines;
    // 22 units × 10/22 = 10 units × 21.00 = 210.00.
    expect(line).toMatchObject({ unit: 'day', unitCost: '21.00', compensatedDays: 10, compensatedUnits: '10', amount: '210.00', ref: 'C1' });
    expect(line?.refs).toEqual(['A2', 'A22', 'A23', 'C1', 'DI2']);
    expect(line).not.toHaveProperty('reason');
  });
});

describe('line rules read the line’s facts (a made-up C5: a line at the higher rate is not compensated)', () => {
  it('the higher-rate line is excluded by C5 (0.00); the lower-rate one is paid, 10 days × 15.00 = 150.00', () => {
    const body = answer(
      ruleSetAt(HIGHER_TIER_EXCLUDED),
      claim([
        { service: 'day_care_centre', from: '2017-03-01', to: '2017-03-10', units: '10', rateTier: 'higher', provision: 'municipal' },
        { service: 'day_care_centre', from: '2017-03-01', to: '2017-03-10', units: '10', rateTier: 'lower', provision: 'municipal' },
      ]),
    );
    expect(body.lines.map(({ amount, compensatedDays, ref, refs }) => ({ amount, compensatedDays, ref, refs }))).toEqual([
      { amount: '0.00', compensatedDays: 0, ref: null, refs: ['C5'] },
      { amount: '150.00', compensatedDays: 10, ref: 'C1', refs: ['A23', 'A5', 'C1', 'DI2'] },
    ]);
    // The excluded line still has a unit cost: its unit and its rate (the higher, 20.00), and no "no unit cost" reason.
    expect(body.lines[0]).toMatchObject({ unit: 'day', unitCost: '20.00' });
    expect(body.lines[0]).not.toHaveProperty('reason');
    expect(body.compensation).toBe('150.00');
  });
});

describe('request problems of DI delivery lines', () => {
  it('a two-rate service without its tier says which assumption decides it (A5)', () => {
    expect(problems(fictional(), claim([{ service: 'day_care_centre', from: '2017-03-01', to: '2017-03-10', units: '10', provision: 'municipal' }]))).toEqual([
      { path: '/deliveries/0/rateTier', message: 'day_care_centre has a lower and a higher rate: say which (A5)' },
    ]);
  });

  it('every line’s problems are said, each once', () => {
    expect(
      problems(
        fictional(),
        claim([
          { service: 'day_care_centre', from: '2017-03-01', to: '2017-03-10', units: '10', provision: 'municipal' },
          { service: 'home_care', from: '2017-03-01', to: '2017-03-10', units: '10', provision: 'procured' },
        ]),
      ),
    ).toEqual([
      { path: '/deliveries/0/rateTier', message: 'day_care_centre has a lower and a higher rate: say which (A5)' },
      { path: '/deliveries/1/actualCost', message: 'is required when provision is procured (C2)' },
    ]);
  });

  const outside = { path: '/deliveries/0', message: 'lies outside the period 2017-03-01…2017-03-31' };
  const noTier = { path: '/deliveries/0/rateTier', message: 'day_care_centre has a lower and a higher rate: say which (A5)' };
  it.each([
    { where: 'wholly before the period', from: '2017-02-01', to: '2017-02-28', expected: [outside] },
    { where: 'wholly after the period', from: '2017-04-01', to: '2017-04-10', expected: [outside] },
    { where: 'ending on the period’s first day', from: '2017-02-20', to: '2017-03-01', expected: [noTier] },
    { where: 'starting on the period’s last day', from: '2017-03-31', to: '2017-04-05', expected: [noTier] },
  ])('a line $where ($from…$to) is judged by the versions of its own days only', ({ from, to, expected }) => {
    expect(problems(fictional(), claim([{ service: 'day_care_centre', from, to, units: '5', provision: 'municipal' }]))).toEqual(expected);
  });

  it('a version that names its provisions otherwise (municipal, outsourced) refuses the others, and a tier with no assumption names rateTier', () => {
    expect(
      problems(
        ruleSetAt(OWN_NAMES),
        claim([
          { service: 'home_care', from: '2017-03-01', to: '2017-03-10', units: '10', provision: 'procured', actualCost: '40.00' },
          { service: 'day_care_centre', from: '2017-03-01', to: '2017-03-10', units: '10', provision: 'municipal' },
        ]),
      ),
    ).toEqual([
      { path: '/deliveries/0/provision', message: 'must be one of municipal, outsourced' },
      { path: '/deliveries/1/rateTier', message: 'day_care_centre has a lower and a higher rate: say which (rateTier)' },
    ]);
  });
});
