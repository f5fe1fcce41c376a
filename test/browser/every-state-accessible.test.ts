import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eligibilityResponse } from '../../src/answer/ask.js';
import { responseData } from '../../src/wire/answer-json.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './axe-check.js';
import { chooseProgramme, control, fillNskPerson, T1_ADULT } from './case-forms.js';
import { pageSessionForTests } from './page-session.js';

/**
 * axe-core (from npm) on every tool, every kind of answer and every error state, on a phone (375 px) and on a desktop
 * (1280 px), in Latvian and in English: no violation, and the page never scrolls sideways (a wide table scrolls in
 * its own region). Then the keyboard alone: a whole NSK check filled and sent with Tab and keys, its problems summed up
 * at the top, in view and focused.
 */
const session = pageSessionForTests(() => bundledRuleSet());

const programmes = [...bundledRuleSet().programmes.keys()];

/** A not-eligible answer with the contract v2 fields the page renders when the service gives them. */
const WOULD_CHANGE = {
  nextChange: { date: '2019-04-01', eligible: true, basis: ['T1'], blockers: [] },
  whatWouldChange: [
    {
      blocker: 'R1',
      title: { lv: 'VSAC pakalpojums beidzies', en: 'The VSAC service ended' },
      options: [
        {
          changes: [{ path: '/person/vsacExit/date', now: '2019-03-31', needs: { before: '2019-03-15' } }],
          words: { lv: 'Agrāka diena', en: 'An earlier day' },
        },
      ],
    },
  ],
};

async function submit(form: Locator): Promise<void> {
  await form.locator('button.primary').click();
}

async function openAll(scope: Locator): Promise<void> {
  for (const summary of await scope.locator('details:not([open]) > summary').all()) if (await summary.isVisible()) await summary.click();
}

