import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { formatProblem } from '../../src/rules/yaml-file.js';

/*
 * A child process that loads rule folders on request, so that the test can time-box each load: a load that hangs
 * is ended by killing this process, which a synchronous loop in the test's own thread could not do.
 * Message in: { index, folder, writes: [{ file, text }] } — writes each file under folder, then loads folder.
 * Message out: { index, ok, problems } or { index, threw }.
 */
process.on('message', (message: { index: number; folder: string; writes: Array<{ file: string; text: string }> }) => {
  try {
    for (const { file, text } of message.writes) writeFileSync(join(message.folder, file), text);
    const loaded = loadRuleSet(message.folder, { displayRoot: message.folder });
    process.send?.({ index: message.index, ok: loaded.ok, problems: loaded.ok ? [] : loaded.problems.map(formatProblem) });
  } catch (error) {
    process.send?.({ index: message.index, threw: (error as Error).stack ?? String(error) });
  }
});
process.send?.({ ready: true });
