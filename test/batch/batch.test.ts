import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parsePeriodArgument } from '../../src/batch/period-argument.js';
import { runBatch, type BatchOptions } from '../../src/batch/run-batch.js';
import { FIXTURE_BATCH } from './fixture-batch.js';
import { registerBatch } from '../../src/cli/commands/batch.js';
import { EXIT } from '../../src/cli/cli-output.js';
import { runProgram } from '../../src/cli/main.js';
import { writePersons } from '../../bench/make-persons.js';
import { BUNDLED_RULES, FICTIONAL_PROGRAMMES, FIXTURE_RULES } from '../support/rule-sets.js';
import { T1_PERSON } from '../support/requests.js';

/**
 * Batches run on the FICTIONAL fixture rules (test/fixtures/rules): in 2024, nsk 2023-04-01-fictional, annual amount
 * 8400.00, so a whole eligible half-year is capped at 4200.00.
 */
const person = T1_PERSON;
const services = [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }];
const costs = [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-06-30', amount: '5000.00', funding: 'municipality', inPlan: true }];
const options: BatchOptions = FIXTURE_BATCH;

async function batch(lines: string[], settings: Partial<BatchOptions> = {}) {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const problems: Array<[number, string]> = [];
  const outcome = await runBatch(
    { ...options, ...settings },
    { input: Readable.from([`${lines.join('\n')}\n`]), output, onProblem: (line, problem) => problems.push([line, problem]) },
  );
  return {
    outcome,
    answers: chunks
      .join('')
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
    problems,
  };
}

describe('the period of a batch', () => {
  it.each([
    ['2024-H1', { from: '2024-01-01', to: '2024-06-30' }],
    ['2024-H2', { from: '2024-07-01', to: '2024-12-31' }],
    ['2024', { from: '2024-01-01', to: '2024-12-31' }],
    ['2024-02-01..2024-02-29', { from: '2024-02-01', to: '2024-02-29' }],
    ['2024-H3', null],
    ['2023-02-01..2023-02-29', null],
    ['2024-03-01..2024-02-01', null],
    ['last year', null],
  ])('%s', (text, expected) => {
    expect(parsePeriodArgument(text)).toEqual(expected);
  });
});

describe('sbsp-rules batch', () => {
  it('answers each person in input order, echoing personRef, and reports a bad line by number without stopping', async () => {
    const { outcome, answers, problems } = await batch([
      JSON.stringify({ personRef: 'A', person, services, costs }),
      '{ not json',
      '',
      JSON.stringify({ personRef: 'B', person: { ...person, residence: 'institution' }, services, costs }),
      JSON.stringify({ personRef: 'C', person: { birthDate: '1985-04-02' }, services, costs }),
    ]);
    expect(outcome).toEqual({ ok: true, lines: 4, failed: 2 });
    expect(answers.map((answer) => [answer.line, answer.personRef, answer.status])).toEqual([
      [1, 'A', 200],
      [2, undefined, 400],
      [4, 'B', 200],
      [5, 'C', 400],
    ]);
    expect(answers[0]).toMatchObject({
      compensation: '4200.00',
      cap: '4200.00',
      eligibleCost: '5000.00',
      eligibleDays: 182,
      lines: [{ index: 0, amount: '5000.00', refs: ['T1'] }],
    });
    expect(answers[0]).not.toHaveProperty('explanation');
    expect(answers[2]).toMatchObject({ compensation: '0.00', segments: [{ eligible: false, blockers: ['R2', 'E1'], version: '2023-04-01-fictional' }] });
    expect(problems.map(([line]) => line)).toEqual([2, 5]);
    expect(problems[1]?.[1]).toContain('/person/residence');
  });

  it('gives the same lines, in the same order, from two worker threads as from one thread', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sbsp-batch-')), 'persons.jsonl');
    await writePersons(file, 1200);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const inThread = await batch(lines, { workers: 0, chunkSize: 100 });
    const inWorkers = await batch(lines, { workers: 2, chunkSize: 100 });
    expect(inWorkers.outcome).toEqual({ ok: true, lines: 1200, failed: 0 });
    expect(inWorkers.answers).toEqual(inThread.answers);
    expect(inWorkers.answers.map((answer) => answer.line)).toEqual(lines.map((_, index) => index + 1));
  });

  it('with --explain writes whole answers', async () => {
    const { answers } = await batch([JSON.stringify({ person, services, costs })], { explain: 'full' });
    expect(answers[0]).toHaveProperty('explanation');
    expect(answers[0]?.segments).toEqual([expect.objectContaining({ explanation: expect.any(Array) })]);
    const [segment] = (answers[0]?.segments ?? []) as Array<{ explanation: Array<Record<string, unknown>> }>;
    expect(segment?.explanation[0]).toHaveProperty('conditions');
  });

  it('with --explain rules writes whole answers whose rules carry no condition trees; with none, no explanation', async () => {
    const rules = (await batch([JSON.stringify({ person, services, costs })], { explain: 'rules' })).answers[0];
    const [segment] = (rules?.segments ?? []) as Array<{ explanation: Array<Record<string, unknown>> }>;
    const explained = segment?.explanation ?? [];
    expect(explained.length).toBeGreaterThan(0);
    for (const rule of explained) {
      expect(rule).toMatchObject({ ref: expect.any(String), result: expect.any(Boolean), outcome: expect.any(String) });
      expect(rule).not.toHaveProperty('conditions');
    }
    const none = (await batch([JSON.stringify({ person, services, costs })], { explain: 'none' })).answers[0];
    expect(none).toMatchObject({ compensation: rules?.compensation, lines: expect.any(Array) });
    expect(JSON.stringify(none)).not.toContain('"explanation"');
    expect(JSON.stringify(none)).not.toContain('"lineRules"');
  });

  it('answers eligibility for a programme that prices nothing', async () => {
    // The FICTIONAL vsac-admission of test/fixtures/fictional-programmes: from 2016-09-01, only care levels 2 to 4.
    const { answers } = await batch(
      [JSON.stringify({ person: { birthDate: '1950-01-01', conditions: [{ type: 'mental_disorder', severity: 'severe' }], careLevel: 1 } })],
      {
        rulesDirectory: FICTIONAL_PROGRAMMES,
        programme: 'vsac-admission',
        period: { from: '2016-06-01', to: '2016-12-31' } as BatchOptions['period'],
      },
    );
    expect(answers[0]).toMatchObject({
      status: 200,
      eligibleDays: 92,
      segments: [
        { from: '2016-06-01', to: '2016-08-31', eligible: true },
        { from: '2016-09-01', to: '2016-12-31', eligible: false, blockers: ['L2'] },
      ],
    });
  });

  it.each([0, 2])('stops with located problems, file:line:column, when the rules do not load (%i workers)', async (workers) => {
    const rules = mkdtempSync(join(tmpdir(), 'sbsp-batch-rules-'));
    cpSync(FIXTURE_RULES, rules, { recursive: true });
    const file = join(rules, 'nsk', 'versions', '2019-01-01.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('effectiveFrom: "2019-01-01"', 'effectiveFrom: "2019-02-30"'));
    const line = text.split('\n').findIndex((written) => written.startsWith('effectiveFrom:')) + 1;
    const { outcome, answers } = await batch([JSON.stringify({ person, services, costs })], { rulesDirectory: rules, workers });
    expect(outcome).toEqual({ ok: false, problems: [`${relative(process.cwd(), file)}:${line}:16: must be a real date (YYYY-MM-DD, years 0001–9999)`] });
    expect(answers).toEqual([]);
  });

  it('a missing rules folder is a located problem too, not an answer', async () => {
    const { outcome, answers } = await batch(['{}'], { rulesDirectory: join(tmpdir(), 'no-such-rules') });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.problems).toEqual([expect.stringContaining('no-such-rules')]);
    expect(answers).toEqual([]);
  });

  it('a line eligible for part of the period shows its eligible amount in the summary, not the amount claimed', async () => {
    // Out of the VSAC on 2024-03-31 (A3): eligible 2024-04-01…06-30, 91 of the half-year's 182 days. 5000.00 × 91/182 = 2500.00.
    const { answers } = await batch([
      JSON.stringify({ person: { ...person, vsacExit: { date: '2024-03-31', service: 'institutional_care' } }, services, costs }),
    ]);
    // The cap of those three whole months is 8400.00 ÷ 12 × 3 = 2100.00 (A1).
    expect(answers[0]).toMatchObject({ status: 200, eligibleCost: '2500.00', cap: '2100.00', compensation: '2100.00', eligibleDays: 91 });
    expect(answers[0]?.lines).toEqual([{ index: 0, amount: '2500.00', refs: ['A2', 'R1', 'T1'] }]);
  });

  it.each([
    [['--programme', 'nsk', '--period', '2024-H3'], EXIT.usage],
    [['--programme', 'nsk', '--period', '2024-H1', '--workers', 'many'], EXIT.usage],
    [['--programme', 'nsk', '--period', '2024-H1', '--workers', '0'], EXIT.problems],
  ])('the command %j exits %i', async (args, code) => {
    let stderr = '';
    const program = new Command('sbsp-rules')
      .configureOutput({
        writeOut: () => undefined,
        writeErr: (text) => {
          stderr += text;
        },
      })
      .exitOverride();
    const output = new PassThrough();
    output.resume();
    registerBatch(program, () => ({ input: Readable.from(['{ bad\n']), output, progress: null }));
    expect(await runProgram(program, ['batch', '--rules', BUNDLED_RULES, ...args])).toBe(code);
    if (code === EXIT.problems) expect(stderr).toContain('line 1: not JSON');
  });
});
