import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bundledRuleSet } from '../support/rule-sets.js';
import { chooseProgramme, control, fillNskPerson, T1_ADULT } from './case-forms.js';
import { pageSessionForTests } from './page-session.js';

const session = pageSessionForTests(() => bundledRuleSet());

/** Controls without a name a screen reader can say, and groups without a legend, in the visible tool. */
function unnamed(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const visible = (node: Element) => (node as HTMLElement).offsetParent !== null || (node as HTMLElement).getClientRects().length > 0;
    for (const node of document.querySelectorAll('main input, main select, main textarea, main button')) {
      if (!visible(node)) continue;
      const control = node as HTMLInputElement;
      const named = (control.labels?.length ?? 0) > 0 || control.getAttribute('aria-label') || (node.tagName === 'BUTTON' && node.textContent?.trim());
      if (!named) found.push(node.outerHTML.slice(0, 120));
    }
    for (const group of document.querySelectorAll('main fieldset')) {
      if (visible(group) && !group.querySelector(':scope > legend')?.textContent?.trim()) found.push(group.outerHTML.slice(0, 120));
    }
    return found;
  });
}

/** WCAG contrast of each element's text against the first opaque background behind it. */
function lowContrast(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate((selectors) => {
    const channels = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const linear = [r, g, b].map((value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0);
    };
    const background = (node: Element | null): number[] => {
      for (let current = node; current; current = current.parentElement) {
        const [r, g, b, a = 1] = channels(getComputedStyle(current).backgroundColor);
        if (a > 0.99) return [r ?? 255, g ?? 255, b ?? 255];
      }
      return [255, 255, 255];
    };
    const found: string[] = [];
    for (const selector of selectors) {
      const nodes = document.querySelectorAll(selector);
      if (nodes.length === 0) found.push(`${selector}: nothing to check`);
      for (const node of nodes) {
        const [l1, l2] = [luminance(channels(getComputedStyle(node).color)), luminance(background(node))].sort((a, b) => b - a);
        const ratio = ((l1 ?? 0) + 0.05) / ((l2 ?? 0) + 0.05);
        if (ratio < 4.5) found.push(`${selector}: ${ratio.toFixed(2)}`);
      }
    }
    return found;
  }, selectors);
}

