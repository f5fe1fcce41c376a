import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { chooseProgramme, control, fillNskPerson, sentBody, T1_ADULT, type NskPerson } from './case-forms.js';
import { expectSelfContained, pageSessionForTests, type OpenPage } from './page-session.js';

/**
 * A one-day answer as a first-time caseworker reads it: the verdict first, until when it holds (contract v2
 * `nextChange`), the basis and what stands in the way in words with the facts that decided them, what would change a
 * "no" (`whatWouldChange`), then the full checklist folded — no internal names, money to cents, every message in the
 * page's language (a 422, a 5xx, no network). Dates are typed and shown in the page's language.
 *
 * NSK with the FICTIONAL fixture rules (test/fixtures/rules), never today's law: 2019-01-01 until 2021-12-31, then
 * fictional versions (from 2023-04-01 2023-04-01-fictional: young children are under 5, VSAC exits count from
 * 2018-01-01, E3 per person).
 */
const session = pageSessionForTests(() => ruleSetAt(FIXTURE_RULES));

/** Names of the named conditions of the NSK rules that are written as code (t1Group, severeMentalDisorder …). */
function internalConditionNames(): string[] {
  const nsk = ruleSetAt(FIXTURE_RULES).programmes.get('nsk');
  return [...new Set((nsk?.versions ?? []).flatMap((version) => [...version.namedConditions.keys()]))].filter((name) => /[a-z][A-Z0-9]/.test(name));
}

async function askNsk(opened: OpenPage, day: string, person: NskPerson = T1_ADULT) {
  const form = opened.page.locator('#eligibility form');
  await chooseProgramme(form, 'nsk');
  await control(form, '/date').fill(day);
  await fillNskPerson(form, person);
  return sentBody(opened.page, '/v1/eligibility', () => form.getByRole('button', { name: /^(Pārbaudīt tiesības|Check eligibility)$/ }).click());
}

/** The service's real answer with fields laid over it: what the page does with them is what is tested. */
async function answerWith(page: Page, extra: Record<string, unknown>): Promise<void> {
  await page.route('**/v1/eligibility', async (route: Route) => {
    const response = await route.fetch();
    const body = { ...(await response.json()), ...extra };
    await route.fulfill({ response, json: body, contentType: 'application/json' });
  });
}

