import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_REQUESTS } from './example-requests.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'riga-caseworker-secret-0123456789';
const TOKENS = JSON.stringify({ tokens: [{ id: 'riga-caseworker', role: 'caseworker', municipality: 'riga', secret: SECRET }] });
const BURST = 200;
const CONNECTIONS = 20;
const KILL_AFTER = 60;

const folders: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function startServer(environment: Record<string, string>): Promise<{ child: ChildProcessWithoutNullStreams; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...environment, PORT: '0', RULES_WATCH: 'off' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on port (\d+)/.exec(output)?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
}

function send(agent: Agent, port: number, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          authorization: `Bearer ${SECRET}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

describe('no acknowledged decision is lost (SQLite in DECISIONS_DIR)', () => {
  it(`SIGKILL in the middle of a burst of ${BURST} requests over ${CONNECTIONS} connections: after a restart every decisionId answered 200 reads back and replays identically`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sbsp-crash-'));
    folders.push(directory);
    const environment = { DECISIONS_DIR: directory, SBSP_TOKENS: TOKENS, DECISION_HMAC_KEY: 'a-crash-test-key-of-32-characters!!', HOST: '127.0.0.1' };
    const first = await startServer(environment);
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const acknowledged = new Map<string, Record<string, unknown>>();
    let failed = 0;
    let next = 0;
    let killed = false;
    const connection = async (): Promise<void> => {
      while (next < BURST) {
        const example = EXAMPLE_REQUESTS[next % EXAMPLE_REQUESTS.length];
        next += 1;
        try {
          const response = await send(agent, first.port, 'POST', example?.endpoint as string, example?.body);
          if (response.status === 200) acknowledged.set(response.body.decisionId as string, response.body);
        } catch {
          failed += 1;
        }
        if (!killed && acknowledged.size >= KILL_AFTER) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, connection));
    agent.destroy();
    await new Promise((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve(null) : first.child.once('exit', resolve)));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(failed).toBeGreaterThan(0);
    expect(acknowledged.size + failed).toBe(BURST);
    // Killed, not closed: the acknowledged decisions are in the write-ahead log, not yet checkpointed into the file.
    expect(existsSync(join(directory, 'decisions.sqlite-wal'))).toBe(true);

    const second = await startServer(environment);
    const reader = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      for (const [decisionId, answer] of acknowledged) {
        const read = await send(reader, second.port, 'GET', `/v1/decisions/${decisionId}`);
        expect(read.status, decisionId).toBe(200);
        expect(read.body.answer).toEqual(answer);
        const replay = await send(reader, second.port, 'POST', `/v1/decisions/${decisionId}/replay`);
        expect(replay.status, decisionId).toBe(200);
        expect(replay.body.identical, decisionId).toBe(true);
      }
    } finally {
      reader.destroy();
      second.child.kill('SIGTERM');
    }
  }, 120_000);
});
