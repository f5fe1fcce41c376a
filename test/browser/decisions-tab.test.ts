import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { DI_PERSON, T1_PERSON, T1_SERVICES } from '../support/requests.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { control } from './case-forms.js';
import { BROWSER_START_TIMEOUT, expectSelfContained, type OpenPage, type PageSession, startPageSession } from './page-session.js';
import { expectNoAxeViolations } from './axe-check.js';

/**
 * The "Lēmumi / Decisions" tab: decisions are made through the API by caseworkers of Riga and Liepāja, then an
 * auditor finds them on the page (filters, "show more"), opens one's record and replays it; a caseworker sees only
 * Riga's, and asking for Liepāja's is a 403 the page explains.
 */

const TOKENS = [
  { id: 'auditor-state', role: 'auditor', municipality: 'state' },
  { id: 'caseworker-riga', role: 'caseworker', municipality: 'riga' },
  { id: 'caseworker-liepaja', role: 'caseworker', municipality: 'liepaja' },
] as const;
type TokenId = (typeof TOKENS)[number]['id'];
const secretOf = (id: TokenId): string => `${id}-secret-for-the-page-0123456789`;
const registry = tokensFromText(
  'tokens.yaml',
  `tokens:\n${TOKENS.map((token) => `  - { id: ${token.id}, role: ${token.role}, municipality: ${token.municipality}, secret: ${secretOf(token.id)} }`).join('\n')}\n`,
);
if (!registry.ok) throw new Error(JSON.stringify(registry.problems));

/** What each made decision is, to check the page's rows against. */
interface Made {
  decisionId: string;
  programme: string;
  municipality: 'riga' | 'liepaja';
  eligible?: boolean;
  compensation?: string;
}

const REQUESTS: Array<{ by: 'caseworker-riga' | 'caseworker-liepaja'; count: number; endpoint: string; body: Record<string, unknown> }> = [
  // 30 eligible NSK decisions of Riga, 10 not eligible (before the VSAC exit) and 10 DI decisions of Liepāja, 5 compensations.
  { by: 'caseworker-riga', count: 30, endpoint: '/v1/eligibility', body: { programme: 'nsk', date: '2024-03-15', person: T1_PERSON, services: T1_SERVICES } },
  {
    by: 'caseworker-liepaja',
    count: 10,
    endpoint: '/v1/eligibility',
    body: { programme: 'nsk', date: '2019-03-15', person: T1_PERSON, services: T1_SERVICES },
  },
  { by: 'caseworker-liepaja', count: 10, endpoint: '/v1/eligibility', body: { programme: 'di', date: '2017-03-15', person: DI_PERSON } },
  {
    by: 'caseworker-riga',
    count: 5,
    endpoint: '/v1/compensation',
    body: {
      programme: 'nsk',
      period: { from: '2024-01-01', to: '2024-06-30' },
      approvedOn: '2024-07-20',
      person: T1_PERSON,
      services: T1_SERVICES,
      costs: [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-01-31', amount: '620.00', funding: 'municipality', inPlan: true }],
    },
  },
];

let session: PageSession | undefined;
const made: Made[] = [];

beforeAll(async () => {
  session = await startPageSession(bundledRuleSet(), { auth: { mode: 'tokens', tokens: registry.registry }, decisions: new MemoryDecisionStore() });
  for (const { by, count, endpoint, body } of REQUESTS) {
    for (let index = 0; index < count; index += 1) {
      const response = await fetch(`${session.base}${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secretOf(by)}` },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { decisionId: string; eligible?: boolean; compensation?: string };
      if (response.status !== 200) throw new Error(`${endpoint} answered ${response.status}: ${JSON.stringify(answer)}`);
      made.push({
        decisionId: answer.decisionId,
        programme: body.programme as string,
        municipality: by === 'caseworker-riga' ? 'riga' : 'liepaja',
        ...(answer.compensation === undefined ? { eligible: answer.eligible as boolean } : { compensation: answer.compensation }),
      });
    }
  }
}, BROWSER_START_TIMEOUT);

afterAll(async () => {
  await session?.close();
}, BROWSER_START_TIMEOUT);

/** Newest first: decision ids are UUID v7, so their order is the order they were made in. */
const newestFirst = (decisions: readonly Made[]): string[] => decisions.map((decision) => decision.decisionId).sort((a, b) => (a < b ? 1 : -1));

async function openDecisionsTab(): Promise<OpenPage> {
  if (!session) throw new Error('the page session did not start');
  const opened = await session.open();
  await opened.page.locator('[data-tool="decisions"]').click();
  await expect.poll(() => opened.page.evaluate(() => document.activeElement?.id)).toBe('decisions-heading');
  expect(await opened.page.locator('#decisions-heading').textContent()).toBe('Lēmumi');
  return opened;
}

/** Searches; the service asks for a token (401), which is given in the form the page shows, and the search is made again. */
async function searchWithToken(opened: OpenPage, token: TokenId): Promise<void> {
  const tab = opened.page.locator('#decisions');
  await tab.getByRole('button', { name: 'Meklēt lēmumus' }).click();
  const box = tab.locator('.problem-box');
  expect(await box.locator('h3').textContent()).toBe('Šim pieprasījumam vajadzīga API atslēga');
  await control(box, '/token').fill(secretOf(token));
  await box.getByRole('button', { name: 'Saglabāt un mēģināt vēlreiz' }).click();
  await box.waitFor({ state: 'detached' });
}

const rowIds = (opened: OpenPage): Promise<string[]> =>
  opened.page.locator('#decisions tbody tr[data-decision]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-decision') ?? ''));

