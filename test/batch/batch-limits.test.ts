import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../../src/answer/request-size.js';
import { runBatch, type BatchOptions } from '../../src/batch/run-batch.js';
import { FIXTURE_BATCH } from './fixture-batch.js';
import { T1_PERSON } from '../support/requests.js';

/**
 * A batch line gets what a request body gets from the API: at most MAX_REQUEST_BYTES (1 MiB) of it is read, its
 * arrays and fields are checked by the same schemas (so personRef has its 200-character cap), and a line over the
 * limit is answered 413 for its line number without being parsed, in memory that does not grow with it. On the
 * FICTIONAL fixture rules (test/fixtures/rules), NSK 2024-H1.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const services = [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }];
const costs = [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-06-30', amount: '5000.00', funding: 'municipality', inPlan: true }];
const GOOD = JSON.stringify({ personRef: 'case-1', person: T1_PERSON, services, costs });
/** About 2 MB: 700,000 empty cost lines, the shape that took 24 s and 2.8 GB to refuse. */
const HOSTILE = `{"person":${JSON.stringify(T1_PERSON)},"costs":[${Array.from({ length: 700_000 }, () => '{}').join(',')}]}`;
const options: BatchOptions = FIXTURE_BATCH;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function batch(text: string, settings: Partial<BatchOptions> = {}) {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const problems: Array<[number, string]> = [];
  // In pieces of 64 KiB, as a file or a pipe gives them: a long line arrives over many.
  const pieces = Array.from({ length: Math.ceil(text.length / 65_536) }, (_, index) => text.slice(index * 65_536, (index + 1) * 65_536));
  const outcome = await runBatch(
    { ...options, ...settings },
    { input: Readable.from(pieces.map((piece) => Buffer.from(piece))), output, onProblem: (line, problem) => problems.push([line, problem]) },
  );
  const answers = chunks
    .join('')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { outcome, answers, problems };
}

describe('sbsp-rules batch: each line within the limits of a request body', () => {
  it.each([0, 2])('a 2 MB line is answered 413 for its line number, unparsed, and the lines around it are answered (%i workers)', async (workers) => {
    expect(Buffer.byteLength(HOSTILE)).toBeGreaterThan(2_000_000);
    const { outcome, answers, problems } = await batch(`${GOOD}\n${HOSTILE}\n${GOOD}\n`, { workers });
    expect(outcome).toEqual({ ok: true, lines: 3, failed: 1 });
    expect(answers.map((answer) => [answer.line, answer.status])).toEqual([
      [1, 200],
      [2, 413],
      [3, 200],
    ]);
    const message = `the line has ${Buffer.byteLength(HOSTILE)} bytes; at most ${MAX_REQUEST_BYTES} are read, as for a request body`;
    expect(answers[1]).toEqual({ line: 2, status: 413, detail: message, errors: [{ path: '', message }] });
    expect(problems).toEqual([[2, message]]);
  });

  it('a line of exactly 1 MiB is read; one byte more is not (a last line without its line break too)', async () => {
    const padded = (bytes: number): string => GOOD + ' '.repeat(bytes - Buffer.byteLength(GOOD));
    const { answers } = await batch(`${padded(MAX_REQUEST_BYTES)}\r\n${padded(MAX_REQUEST_BYTES + 1)}\n${padded(MAX_REQUEST_BYTES + 1)}`);
    expect(answers.map((answer) => [answer.line, answer.status])).toEqual([
      [1, 200],
      [2, 413],
      [3, 413],
    ]);
  });

  it('personRef has its 200-character cap: a longer one is refused at /personRef, and not written back', async () => {
    const { answers, problems } = await batch(
      `${[JSON.stringify({ personRef: 'r'.repeat(200), person: T1_PERSON, services, costs }), JSON.stringify({ personRef: 'r'.repeat(201), person: T1_PERSON, services, costs })].join('\n')}\n`,
    );
    expect(answers[0]).toMatchObject({ line: 1, personRef: 'r'.repeat(200), status: 200 });
    expect(answers[1]).toMatchObject({ line: 2, status: 400, errors: [expect.objectContaining({ path: '/personRef' })] });
    expect(answers[1]).not.toHaveProperty('personRef');
    expect(problems.map(([line]) => line)).toEqual([2]);
  });

  it('the 2 MB line, and a 64 MiB one, cost about what good lines do: peak memory and CPU time against the batch without them (separate processes)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sbsp-batch-limits-'));
    folders.push(folder);
    const measure = (input: string): { lines: number; maxRSS: number; cpu: number } => {
      const file = join(folder, `${Math.random()}.jsonl`);
      writeFileSync(file, input);
      // The batch as `sbsp-rules batch` runs it, in a process of its own so that its peak memory is its own.
      const script = `
          import { createReadStream } from 'node:fs';
          import { Writable } from 'node:stream';
          const { runBatch } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src', 'batch', 'run-batch.ts')).href)});
          const outcome = await runBatch(${JSON.stringify(options)}, {
            input: createReadStream(process.env.BATCH_INPUT),
            output: new Writable({ write: (_chunk, _encoding, done) => done() }),
            onProblem: () => undefined,
          });
          const usage = process.resourceUsage();
          process.stdout.write(JSON.stringify({ lines: outcome.lines, maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));`;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, BATCH_INPUT: file },
        encoding: 'utf8',
        timeout: 100_000,
      });
      if (run.status !== 0) throw new Error(`the batch did not finish (${run.status ?? run.signal}): ${run.stderr}`);
      return JSON.parse(run.stdout) as { lines: number; maxRSS: number; cpu: number };
    };
    const good = `${Array.from({ length: 20 }, () => GOOD).join('\n')}\n`;
    measure(good); // warms tsx's cache of compiled modules, so that both runs below start alike
    const without = measure(`${good}${good}`);
    // A line of 64 MiB (one long personRef): were it kept whole, its text alone would be 64 MiB of memory, twice.
    const huge = `{"personRef":"${'r'.repeat(64 * 1024 * 1024)}"}`;
    const withHostile = measure(`${good}${HOSTILE}\n${huge}\n${good}`);
    expect(without.lines).toBe(40);
    expect(withHostile.lines).toBe(42);
    expect(withHostile.maxRSS / without.maxRSS).toBeLessThan(1.3);
    expect(withHostile.cpu / without.cpu).toBeLessThan(2);
  }, 300_000);
});
