import { describe, expect, it } from 'vitest';
import { bundledRuleSet } from '../support/rule-sets.js';
import { chooseProgramme, control, fillNskPerson, openAssumptions, sentBody, T1_ADULT } from './case-forms.js';
import { expectSelfContained, pageSessionForTests, type OpenPage } from './page-session.js';

const session = pageSessionForTests(() => bundledRuleSet());

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

async function fillCostLine(opened: OpenPage, index: number, line: CostLine): Promise<void> {
  const form = opened.page.locator('#compensation form');
  if (index > 0) await form.getByRole('button', { name: 'Pievienot rindu' }).click();
  await control(form, `/costs/${index}/service`).selectOption(line.service);
  await control(form, `/costs/${index}/from`).fill(line.from);
  await control(form, `/costs/${index}/to`).fill(line.to);
  await control(form, `/costs/${index}/amount`).fill(line.amount);
  await control(form, `/costs/${index}/funding`).selectOption(line.funding);
  // An added line starts with nothing ticked; every line here is in the person's plan.
  await control(form, `/costs/${index}/inPlan`).check();
  if (line.diCompensatedUntil) await control(form, `/costs/${index}/diCompensatedUntil`).fill(line.diCompensatedUntil);
}

/** NSK is claimed per whole calendar half-year: the page asks for a year and a half, not for dates. */
async function nskHalfYear(opened: OpenPage, half: 'H1' | 'H2' = 'H1', person = T1_ADULT, approvedOn = '2024-07-20'): Promise<void> {
  const form = opened.page.locator('#compensation form');
  await chooseProgramme(form, 'nsk');
  await control(form, '/costs/0/amount').waitFor();
  await control(form, '/period/year').fill('2024');
  await control(form, '/period/half').locator(`input[value="${half}"]`).check();
  await control(form, '/approvedOn').fill(approvedOn);
  await fillNskPerson(form, person);
}

const calculate = (opened: OpenPage) => sentBody(opened.page, '/v1/compensation', () => opened.page.locator('#compensation form').getByRole('button', { name: 'Aprēķināt' }).click());

