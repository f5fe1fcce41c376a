import { Agent } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, calendarDate } from '../../src/calendar/calendar-date.js';
import type { DecisionRecord } from '../../src/decisions/decision-record.js';
import { PersonRefKey } from '../../src/decisions/person-ref.js';
import { SqliteDecisionStore } from '../../src/decisions/sqlite-decision-store.js';
import { CASEWORKER_SECRET, call, endAllServices, type ServiceProcess, serviceEnvironment, startService } from '../support/service-process.js';
import { decisionRecord } from '../support/searchable-decisions.js';

/**
 * DECISIONS_RETENTION on the service as an operator starts it: records are seeded through the SQLite store opened
 * on the service's DECISIONS_DIR, then the service starts on it.
 */

afterAll(endAllServices);

const agent = new Agent({ keepAlive: false });

/** A decision of Riga's caseworker (whom the service's token is), with a personRef digest: personal data in a log would show. */
function made(time: string, environment: Record<string, string>): DecisionRecord {
  const key = PersonRefKey.fromSecret(environment.DECISION_HMAC_KEY as string) as PersonRefKey;
  return { ...decisionRecord({ time, programme: 'nsk', municipality: 'riga', eligible: true }), personRef: key.digest('CASE-2019-0007') };
}

async function seeded(environment: Record<string, string>, records: readonly DecisionRecord[]): Promise<void> {
  const store = await SqliteDecisionStore.open({ directory: environment.DECISIONS_DIR as string });
  for (const record of records) await store.append(record);
  await store.close();
}

/** Waits until the service's output has a line matching `pattern`, and gives it parsed (pino writes JSON lines). */
async function logLine(service: ServiceProcess, pattern: RegExp): Promise<Record<string, unknown>> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const line = service
      .output()
      .split('\n')
      .find((candidate) => pattern.test(candidate));
    if (line !== undefined) return JSON.parse(line) as Record<string, unknown>;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no line matching ${pattern} in:\n${service.output()}`);
}

const status = async (service: ServiceProcess, record: DecisionRecord): Promise<number> =>
  (await call(agent, service.port, CASEWORKER_SECRET, 'GET', `/v1/decisions/${record.decisionId}`)).status;

describe('DECISIONS_RETENTION', () => {
  it('30d: at start the service purges the records decided before today less 30 days, keeps the others, and logs how many — not which', async () => {
    const environment = serviceEnvironment({ DECISIONS_RETENTION: '30d' });
    const old = made('2020-01-10T09:00:00Z', environment);
    const recent = made(new Date().toISOString(), environment);
    await seeded(environment, [old, recent]);
    const service = await startService(environment);
    const line = await logLine(service, /"retention":"30d"/);
    const before = addDays(calendarDate(new Date().toISOString().slice(0, 10)), -30);
    expect(line).toMatchObject({ level: 30, retention: '30d', before, purged: 1, msg: `retention 30d: 1 decision record(s) made before ${before} deleted` });
    expect(await status(service, old)).toBe(404);
    expect(await status(service, recent)).toBe(200);
    for (const personal of [old.personRef?.hmacSha256, 'CASE-2019-0007']) expect(service.output()).not.toContain(personal);
    await service.stop();
  }, 60_000);

  it('unset: records are kept for ever, and the log says so at start', async () => {
    const environment = serviceEnvironment();
    const old = made('2001-01-10T09:00:00Z', environment);
    await seeded(environment, [old]);
    const service = await startService(environment);
    expect(await logLine(service, /DECISIONS_RETENTION is not set/)).toMatchObject({
      retention: 'forever',
      msg: 'DECISIONS_RETENTION is not set: decision records are kept for ever',
    });
    expect(await status(service, old)).toBe(200);
    await service.stop();
  }, 60_000);

  it('a value that is not a period stops the start, saying what it must be', async () => {
    const environment = serviceEnvironment({ DECISIONS_RETENTION: '10 years' });
    const refused = await startService(environment).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(refused).toContain('DECISIONS_RETENTION must be a whole number (1 to 9999) of years, months or days — 10y, 18m, 400d —, not "10 years"');
    expect(refused).toContain('sbsp-rules: the retention of decision records is not valid; not starting');
  }, 60_000);
});
