import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKENS = JSON.stringify([{ id: 'riga-officer', role: 'officer', municipality: 'riga', secret: 'riga-officer-secret-0123456789' }]);
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  health: Record<string, unknown> | null;
}

/** Runs the server with `environment`; if it listens, asks /health and stops it. Never inherits token settings. */
function run(environment: Record<string, string>): Promise<Run> {
  const decisions = mkdtempSync(join(tmpdir(), 'sbsp-modes-'));
  folders.push(decisions);
  const { TOKENS_FILE: _file, SBSP_TOKENS: _tokens, DECISION_HMAC_KEY: _key, HOST: _host, ...inherited } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { ...inherited, PORT: '0', RULES_WATCH: 'off', DECISIONS_DIR: decisions, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let health: Record<string, unknown> | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = /listening on port (\d+)/.exec(stdout)?.[1];
      if (port && health === null) {
        health = {};
        fetch(`http://127.0.0.1:${port}/health`)
          .then(async (response) => (health = (await response.json()) as Record<string, unknown>))
          .finally(() => child.kill('SIGTERM'));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr, health }));
    setTimeout(() => child.kill('SIGKILL'), 20_000);
  });
}

const logLines = (stdout: string): Array<Record<string, unknown>> =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the service without API tokens', () => {
  it('runs in open development mode on 127.0.0.1 only, and says so in its log and on /health', async () => {
    const started = await run({});
    const lines = logLines(started.stdout);
    expect(lines.find((line) => String(line.msg).includes('listening on port'))).toMatchObject({ mode: 'open-development', address: '127.0.0.1' });
    expect(lines.some((line) => String(line.msg).includes('OPEN DEVELOPMENT MODE'))).toBe(true);
    expect(lines.some((line) => String(line.msg).includes('DECISION_HMAC_KEY is not set'))).toBe(true);
    expect(started.health).toMatchObject({ status: 'ok', mode: 'open-development' });
    expect(started.code).toBe(0);
  });

  it('refuses to listen beyond loopback', async () => {
    const started = await run({ HOST: '0.0.0.0' });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('without API tokens (TOKENS_FILE or SBSP_TOKENS) the service listens on 127.0.0.1 only');
  });
});

describe('the service with API tokens', () => {
  it('requires tokens, says so on /health, and listens where HOST says', async () => {
    const started = await run({ SBSP_TOKENS: TOKENS, DECISION_HMAC_KEY: 'a-key-for-personrefs-of-32-chars!!', HOST: '127.0.0.1' });
    expect(started.health).toMatchObject({ status: 'ok', mode: 'tokens' });
    expect(logLines(started.stdout).find((line) => String(line.msg).includes('listening on port'))).toMatchObject({ mode: 'tokens' });
    expect(started.code).toBe(0);
  });

  it.each<{ name: string; environment: Record<string, string>; expected: string }>([
    { name: 'no DECISION_HMAC_KEY', environment: { SBSP_TOKENS: TOKENS }, expected: 'DECISION_HMAC_KEY is not set' },
    {
      name: 'a short DECISION_HMAC_KEY',
      environment: { SBSP_TOKENS: TOKENS, DECISION_HMAC_KEY: 'short' },
      expected: 'DECISION_HMAC_KEY must have at least 32 characters',
    },
    {
      name: 'a broken token list',
      environment: { SBSP_TOKENS: '[{"id": "x", "role": "root"}]', DECISION_HMAC_KEY: 'a-key-for-personrefs-of-32-chars!!' },
      expected: 'SBSP_TOKENS:1:',
    },
  ])('does not start with $name', async ({ environment, expected }) => {
    const started = await run(environment);
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(expected);
    expect(started.stderr.trim().split('\n').at(-1)).toMatch(/not starting$/);
  });
});