async function searchFor(
  opened: OpenPage,
  filters: { programme?: string; municipality?: string; from?: string; to?: string; eligible?: string },
): Promise<void> {
  const form = opened.page.locator('#decisions form');
  await control(form, '/programme').selectOption(filters.programme ?? '');
  await control(form, '/municipality').fill(filters.municipality ?? '');
  await control(form, '/from').fill(filters.from ?? '');
  await control(form, '/to').fill(filters.to ?? '');
  await control(form, '/eligible').selectOption(filters.eligible ?? '');
  const answered = opened.page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/decisions');
  await form.getByRole('button', { name: 'Meklēt lēmumus' }).click();
  await answered;
}

describe('the Lēmumi / Decisions tab', () => {
  it('an auditor: the newest 50, "show more" for the rest, each once; money, times and outcomes in the page’s words', async () => {
    const opened = await openDecisionsTab();
    const tab = opened.page.locator('#decisions');
    await searchWithToken(opened, 'auditor-state');
    const everyId = newestFirst(made);
    expect(everyId).toHaveLength(55);
    await expect.poll(() => rowIds(opened)).toEqual(everyId.slice(0, 50));
    expect(await tab.locator('.search-status').textContent()).toBe('Parādīti 50 lēmumi.');
    await tab.getByRole('button', { name: 'Rādīt vēl' }).click();
    await expect.poll(() => rowIds(opened)).toEqual(everyId);
    expect(await tab.locator('.search-status').textContent()).toBe('Parādīti 55 lēmumi.');
    expect(await tab.getByRole('button', { name: 'Rādīt vēl' }).isHidden()).toBe(true);

    // A compensation: its amount to the cent, in Latvian; when, as the API's UTC instant says.
    const paid = made.find((decision) => decision.compensation !== undefined);
    const paidRow = tab.locator(`tr[data-decision="${paid?.decisionId}"]`);
    const cells = await paidRow.locator('td').allTextContents();
    expect(cells.slice(1, 5)).toEqual([
      bundledRuleSet().programmes.get('nsk')?.title.lv,
      'Kompensācija',
      expect.stringMatching(/^\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0€$/),
      'riga',
    ]);
    const instant = (await paidRow.locator('time').getAttribute('datetime')) as string;
    const [date, clock] = [instant.slice(0, 10).split('-'), instant.slice(11, 16)];
    expect(cells[0]).toBe(`${date[2]}.${date[1]}.${date[0]}. ${clock} UTC`);
    const refused = made.find((decision) => decision.eligible === false);
    expect(await tab.locator(`tr[data-decision="${refused?.decisionId}"] td`).nth(3).textContent()).toBe('nav tiesīga');
    await expectNoAxeViolations(opened.page, 'decisions-auditor');
    await opened.screenshot('decisions-auditor');

    // The same table in English.
    await opened.page.locator('[data-language="en"]').click();
    expect(await tab.locator('thead th').allTextContents()).toEqual(['Time (UTC)', 'Programme', 'Question', 'Outcome', 'Municipality', 'Actions']);
    expect(await paidRow.locator('td').nth(3).textContent()).toMatch(/^€\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(await tab.locator('.search-status').textContent()).toBe('55 decisions shown.');
    expectSelfContained(opened);
  });

  it('an auditor filters by programme, municipality and outcome; a reversed period is shown at its field', async () => {
    const opened = await openDecisionsTab();
    await searchWithToken(opened, 'auditor-state');
    await searchFor(opened, { programme: 'di' });
    await expect.poll(() => rowIds(opened)).toEqual(newestFirst(made.filter((decision) => decision.programme === 'di')));
    await searchFor(opened, { municipality: 'liepaja', eligible: 'false' });
    await expect.poll(() => rowIds(opened)).toEqual(newestFirst(made.filter((decision) => decision.municipality === 'liepaja' && decision.eligible === false)));
    await searchFor(opened, { municipality: 'riga', eligible: 'true' });
    await expect.poll(() => rowIds(opened)).toEqual(newestFirst(made.filter((decision) => decision.municipality === 'riga' && decision.eligible === true)));
    // Every decision was made today (UTC): tomorrow onwards finds none, and says so.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await searchFor(opened, { from: tomorrow });
    await expect.poll(() => opened.page.locator('#decisions .search-status').textContent()).toBe('Neviens lēmums neatbilst meklētajam.');
    expect(await opened.page.locator('#decisions table').isHidden()).toBe(true);
    // to before from: the service's 400 is shown next to "Pieņemts līdz", and in the summary.
    await searchFor(opened, { from: '2024-07-02', to: '2024-07-01' });
    const form = opened.page.locator('#decisions form');
    await expect.poll(() => form.locator('.has-error .field-error').textContent()).toBe('Kļūda: beigu diena ir pirms sākuma dienas');
    expect(await control(form, '/to').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.problem-summary a').textContent()).toBe('Pieņemts līdz (nav obligāti): beigu diena ir pirms sākuma dienas');
    expectSelfContained(opened);
  });

  it('an auditor opens a decision’s record (with its answer made again) and replays it: identical', async () => {
    const opened = await openDecisionsTab();
    const tab = opened.page.locator('#decisions');
    await searchWithToken(opened, 'auditor-state');
    const chosen = made.find((decision) => decision.compensation !== undefined) as Made;
    const row = tab.locator(`tr[data-decision="${chosen.decisionId}"]`);
    const detail = tab.locator('.decision-detail');

    const record = opened.page.waitForResponse((response) => new URL(response.url()).pathname === `/v1/decisions/${chosen.decisionId}`);
    await row.getByRole('button', { name: 'Ieraksts' }).click();
    expect((await record).status()).toBe(200);
    await expect.poll(() => detail.locator('h3').textContent()).toBe(`Lēmums ${chosen.decisionId}: Lēmuma ieraksts`);
    await expect.poll(() => opened.page.evaluate(() => document.activeElement?.id)).toBe('decisions-body-decision');
    expect(await detail.getAttribute('data-decision')).toBe(chosen.decisionId);
    expect(await detail.locator('dl').textContent()).toContain('caseworker-riga (caseworker, riga)');
    expect(await detail.locator('[data-answer-check]').textContent()).toBe('izveidota no jauna un sakrīt ar nosūtīto');
    const shown = JSON.parse((await detail.locator('pre.json').textContent()) as string) as {
      decisionId: string;
      endpoint: string;
      answer: { compensation: string };
    };
    expect(shown).toMatchObject({ decisionId: chosen.decisionId, endpoint: 'compensation', answer: { compensation: chosen.compensation } });

    const replay = opened.page.waitForResponse((response) => new URL(response.url()).pathname === `/v1/decisions/${chosen.decisionId}/replay`);
    await row.getByRole('button', { name: 'Atkārtot' }).click();
    expect((await replay).status()).toBe(200);
    await expect.poll(() => detail.locator('h3').textContent()).toBe(`Lēmums ${chosen.decisionId}: Lēmuma atkārtojums`);
    expect(await detail.locator('[data-replay="identical"]').textContent()).toBe('Atkārtojot ar tiem pašiem noteikumu failiem, atbilde ir tieši tāda pati.');
    await expectNoAxeViolations(opened.page, 'decisions-record-replay');
    await opened.screenshot('decisions-record-replay');
    expectSelfContained(opened);
  });

  it("a caseworker of Riga sees Riga's decisions only, and asking for Liepāja's is a 403 the page explains", async () => {
    const opened = await openDecisionsTab();
    const tab = opened.page.locator('#decisions');
    await searchWithToken(opened, 'caseworker-riga');
    const riga = newestFirst(made.filter((decision) => decision.municipality === 'riga'));
    await expect.poll(() => rowIds(opened)).toEqual(riga);
    expect(await tab.getByRole('button', { name: 'Rādīt vēl' }).isHidden()).toBe(true);

    await searchFor(opened, { municipality: 'liepaja' });
    const box = tab.locator('.problem-box');
    await expect.poll(() => box.locator('h3').textContent()).toBe('Šai API atslēgai to darīt nav atļauts');
    expect(await box.textContent()).toContain(
      'token "caseworker-riga" (caseworker, riga) may not search the decisions of municipality "liepaja", only those of riga',
    );
    expect(await tab.locator('.forbidden-help').textContent()).toMatch(
      /^Lēmumus redz auditori \(visus\) un sociālie darbinieki un amatpersonas \(tikai savas pašvaldības\)/,
    );
    expect(await tab.locator('table').isHidden()).toBe(true);
    expect(await rowIds(opened)).toEqual([]);
    await expectNoAxeViolations(opened.page, 'decisions-caseworker-forbidden');
    await opened.screenshot('decisions-caseworker-forbidden');
    expectSelfContained(opened);
  });
});