describe('keyboard and screen-reader use', () => {
  it('every control has a label and every group a legend, in each tool; answers are live regions', async () => {
    const opened = await session.open('eligibility');
    const form = opened.page.locator('#eligibility form');
    const programmes = await control(form, '/programme')
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    // Every programme of rules/ is offered (an officer's new one too), and each form is checked.
    expect([...programmes].sort()).toEqual([...bundledRuleSet().programmes.keys()].sort());
    for (const programme of programmes) {
      await chooseProgramme(form, programme);
      expect(await unnamed(opened.page), programme).toEqual([]);
    }
    expect(await opened.page.locator('#eligibility .result').getAttribute('aria-live')).toBe('polite');
    await opened.page.getByRole('link', { name: 'Kompensācijas aprēķins' }).click();
    await opened.page.locator('#compensation [data-path="/person/birthDate"]').waitFor();
    expect(await unnamed(opened.page)).toEqual([]);
    // Each line editor: NSK's costs with the half-year choice, DI's deliveries, IBM's service lines with the evidence
    // unfolded — for every programme of rules/ that compensates, by the kind of its newest version's calculation.
    const compensation = opened.page.locator('#compensation form');
    const linesOfKind = { cappedActualCost: '/costs', unitCostDeliveries: '/deliveries', individualBudgetLines: '/serviceLines' } as const;
    const compensating = [...bundledRuleSet().programmes.values()].flatMap((programme) => {
      const kind = programme.versions.at(-1)?.compensation?.kind;
      return kind ? [[programme.id, linesOfKind[kind]] as const] : [];
    });
    expect(new Set(compensating.map(([, lines]) => lines))).toEqual(new Set(Object.values(linesOfKind)));
    for (const [programme, lines] of compensating) {
      await chooseProgramme(compensation, programme);
      await control(compensation, `${lines}/0`).waitFor();
      for (const summary of await compensation.locator('details.line-group > summary').all()) await summary.click();
      expect(await unnamed(opened.page), programme).toEqual([]);
    }
    expect(await opened.page.locator('#compensation .result').getAttribute('aria-live')).toBe('polite');
    await opened.page.getByRole('link', { name: 'Noteikumu pārlūks' }).click();
    await opened.page.locator('#rules .version-detail').waitFor();
    expect(await unnamed(opened.page)).toEqual([]);
  });

  it('the keyboard reaches the skip link first, opens a tool with focus on its heading, and every focus is visible', async () => {
    // Opened at / as a first-time user would: a #fragment would start the keyboard at that tool instead.
    const opened = await session.open();
    const page = opened.page;
    await page.locator('#eligibility [data-path="/person/birthDate"]').waitFor();
    await opened.screenshot('first-visit');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    const ring = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.activeElement as Element);
        return `${style.outlineStyle} ${style.outlineWidth} ${style.boxShadow}`;
      });
    expect(await ring()).toMatch(/^solid 3px .*rgb\(255, 221, 0\)/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('eligibility-heading');
    expect(await page.evaluate(() => location.hash)).toBe('');
    // On to the tools: the language buttons and the tool links come before the tool.
    await page.locator('[data-language="en"]').focus();
    for (let step = 0; step < 4 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Noteikumu pārlūks'; step += 1)
      await page.keyboard.press('Tab');
    expect(await ring()).toMatch(/^solid 3px/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rules-heading');
    expect(await page.locator('#rules').isVisible()).toBe(true);
    expect(await page.locator('#eligibility').isHidden()).toBe(true);
    expect(await page.locator('[data-tool="rules"]').getAttribute('aria-current')).toBe('page');
  });

  it('a whole check can be made from the keyboard: Enter in the form sends it and focus moves to the answer', async () => {
    const opened = await session.open('eligibility');
    const form = opened.page.locator('#eligibility form');
    await chooseProgramme(form, 'nsk');
    await control(form, '/date').fill('2024-03-15');
    await fillNskPerson(form, T1_ADULT);
    await control(form, '/person/birthDate').press('Enter');
    await expect.poll(() => opened.page.evaluate(() => document.activeElement?.textContent)).toBe('Atbilde');
    expect(await opened.page.locator('#eligibility .result').getAttribute('aria-labelledby')).toBe('eligibility-body-answer');
  });

  it('text keeps at least 4.5:1 contrast: help, errors, verdicts, outcomes, the timeline, buttons and tabs', async () => {
    const opened = await session.open('eligibility');
    const form = opened.page.locator('#eligibility form');
    await chooseProgramme(form, 'nsk');
    await control(form, '/when').locator('input[value="period"]').check();
    await control(form, '/period/from').fill('2019-03-01');
    await control(form, '/period/to').fill('2019-06-30');
    await fillNskPerson(form, T1_ADULT);
    await form.getByRole('button', { name: 'Pārbaudīt tiesības' }).click();
    await opened.page.locator('#eligibility .segment').first().waitFor();
    await opened.page.locator('#eligibility .segment details summary').first().click();
    await opened.page.locator('#eligibility details[data-assumptions] > summary').click();
    expect(
      await lowContrast(opened.page, [
        '.site-header h1',
        '.tools a',
        '.tools a[aria-current="page"]',
        '.language-switch button',
        '#eligibility .help',
        '#eligibility .required-mark',
        '#eligibility button.primary',
        '#eligibility button.secondary',
        '#eligibility .verdict',
        '#eligibility .timeline-part',
        '#eligibility .verdict-line',
        '#eligibility .outcome',
        '#eligibility .status',
        '#eligibility .rule-meta',
        '#eligibility details[data-assumptions] > summary',
        '#eligibility .badge--open',
        '#eligibility .assumption-origin',
        '#eligibility .other-reading',
        '#eligibility .passage cite',
        '.site-footer',
      ]),
    ).toEqual([]);
    await control(form, '/person/birthDate').fill('');
    await form.getByRole('button', { name: 'Pārbaudīt tiesības' }).click();
    await form.locator('.field-error').first().waitFor();
    expect(await lowContrast(opened.page, ['#eligibility .field-error', '#eligibility .problem-summary a'])).toEqual([]);
  });
});
