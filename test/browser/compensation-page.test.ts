import { describe, expect, it } from 'vitest';
import { daysInclusive, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { isNoVersion, resolveVersion } from '../../src/versions/resolve-version.js';
import { compensationResponse } from '../../src/answer/ask.js';
import { responseData } from '../../src/wire/answer-json.js';
import { README_NSK_EXAMPLE, readmeCompensationExample } from '../support/readme-examples.js';
import { bundledRuleSet, FICTIONAL_PROGRAMMES, ruleSetAt } from '../support/rule-sets.js';
import { chooseProgramme, control, fillNskPerson, openAssumptions, sentBody, T1_ADULT, type NskPerson } from './case-forms.js';
import { expectSelfContained, pageSessionForTests, type OpenPage } from './page-session.js';

/** The README's DI worked example (a year of deliveries). */
const README_DI_EXAMPLE = '**DI, a year of deliveries.**';

/** NSK as the README shows it: the bundled rules. */
const session = pageSessionForTests(() => bundledRuleSet());

/**
 * The service's own answer to a claim with the bundled rules, as a client parses it: what the page must show. No figure
 * of the law is written here, so an officer's amendment of rules/ changes the expectation with the answer.
 */
function bundledAnswer(claim: Record<string, unknown>): Record<string, unknown> {
  const response = responseData(compensationResponse(bundledRuleSet(), claim));
  if (response.status !== 200) throw new Error(`${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A money string ("1234.50") as the page writes it in Latvian: "1 234,50 €" with no-break spaces. */
function latvianMoney(amount: string): string {
  const [whole = '', cents = ''] = amount.split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, '\u00a0')},${cents}\u00a0€`;
}

/** A date ("2024-07-15") as the page writes it in Latvian: "15.07.2024.". */
function latvianDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}.`;
}

/** "10 darbdienas", "1 darbdiena", "21 darbdiena": Latvian counts ending in 1 (but not 11) take the singular. */
function workingDays(count: number): string {
  return `${count} ${count % 10 === 1 && count % 100 !== 11 ? 'darbdiena' : 'darbdienas'}`;
}

/** The figure next to a term of the result's list (eligible cost, cap, report due …). */
async function figure(opened: OpenPage, term: string): Promise<string | null> {
  return opened.page.locator('#compensation .result dl.figures dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent();
}

interface CostLine {
  service: string;
  from: string;
  to: string;
  amount: string;
  funding: string;
  diCompensatedUntil?: string;
}

/** A date as a caseworker types it on the Latvian page: "2024-03-15" → "15.03.2024". */
function typedLatvian(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
}

/** Money as the Latvian page shows it, typed back: "620.00" → "620,00". */
function typedMoney(amount: string): string {
  return amount.replace('.', ',');
}

/**
 * A cost line entered as a caseworker enters it on the Latvian page: days as dd.mm.yyyy, the amount with a decimal
 * comma, and "in the plan" answered (every line, the first as the added ones, starts unanswered).
 */
async function fillCostLine(opened: OpenPage, index: number, line: CostLine & { inPlan?: boolean }): Promise<void> {
  const form = opened.page.locator('#compensation form');
  if (index > 0) await form.getByRole('button', { name: 'Pievienot rindu' }).click();
  await control(form, `/costs/${index}/service`).selectOption(line.service);
  await control(form, `/costs/${index}/from`).fill(typedLatvian(line.from));
  await control(form, `/costs/${index}/to`).fill(typedLatvian(line.to));
  await control(form, `/costs/${index}/amount`).fill(typedMoney(line.amount));
  await control(form, `/costs/${index}/funding`).selectOption(line.funding);
  await control(form, `/costs/${index}/inPlan`).selectOption(String(line.inPlan ?? true));
  if (line.diCompensatedUntil) await control(form, `/costs/${index}/diCompensatedUntil`).fill(typedLatvian(line.diCompensatedUntil));
}

/** NSK is claimed per whole calendar half-year: the page asks for a year and a half, not for dates. */
async function nskHalfYear(opened: OpenPage, half: 'H1' | 'H2' = 'H1', person = T1_ADULT, approvedOn = '2024-07-20', year = '2024'): Promise<void> {
  const form = opened.page.locator('#compensation form');
  await chooseProgramme(form, 'nsk');
  await control(form, '/costs/0/amount').waitFor();
  await control(form, '/period/year').fill(year);
  await control(form, '/period/half').locator(`input[value="${half}"]`).check();
  await control(form, '/approvedOn').fill(typedLatvian(approvedOn));
  await fillNskPerson(form, person);
}

const calculate = (opened: OpenPage) =>
  sentBody(opened.page, '/v1/compensation', () => opened.page.locator('#compensation form').getByRole('button', { name: 'Aprēķināt' }).click());

describe('compensation calculator in the browser', () => {
  it("NSK (A1, A7), the README's half-year: the cap, the eligible cost, the dates due and each line with the refs that decided it, with totals", async () => {
    // README.md's worked example, read now: its request is what is entered; the service's answer to it is what is expected.
    const { request: claim } = readmeCompensationExample(README_NSK_EXAMPLE);
    const expected = bundledAnswer(claim) as {
      compensation: string;
      eligibleCost: string;
      cap: string;
      claimPeriod: { from: string; to: string };
      reportDue: string;
      paymentDue: string;
      lines: unknown[];
    };
    const { period, approvedOn, person, services, costs } = claim as {
      period: { from: string; to: string };
      approvedOn: string;
      person: Omit<NskPerson, 'condition' | 'service'> & { conditions: [NonNullable<NskPerson['condition']>] };
      services: [{ type: string; funding: string; inPlan: boolean }];
      costs: Array<CostLine & { inPlan: boolean }>;
    };
    // The form takes a year and a half, one condition and one service in the plan, and lines in the plan.
    expect(period.from.slice(0, 4)).toBe(period.to.slice(0, 4));
    expect([person.conditions.length, services.length, services[0]?.inPlan]).toEqual([1, 1, true]);
    expect(costs.every((cost) => cost.inPlan === true)).toBe(true);
    const entered: NskPerson = {
      birthDate: person.birthDate,
      condition: person.conditions[0],
      disabilityGroup: person.disabilityGroup,
      vsacExit: person.vsacExit,
      receivedDiServices: person.receivedDiServices,
      nskAsChild: person.nskAsChild,
      residence: person.residence,
      service: { type: services[0]?.type, funding: services[0]?.funding },
    };
    const opened = await session.open('compensation');
    const form = opened.page.locator('#compensation form');
    await nskHalfYear(opened, period.from.slice(5) === '01-01' ? 'H1' : 'H2', entered, approvedOn, period.from.slice(0, 4));
    // The half-year is chosen, not typed: NSK offers no free dates.
    expect(await control(form, '/period/from').count()).toBe(0);
    expect(await control(form, '/period/to').count()).toBe(0);
    for (const [index, cost] of costs.entries())
      await fillCostLine(opened, index, {
        service: cost.service,
        from: cost.from,
        to: cost.to,
        amount: cost.amount,
        funding: cost.funding,
        inPlan: cost.inPlan,
      });
    // What was typed the Latvian way (15.03.2024, 620,00) is sent as the API writes it (ISO dates, a decimal point).
    expect(await control(form, '/costs/0/from').inputValue()).toBe(typedLatvian(costs[0]?.from ?? ''));
    expect(await control(form, '/costs/0/amount').inputValue()).toBe(typedMoney(costs[0]?.amount ?? ''));
    const sent = await calculate(opened);
    expect(sent).toMatchObject({ programme: 'nsk', period, approvedOn, person, services, costs });
    expect(sent.person).not.toHaveProperty('diCompensatedUntil');

    // The rule version the README's half-year is answered by, for the texts it shows (read from rules/ now).
    const nsk = bundledRuleSet().programmes.get('nsk');
    const inForce = nsk ? resolveVersion(nsk, period.from as CalendarDate) : null;
    if (!inForce || isNoVersion(inForce)) throw new Error(`no bundled nsk version in force on ${period.from}`);
    const version = inForce.version;
    const result = opened.page.locator('#compensation .result');
    // The whole claim as entered, every line in the plan (not only the lines left in it, as an issue once reported).
    await expect.poll(() => result.locator('.verdict').textContent()).toBe(`Kompensācija: ${latvianMoney(expected.compensation)}`);
    await expect.poll(() => opened.page.evaluate(() => document.activeElement?.textContent)).toBe('Aprēķins');
    expect(await figure(opened, 'Griesti (A1)')).toBe(latvianMoney(expected.cap));
    expect(await figure(opened, 'Attiecināmās izmaksas')).toBe(latvianMoney(expected.eligibleCost));
    expect(await figure(opened, 'Pusgads')).toBe(`${latvianDate(expected.claimPeriod.from)}–${latvianDate(expected.claimPeriod.to)}`);
    expect(await figure(opened, 'Pārskats jāiesniedz līdz')).toBe(latvianDate(expected.reportDue));
    const paymentDays = Number(version.parameters.get('paymentWorkingDays')?.value);
    expect(paymentDays).toBeGreaterThan(0);
    expect(await figure(opened, 'Maksājuma termiņš')).toBe(
      `${latvianDate(expected.paymentDue)} — ${workingDays(paymentDays)} pēc apstiprināšanas (${latvianDate(approvedOn)})`,
    );
    const lines = result.locator('table', { hasText: 'Ieskaitītās dienas' });
    const rows = lines.locator('tbody tr');
    const expectedLines = expected.lines as Array<{ index: number; countedDays: number; eligibleAmount: string; refs: string[] }>;
    expect(expectedLines.map((line) => line.index)).toEqual(costs.map((_, index) => index));
    expect(await rows.count()).toBe(costs.length);
    const basisRules = new Map(version.rules.filter((rule) => rule.kind === 'basis').map((rule) => [rule.id, rule.title.lv]));
    const lineExclusions = new Set(version.compensation?.lineRules.filter((rule) => rule.kind === 'exclusion').map((rule) => rule.id));
    let named = 0;
    for (const line of expectedLines) {
      const row = rows.nth(line.index);
      const cost = costs[line.index] as CostLine;
      expect(await row.locator('td').nth(3).textContent()).toBe(`${line.countedDays} / ${daysInclusive(cost.from as CalendarDate, cost.to as CalendarDate)}`);
      expect(await row.locator('td').nth(4).textContent()).toBe(latvianMoney(line.eligibleAmount));
      expect(await row.locator('li[data-ref]').evaluateAll((items) => items.map((item) => item.getAttribute('data-ref')))).toEqual(line.refs);
      // A basis is named in words (the rule's title); a line that counts nothing says which exclusion applies.
      for (const ref of line.refs) {
        const title = basisRules.get(ref);
        if (title !== undefined) {
          expect(await row.locator(`li[data-ref="${ref}"]`).textContent()).toContain(title);
          named += 1;
        }
        if (line.countedDays === 0 && lineExclusions.has(ref)) {
          expect(await row.locator(`li[data-ref="${ref}"]`).textContent()).toMatch(new RegExp(`^${ref} — attiecas izņēmums: .+`));
          named += 1;
        }
      }
    }
    expect(named).toBeGreaterThanOrEqual(2);
    const total = costs.reduce((sum, cost) => sum + Math.round(Number(cost.amount) * 100), 0);
    expect(await lines.locator('tfoot').textContent()).toBe(`Kopā${latvianMoney((total / 100).toFixed(2))}${latvianMoney(expected.eligibleCost)}`);
    // The cap month by month, every sum to cents (the service gives a month's share to six decimals).
    const capCells = await result.locator('table', { hasText: 'Dienas mēnesī' }).locator('tbody td.number:has(.money)').allTextContents();
    expect(capCells.length).toBeGreaterThan(0);
    for (const cell of capCells) expect(cell).toMatch(/^\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0€$/);
    expect(await result.textContent()).not.toMatch(/\d[.,]\d{3,}\u00a0€/);
    // The assumptions the answer rests on follow the figures, folded; open questions say so, with the other reading.
    const { items, open } = await openAssumptions(result);
    expect(await items.count()).toBeGreaterThan(0);
    expect(await result.locator('li.assumption[data-assumption="A1"]').count()).toBe(1);
    if ((await open.count()) > 0) {
      expect(await open.first().locator('.badge--open').textContent()).toBe('Atklāts jautājums');
      expect(await open.first().locator('.other-reading').textContent()).toMatch(/^Cits iespējamais lasījums: .+/);
    }
    await opened.screenshot('compensation-nsk-half-year');
    expectSelfContained(opened);
  });

  it("DI, the README's year of deliveries entered field by field: its total, and each line's amount", async () => {
    const { request: claim } = readmeCompensationExample(README_DI_EXAMPLE);
    const expected = bundledAnswer(claim) as { compensation: string; lines: Array<{ amount: string }> };
    const { period, person, deliveries } = claim as {
      period: { from: string; to: string };
      person: {
        birthDate: string;
        conditions: [{ type: string; severity: string }];
        disabilityGroup: string;
        supportPlanDate: string;
        diServicesStartedOn: string;
      };
      deliveries: Array<{ service: string; from: string; to: string; units: string; rateTier?: string; provision: string; actualCost?: string }>;
    };
    expect(person.conditions).toHaveLength(1);
    const opened = await session.open('compensation');
    const form = opened.page.locator('#compensation form');
    await chooseProgramme(form, 'di');
    await control(form, '/deliveries/0/units').waitFor();
    await control(form, '/period/from').fill(typedLatvian(period.from));
    await control(form, '/period/to').fill(typedLatvian(period.to));
    await control(form, '/person/birthDate').fill(typedLatvian(person.birthDate));
    await control(form, '/person/conditions/0/type').selectOption(person.conditions[0].type);
    await control(form, '/person/conditions/0/severity').selectOption(person.conditions[0].severity);
    await control(form, '/person/disabilityGroup').selectOption(person.disabilityGroup);
    await control(form, '/person/supportPlanDate').fill(typedLatvian(person.supportPlanDate));
    await control(form, '/person/diServicesStartedOn').fill(typedLatvian(person.diServicesStartedOn));
    for (const [index, line] of deliveries.entries()) {
      if (index > 0) await form.getByRole('button', { name: 'Pievienot rindu' }).click();
      await control(form, `/deliveries/${index}/service`).selectOption(line.service);
      await control(form, `/deliveries/${index}/from`).fill(typedLatvian(line.from));
      await control(form, `/deliveries/${index}/to`).fill(typedLatvian(line.to));
      await control(form, `/deliveries/${index}/units`).fill(line.units);
      if (line.rateTier) await control(form, `/deliveries/${index}/rateTier`).selectOption(line.rateTier);
      await control(form, `/deliveries/${index}/provision`).selectOption(line.provision);
      if (line.actualCost) await control(form, `/deliveries/${index}/actualCost`).fill(typedMoney(line.actualCost));
    }
    const sent = await calculate(opened);
    expect(sent).toMatchObject({ programme: 'di', period, person, deliveries });
    const result = opened.page.locator('#compensation .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toBe(`Kompensācija: ${latvianMoney(expected.compensation)}`);
    const rows = result.locator('table', { hasText: 'Vienības izmaksas' }).locator('tbody tr');
    const expectedLines = expected.lines;
    expect(await rows.count()).toBe(expectedLines.length);
    for (const [index, line] of expectedLines.entries()) expect(await rows.nth(index).locator('td').nth(5).textContent()).toBe(latvianMoney(line.amount));
    await opened.screenshot('compensation-di-readme');
    expectSelfContained(opened);
  });

  it('every cost line starts the same, "in the plan" unanswered: a line left so is named next to its answer, never counted as out of the plan', async () => {
    const opened = await session.open('compensation');
    const form = opened.page.locator('#compensation form');
    await nskHalfYear(opened);
    // The first line and an added one start alike: nothing chosen in "in the plan" (nor in the service or funding).
    const fresh = async (index: number) => [
      await control(form, `/costs/${index}/inPlan`).inputValue(),
      await control(form, `/costs/${index}/service`).inputValue(),
      await control(form, `/costs/${index}/funding`).inputValue(),
    ];
    expect(await fresh(0)).toEqual(['', '', '']);
    await fillCostLine(opened, 0, { service: 'day_care_centre', from: '2024-04-01', to: '2024-04-30', amount: '620.00', funding: 'municipality' });
    await form.getByRole('button', { name: 'Pievienot rindu' }).click();
    expect(await fresh(1)).toEqual(['', '', '']);
    await control(form, '/costs/1/service').selectOption('group_home');
    await control(form, '/costs/1/from').fill('01.04.2024');
    await control(form, '/costs/1/to').fill('30.06.2024');
    await control(form, '/costs/1/amount').fill('2 400,00 €');
    await control(form, '/costs/1/funding').selectOption('municipality');
    const sent = await calculate(opened);
    expect(sent.costs[1]).toEqual({ service: 'group_home', from: '2024-04-01', to: '2024-06-30', amount: '2400.00', funding: 'municipality' });
    const inPlan = form.locator('.field', { has: control(opened.page, '/costs/1/inPlan') });
    await expect.poll(() => inPlan.locator('.field-error').textContent()).toBe('Kļūda: jānorāda');
    expect(await form.locator('.field-error').count()).toBe(1);
    expect(await opened.page.locator('#compensation .result').isHidden()).toBe(true);
    // The first line's own control, the same as the added line's.
    expect(await control(form, '/costs/0/inPlan').evaluate((node) => node.tagName)).toBe(
      await control(form, '/costs/1/inPlan').evaluate((node) => node.tagName),
    );
    expectSelfContained(opened);
  });

  it("NSK E3 per cost line: the second half-year is chosen, a line's own diCompensatedUntil reaches the request, and the line shows the days and refs the service counted", async () => {
    const opened = await session.open('compensation');
    await nskHalfYear(opened, 'H2', T1_ADULT, '2025-01-20');
    await fillCostLine(opened, 0, {
      service: 'day_care_centre',
      from: '2024-07-01',
      to: '2024-12-31',
      amount: '1840.00',
      funding: 'municipality',
      diCompensatedUntil: '2024-09-30',
    });
    const sent = await calculate(opened);
    expect(sent.period).toEqual({ from: '2024-07-01', to: '2024-12-31' });
    expect(sent.costs[0]).toMatchObject({ service: 'day_care_centre', diCompensatedUntil: '2024-09-30', inPlan: true });
    expect(sent.services[0]).not.toHaveProperty('diCompensatedUntil');
    const result = opened.page.locator('#compensation .result');
    await result.locator('.verdict').waitFor();
    // Which days the line's DI compensation leaves out is the rules' reading of E3 (A17), asserted in rules/nsk/tests:
    // here, that the page shows what the service answered to what it sent.
    const [line] = (bundledAnswer(sent) as { lines: Array<{ countedDays: number; refs: string[] }> }).lines;
    const row = result.locator('table', { hasText: 'Ieskaitītās dienas' }).locator('tbody tr').first();
    expect(await row.locator('td').nth(3).textContent()).toBe(`${line?.countedDays} / 184`);
    expect(await row.locator('li[data-ref]').evaluateAll((items) => items.map((item) => item.getAttribute('data-ref')))).toEqual(line?.refs);
    expect(await figure(opened, 'Pusgads')).toBe('01.07.2024.–31.12.2024.');
    expectSelfContained(opened);
  });

  it('bad input: a cost amount with three decimals is named next to that amount, a missing year next to the year, and a line outside the half-year next to the line', async () => {
    const opened = await session.open('compensation');
    const form = opened.page.locator('#compensation form');
    await nskHalfYear(opened);
    await fillCostLine(opened, 0, { service: 'day_care_centre', from: '2024-01-01', to: '2024-01-31', amount: '620.005', funding: 'municipality' });
    // Typed with a point or a comma, an amount with three decimals is refused either way.
    await control(form, '/costs/0/amount').fill('620.005');
    await form.getByRole('button', { name: 'Aprēķināt' }).click();
    const amount = form.locator('.field', { has: control(opened.page, '/costs/0/amount') });
    await expect
      .poll(() => amount.locator('.field-error').textContent())
      .toBe('Kļūda: summa eiro, ne negatīva, ar ne vairāk kā diviem cipariem aiz komata, piemēram, 620,00');
    expect(await form.locator('.field-error').count()).toBe(1);
    await opened.screenshot('compensation-bad-input');

    // No year: the page names it before asking the service.
    await control(form, '/costs/0/amount').fill('620.00');
    await control(form, '/period/year').fill('');
    await form.getByRole('button', { name: 'Aprēķināt' }).click();
    const year = form.locator('.field', { has: control(opened.page, '/period/year') });
    await expect.poll(() => year.locator('.field-error').textContent()).toBe('Kļūda: jānorāda');
    expect(await form.locator('.field-error').count()).toBe(1);

    // The second half-year of 2024, with a January line: the service names the line.
    await control(form, '/period/year').fill('2024');
    await control(form, '/period/half').locator('input[value="H2"]').check();
    await control(form, '/approvedOn').fill('20.01.2025');
    await form.getByRole('button', { name: 'Aprēķināt' }).click();
    const line = control(form, '/costs/0');
    await expect.poll(() => line.locator(':scope > .field-errors .field-error').textContent()).toBe('Kļūda: rinda ir ārpus aprēķina perioda');
    expect(await form.locator('.field-error').count()).toBe(1);
    expectSelfContained(opened);
  });
});

/**
 * DI and IBM with FICTIONAL rules (test/fixtures/fictional-programmes): DI 2015-07-01-fictional's made-up unit costs
 * (day care centre 15.00 / 20.00 a day, home care 4.00 an hour), IBM's fictional versions and made-up emergencies
 * (B: 2020-11-16…2021-03-31).
 */
describe('compensation calculator in the browser, fictional DI and IBM rules', () => {
  const fictional = pageSessionForTests(() => ruleSetAt(FICTIONAL_PROGRAMMES));

  it('DI (C1, C2, C4): unit cost, units and amount per line; days before the support plan are not paid and say why', async () => {
    const opened = await fictional.open('compensation');
    const form = opened.page.locator('#compensation form');
    await chooseProgramme(form, 'di');
    await control(form, '/deliveries/0/units').waitFor();
    await control(form, '/period/from').fill('2017-01-01');
    await control(form, '/period/to').fill('2017-03-31');
    await control(form, '/person/birthDate').fill('1985-04-02');
    await control(form, '/person/conditions/0/type').selectOption('mental_disorder');
    await control(form, '/person/conditions/0/severity').selectOption('severe');
    await control(form, '/person/disabilityGroup').selectOption('II');
    await control(form, '/person/vsacExit/date').fill('2016-03-31');
    await control(form, '/person/vsacExit/service').selectOption('institutional_care');
    await control(form, '/person/supportPlanDate').fill('2017-01-15');
    await control(form, '/person/diServicesStartedOn').fill('2016-04-01');
    // DI asks whether the person is in a VSAC now (inVsac), from the programme's facts.
    await control(form, '/person/inVsac').locator('input[value="false"]').check();
    await control(form, '/deliveries/0/service').selectOption('day_care_centre');
    await control(form, '/deliveries/0/from').fill('2017-01-01');
    await control(form, '/deliveries/0/to').fill('2017-01-31');
    await control(form, '/deliveries/0/units').fill('21');
    await control(form, '/deliveries/0/rateTier').selectOption('higher');
    await control(form, '/deliveries/0/provision').selectOption('municipal');
    await form.getByRole('button', { name: 'Pievienot rindu' }).click();
    await control(form, '/deliveries/1/service').selectOption('home_care');
    await control(form, '/deliveries/1/from').fill('2017-02-01');
    await control(form, '/deliveries/1/to').fill('2017-02-28');
    await control(form, '/deliveries/1/units').fill('40');
    await control(form, '/deliveries/1/provision').selectOption('procured');
    await control(form, '/deliveries/1/actualCost').fill('100.00');
    const sent = await calculate(opened);
    expect(sent.person.inVsac).toBe(false);
    const result = opened.page.locator('#compensation .result');
    // 21 days × 17/31 (C4: from the support plan's 15 January) = 11.5161 units × 20.00 = 230.32; the procured home care
    // is paid its actual cost 100.00, under 40 hours × 4.00.
    await expect.poll(() => result.locator('.verdict').textContent()).toBe('Kompensācija: 330,32\u00a0€');
    const rows = result.locator('table', { hasText: 'Vienības izmaksas' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const cells = async (row: number) => rows.nth(row).locator('td').allTextContents();
    expect(await cells(0)).toEqual([
      'Dienas aprūpes centrs (Augstākā likme)C1 Pašvaldība vai tās iestāde (C1)',
      '01.01.2017.–31.01.2017.',
      '21 dienas',
      '20,00\u00a0€',
      '11,5161',
      '230,32\u00a0€',
      expect.stringMatching(/^01\.01\.2017\.–14\.01\.2017\. \(14 dienas\): C4 — nav izpildīta prasība: pakalpojumu var sākt pēc personas izvērtēšanas/),
    ]);
    expect((await cells(1)).slice(3, 7)).toEqual(['4,00\u00a0€', '40', '100,00\u00a0€', 'visas apmaksātas']);
    expect(await rows.nth(1).locator('td').first().textContent()).toContain('Iepirkts pakalpojums (C2)');
    expect(await result.locator('table', { hasText: 'Vienības izmaksas' }).locator('tfoot').textContent()).toBe('Kopā330,32\u00a0€');
    await opened.screenshot('compensation-di-lines');
    expectSelfContained(opened);
  });

  it('IBM service lines: a line with no defined price that the DI project paid at unit cost is priced from the DI rules; a remote line carries its evidence', async () => {
    const opened = await fictional.open('compensation');
    const form = opened.page.locator('#compensation form');
    await chooseProgramme(form, 'ibm');
    await control(form, '/serviceLines/0/units').waitFor();
    // No caller-stated unit cost and no emergency flag (contract v2): declared emergencies and DI's unit costs are data.
    expect(await form.locator('[data-path$="/diUnitCost"], [data-path="/emergency"], [data-path="/lines"]').count()).toBe(0);
    await control(form, '/period/from').fill('2021-03-01');
    await control(form, '/period/to').fill('2021-03-31');
    await control(form, '/person/birthDate').fill('1980-05-10');
    await control(form, '/person/conditions/0/type').selectOption('mental_disorder');
    await control(form, '/person/conditions/0/severity').selectOption('severe');
    await control(form, '/serviceLines/0/service').selectOption('day_care_centre');
    await control(form, '/serviceLines/0/from').fill('2021-03-01');
    await control(form, '/serviceLines/0/to').fill('2021-03-31');
    await control(form, '/serviceLines/0/units').fill('20');
    await control(form, '/serviceLines/0/funding').selectOption('municipality');
    await control(form, '/serviceLines/0/diPaidAtUnitCost').check();
    await control(form, '/serviceLines/0/rateTier').selectOption('lower');
    await form.getByRole('button', { name: 'Pievienot rindu' }).click();
    await control(form, '/serviceLines/1/service').selectOption('specialist_consultation');
    await control(form, '/serviceLines/1/from').fill('2021-03-16');
    await control(form, '/serviceLines/1/to').fill('2021-03-16');
    await control(form, '/serviceLines/1/units').fill('1');
    await control(form, '/serviceLines/1/funding').selectOption('municipality');
    await control(form, '/serviceLines/1/price').fill('23.50');
    await control(form, '/serviceLines/1/remote').check();
    await control(form, '/serviceLines/1/provider').selectOption('psychologist');
    // The evidence is folded under its own heading in each line.
    const evidence = control(form, '/serviceLines/1').locator('details[data-group="evidence"]');
    await evidence.locator(':scope > summary').click();
    for (const name of [
      'remoteSuitabilityAssessed',
      'contentInSpecialistFile',
      'opinionForPlan',
      'personConsentedToOpinion',
      'opinionSubmitted',
      'attendanceMarkedRemote',
      'personSigned',
      'durationMatchesAgreement',
    ]) {
      await control(form, `/serviceLines/1/evidence/${name}`).check();
    }
    const sent = await calculate(opened);
    expect(sent).not.toHaveProperty('emergency');
    expect(sent.serviceLines[0]).toEqual({
      service: 'day_care_centre',
      from: '2021-03-01',
      to: '2021-03-31',
      units: '20',
      funding: 'municipality',
      diPaidAtUnitCost: true,
      rateTier: 'lower',
    });
    expect(sent.serviceLines[1]).toMatchObject({
      price: '23.50',
      remote: true,
      provider: 'psychologist',
      evidence: { remoteSuitabilityAssessed: true, personConsentedToOpinion: true, opinionSubmitted: true },
    });
    expect(sent.serviceLines[1]?.evidence).not.toHaveProperty('screenshot');
    const result = opened.page.locator('#compensation .result');
    await result.locator('.verdict').waitFor();
    const rows = result.locator('table', { hasText: 'Apmaksātās dienas' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    // Line 1: its price is DI's unit cost in force on its days, named with the DI version it came from (IB3).
    const priced = rows.nth(0);
    expect(await priced.getAttribute('data-payable')).toBe('true');
    expect(await priced.locator('td').nth(3).textContent()).toContain('DI vienības izmaksas');
    expect(await priced.locator('.unit-costs li').first().textContent()).toContain(' — di 2015-07-01-fictional, 01.03.2021.–31.03.2021.');
    expect(await priced.locator('li[data-ref="IB3"]').count()).toBe(1);
    expect(await rows.nth(1).locator('td').nth(3).textContent()).toContain('definētā cena');
    await opened.screenshot('compensation-ibm-lines');
    expectSelfContained(opened);
  });
});
