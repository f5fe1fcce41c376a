import type { Locator, Page } from 'playwright-core';

/** A person's facts as the NSK form asks them; each is filled through the control whose path it names. */
export interface NskPerson {
  birthDate?: string;
  condition?: { type: string; severity?: string };
  disabilityGroup?: string;
  vsacExit?: { date: string; service: string };
  receivedDiServices?: boolean;
  nskAsChild?: boolean;
  residence?: string;
  /** The service in the plan; diCompensatedUntil is the service's own (contract v2: E3 per service). */
  service?: { type: string; funding: string; diCompensatedUntil?: string };
}

/** The eligible adult of the README: T1 from the day after the VSAC exit of 31 March 2019. */
export const T1_ADULT: NskPerson = {
  birthDate: '1985-04-02',
  condition: { type: 'mental_disorder', severity: 'severe' },
  disabilityGroup: 'II',
  vsacExit: { date: '2019-03-31', service: 'institutional_care' },
  receivedDiServices: false,
  nskAsChild: false,
  residence: 'group_home',
  service: { type: 'day_care_centre', funding: 'municipality' },
};

export function control(scope: Locator | Page, path: string): Locator {
  return scope.locator(`[data-path="${path}"]`);
}

/** Chooses a programme and waits until its facts have become fields (the old ones give way to "loading" at once). */
export async function chooseProgramme(form: Locator, programme: string): Promise<void> {
  await control(form, '/programme').selectOption(programme);
  await form.locator('.facts-host > .facts').waitFor();
}

async function answerYesNo(form: Locator, path: string, value: boolean): Promise<void> {
  await control(form, path)
    .locator(`input[value="${String(value)}"]`)
    .check();
}

export async function fillNskPerson(form: Locator, person: NskPerson): Promise<void> {
  if (person.birthDate) await control(form, '/person/birthDate').fill(person.birthDate);
  if (person.condition) {
    await control(form, '/person/conditions/0/type').selectOption(person.condition.type);
    if (person.condition.severity) await control(form, '/person/conditions/0/severity').selectOption(person.condition.severity);
  }
  if (person.disabilityGroup) await control(form, '/person/disabilityGroup').selectOption(person.disabilityGroup);
  if (person.vsacExit) {
    await control(form, '/person/vsacExit/date').fill(person.vsacExit.date);
    await control(form, '/person/vsacExit/service').selectOption(person.vsacExit.service);
  }
  if (person.receivedDiServices !== undefined) await answerYesNo(form, '/person/receivedDiServices', person.receivedDiServices);
  if (person.nskAsChild !== undefined) await answerYesNo(form, '/person/nskAsChild', person.nskAsChild);
  if (person.residence) await control(form, '/person/residence').selectOption(person.residence);
  if (person.service) {
    await control(form, '/services/0/type').selectOption(person.service.type);
    // Asked on every line, with no answer given: the service is in the person's plan.
    await control(form, '/services/0/inPlan').selectOption('true');
    await control(form, '/services/0/funding').selectOption(person.service.funding);
    if (person.service.diCompensatedUntil) await control(form, '/services/0/diCompensatedUntil').fill(person.service.diCompensatedUntil);
  }
}

/** A request body the page sent, as the tests read it: the person, and the lists of services and lines by index. */
export interface SentBody {
  person: Record<string, unknown>;
  services: Array<Record<string, unknown>>;
  costs: Array<Record<string, unknown>>;
  serviceLines: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

/** Clicks a button that sends a request, and gives the JSON body the page sent to that path. */
export async function sentBody(page: Page, path: string, send: () => Promise<void>): Promise<SentBody> {
  const [request] = await Promise.all([page.waitForRequest((found) => found.method() === 'POST' && new URL(found.url()).pathname === path), send()]);
  return request.postDataJSON() as SentBody;
}

/** The folded assumptions of an answer, opened: every item, and the open questions among them. */
export async function openAssumptions(answer: Locator): Promise<{ items: Locator; open: Locator }> {
  const folded = answer.locator('details[data-assumptions]');
  await folded.locator(':scope > summary').click();
  return { items: folded.locator('li.assumption'), open: folded.locator('li.assumption[data-open="true"]') };
}