describe('the top of a one-day answer', () => {
  it('verdict first, then "eligible until" (the day before nextChange), the basis with the facts that decided it; the checklist folded; no internal names', async () => {
    const opened = await session.open('eligibility');
    await answerWith(opened.page, { nextChange: { date: '2023-05-10', eligible: false, basis: ['T1'], blockers: ['R2'] } });
    const sent = await askNsk(opened, '15.03.2023');
    expect(sent.date).toBe('2023-03-15');
    const result = opened.page.locator('#eligibility .result');
    await result.locator('.verdict').waitFor();
    // Read from the top: the verdict, then until when, then the basis.
    const top = await result.locator('.verdict, .next-change, h4, .refs > li').evaluateAll((nodes) => nodes.slice(0, 4).map((node) => node.textContent));
    expect(top).toEqual([
      '✓ Persona ir tiesīga 15.03.2023.',
      expect.stringMatching(/^Tiesīga līdz 09\.05\.2023\. No 10\.05\.2023\. traucē: nav izpildīta prasība: .+\.$/),
      'Pamats',
      expect.stringMatching(/^T1 — Pilngadīga persona .+Noteica: .+: 37; Traucējumi un to smagums: Garīga rakstura traucējumi \(Smagi\)$/),
    ]);
    expect(await result.locator('.next-change strong').textContent()).toBe('Tiesīga līdz 09.05.2023.');
    // The checklist is there, folded.
    const folded = result.locator('details.explanation');
    expect(await folded.getAttribute('open')).toBeNull();
    expect(await folded.locator('li.rule').count()).toBeGreaterThan(5);
    // Titles of named conditions, never their internal names or a rule file's name, even in the folded checklist.
    const text = (await result.textContent()) ?? '';
    const names = internalConditionNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(text).not.toContain(name);
    // Nor a file's name (the assumptions, folded, quote the officers' own texts, which may name where to switch one).
    const answered = await result.evaluate((node) => {
      const copy = node.cloneNode(true) as HTMLElement;
      for (const folded of copy.querySelectorAll('details[data-assumptions]')) folded.remove();
      return copy.textContent ?? '';
    });
    expect(answered).not.toMatch(/\.ya?ml\b|\b\d{3}_[A-Za-z]/);
    await opened.page.getByRole('button', { name: 'English' }).click();
    expect(await result.locator('.next-change strong').textContent()).toBe('Eligible until 9 May 2023');
    await opened.screenshot('day-answer-eligible-until');
    expectSelfContained(opened);
  });

  it('not eligible: what stands in the way with the fact that decided it, and "What would change it" with each option in the page\'s words', async () => {
    const opened = await session.open('eligibility');
    await answerWith(opened.page, {
      nextChange: { date: '2019-04-01', eligible: true, basis: ['T1'], blockers: [] },
      whatWouldChange: [
        {
          blocker: 'R1',
          title: { lv: 'VSAC pakalpojums beidzies', en: 'The VSAC service ended' },
          options: [
            {
              changes: [{ path: '/person/vsacExit/date', now: '2019-03-31', needs: { before: '2019-03-15' } }],
              words: { lv: 'VSAC pakalpojuma pēdējā diena pirms 15.03.2019.', en: 'The last VSAC day before 15 Mar 2019' },
            },
          ],
        },
      ],
    });
    await askNsk(opened, '15.03.2019');
    const result = opened.page.locator('#eligibility .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toBe('✗ Persona nav tiesīga 15.03.2019.');
    expect(await result.locator('.next-change').textContent()).toMatch(
      /^Ar tiem pašiem faktiem tiesīga no 01\.04\.2019\. No 01\.04\.2019\. pamats: Pilngadīga persona/,
    );
    const blocker = result.locator('.refs--blockers li[data-ref="R1"]');
    expect(await blocker.textContent()).toMatch(/^R1 — nav izpildīta prasība: .+Noteica: .*31\.03\.2019\./);
    const box = result.locator('.would-change');
    expect(await box.locator('h4').textContent()).toBe('Kas to mainītu');
    expect(await box.locator('li[data-blocker="R1"] > span').textContent()).toBe('VSAC pakalpojums beidzies');
    expect(await box.locator('.would-change-options li').allTextContents()).toEqual(['VSAC pakalpojuma pēdējā diena pirms 15.03.2019.']);
    // After the blockers, before the folded checklist.
    expect(await result.locator('.refs--blockers ~ .would-change ~ details.explanation').count()).toBe(1);
    await opened.page.getByRole('button', { name: 'English' }).click();
    expect(await box.locator('h4').textContent()).toBe('What would change it');
    expect(await box.locator('.would-change-options li').allTextContents()).toEqual(['The last VSAC day before 15 Mar 2019']);
    await opened.screenshot('day-answer-what-would-change');
    expectSelfContained(opened);
  });

  it("the service's own nextChange and whatWouldChange: a child's basis until the day before the birthday that adds one; a DI-compensated service's blocker and what would change it", async () => {
    const opened = await session.open('eligibility');
    // Born 10.05.2019, out of a VSAC group home: X2 alone until 09.05.2024, T4 too (a child of 5, the fictional
    // young-child age, to 18) from the 5th birthday on.
    await askNsk(opened, '15.03.2024', {
      ...T1_ADULT,
      birthDate: '10.05.2019',
      disabilityGroup: 'child',
      vsacExit: { date: '31.03.2022', service: 'group_home' },
      residence: 'family',
    });
    const result = opened.page.locator('#eligibility .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toBe('✓ Persona ir tiesīga 15.03.2024.');
    expect(await result.locator('.next-change strong').textContent()).toBe('Tiesīga uz šī pamata līdz 09.05.2024.');
    expect(await result.locator('.next-change').textContent()).toMatch(/No 10\.05\.2024\. pamats: Bērns no 4 līdz 18 gadu vecumam/);
    expect(await result.locator('.would-change').count()).toBe(0);

    // The only service is DI-compensated until 30.06.2024 (E3): not eligible until then, and the service says what would change it.
    await askNsk(opened, '15.03.2024', { ...T1_ADULT, service: { type: 'day_care_centre', funding: 'municipality', diCompensatedUntil: '30.06.2024' } });
    await expect.poll(() => result.locator('.verdict').textContent()).toBe('✗ Persona nav tiesīga 15.03.2024.');
    expect(await result.locator('.next-change strong').textContent()).toBe('Ar tiem pašiem faktiem tiesīga no 01.07.2024.');
    const box = result.locator('.would-change');
    expect(await box.locator('li[data-blocker="E3"]').count()).toBe(1);
    const options = await box.locator('.would-change-options li').allTextContents();
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) expect(option).toMatch(/^Plānā noteiktie pakalpojumi: /);
    await opened.page.getByRole('button', { name: 'English' }).click();
    expect(await box.locator('.would-change-options li').first().textContent()).toMatch(/^Services in the person's plan: /);
    expectSelfContained(opened);
  });

  it('nextChange null: the answer holds for the ten years the service looks ahead', async () => {
    const opened = await session.open('eligibility');
    await answerWith(opened.page, { nextChange: null });
    await askNsk(opened, '15.03.2024');
    const result = opened.page.locator('#eligibility .result');
    await result.locator('.verdict').waitFor();
    // 3660 days after 15.03.2024.
    expect(await result.locator('.next-change').textContent()).toBe('Ar šiem faktiem tiesīga vismaz līdz 23.03.2034. (tālāk serviss neskatās)');
  });

  it('a day with no rule version in force (422) is told in Latvian, with the nearest version in words; in English on the English page', async () => {
    const opened = await session.open('eligibility');
    await askNsk(opened, '15.03.1990');
    const box = opened.page.locator('#eligibility .result .problem-box');
    await expect.poll(() => box.locator('h3').textContent()).toBe('Šai dienai nav spēkā esošas noteikumu versijas');
    const detail = (await box.locator('.problem-detail').textContent()) ?? '';
    expect(detail).toMatch(
      /^Programmai nsk 15\.03\.1990\. nav spēkā esošas noteikumu versijas\. Tuvākā nākamā: \S+ \(spēkā no \d\d\.\d\d\.\d{4}\., pieņemta \d\d\.\d\d\.\d{4}\.\)\.$/,
    );
    expect(await box.textContent()).not.toMatch(/No version|Nearest|in force/);
    await opened.page.getByRole('button', { name: 'English' }).click();
    expect(await box.locator('h3').textContent()).toBe('No rule version is in force on this day');
    expect(await box.locator('.problem-detail').textContent()).toMatch(/^No version of nsk is in force on 15 Mar 1990\. Nearest after: /);
    expectSelfContained(opened);
  });

  it("a 500 and an unreachable service are told in the page's language; the service's own words only folded, the browser's never", async () => {
    const opened = await session.open('eligibility');
    await opened.page.route('**/v1/eligibility', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Internal error', status: 500, detail: 'internal error' }),
      }),
    );
    await askNsk(opened, '15.03.2024');
    const box = opened.page.locator('#eligibility .result .problem-box');
    await expect.poll(() => box.locator('h3').textContent()).toBe('Serviss atbildēja ar kļūdu 500');
    expect(await box.locator('p').first().textContent()).toBe('Mēģiniet vēlreiz pēc brīža. Ja tas atkārtojas, sazinieties ar servisa uzturētāju.');
    expect(await box.locator('details.service-said').getAttribute('open')).toBeNull();
    expect(await box.locator('details.service-said p').getAttribute('lang')).toBe('en');

    await opened.page.unroute('**/v1/eligibility');
    await opened.page.route('**/v1/eligibility', (route) => route.abort('internetdisconnected'));
    await opened.page.locator('#eligibility form').getByRole('button', { name: 'Pārbaudīt tiesības' }).click();
    await expect.poll(() => box.locator('h3').textContent()).toBe('Serviss nav sasniedzams. Pārbaudiet savienojumu un mēģiniet vēlreiz.');
    expect(await box.textContent()).not.toMatch(/fetch|Failed|ERR_/i);
    await opened.page.getByRole('button', { name: 'English' }).click();
    expect(await box.locator('h3').textContent()).toBe('The service cannot be reached. Check the connection and try again.');
    expect(opened.outside).toEqual([]);
  });
});

