import { describe, expect, it } from 'vitest';
import { bundledRuleSet, FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { expectSelfContained, pageSessionForTests, type OpenPage } from './page-session.js';
import { expectNoAxeViolations } from './axe-check.js';

async function openProgramme(opened: OpenPage, programme: string): Promise<void> {
  await opened.page.locator(`#rules button[data-programme="${programme}"]`).click();
  await opened.page.locator('#rules .version-detail').waitFor();
}

/**
 * A programme's open questions (GET /v1/programmes/{id} openQuestions) as the rules browser lists them: each with its
 * reading, the other one, the Latvian passage, versions and what rests on it.
 */
async function expectOpenQuestions(opened: OpenPage, programme: string): Promise<void> {
  await openProgramme(opened, programme);
  const listed = await opened.page.evaluate(
    async (id) => (await (await fetch(`/v1/programmes/${id}`)).json()).openQuestions as Array<{ id: string; versions: string[]; usedBy: string[] }>,
    programme,
  );
  expect(listed.length).toBeGreaterThan(0);
  const section = opened.page.locator('#rules section.open-questions');
  expect(await section.locator('h4').textContent()).toBe('Atklātie jautājumi');
  const items = section.locator('li[data-question]');
  expect(await items.evaluateAll((found) => found.map((item) => item.getAttribute('data-question')))).toEqual(listed.map((question) => question.id));
  const first = items.first();
  expect(await first.locator('.other-reading').textContent()).toMatch(/^Cits iespējamais lasījums: .+/);
  expect(await first.locator('.passage cite').getAttribute('lang')).toBe('lv');
  expect(await first.locator('.question-meta code').allTextContents()).toEqual(listed[0]?.usedBy);
  expect(await first.locator('.question-meta').textContent()).toContain(`Versijas: ${listed[0]?.versions.join(', ')}`);
  await opened.screenshot(`rules-browser-${programme}-open-questions`);
}

describe('rules browser in the browser, bundled rules', () => {
  const session = pageSessionForTests(() => bundledRuleSet());

  it("NSK: the version timeline and a version's parameters, rules, assumptions and sources", async () => {
    const opened = await session.open('rules');
    await openProgramme(opened, 'nsk');
    const rules = opened.page.locator('#rules');
    // One timeline item per version the rules have (an officer's amendment adds one), each with its id and title.
    const nsk = bundledRuleSet().programmes.get('nsk');
    const versions = nsk?.versions ?? [];
    expect(versions.length).toBeGreaterThan(0);
    // The page opens on the newest version: its texts are read from rules/ now, never written here.
    const newest = versions.at(-1);
    const t1 = newest?.rules.find((rule) => rule.id === 'T1');
    const items = await rules.locator('.version-item').allTextContents();
    expect(items.map((item, index) => item.startsWith(`${versions[index]?.version}${versions[index]?.title.lv}`))).toEqual(versions.map(() => true));
    const parameter = (name: string) => rules.locator(`tr[data-parameter="${name}"] .parameter-value`);
    // Money, dates and numbers in the page's (Latvian) formats.
    expect(await parameter('annualAmount').textContent()).toMatch(/^\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0€$/);
    expect(await parameter('exitCutoff').textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}\.$/);
    expect(await parameter('adultAge').textContent()).toMatch(/^\d+$/);
    expect(await rules.locator('tr[data-parameter="exitCutoff"] cite').textContent()).toContain('Personu loks un pakalpojumi');
    expect(t1?.title.lv).toEqual(expect.any(String));
    expect(await rules.locator('.version-detail li.rule[data-ref="T1"] .rule-title').textContent()).toBe(t1?.title.lv);
    expect(await rules.locator('.version-detail li.rule').count()).toBe(newest?.rules.length);
    const a1 = newest?.assumptions.find((assumption) => assumption.id === 'A1');
    expect(a1?.text.lv).toEqual(expect.any(String));
    expect(await rules.locator('.assumption-list li', { hasText: 'A1' }).first().textContent()).toContain(a1?.text.lv);
    expect(await rules.locator('table', { hasText: 'Atsauce' }).locator('tbody tr').count()).toBeGreaterThan(0);
    // A version's assumptions mark the open questions among them (those rules/ gives another reading), each with it.
    const openAssumption = rules.locator('.version-detail .assumption-list li[data-open="true"]');
    const openInRules = newest?.assumptions.filter((assumption) => assumption.otherReading !== undefined) ?? [];
    expect(await openAssumption.count()).toBe(openInRules.length);
    expect(await openAssumption.locator('.other-reading').count()).toBe(openInRules.length);
    // The compensation settings say the claim period in words.
    expect(await rules.locator('.version-detail [data-setting="claimPeriod"]').textContent()).toMatch(/^Pieprasīšanas periods: viens kalendāra pusgads/);
    // Derived facts are listed with the facts, the itemsByDate ones (services kept by their DI compensation's last day) too.
    const itemsByDate = [...(nsk?.derivedFacts.values() ?? [])].filter((fact) => fact.kind === 'itemsByDate').map((fact) => fact.name);
    expect(itemsByDate.length).toBeGreaterThan(0);
    expect(await rules.locator('tr[data-derived="itemsByDate"] code').allTextContents()).toEqual(itemsByDate);
    // Two versions or more are offered for comparison, the two newest chosen; one alone has nothing to compare, and
    // the page says so (as it does for the fictional DI below).
    const compare = rules.locator('.compare');
    if (versions.length === 1) {
      expect(await compare.textContent()).toContain('Programmai ir tikai viena versija');
    } else {
      expect(await compare.locator('[data-path="/old"]').inputValue()).toBe(versions.at(-2)?.version);
      expect(await compare.locator('[data-path="/new"]').inputValue()).toBe(newest?.version);
    }
    await expectNoAxeViolations(opened.page, 'rules-browser-nsk-version');
    await opened.screenshot('rules-browser-nsk-version');
    expectSelfContained(opened);
  });

  it("IBM: lines without a defined price take their price from another programme's unit costs, named in the settings", async () => {
    const opened = await session.open('rules');
    await openProgramme(opened, 'ibm');
    const setting = opened.page.locator('#rules .version-detail [data-setting="diUnitCosts"]');
    const compensation = bundledRuleSet().programmes.get('ibm')?.versions.at(-1)?.compensation;
    expect(compensation?.kind).toBe('individualBudgetLines');
    expect(await setting.locator('code').textContent()).toBe(compensation?.kind === 'individualBudgetLines' ? compensation.diUnitCosts.programme : null);
    expect(await setting.locator('cite').count()).toBe(1);
    expectSelfContained(opened);
  });
});

