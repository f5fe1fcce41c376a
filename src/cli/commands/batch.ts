import { fstatSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import { EXPLAIN_LEVELS, type ExplainLevel } from '../../answer/explain-level.js';
import { parsePeriodArgument } from '../../batch/period-argument.js';
import { runBatch } from '../../batch/run-batch.js';
import { EXIT, printErr, setExitStatus, usageError } from '../cli-output.js';
import { withRulesOption } from '../rules-option.js';

interface BatchCommandOptions {
  rules: string;
  programme: string;
  period: string;
  workers: string;
  explain?: ExplainLevel | true;
}

/** Where the batch reads and writes; tests give their own streams. */
export interface BatchStreams {
  input: Readable;
  output: Writable;
  /** Progress goes here when it is a terminal. */
  progress: NodeJS.WriteStream | null;
}

const PROCESS_STREAMS = (): BatchStreams => ({ input: process.stdin, output: process.stdout, progress: process.stderr.isTTY ? process.stderr : null });

function inputSize(input: Readable): number | null {
  try {
    const fd = (input as { fd?: number }).fd;
    if (typeof fd !== 'number') return null;
    const stats = fstatSync(fd);
    return stats.isFile() ? stats.size : null;
  } catch {
    return null;
  }
}

/** A one-line progress bar: a bar when the input's size is known, else a count; with the rate. */
function progressReporter(
  stream: NodeJS.WriteStream,
  total: number | null,
  started: number,
): { read(bytes: number): void; wrote(lines: number): void; end(): void } {
  let bytes = 0;
  let lastDrawn = 0;
  const draw = (lines: number, force = false): void => {
    const now = Date.now();
    if (!force && now - lastDrawn < 100) return;
    lastDrawn = now;
    const rate = Math.round(lines / Math.max(0.001, (now - started) / 1000));
    const share = total ? Math.min(1, bytes / total) : null;
    const bar = share === null ? '' : `[${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${String(Math.round(share * 100)).padStart(3)}% `;
    stream.write(`\r${bar}${lines.toLocaleString('en')} lines, ${rate.toLocaleString('en')}/s `);
  };
  let lastLines = 0;
  return {
    read: (count) => {
      bytes += count;
    },
    wrote: (lines) => {
      lastLines = lines;
      draw(lines);
    },
    end: () => {
      draw(lastLines, true);
      stream.write('\n');
    },
  };
}

export function registerBatch(program: Command, streams: () => BatchStreams = PROCESS_STREAMS): void {
  withRulesOption(
    program
      .command('batch')
      .description('answer a whole file of persons for one programme and period: JSON Lines in (stdin), one line of JSON out per person (stdout), in order')
      .requiredOption('--programme <id>', 'the programme, e.g. nsk')
      .requiredOption('--period <period>', 'a half-year 2024-H1 / 2024-H2, a year 2024, or 2024-01-01..2024-06-30')
      .option('--workers <n>', 'worker threads (0 answers in the main thread)', String(Math.min(2, availableParallelism())))
      .addOption(
        new Option('--explain [level]', 'write whole answers instead of claim summaries, with this much explanation: full (the default), rules, none').choices([
          ...EXPLAIN_LEVELS,
        ]),
      )
      .addHelpText(
        'after',
        `
Each input line is a person: { "personRef"?, "person": {…}, "services"?: […], "costs" | "deliveries" | "serviceLines": […], "approvedOn"? }.
Each output line: { "line", "personRef"?, "status": 200, totals, "eligibleDays", "segments", "lines" } — or, for a line
that was not answered, { "line", "status": 400 | 404 | 422, "detail", "errors" }, also reported on stderr as
<line>: <problem>. The batch goes on past bad lines and exits 1 if there were any.

  sbsp-rules batch --programme nsk --period 2024-H1 < persons.jsonl > claims.jsonl`,
      ),
  ).action(async (options: BatchCommandOptions, command: Command) => {
    const period = parsePeriodArgument(options.period);
    if (period === null) usageError(command, `--period must be like 2024-H1, 2024 or 2024-01-01..2024-06-30 (got ${options.period})`);
    const workers = Number(options.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 64)
      usageError(command, `--workers must be a whole number from 0 to 64 (got ${options.workers})`);
    const { input, output, progress } = streams();
    const started = Date.now();
    const reporter = progress ? progressReporter(progress, inputSize(input), started) : null;
    const counted = new PassThrough();
    input.on('data', (chunk: Buffer) => reporter?.read(chunk.length));
    input.pipe(counted);
    const outcome = await runBatch(
      {
        rulesDirectory: options.rules,
        programme: options.programme,
        period,
        workers,
        explain: options.explain === undefined ? false : options.explain === true ? 'full' : options.explain,
      },
      {
        input: counted,
        output,
        onProblem: (line, problem) => printErr(command, `line ${line}: ${problem}`),
        ...(reporter ? { onProgress: (lines: number) => reporter.wrote(lines) } : {}),
      },
    );
    reporter?.end();
    if (!outcome.ok) {
      printErr(command, outcome.problems);
      setExitStatus(command, EXIT.problems);
      return;
    }
    printErr(
      command,
      `sbsp-rules batch: ${outcome.lines} line(s) answered${outcome.failed > 0 ? `, ${outcome.failed} not (see above)` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (outcome.failed > 0) setExitStatus(command, EXIT.problems);
  });
}
