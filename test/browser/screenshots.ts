/**
 * `npm run screenshots`: the pictures of the page for docs/screenshots/ — a one-day NSK answer (the README's
 * quick-start question) and the README's NSK compensation answer, in Latvian and in English, on a phone (375 px) and
 * on a desktop (1280 px). Run by hand when the page changes, not by the test suite; it needs Chromium as the browser
 * tests do.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { README_NSK_EXAMPLE, readmeCompensationExample } from '../support/readme-examples.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { chooseProgramme, control, fillNskPerson, T1_ADULT, type NskPerson } from './case-forms.js';
import { startPageSession, type OpenPage } from './page-session.js';

const FOLDER = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const WIDTHS = { phone: 375, desktop: 1280 } as const;
const LANGUAGES = ['lv', 'en'] as const;

async function oneDayAnswer(opened: OpenPage): Promise<Locator> {
  const form = opened.page.locator('#eligibility form');
  await chooseProgramme(form, 'nsk');
  await control(form, '/date').fill('2024-03-15');
  await fillNskPerson(form, T1_ADULT);
  await form.locator('button.primary').click();
  const answer = opened.page.locator('#eligibility .result');
  await answer.locator('.verdict').waitFor();
  return answer;
}

async function compensationAnswer(opened: OpenPage): Promise<Locator> {
  const { request } = readmeCompensationExample(README_NSK_EXAMPLE);
  const { period, approvedOn, person, services, costs } = request as {
    period: { from: string };
    approvedOn: string;
    person: Omit<NskPerson, 'condition' | 'service'> & { conditions: [NonNullable<NskPerson['condition']>] };
    services: [{ type: string; funding: string }];
    costs: Array<{ service: string; from: string; to: string; amount: string; funding: string; inPlan: boolean }>;
  };
  const form = opened.page.locator('#compensation form');
  await chooseProgramme(form, 'nsk');
  await control(form, '/costs/0/amount').waitFor();
  await control(form, '/period/year').fill(period.from.slice(0, 4));
  await control(form, '/period/half')
    .locator(`input[value="${period.from.slice(5) === '01-01' ? 'H1' : 'H2'}"]`)
    .check();
  await control(form, '/approvedOn').fill(approvedOn);
  await fillNskPerson(form, { ...person, condition: person.conditions[0], service: services[0] });
  for (const [index, cost] of costs.entries()) {
    if (index > 0) await form.locator('[data-path="/costs"] > button.secondary').click();
    await control(form, `/costs/${index}/service`).selectOption(cost.service);
    await control(form, `/costs/${index}/from`).fill(cost.from);
    await control(form, `/costs/${index}/to`).fill(cost.to);
    await control(form, `/costs/${index}/amount`).fill(cost.amount);
    await control(form, `/costs/${index}/funding`).selectOption(cost.funding);
    await control(form, `/costs/${index}/inPlan`).selectOption(String(cost.inPlan));
  }
  await form.locator('button.primary').click();
  const answer = opened.page.locator('#compensation .result');
  await answer.locator('.verdict').waitFor();
  return answer;
}

async function main(): Promise<void> {
  mkdirSync(FOLDER, { recursive: true });
  const session = await startPageSession(bundledRuleSet());
  const written: string[] = [];
  try {
    for (const language of LANGUAGES) {
      for (const [device, width] of Object.entries(WIDTHS)) {
        for (const [name, tool, answer] of [
          ['nsk-one-day-answer', 'eligibility', oneDayAnswer],
          ['nsk-compensation-answer', 'compensation', compensationAnswer],
        ] as const) {
          const opened = await session.open(tool, { width, language });
          const shown = await answer(opened);
          // The answer as read, not as just focused (the focus ring of its heading is for the keyboard).
          await opened.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          const file = `${FOLDER}${name}-${language}-${device}-${width}px.png`;
          await shown.screenshot({ path: file });
          written.push(file);
          await opened.context.close();
        }
      }
    }
  } finally {
    await session.close();
  }
  for (const file of written) process.stdout.write(`${file}\n`);
}

await main();