describe('rules browser in the browser, fictional test versions', () => {
  const session = pageSessionForTests(() => ruleSetAt(FIXTURE_RULES));

  it('the diff between two versions lists each changed parameter old → new', async () => {
    const opened = await session.open('rules');
    await openProgramme(opened, 'nsk');
    const compare = opened.page.locator('#rules .compare');
    expect(await compare.locator('[data-path="/old"]').inputValue()).toBe('2022-01-01-fictional');
    expect(await compare.locator('[data-path="/new"]').inputValue()).toBe('2023-04-01-fictional');
    await compare.getByRole('button', { name: 'Salīdzināt' }).click();
    expect(await compare.locator('.diff li[data-parameter]').allTextContents()).toEqual([
      'mainīts Gada summa vienai personai annualAmount: 7\u00a0085,20\u00a0€ → 8\u00a0400,00\u00a0€',
    ]);
    expect(await compare.locator('.diff').textContent()).toContain('Neviens noteikums nav mainīts.');

    await compare.locator('[data-path="/old"]').selectOption('2019-01-01');
    await compare.locator('[data-path="/new"]').selectOption('2022-01-01-fictional');
    await compare.getByRole('button', { name: 'Salīdzināt' }).click();
    const changed = await compare.locator('.diff li[data-parameter]').allTextContents();
    expect(changed).toContain('mainīts VSAC pakalpojumu pārtraukšana no exitCutoff: 01.07.2018. → 01.01.2018.');
    expect(changed.some((line) => /youngChildAge: 4 → 5$/.test(line))).toBe(true);
    // The review tool's meaning-level diff follows: the % change and the rules that read each parameter, in words.
    const details = compare.locator('[data-diff-details] li');
    await details.first().waitFor();
    const detailLines = await details.allTextContents();
    expect(detailLines.some((line) => line.startsWith('youngChildAge · +25.00%') && line.includes('T3'))).toBe(true);
    expect(detailLines.some((line) => line.startsWith('exitCutoff'))).toBe(true);
    await expectNoAxeViolations(opened.page, 'rules-browser-diff');
    await opened.screenshot('rules-browser-diff');
    expectSelfContained(opened);
  });

  it('nsk: the open questions, each with its reading, the other one, the Latvian passage, versions and what rests on it', async () => {
    const opened = await session.open('rules');
    await expectOpenQuestions(opened, 'nsk');
    expectSelfContained(opened);
  });
});

/** FICTIONAL DI, IBM and VSAC admission (test/fixtures/fictional-programmes), with made-up versions and figures. */
describe('rules browser in the browser, fictional programmes', () => {
  const fictional = pageSessionForTests(() => ruleSetAt(FICTIONAL_PROGRAMMES));

  it('VSAC admission (A8): two versions on the timeline, and the later one adds the admitted care levels', async () => {
    const opened = await fictional.open('rules');
    await openProgramme(opened, 'vsac-admission');
    const rules = opened.page.locator('#rules');
    expect(await rules.locator('.version-item .version-dates').allTextContents()).toEqual([
      'spēkā 01.01.2016.–31.08.2016.; pieņemta 15.11.2015.',
      'spēkā no 01.09.2016.; pieņemta 15.06.2016.',
    ]);
    await rules.locator('.compare').getByRole('button', { name: 'Salīdzināt' }).click();
    expect(await rules.locator('.diff li[data-parameter="admittedCareLevels"]').textContent()).toBe(
      'pievienots Institūcijā uzņemamie aprūpes līmeņi admittedCareLevels: 2, 3, 4',
    );
    // The older version opens from the timeline, and has no such parameter.
    await rules.locator('.version-button', { hasText: '2016-01-01-fictional' }).click();
    await expect.poll(() => rules.locator('.version-detail h4').first().textContent()).toBe('Versija 2016-01-01-fictional');
    expect(await rules.locator('tr[data-parameter="admittedCareLevels"]').count()).toBe(0);
    expectSelfContained(opened);
  });

  it('DI, one version: nothing to compare, and the page says so', async () => {
    const opened = await fictional.open('rules');
    await openProgramme(opened, 'di');
    const rules = opened.page.locator('#rules');
    expect(await rules.locator('.version-item').count()).toBe(1);
    expect(await rules.locator('.version-detail h4').first().textContent()).toBe('Versija 2015-07-01-fictional');
    expect(await rules.locator('.compare').textContent()).toContain('Programmai ir tikai viena versija');
    expect(await rules.locator('.compare [data-path="/old"]').count()).toBe(0);
    expectSelfContained(opened);
  });

  it.each(['di', 'ibm'])(
    '%s: the open questions, each with its reading, the other one, the Latvian passage, versions and what rests on it',
    async (programme) => {
      const opened = await fictional.open('rules');
      await expectOpenQuestions(opened, programme);
      expectSelfContained(opened);
    },
  );
});
