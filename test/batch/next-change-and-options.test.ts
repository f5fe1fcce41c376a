import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBatch, type BatchOptions } from '../../src/batch/run-batch.js';
import { FIXTURE_BATCH } from './fixture-batch.js';
import { resolveVersion } from '../../src/versions/resolve-version.js';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import type { Programme } from '../../src/rules/model.js';
import { FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';

/**
 * What a batch says of the time after its period (`nextChange` in each claim summary) and of what would change a
 * not-eligible answer (`whatWouldChange`, in whole answers: `--explain`). On the FICTIONAL fixture rules.
 */
const options: BatchOptions = FIXTURE_BATCH;

const costs = [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-06-30', amount: '600.00', funding: 'municipality', inPlan: true }];

async function answers(lines: object[], settings: Partial<BatchOptions> = {}): Promise<Array<Record<string, unknown>>> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  await runBatch(
    { ...options, ...settings },
    { input: Readable.from([`${lines.map((line) => JSON.stringify(line)).join('\n')}\n`]), output, onProblem: () => undefined },
  );
  return chunks
    .join('')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a batch after its period and before eligibility', () => {
  it('each claim summary says the next change after the period, as a date answer for its last day would', async () => {
    // T3 until the birthday on which the child reaches the version's age limit (youngChildAge, read from the rules).
    const inForce = resolveVersion(ruleSetAt(FIXTURE_RULES).programmes.get('nsk') as Programme, '2024-06-30' as CalendarDate);
    const limit = 'version' in inForce ? Number(inForce.version.parameters.get('youngChildAge')?.value) : Number.NaN;
    const [child, steady] = await answers([
      {
        personRef: 'child',
        person: { ...T1_PERSON, birthDate: '2020-09-10', conditions: [{ type: 'developmental_disorder', severity: 'severe' }], residence: 'family' },
        services: T1_SERVICES,
        costs,
      },
      { personRef: 'steady', person: T1_PERSON, services: T1_SERVICES, costs },
    ]);
    expect(child?.nextChange).toEqual({ date: `${2020 + limit}-09-10`, eligible: false, basis: [], blockers: ['T'] });
    expect(steady?.nextChange).toBeNull();
    // The summary stays a summary: what would change an answer is in whole answers.
    expect(JSON.stringify(child)).not.toContain('whatWouldChange');
  });

  it('whole answers (--explain) say what would change each not-eligible segment', async () => {
    const [answer] = await answers(
      [{ person: { ...T1_PERSON, vsacExit: { date: '2024-03-15', service: 'institutional_care' } }, services: T1_SERVICES, costs }],
      { explain: 'none' },
    );
    const segments = answer?.segments as Array<{ eligible: boolean; whatWouldChange?: Array<{ blocker: string; options: unknown[] }> }>;
    expect(segments.map((segment) => [segment.eligible, segment.whatWouldChange?.map((entry) => entry.blocker)])).toEqual([
      [false, ['R1']],
      [true, undefined],
    ]);
    expect(segments[0]?.whatWouldChange?.[0]?.options.length).toBeGreaterThan(0);
  });
});