for (const width of [375, 1280]) {
  describe(`at ${width} px`, () => {
    it('every tool, answer and error state: axe finds no violation and nothing scrolls sideways', async () => {
      const opened = await session.open('eligibility', { width });
      const page = opened.page;
      const check = async (where: string) => {
        await expectNoAxeViolations(page, `${where} at ${width} px`);
        await expectNoSidewaysScroll(page, `${where} at ${width} px`);
      };
      const eligibility = page.locator('#eligibility form');
      const answer = page.locator('#eligibility .result');
      for (const programme of programmes) {
        await chooseProgramme(eligibility, programme);
        await check(`the eligibility form of ${programme}`);
      }

      // Answers: eligible with everything unfolded; not eligible with what would change it; a period's segments.
      await chooseProgramme(eligibility, 'nsk');
      await control(eligibility, '/date').fill('15.03.2024');
      await fillNskPerson(eligibility, T1_ADULT);
      await submit(eligibility);
      await answer.locator('.verdict').waitFor();
      await openAll(answer);
      await check('an eligible day answer, unfolded');
      await page.route('**/v1/eligibility', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), ...WOULD_CHANGE } });
      });
      await control(eligibility, '/date').fill('15.03.2019');
      await submit(eligibility);
      await answer.locator('.would-change').waitFor();
      await check('a not-eligible day answer with what would change it');
      await page.unroute('**/v1/eligibility');
      await control(eligibility, '/when').locator('input[value="period"]').check();
      await control(eligibility, '/period/from').fill('01.03.2019');
      await control(eligibility, '/period/to').fill('30.06.2019');
      await submit(eligibility);
      await answer.locator('li.segment').first().waitFor();
      await openAll(answer);
      await check("a period's answer with its segments unfolded");

      // Errors: a 400 with its summary, a 422, a 500 and no network.
      await control(eligibility, '/period/to').fill('01.01.2019');
      await control(eligibility, '/person/birthDate').fill('30.02.1985');
      await submit(eligibility);
      await eligibility.locator('.problem-summary').waitFor();
      await check('problems of a request (400)');
      await control(eligibility, '/when').locator('input[value="date"]').check();
      await control(eligibility, '/date').fill('15.03.1990');
      await control(eligibility, '/person/birthDate').fill('02.04.1965');
      await submit(eligibility);
      await answer.locator('.problem-box[data-status="422"]').waitFor();
      await openAll(answer);
      await check('no rule version in force (422)');
      await page.route('**/v1/eligibility', (route) =>
        route.fulfill({
          status: 500,
          contentType: 'application/problem+json',
          body: '{"type":"about:blank","title":"Internal error","status":500,"detail":"internal error"}',
        }),
      );
      await submit(eligibility);
      await answer.locator('.problem-box[data-status="500"]').waitFor();
      await openAll(answer);
      await check('a 500');
      await page.unroute('**/v1/eligibility');
      await page.route('**/v1/eligibility', (route) => route.abort('internetdisconnected'));
      await submit(eligibility);
      await answer.locator('.problem-box[data-status="0"]').waitFor();
      await check('the service unreachable');
      await page.unroute('**/v1/eligibility');

      // The compensation calculator: each programme's form and lines, an NSK answer, its problems, a DI answer.
      await page.getByRole('link', { name: 'Kompensācijas aprēķins' }).click();
      const compensation = page.locator('#compensation form');
      const result = page.locator('#compensation .result');
      for (const [programme, lines] of [
        ['di', '/deliveries'],
        ['ibm', '/serviceLines'],
        ['nsk', '/costs'],
      ] as const) {
        await chooseProgramme(compensation, programme);
        await control(compensation, `${lines}/0`).waitFor();
        await openAll(compensation);
        await check(`the compensation form of ${programme}`);
      }
      await control(compensation, '/period/year').fill('2024');
      await control(compensation, '/approvedOn').fill('22.07.2024');
      await fillNskPerson(compensation, { ...T1_ADULT, birthDate: '02.04.1985', vsacExit: { date: '15.03.2024', service: 'institutional_care' } });
      await control(compensation, '/costs/0/service').selectOption('day_care_centre');
      await control(compensation, '/costs/0/from').fill('01.03.2024');
      await control(compensation, '/costs/0/to').fill('31.03.2024');
      await control(compensation, '/costs/0/amount').fill('620,00');
      await control(compensation, '/costs/0/funding').selectOption('municipality');
      await submit(compensation);
      await compensation.locator('.problem-summary').waitFor();
      await check('a cost line without its "in the plan" answer (400)');
      await control(compensation, '/costs/0/inPlan').selectOption('true');
      await submit(compensation);
      await result.locator('.verdict').waitFor();
      await openAll(result);
      await check('an NSK compensation answer, unfolded');
      await page.getByRole('button', { name: 'English' }).click();
      await check('an NSK compensation answer in English');
      await page.getByRole('button', { name: 'Latviešu' }).click();

      // The rules browser and the decisions.
      await page.getByRole('link', { name: 'Noteikumu pārlūks' }).click();
      await page.locator('#rules .version-detail').waitFor();
      await check('the rules browser');
      await page.getByRole('link', { name: 'Lēmumi' }).click();
      const decisions = page.locator('#decisions form');
      await decisions.locator('button.primary').click();
      await page.locator('#decisions table').waitFor();
      await check('decisions found');

      // And the eligibility answer in English.
      await page.getByRole('link', { name: 'Tiesību pārbaude' }).click();
      await page.getByRole('button', { name: 'English' }).click();
      await control(eligibility, '/date').fill('15/03/2024');
      await control(eligibility, '/person/birthDate').fill('02/04/1985');
      await submit(eligibility);
      await answer.locator('.verdict').waitFor();
      await check('an eligible day answer in English');
      expect(opened.outside).toEqual([]);
    }, 240_000);
  });
}

