import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import { FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { chooseProgramme, control, fillNskPerson, openAssumptions, sentBody, T1_ADULT } from './case-forms.js';
import { BROWSER_START_TIMEOUT, expectSelfContained, pageSessionForTests, startPageSession, type OpenPage, type PageSession } from './page-session.js';
import { expectNoAxeViolations } from './axe-check.js';

/**
 * NSK with the FICTIONAL fixture rules (test/fixtures/rules): 2019-01-01 until 2021-12-31, 2022-01-01-fictional, and
 * from 2023-04-01 2023-04-01-fictional (13 rules; T1 as in the bundled rules). Titles, ages and counts below are the
 * fixture's, so an officer's amendment of rules/ never moves them.
 */
const session = pageSessionForTests(() => ruleSetAt(FIXTURE_RULES));

async function askNsk(opened: OpenPage, when: { date: string } | { from: string; to: string }, person = T1_ADULT) {
  const form = opened.page.locator('#eligibility form');
  await chooseProgramme(form, 'nsk');
  if ('date' in when) {
    await control(form, '/date').fill(when.date);
  } else {
    await control(form, '/when').locator('input[value="period"]').check();
    await control(form, '/period/from').fill(when.from);
    await control(form, '/period/to').fill(when.to);
  }
  await fillNskPerson(form, person);
  const sent = await sentBody(opened.page, '/v1/eligibility', () => form.getByRole('button', { name: 'Pārbaudīt tiesības' }).click());
  return { form, sent };
}

describe('eligibility check in the browser', () => {
  it('T1: an eligible adult gets the verdict, the basis in words and the checklist, with focus on the answer', async () => {
    const opened = await session.open('eligibility');
    await askNsk(opened, { date: '2024-03-15' });
    const result = opened.page.locator('#eligibility .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toContain('Persona ir tiesīga 15.03.2024.');
    await expect.poll(() => opened.page.evaluate(() => document.activeElement?.textContent)).toBe('Atbilde');
    // The basis in words, with the facts that decided it: the age seen and the condition.
    expect(await result.locator('.refs li[data-ref="T1"]').textContent()).toBe(
      'T1 — Pilngadīga persona ar smagiem vai ļoti smagiem garīga rakstura traucējumiem' +
        'Noteica: Vecums pilnos gados vērtēšanas dienā: 38; Traucējumi un to smagums: Garīga rakstura traucējumi (Smagi)',
    );
    expect(await result.locator('.refs--blockers').count()).toBe(0);
    // The full checklist follows, folded.
    expect(await result.locator('details.explanation').getAttribute('open')).toBeNull();
    expect(await result.locator('details.explanation > summary').textContent()).toBe('Kā tas noteikts: visi 13 pārbaudītie noteikumi ar redzētajām vērtībām');
    // The checklist: T1's age condition saw 38, compared with the fixture's age of majority, and held.
    const t1 = result.locator('li.rule[data-ref="T1"]');
    expect(await t1.locator('.outcome').textContent()).toBe('Izpildās — pamats');
    const age = t1.locator('li.condition', { hasText: 'Vecums pilnos gados' }).first();
    expect(await age.textContent()).toMatch(/izpildās.*Vecums pilnos gados vērtēšanas dienā ir vismaz 18 \(Pilngadības vecums\) — redzētā vērtība: 38/);
    expect(await t1.locator('cite').textContent()).toContain('Personu loks un pakalpojumi, 1. mērķa grupa');
    expect(await result.locator('li.rule').count()).toBe(13);
    expect(await result.locator('li.condition--skip').count()).toBeGreaterThan(0);
    expect(await result.locator('dl.ruleset').textContent()).toContain('2023-04-01-fictional');
    await opened.screenshot('eligibility-t1-eligible');
    expectSelfContained(opened);
  });

  it("E3 per service: a service's own diCompensatedUntil entered in its row reaches the request, and a DI-compensated only service is named as the blocker", async () => {
    const opened = await session.open('eligibility');
    const form = opened.page.locator('#eligibility form');
    await chooseProgramme(form, 'nsk');
    // The DI compensation's last day is asked per service, not of the person (contract v2). (The fixture's E3 reads it
    // per person; a DI-compensated only service blocks under either reading.)
    expect(await control(form, '/person/diCompensatedUntil').count()).toBe(0);
    const { sent } = await askNsk(
      opened,
      { date: '2024-03-15' },
      { ...T1_ADULT, service: { type: 'day_care_centre', funding: 'municipality', diCompensatedUntil: '2024-06-30' } },
    );
    expect(sent.services).toEqual([{ type: 'day_care_centre', inPlan: true, funding: 'municipality', diCompensatedUntil: '2024-06-30' }]);
    expect(sent.person).not.toHaveProperty('diCompensatedUntil');
    const result = opened.page.locator('#eligibility .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toContain('Persona nav tiesīga 15.03.2024.');
    expect(await result.locator('.refs--blockers li[data-ref="E3"]').textContent()).toMatch(/^E3 — attiecas izņēmums: .+/);
    expect(await result.locator('li.rule[data-ref="E3"] .outcome').textContent()).toBe('Izņēmums attiecas — traucē');
    await expectNoAxeViolations(opened.page, 'eligibility-e3-per-service');
    await opened.screenshot('eligibility-e3-per-service');
    expectSelfContained(opened);
  });

  it('the answer lists the assumptions it rests on after the verdict, folded; open questions are marked, with the other reading and the Latvian passage', async () => {
    const opened = await session.open('eligibility');
    const { sent } = await askNsk(opened, { date: '2024-03-15' });
    const result = opened.page.locator('#eligibility .result');
    await result.locator('.verdict').waitFor();
    // The same question asked as data: the page shows the answer's assumptions, each once, and marks its open ones.
    const asked = await opened.page.evaluate(async (body) => {
      const response = await fetch('/v1/eligibility', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return ((await response.json()).assumptions as Array<{ id: string; otherReading?: unknown }>).map((assumption) => ({
        id: assumption.id,
        open: assumption.otherReading !== undefined,
      }));
    }, sent);
    const folded = result.locator('details[data-assumptions]');
    expect(await folded.getAttribute('open')).toBeNull();
    // After the verdict: the folded list comes after the verdict and before the explanation.
    expect(await result.locator('.verdict ~ details[data-assumptions] ~ details.explanation .checklist').count()).toBe(1);
    const { items, open } = await openAssumptions(result);
    const shown = await items.evaluateAll((found) =>
      found.map((item) => ({ id: item.getAttribute('data-assumption'), open: item.getAttribute('data-open') === 'true' })),
    );
    expect(shown).toEqual(asked);
    expect(shown.length).toBeGreaterThan(0);
    expect(await open.count()).toBe(asked.filter((assumption) => assumption.open).length);
    expect(await open.count()).toBeGreaterThan(0);
    const question = open.first();
    expect(await question.locator('.badge--open').textContent()).toBe('Atklāts jautājums');
    expect(await question.locator('.other-reading').textContent()).toMatch(/^Cits iespējamais lasījums: .+/);
    expect(await question.locator('.passage cite').getAttribute('lang')).toBe('lv');
    expect(await folded.locator(':scope > summary').textContent()).toMatch(/^Pieņēmumi, uz kuriem balstās atbilde: \d+, no tiem atklāti jautājumi: \d+$/);
    await opened.page.getByRole('button', { name: 'English' }).click();
    expect(await folded.locator(':scope > summary').textContent()).toMatch(/^Assumptions the answer rests on: \d+, open questions among them: \d+$/);
    expect(await question.locator('.badge--open').textContent()).toBe('Open question');
    expect(await question.locator('.other-reading').textContent()).toMatch(/^Another possible reading: .+/);
    await opened.screenshot('eligibility-assumptions');
    expectSelfContained(opened);
  });

  it("T: a person in no target group sees the programme's no-basis blocker in words", async () => {
    const opened = await session.open('eligibility');
    await askNsk(opened, { date: '2024-03-15' }, { ...T1_ADULT, condition: { type: 'functional_impairment', severity: 'mild' } });
    const result = opened.page.locator('#eligibility .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toContain('Persona nav tiesīga 15.03.2024.');
    expect(await result.locator('.refs--blockers li[data-ref="T"]').textContent()).toBe('T — Persona neatbilst nevienai NSK mērķa grupai');
    expect(await result.locator('p', { hasText: 'Persona neatbilst nevienai mērķa grupai vai paplašinājumam.' }).count()).toBe(1);
    await expectNoAxeViolations(opened.page, 'eligibility-t-not-eligible');
    await opened.screenshot('eligibility-t-not-eligible');
    expectSelfContained(opened);
  });

  it('R1 / A3: a period across the last VSAC day shows two segments on the timeline', async () => {
    const opened = await session.open('eligibility');
    await askNsk(opened, { from: '2019-03-01', to: '2019-06-30' });
    const result = opened.page.locator('#eligibility .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toContain('Persona ir tiesīga 91 no 122 dienām');
    const segments = result.locator('li.segment');
    expect(await segments.count()).toBe(2);
    // The period's answer lists its assumptions too, after the verdict and before the segments.
    expect(await result.locator('.verdict ~ details[data-assumptions] ~ .segment-timeline').count()).toBe(1);
    expect(await result.locator('.timeline-part').count()).toBe(2);
    expect(await segments.nth(0).locator('h5').textContent()).toBe('1. posms: 01.03.2019.–31.03.2019. (31 diena)');
    expect(await segments.nth(0).locator('.refs--blockers li[data-ref="R1"]').textContent()).toMatch(/^R1 — .+/);
    expect(await segments.nth(1).locator('h5').textContent()).toBe('2. posms: 01.04.2019.–30.06.2019. (91 diena)');
    expect(await segments.nth(1).locator('.verdict-line').textContent()).toContain('tiesīga');
    // The explanation of a segment opens on request.
    await segments.nth(0).locator(':scope > details > summary').click();
    expect(await segments.nth(0).locator('li.rule[data-ref="R1"] .outcome').textContent()).toBe('Prasība nav izpildīta — traucē');
    await opened.screenshot('eligibility-period-two-segments');
    expectSelfContained(opened);
  });

  it('switches to English, sets <html lang> and remembers the choice', async () => {
    const opened = await session.open('eligibility');
    await askNsk(opened, { date: '2024-03-15' });
    const result = opened.page.locator('#eligibility .result');
    await result.locator('.verdict').waitFor();
    await opened.page.getByRole('button', { name: 'English' }).click();
    expect(await opened.page.getAttribute('html', 'lang')).toBe('en');
    expect(await result.locator('.verdict').textContent()).toContain('The person is eligible on 15 Mar 2024');
    expect(await result.locator('.refs li[data-ref="T1"]').textContent()).toMatch(
      /^T1 — Adult with severe or very severe mental disorders ?Decided by: .+: 38; /,
    );
    // What was typed stays typed, its dates now as the English page types them (day first, with slashes).
    expect(await control(opened.page.locator('#eligibility form'), '/person/birthDate').inputValue()).toBe('02/04/1985');
    expect(await opened.page.locator('#eligibility h2').textContent()).toBe('Eligibility check');
    await opened.screenshot('eligibility-english');
    await opened.page.reload();
    await opened.page.waitForSelector('body[data-ready="true"]');
    expect(await opened.page.getAttribute('html', 'lang')).toBe('en');
    expect(await opened.page.locator('#eligibility h2').textContent()).toBe('Eligibility check');
    expect(await opened.page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expectSelfContained(opened);
  });

  it("bad input: every problem of the service's problem+json at once, each next to the field its path names", async () => {
    const opened = await session.open('eligibility');
    const form = opened.page.locator('#eligibility form');
    const fieldOf = (path: string) => form.locator('.field', { has: control(opened.page, path) });
    await chooseProgramme(form, 'nsk');
    // A period typed the wrong way round, an impossible birth date, a mental disorder without its severity, and no
    // residence (a fact the rules need): all named in one answer, not one after another as each is fixed.
    await control(form, '/when').locator('input[value="period"]').check();
    await control(form, '/period/from').fill('31.05.2024');
    await control(form, '/period/to').fill('01.03.2024');
    await fillNskPerson(form, { ...T1_ADULT, birthDate: '30.02.1985', condition: { type: 'mental_disorder' }, residence: undefined });
    await form.getByRole('button', { name: 'Pārbaudīt tiesības' }).click();
    const summary = form.locator('.problem-summary');
    await summary.waitFor();
    await expect.poll(() => opened.page.evaluate(() => document.activeElement?.classList.contains('problem-summary'))).toBe(true);
    expect(await fieldOf('/person/birthDate').locator('.field-error').textContent()).toBe('Kļūda: jābūt īstam datumam formā dd.mm.gggg, piemēram, 15.03.2024');
    expect(await control(form, '/person/birthDate').getAttribute('aria-invalid')).toBe('true');
    expect(await fieldOf('/period/to').locator('.field-error').textContent()).toBe('Kļūda: beigu diena ir pirms sākuma dienas');
    expect(await fieldOf('/person/conditions/0/severity').locator('.field-error').textContent()).toBe('Kļūda: jānorāda');
    expect(await fieldOf('/person/residence').locator('.field-error').textContent()).toBe(
      'Kļūda: šīs programmas noteikumiem šis fakts ir vajadzīgs — norādiet to',
    );
    expect(await summary.locator('li').count()).toBe(4);
    expect(await form.locator('.field-error').count()).toBe(4);
    expect(await opened.page.locator('#eligibility .result').isHidden()).toBe(true);
    await opened.screenshot('eligibility-bad-input');
    // The summary links take the keyboard to the field.
    await summary.locator('a', { hasText: 'Dzimšanas datums' }).click();
    expect(await opened.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path)).toBe('/person/birthDate');

    // Everything fixed, sent again: the old errors go and the answer comes.
    await control(form, '/period/from').fill('01.03.2024');
    await control(form, '/period/to').fill('31.05.2024');
    await control(form, '/person/birthDate').fill('02.04.1985');
    await control(form, '/person/conditions/0/severity').selectOption('severe');
    await control(form, '/person/residence').selectOption('group_home');
    await form.getByRole('button', { name: 'Pārbaudīt tiesības' }).click();
    await opened.page.locator('#eligibility .result .verdict').waitFor();
    expect(await form.locator('.field-error').count()).toBe(0);
    expect(await control(form, '/person/birthDate').getAttribute('aria-invalid')).toBeNull();
    expectSelfContained(opened);
  });
});

/** VSAC admission with FICTIONAL rules (test/fixtures/fictional-programmes): from 2016-09-01, only care levels 2 to 4. */
describe('eligibility check in the browser, a fictional programme by care level', () => {
  const fictional = pageSessionForTests(() => ruleSetAt(FICTIONAL_PROGRAMMES));

  it('A8: VSAC admission asks the birth date, the conditions and the care level; level 1 is refused by L2 in words', async () => {
    const opened = await fictional.open('eligibility');
    const form = opened.page.locator('#eligibility form');
    await chooseProgramme(form, 'vsac-admission');
    await control(form, '/date').fill('2016-10-03');
    await control(form, '/person/birthDate').fill('1950-01-01');
    await control(form, '/person/conditions/0/type').selectOption('mental_disorder');
    await control(form, '/person/conditions/0/severity').selectOption('severe');
    await control(form, '/person/careLevel').selectOption('1');
    await form.getByRole('button', { name: 'Pārbaudīt tiesības' }).click();
    const result = opened.page.locator('#eligibility .result');
    await expect.poll(() => result.locator('.verdict').textContent()).toContain('Persona nav tiesīga 03.10.2016.');
    // What stands in the way in words, with the fact that decided it.
    expect(await result.locator('.refs--blockers li[data-ref="L2"]').textContent()).toBe(
      'L2 — nav izpildīta prasība: institūcijā uzņem tikai ar 2., 3. vai 4. aprūpes līmeniNoteica: Aprūpes līmenis: 1',
    );
    expect(await result.locator('li.rule[data-ref="L2"] li.condition').first().textContent()).toContain('redzētā vērtība: 1');
    expectSelfContained(opened);
  });
});

describe('eligibility check against a service that requires API tokens', () => {
  const secret = 'caseworker-riga-secret-0123456789';
  let guarded: PageSession;
  beforeAll(async () => {
    const tokens = tokensFromText('tokens.yaml', `tokens:\n  - { id: caseworker-riga, role: caseworker, municipality: riga, secret: ${secret} }\n`);
    if (!tokens.ok) throw new Error(JSON.stringify(tokens.problems));
    guarded = await startPageSession(ruleSetAt(FIXTURE_RULES), { auth: { mode: 'tokens', tokens: tokens.registry } });
  }, BROWSER_START_TIMEOUT);
  afterAll(async () => {
    await guarded?.close();
  }, BROWSER_START_TIMEOUT);

  it('a 401 asks for the token in the answer, and with it the same question is answered', async () => {
    const opened = await guarded.open('eligibility');
    await askNsk(opened, { date: '2024-03-15' });
    const result = opened.page.locator('#eligibility .result');
    await expect.poll(() => result.locator('.problem-box h3').textContent()).toBe('Šim pieprasījumam vajadzīga API atslēga');
    await expectNoAxeViolations(opened.page, 'eligibility-api-token');
    await opened.screenshot('eligibility-api-token');
    await result.getByLabel('API atslēga').fill(secret);
    await result.getByRole('button', { name: 'Saglabāt un mēģināt vēlreiz' }).click();
    await expect.poll(() => result.locator('.verdict').textContent()).toContain('Persona ir tiesīga 15.03.2024.');
    expectSelfContained(opened);
  });
});
