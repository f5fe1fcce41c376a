import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { LiveRuleSet } from '../../src/reload/live-rule-set.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';
import { T1_PERSON } from '../support/requests.js';

const LAST_VERSION = 'nsk/versions/2023-04-01-fictional.yaml';
const person = T1_PERSON;
/** A period across all three fixture versions: one answer shows three files' sha256. */
const question = {
  programme: 'nsk',
  period: { from: '2021-12-01', to: '2023-05-31' },
  person,
  services: [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }],
};

function copyOfFixture(): string {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-live-'));
  cpSync(FIXTURE_RULES, directory, { recursive: true });
  return directory;
}

function edit(directory: string, file: string, change: (text: string) => string): void {
  const path = join(directory, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

const opened: LiveRuleSet[] = [];
afterEach(() => {
  for (const live of opened.splice(0)) live.close();
});

function open(directory: string): LiveRuleSet {
  const loaded = LiveRuleSet.load(directory, { displayRoot: directory });
  if (!loaded.ok) throw new Error('fixture did not load');
  opened.push(loaded.live);
  return loaded.live;
}

describe('a live rule set', () => {
  it('under a stream of requests switches good → bad → good: no request fails, none sees a mix of old and new', async () => {
    const directory = copyOfFixture();
    const live = open(directory);
    const app = createApp(live);
    const shasOf = (body: { segments: Array<{ ruleset: { sha256: string } }> }): string =>
      [...new Set(body.segments.map((segment) => segment.ruleset.sha256))].sort().join();
    const ask = () => request(app).post('/v1/eligibility').send(question);

    const oldShas = shasOf((await ask().expect(200)).body);
    const answers: Array<{ status: number; shas: string }> = [];
    const stream = async (count: number): Promise<void> => {
      const batch = await Promise.all(Array.from({ length: count }, () => ask()));
      answers.push(...batch.map((response) => ({ status: response.status, shas: response.status === 200 ? shasOf(response.body) : '' })));
    };

    const streaming = stream(60);
    edit(directory, LAST_VERSION, (text) => text.replace('kind: exclusion', 'kind: exception'));
    const refused = live.reload();
    await streaming;
    expect(refused.reloaded ? [] : refused.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^nsk\/versions\/2023-04-01-fictional\.yaml:\d+:\d+: must be one of "basis", "requirement", "exclusion"$/),
    ]);
    // The public /health says how many problems there are, not what they are (that is for an officer's reload).
    const health = await request(app).get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'degraded', generation: 1, rules: { ok: false, problems: 1 } });
    await stream(60);

    edit(directory, LAST_VERSION, (text) => text.replace('kind: exception', 'kind: exclusion').replace('value: "8400.00"', 'value: "8500.00"'));
    const streamingAgain = stream(60);
    expect(live.reload()).toEqual({ reloaded: true, generation: 2 });
    await streamingAgain;
    await stream(60);
    expect((await request(app).get('/health').expect(200)).body).toMatchObject({ status: 'ok', generation: 2 });

    const newShas = shasOf((await ask().expect(200)).body);
    expect(newShas).not.toBe(oldShas);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(answers.map((answer) => answer.shas))).toEqual(new Set([oldShas, newShas]));
  });

  it('keeps serving the last good set while a change is broken, and recovers when it is fixed', () => {
    const directory = copyOfFixture();
    const live = open(directory);
    const before = live.current();
    edit(directory, LAST_VERSION, (text) => `${text}\n  - this is not yaml: [`);
    expect(live.reload().reloaded).toBe(false);
    expect(live.current()).toBe(before);
    expect(live.status().state).toBe('degraded');
    edit(directory, LAST_VERSION, (text) => text.replace('\n  - this is not yaml: [', ''));
    expect(live.reload()).toEqual({ reloaded: true, generation: 2 });
    expect(live.current()).not.toBe(before);
    expect(live.status()).toEqual({ state: 'ok', generation: 2, problems: [] });
  });

  it('reloads by itself when a file under the folder changes', async () => {
    const directory = copyOfFixture();
    const live = open(directory);
    const outcomes: unknown[] = [];
    live.watch((outcome) => outcomes.push(outcome), 50);
    edit(directory, LAST_VERSION, (text) => text.replace('value: "8400.00"', 'value: "8600.00"'));
    for (let waited = 0; waited < 5000 && outcomes.length === 0; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outcomes[0]).toEqual({ reloaded: true, generation: 2 });
    expect(live.current().programmes.get('nsk')?.versions.at(-1)?.parameters.get('annualAmount')?.value).toBe('8600.00');
  });
});

describe('the running service', () => {
  it('reloads on SIGHUP and says so on /health', async () => {
    const directory = copyOfFixture();
    const port = 20000 + Math.floor(Math.random() * 20000);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        RULES_DIR: directory,
        RULES_WATCH: 'off',
        DECISIONS_DIR: mkdtempSync(join(tmpdir(), 'sbsp-rules-decisions-')),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const health = async () => (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string; generation: number };
      expect(await health()).toMatchObject({ status: 'ok', generation: 1 });
      edit(directory, LAST_VERSION, (text) => text.replace('value: "8400.00"', 'value: "8700.00"'));
      child.kill('SIGHUP');
      let seen = await health();
      for (let waited = 0; waited < 5000 && seen.generation === 1; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = await health();
      }
      expect(seen).toMatchObject({ status: 'ok', generation: 2 });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
