import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RULES } from '../support/rule-sets.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs src/server.ts; resolves on exit, or once it says it listens (then asks /health and stops it). */
function startServer(environment: Record<string, string>, onListening?: (port: number) => Promise<void>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, DECISIONS_DIR: mkdtempSync(join(tmpdir(), 'sbsp-rules-decisions-')), ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (onListening && stdout.includes('listening')) {
        const callback = onListening;
        onListening = undefined;
        callback(Number(environment.PORT)).then(() => child.kill('SIGTERM'), reject);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    setTimeout(() => child.kill('SIGKILL'), 20_000);
  });
}

describe('the service starts', () => {
  it('with the bundled rules on $PORT and answers /health', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    let health: { status: string; programmes: Array<{ id: string }> } | null = null;
    const started = await startServer({ PORT: String(port) }, async () => {
      health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as typeof health;
    });
    expect(started.stdout).toContain(`listening on port ${port}`);
    expect(health).toMatchObject({ status: 'ok', programmes: expect.arrayContaining([expect.objectContaining({ id: 'nsk' })]) });
    expect(started.code).toBe(0);
  });

  it('not at all with a broken rule file, and says file:line:column for every problem', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-broken-'));
    // A copy of the fictional fixture rules (test/fixtures/rules), with one version file broken twice.
    cpSync(FIXTURE_RULES, directory, { recursive: true });
    const file = join(directory, 'nsk/versions/2022-01-01-fictional.yaml');
    const text = readFileSync(file, 'utf8');
    const broken = text.replace('kind: exclusion', 'kind: exception').replace('adopted: "2021-06-01"', 'adoptd: "2021-06-01"');
    expect(broken.split('\n').filter((line, index) => line !== text.split('\n')[index])).toHaveLength(2);
    writeFileSync(file, broken);
    const started = await startServer({ RULES_DIR: directory, PORT: '0' });
    expect(started.code).toBe(1);
    const lines = started.stderr.trim().split('\n');
    // Every problem is located; those of the broken file are among them.
    const located = lines.filter((line) => /\.yaml:\d+:\d+: /.test(line));
    expect(located).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown field "adoptd"'),
        expect.stringContaining('missing required field "adopted"'),
        expect.stringContaining('must be one of "basis", "requirement", "exclusion"'),
      ]),
    );
    expect(lines.at(-1)).toContain(`${located.length} problem(s)`);
  });
});
