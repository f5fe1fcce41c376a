import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The service as a process of its own (`node --import tsx src/server.ts` on a free port), as an operator runs it. */
export interface ServiceProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  /** What it has written to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` and resolves once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Every service started here and not yet ended, and their DECISIONS_DIRs: for endAllServices. */
const running = new Set<ChildProcessWithoutNullStreams>();
const folders: string[] = [];

/** The secret of the one API token the services here have: a caseworker of Riga. */
export const CASEWORKER_SECRET = 'riga-caseworker-secret-0123456789';

/**
 * A service's environment with that token and a personRef key, on 127.0.0.1, with `overrides` (DATABASE_URL…) and
 * an empty DECISIONS_DIR of its own.
 */
export function serviceEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-service-'));
  folders.push(folder);
  return {
    DECISIONS_DIR: folder,
    SBSP_TOKENS: JSON.stringify({ tokens: [{ id: 'riga-caseworker', role: 'caseworker', municipality: 'riga', secret: CASEWORKER_SECRET }] }),
    DECISION_HMAC_KEY: 'a-service-test-key-of-32-characters!',
    HOST: '127.0.0.1',
    ...overrides,
  };
}

export function startService(environment: Record<string, string>): Promise<ServiceProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, RULES_WATCH: 'off', ...environment, PORT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    let output = '';
    const ended = new Promise<void>((done) => child.once('exit', () => done()));
    void ended.then(() => running.delete(child));
    const service = (port: number): ServiceProcess => ({
      child,
      port,
      output: () => output,
      stop: async (signal = 'SIGTERM') => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await ended;
      },
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on port (\d+)/.exec(output)?.[1];
      if (port) resolve(service(Number(port)));
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code, signal) => reject(new Error(`the service ended (${code ?? signal}) before it listened:\n${output}`)));
  });
}

/**
 * Kills every service still running (SIGKILL) and deletes their folders: what an afterAll calls, so no process
 * outlives its test file.
 */
export async function endAllServices(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export interface Reply {
  status: number;
  contentType: string;
  /** The body as JSON (an object), or `{ text }` when it is not JSON. */
  body: Record<string, unknown>;
}

/** One HTTP request to a service on 127.0.0.1, with a bearer token when `secret` is given. */
export function call(agent: Agent, port: number, secret: string | null, method: string, path: string, body?: unknown): Promise<Reply> {
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
          ...(secret === null ? {} : { authorization: `Bearer ${secret}` }),
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('end', () => {
          let parsed: Record<string, unknown>;
          try {
            parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
          } catch {
            parsed = { text };
          }
          resolve({ status: incoming.statusCode ?? 0, contentType: String(incoming.headers['content-type'] ?? ''), body: parsed });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** Runs `send(0)` … `send(count - 1)` over `connections` concurrent lanes, as that many clients would. */
export async function inLanes(count: number, connections: number, send: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await send(index);
    }
  };
  await Promise.all(Array.from({ length: connections }, lane));
}
