import { parentPort, workerData } from 'node:worker_threads';
import { loadRuleSet } from '../rules/load-rules.js';
import { formatProblem } from '../rules/yaml-file.js';
import { answerInputLine, type BatchSettings } from './answer-line.js';
import type { InputLine } from './input-lines.js';

/** A worker thread of `sbsp-rules batch`: loads the rules once, then answers chunks of lines in order. */
export interface WorkerSetup extends BatchSettings {
  rulesDirectory: string;
}

export interface Chunk {
  id: number;
  firstLine: number;
  texts: InputLine[];
}

export interface ChunkAnswer {
  id: number;
  json: string[];
  problems: Array<{ line: number; problem: string }>;
}

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('batch-worker runs in a worker thread');
const loaded = loadRuleSet(setup.rulesDirectory);
if (!loaded.ok) port.postMessage({ failed: loaded.problems.map(formatProblem) });
else {
  const ruleSet = loaded.ruleSet;
  port.on('message', (chunk: Chunk) => {
    const answer: ChunkAnswer = { id: chunk.id, json: [], problems: [] };
    chunk.texts.forEach((text, offset) => {
      const line = chunk.firstLine + offset;
      const answered = answerInputLine(ruleSet, setup, line, text);
      answer.json.push(answered.json);
      if (answered.problem !== undefined) answer.problems.push({ line, problem: answered.problem });
    });
    port.postMessage(answer);
  });
  port.postMessage({ ready: true });
}