describe("dates in the page's language, and the person carried between the tools", () => {
  it("dates are typed and shown day first in the page's language, never as the browser's mm/dd/yyyy, and sent as ISO dates", async () => {
    const opened = await session.open('eligibility');
    const form = opened.page.locator('#eligibility form');
    await chooseProgramme(form, 'nsk');
    // The browser is an American English one (page-session.ts); the page has no date control of the browser's own.
    expect(await opened.page.locator('input[type="date"]').count()).toBe(0);
    const day = control(form, '/date');
    expect(await day.getAttribute('placeholder')).toBe('dd.mm.gggg');
    expect(
      await form
        .locator('.field', { has: control(opened.page, '/date') })
        .locator('.format-hint')
        .textContent(),
    ).toBe('(dd.mm.gggg)');
    // An ISO date (pasted from another system) is shown as the page types dates, once the field is left.
    await day.fill('2024-03-15');
    await day.press('Tab');
    expect(await day.inputValue()).toBe('15.03.2024');
    await opened.page.getByRole('button', { name: 'English' }).click();
    expect(await day.inputValue()).toBe('15/03/2024');
    expect(await day.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await day.fill('1/4/2024');
    await day.press('Tab');
    expect(await day.inputValue()).toBe('01/04/2024');
    await fillNskPerson(form, { ...T1_ADULT, birthDate: '02/04/1985' });
    const sent = await sentBody(opened.page, '/v1/eligibility', () => form.getByRole('button', { name: 'Check eligibility' }).click());
    expect(sent.date).toBe('2024-04-01');
    expect(sent.person.birthDate).toBe('1985-04-02');
    await expect.poll(() => opened.page.locator('#eligibility .result .verdict').textContent()).toBe('✓ The person is eligible on 1 Apr 2024');
    expectSelfContained(opened);
  });

  it('the person entered for the eligibility check is there in the compensation calculator, with the programme, and back', async () => {
    const opened = await session.open('eligibility');
    const page = opened.page;
    const eligibility = page.locator('#eligibility form');
    await chooseProgramme(eligibility, 'nsk');
    await fillNskPerson(eligibility, { ...T1_ADULT, birthDate: '02.04.1985', vsacExit: { date: '15.03.2024', service: 'institutional_care' } });
    await page.getByRole('link', { name: 'Kompensācijas aprēķins' }).click();
    const compensation = page.locator('#compensation form');
    await expect.poll(() => control(compensation, '/programme').inputValue()).toBe('nsk');
    await expect.poll(() => control(compensation, '/person/birthDate').inputValue()).toBe('02.04.1985');
    expect(await control(compensation, '/person/vsacExit/date').inputValue()).toBe('15.03.2024');
    expect(await control(compensation, '/person/vsacExit/service').inputValue()).toBe('institutional_care');
    expect(await control(compensation, '/person/residence').inputValue()).toBe('group_home');
    expect(await control(compensation, '/person/conditions/0/severity').inputValue()).toBe('severe');
    expect(await control(compensation, '/person/receivedDiServices').locator('input[value="false"]').isChecked()).toBe(true);
    expect(await control(compensation, '/services/0/inPlan').inputValue()).toBe('true');
    expect(await control(compensation, '/services/0/type').inputValue()).toBe('day_care_centre');
    // A change made there is there when the caseworker comes back.
    await control(compensation, '/person/residence').selectOption('own_home');
    await page.getByRole('link', { name: 'Tiesību pārbaude' }).click();
    await expect.poll(() => control(eligibility, '/person/residence').inputValue()).toBe('own_home');
    expect(await control(eligibility, '/person/birthDate').inputValue()).toBe('02.04.1985');
    expectSelfContained(opened);
  });
});
