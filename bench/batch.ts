import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePersons } from './make-persons.js';
import { peakRssMiB, sleep } from './processes.js';

export interface BatchFigure {
  persons: number;
  seconds: number;
  peakRssMiB: number | null;
  personsPerSecond: number;
}

/** The run of median time among `runs` runs of batchRun: one run on a shared machine can be a slow one. */
export async function batchFigure(persons: number, runs: number): Promise<BatchFigure> {
  const figures: BatchFigure[] = [];
  for (let run = 0; run < runs; run += 1) figures.push(await batchRun(persons));
  return [...figures].sort((a, b) => a.seconds - b.seconds)[Math.floor(figures.length / 2)] as BatchFigure;
}

/** `sbsp-rules batch --programme nsk --period 2024-H1` over `persons` synthetic persons, as a user runs it. */
export async function batchRun(persons: number): Promise<BatchFigure> {
  const file = join(tmpdir(), `sbsp-bench-persons-${persons}.jsonl`);
  if (!existsSync(file) || statSync(file).size === 0) await writePersons(file, persons);
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['bin/sbsp-rules.js', 'batch', '--programme', 'nsk', '--period', '2024-H1'], { stdio: ['pipe', 'ignore', 'pipe'] });
  createReadStream(file).pipe(child.stdin);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peak: number | null = null;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    // VmHWM is the peak so far; the last reading before exit is the run's peak (worker threads included).
    if (child.pid !== undefined) peak = peakRssMiB(child.pid) ?? peak;
    await sleep(50);
  }
  const code = await exited;
  if (code !== 0) throw new Error(`batch exited ${code}: ${stderr}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { persons, seconds: Math.round(seconds * 100) / 100, peakRssMiB: peak, personsPerSecond: Math.round(persons / seconds) };
}