/** Presses Tab until the control of `path` has the focus (a radio of a group counts as the group). */
async function tabTo(page: Page, path: string): Promise<void> {
  for (let presses = 0; presses < 120; presses += 1) {
    const at = await page.evaluate(() => (document.activeElement?.closest('[data-path]') as HTMLElement | null)?.dataset.path ?? null);
    if (at === path) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${path}`);
}

/** Chooses an option of the focused select with the arrow keys alone. */
async function chooseByKeys(page: Page, value: string): Promise<void> {
  const count = await page.evaluate(() => (document.activeElement as HTMLSelectElement).options.length);
  await page.keyboard.press('Home');
  for (let step = 0; step <= count; step += 1) {
    if ((await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${value}`);
}

describe('the keyboard alone', () => {
  it('fills and sends an NSK check with Tab and keys; a problem is summed up at the top, in view and focused, and its link leads to the field', async () => {
    const opened = await session.open('eligibility');
    const page = opened.page;
    await page.locator('#eligibility [data-path="/person/birthDate"]').waitFor();
    await page.keyboard.press('Tab');
    await tabTo(page, '/programme');
    await chooseByKeys(page, 'nsk');
    await page.locator('#eligibility .facts-host > .facts [data-path="/services/0/inPlan"]').waitFor();
    await tabTo(page, '/date');
    await page.keyboard.type('15.03.2024');
    // The birth date is left out on purpose: the service names it.
    await tabTo(page, '/person/conditions/0/type');
    await chooseByKeys(page, 'mental_disorder');
    await tabTo(page, '/person/conditions/0/severity');
    await chooseByKeys(page, 'severe');
    await tabTo(page, '/person/disabilityGroup');
    await chooseByKeys(page, 'II');
    await tabTo(page, '/person/vsacExit/date');
    await page.keyboard.type('31.03.2019');
    await tabTo(page, '/person/vsacExit/service');
    await chooseByKeys(page, 'institutional_care');
    for (const path of ['/person/receivedDiServices', '/person/nskAsChild']) {
      await tabTo(page, path);
      // The first choice is "Jā"; the arrow moves to "Nē" and chooses it.
      await page.keyboard.press('ArrowRight');
      expect(await page.locator(`#eligibility [data-path="${path}"] input[value="false"]`).isChecked()).toBe(true);
    }
    await tabTo(page, '/person/residence');
    await chooseByKeys(page, 'group_home');
    await tabTo(page, '/services/0/type');
    await chooseByKeys(page, 'day_care_centre');
    await tabTo(page, '/services/0/inPlan');
    await chooseByKeys(page, 'true');
    await tabTo(page, '/services/0/funding');
    await chooseByKeys(page, 'municipality');
    // The form is long: the caseworker is at its bottom when sending it, on its button.
    for (let presses = 0; presses < 20 && !(await page.evaluate(() => document.activeElement?.classList.contains('primary'))); presses += 1)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const summary = page.locator('#eligibility .problem-summary');
    await summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('problem-summary'))).toBe(true);
    // In view at once, at the top of the window.
    const top = await summary.evaluate((node) => Math.round(node.getBoundingClientRect().top));
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(100);
    expect(await summary.locator('li').allTextContents()).toEqual(['Dzimšanas datums: jānorāda']);
    // From the summary to the field, by keyboard.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path)).toBe('/person/birthDate');
    await page.keyboard.type('02.04.1985');
    await page.keyboard.press('Enter');
    const result = page.locator('#eligibility .result');
    // The verdict the service gives the check typed above (T1_PERSON's facts), whatever the rules of rules/ say of it today.
    const answered = responseData(eligibilityResponse(bundledRuleSet(), { programme: 'nsk', date: '2024-03-15', person: T1_PERSON, services: T1_SERVICES }));
    if (answered.status !== 200) throw new Error(`the check typed above answered ${answered.status}`);
    const verdict = answered.body.eligible === true ? '✓ Persona ir tiesīga 15.03.2024.' : '✗ Persona nav tiesīga 15.03.2024.';
    await expect.poll(() => result.locator('.verdict').textContent()).toBe(verdict);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Atbilde');
    // The checklist opens from the keyboard too.
    await page.locator('#eligibility details.explanation > summary').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#eligibility details.explanation').getAttribute('open')).toBe('');
    expect(opened.errors).toEqual([]);
  });
});