describe('compensation calculator in the browser', () => {
  it('NSK (A1, A7), the README\'s half-year: the cap, the eligible cost, the dates due and each line with the refs that decided it, with totals', async () => {
    const opened = await session.open('compensation');
    const form = opened.page.locator('#compensation form');
    await nskHalfYear(opened, 'H1', { ...T1_ADULT, vsacExit: { date: '2024-03-15', service: 'institutional_care' } }, '2024-07-22');
    // The half-year is chosen, not typed: NSK offers no free dates.
    expect(await control(form, '/period/from').count()).toBe(0);
    expect(await control(form, '/period/to').count()).toBe(0);
    await fillCostLine(opened, 0, { service: 'day_care_centre', from: '2024-03-01', to: '2024-03-31', amount: '620.00', funding: 'municipality' });
    await fillCostLine(opened, 1, { service: 'group_home', from: '2024-04-01', to: '2024-06-30', amount: '2400.00', funding: 'municipality' });
    await fillCostLine(opened, 2, { service: 'assistant', from: '2024-04-01', to: '2024-06-30', amount: '900.00', funding: 'state' });
    const sent = await calculate(opened);
    expect(sent.period).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(sent.person).not.toHaveProperty('diCompensatedUntil');
    const result = opened.page.locator('#compensation .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toBe('Kompensācija: 2\u00a0076,04\u00a0€');
    await expect.poll(() => opened.page.evaluate(() => document.activeElement?.textContent)).toBe('Aprēķins');
    expect(await figure(opened, 'Griesti (A1)')).toBe('2\u00a0076,04\u00a0€');
    expect(await figure(opened, 'Attiecināmās izmaksas')).toBe('2\u00a0720,00\u00a0€');
    expect(await figure(opened, 'Pusgads')).toBe('01.01.2024.–30.06.2024.');
    expect(await figure(opened, 'Pārskats jāiesniedz līdz')).toBe('15.07.2024.');
    expect(await figure(opened, 'Maksājuma termiņš')).toBe('05.08.2024. — 10 darbdienas pēc apstiprināšanas (22.07.2024.)');
    const lines = result.locator('table', { hasText: 'Ieskaitītās dienas' });
    const rows = lines.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).locator('td').nth(3).textContent()).toBe('16 / 31');
    expect(await rows.nth(0).locator('td').nth(4).textContent()).toBe('320,00\u00a0€');
    expect(await rows.nth(0).locator('li[data-ref]').evaluateAll((items) => items.map((item) => item.getAttribute('data-ref')))).toEqual(['A2', 'R1', 'T1']);
    expect(await rows.nth(0).locator('li[data-ref="T1"]').textContent()).toContain('Pilngadīga persona ar smagiem');
    expect(await rows.nth(1).locator('td').nth(4).textContent()).toBe('2\u00a0400,00\u00a0€');
    // The state-funded assistant counts nothing (E2), named in words as the rules' exclusion.
    expect(await rows.nth(2).locator('td').nth(3).textContent()).toBe('0 / 91');
    expect(await rows.nth(2).locator('li[data-ref="E2"]').textContent()).toMatch(/^E2 — attiecas izņēmums: .+/);
    expect(await lines.locator('tfoot').textContent()).toBe('Kopā3\u00a0920,00\u00a0€2\u00a0720,00\u00a0€');
    expect(await result.locator('table', { hasText: 'Dienas mēnesī' }).locator('tbody tr').count()).toBeGreaterThan(0);
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

  it('NSK E3 per cost line: the second half-year is chosen, a line\'s own diCompensatedUntil reaches the request and its DI-compensated days count nothing', async () => {
    const opened = await session.open('compensation');
    await nskHalfYear(opened, 'H2', T1_ADULT, '2025-01-20');
    await fillCostLine(opened, 0, { service: 'day_care_centre', from: '2024-07-01', to: '2024-12-31', amount: '1840.00', funding: 'municipality', diCompensatedUntil: '2024-09-30' });
    const sent = await calculate(opened);
    expect(sent.period).toEqual({ from: '2024-07-01', to: '2024-12-31' });
    expect(sent.costs[0]).toMatchObject({ service: 'day_care_centre', diCompensatedUntil: '2024-09-30', inPlan: true });
    expect(sent.services[0]).not.toHaveProperty('diCompensatedUntil');
    const result = opened.page.locator('#compensation .result');
    await result.locator('.verdict').waitFor();
    const row = result.locator('table', { hasText: 'Ieskaitītās dienas' }).locator('tbody tr').first();
    expect(await row.locator('li[data-ref="E3"]').count()).toBe(1);
    expect(await row.locator('td').nth(3).textContent()).not.toBe('184 / 184');
    expect(await figure(opened, 'Pusgads')).toBe('01.07.2024.–31.12.2024.');
    expectSelfContained(opened);
  });

  it('DI (C1, C2, C4): unit cost, units and amount per line; days before the support plan are not paid and say why', async () => {
    const opened = await session.open('compensation');
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
    await expect.poll(() => result.locator('.verdict').textContent()).toBe('Kompensācija: 322,03\u00a0€');
    const rows = result.locator('table', { hasText: 'Vienības izmaksas' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const cells = async (row: number) => rows.nth(row).locator('td').allTextContents();
    expect(await cells(0)).toEqual([
      'Dienas aprūpes centrs (Augstākā likme)C1 Pašvaldība vai tās iestāde (C1)',
      '01.01.2017.–31.01.2017.',
      '21 dienas',
      '19,28\u00a0€',
      '11,5161',
      '222,03\u00a0€',
      expect.stringMatching(/^01\.01\.2017\.–14\.01\.2017\. \(14 dienas\): C4 — nav izpildīta prasība: pakalpojumu var sākt pēc personas izvērtēšanas/),
    ]);
    expect((await cells(1)).slice(3, 7)).toEqual(['3,83\u00a0€', '40', '100,00\u00a0€', 'visas apmaksātas']);
    expect(await rows.nth(1).locator('td').first().textContent()).toContain('Iepirkts pakalpojums (C2)');
    expect(await result.locator('table', { hasText: 'Vienības izmaksas' }).locator('tfoot').textContent()).toBe('Kopā322,03\u00a0€');
    await opened.screenshot('compensation-di-lines');
    expectSelfContained(opened);
  });

  it('IBM service lines: a line with no defined price that the DI project paid at unit cost is priced from the DI rules; a remote line carries its evidence', async () => {
    const opened = await session.open('compensation');
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
    await control(form, '/serviceLines/1/price').fill('19.35');
    await control(form, '/serviceLines/1/remote').check();
    await control(form, '/serviceLines/1/provider').selectOption('psychologist');
    // The evidence is folded under its own heading in each line.
    const evidence = control(form, '/serviceLines/1').locator('details[data-group="evidence"]');
    await evidence.locator(':scope > summary').click();
    for (const name of ['remoteSuitabilityAssessed', 'contentInSpecialistFile', 'opinionForPlan', 'personConsentedToOpinion', 'opinionSubmitted', 'attendanceMarkedRemote', 'personSigned', 'durationMatchesAgreement']) {
      await control(form, `/serviceLines/1/evidence/${name}`).check();
    }
    const sent = await calculate(opened);
    expect(sent).not.toHaveProperty('emergency');
    expect(sent.serviceLines[0]).toEqual({ service: 'day_care_centre', from: '2021-03-01', to: '2021-03-31', units: '20', funding: 'municipality', diPaidAtUnitCost: true, rateTier: 'lower' });
    expect(sent.serviceLines[1]).toMatchObject({ price: '19.35', remote: true, provider: 'psychologist', evidence: { remoteSuitabilityAssessed: true, personConsentedToOpinion: true, opinionSubmitted: true } });
    expect(sent.serviceLines[1].evidence).not.toHaveProperty('screenshot');
    const result = opened.page.locator('#compensation .result');
    await result.locator('.verdict').waitFor();
    const rows = result.locator('table', { hasText: 'Apmaksātās dienas' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    // Line 1: its price is DI's unit cost in force on its days, named with the DI version it came from (IB3).
    const priced = rows.nth(0);
    expect(await priced.getAttribute('data-payable')).toBe('true');
    expect(await priced.locator('td').nth(3).textContent()).toContain('DI vienības izmaksas');
    expect(await priced.locator('.unit-costs li').first().textContent()).toMatch(/ — di \d{4}-\d{2}-\d{2}, 01\.03\.2021\.–31\.03\.2021\./);
    expect(await priced.locator('li[data-ref="IB3"]').count()).toBe(1);
    expect(await rows.nth(1).locator('td').nth(3).textContent()).toContain('definētā cena');
    await opened.screenshot('compensation-ibm-lines');
    expectSelfContained(opened);
  });

  it('bad input: a cost amount with three decimals is named next to that amount, a missing year next to the year, and a line outside the half-year next to the line', async () => {
    const opened = await session.open('compensation');
    const form = opened.page.locator('#compensation form');
    await nskHalfYear(opened);
    await fillCostLine(opened, 0, { service: 'day_care_centre', from: '2024-01-01', to: '2024-01-31', amount: '620.005', funding: 'municipality' });
    await form.getByRole('button', { name: 'Aprēķināt' }).click();
    const amount = form.locator('.field', { has: control(opened.page, '/costs/0/amount') });
    await expect.poll(() => amount.locator('.field-error').textContent()).toBe('Kļūda: summa eiro, ne negatīva, ar ne vairāk kā diviem cipariem aiz punkta, piemēram, 620.00');
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
    await control(form, '/approvedOn').fill('2025-01-20');
    await form.getByRole('button', { name: 'Aprēķināt' }).click();
    const line = control(form, '/costs/0');
    await expect.poll(() => line.locator(':scope > .field-errors .field-error').textContent()).toBe('Kļūda: rinda ir ārpus aprēķina perioda');
    expect(await form.locator('.field-error').count()).toBe(1);
    expectSelfContained(opened);
  });
});
