import { describe, expect, it } from 'vitest';
import { bundledRuleSet } from '../support/rule-sets.js';
import { chooseProgramme, control, fillNskPerson, T1_ADULT } from './case-forms.js';
import { expectSelfContained, pageSessionForTests, type OpenPage } from './page-session.js';

const session = pageSessionForTests(() => bundledRuleSet());

/** The figure next to a term of the result's list (eligible cost, cap, report due …). */
async function figure(opened: OpenPage, term: string): Promise<string | null> {
  return opened.page.locator('#compensation .result dl.figures dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent();
}

async function fillCostLine(opened: OpenPage, index: number, line: { service: string; from: string; to: string; amount: string; funding: string }): Promise<void> {
  const form = opened.page.locator('#compensation form');
  if (index > 0) await form.getByRole('button', { name: 'Pievienot rindu' }).click();
  await control(form, `/costs/${index}/service`).selectOption(line.service);
  await control(form, `/costs/${index}/from`).fill(line.from);
  await control(form, `/costs/${index}/to`).fill(line.to);
  await control(form, `/costs/${index}/amount`).fill(line.amount);
  await control(form, `/costs/${index}/funding`).selectOption(line.funding);
}

async function nskHalfYear(opened: OpenPage): Promise<void> {
  const form = opened.page.locator('#compensation form');
  await chooseProgramme(form, 'nsk');
  await control(form, '/costs/0/amount').waitFor();
  await control(form, '/period/from').fill('2024-01-01');
  await control(form, '/period/to').fill('2024-06-30');
  await control(form, '/approvedOn').fill('2024-07-20');
  await fillNskPerson(form, T1_ADULT);
}

describe('compensation calculator in the browser', () => {
  it('NSK (A1, A7): the cap, the eligible cost, the dates due and each line with the refs that decided it, with totals', async () => {
    const opened = await session.open('compensation');
    await nskHalfYear(opened);
    await fillCostLine(opened, 0, { service: 'day_care_centre', from: '2024-01-01', to: '2024-06-30', amount: '4200.00', funding: 'municipality' });
    await fillCostLine(opened, 1, { service: 'assistant', from: '2024-01-01', to: '2024-06-30', amount: '1000.00', funding: 'state' });
    await opened.page.locator('#compensation form').getByRole('button', { name: 'Aprēķināt' }).click();
    const result = opened.page.locator('#compensation .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toBe('Kompensācija: 3\u00a0542,60\u00a0€');
    await expect.poll(() => opened.page.evaluate(() => document.activeElement?.textContent)).toBe('Aprēķins');
    expect(await figure(opened, 'Griesti (A1)')).toBe('3\u00a0542,60\u00a0€');
    expect(await figure(opened, 'Attiecināmās izmaksas')).toBe('4\u00a0200,00\u00a0€');
    expect(await figure(opened, 'Pārskats jāiesniedz līdz')).toBe('15.07.2024.');
    expect(await figure(opened, 'Maksājuma termiņš')).toBe('02.08.2024. — 10 darbdienas pēc apstiprināšanas (20.07.2024.)');
    const lines = result.locator('table', { hasText: 'Ieskaitītās dienas' });
    const rows = lines.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator('td').nth(4).textContent()).toBe('4\u00a0200,00\u00a0€');
    expect(await rows.nth(0).locator('li[data-ref="T1"]').textContent()).toContain('Pilngadīga persona ar smagiem');
    expect(await rows.nth(1).locator('td').nth(3).textContent()).toBe('0 / 182');
    expect(await rows.nth(1).locator('li[data-ref="E2"]').textContent()).toBe('E2 — attiecas izņēmums: valsts finansēts vai līdzfinansēts pakalpojums (arī valsts apmaksātais asistents)');
    expect(await lines.locator('tfoot').textContent()).toBe('Kopā5\u00a0200,00\u00a0€4\u00a0200,00\u00a0€');
    expect(await result.locator('table', { hasText: 'Dienas mēnesī' }).locator('tbody tr').count()).toBe(6);
    await opened.screenshot('compensation-nsk-half-year');
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
    await form.getByRole('button', { name: 'Aprēķināt' }).click();
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

  it('bad input: a cost amount with three decimals is named next to that amount, and a period over two half-years next to the period', async () => {
    const opened = await session.open('compensation');
    const form = opened.page.locator('#compensation form');
    await nskHalfYear(opened);
    await fillCostLine(opened, 0, { service: 'day_care_centre', from: '2024-01-01', to: '2024-01-31', amount: '620.005', funding: 'municipality' });
    await form.getByRole('button', { name: 'Aprēķināt' }).click();
    const amount = form.locator('.field', { has: control(opened.page, '/costs/0/amount') });
    await expect.poll(() => amount.locator('.field-error').textContent()).toBe('Kļūda: summa eiro, ne negatīva, ar ne vairāk kā diviem cipariem aiz punkta, piemēram, 620.00');
    expect(await form.locator('.field-error').count()).toBe(1);
    await opened.screenshot('compensation-bad-input');

    await control(form, '/costs/0/amount').fill('620.00');
    await control(form, '/period/to').fill('2024-07-31');
    await form.getByRole('button', { name: 'Aprēķināt' }).click();
    const period = control(form, '/period');
    await expect.poll(() => period.locator(':scope > .field-errors .field-error').textContent()).toContain('periodam jābūt viena kalendārā pusgada robežās');
    expect(await form.locator('.field-error').count()).toBe(1);
    expectSelfContained(opened);
  });
});
