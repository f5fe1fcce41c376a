import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CASEWORKER_SECRET, call, endAllServices, serviceEnvironment, startService } from '../support/service-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs src/server.ts with `environment` as it is (PORT included) until it ends; killed after a minute. */
function runToEnd(environment: Record<string, string>): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, RULES_WATCH: 'off', ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

afterAll(endAllServices);

describe('a port the service cannot have', () => {
  it('a second service on a busy port exits 1 with one line saying so, and the first keeps serving', async () => {
    const first = await startService(serviceEnvironment());
    const second = await runToEnd({ ...serviceEnvironment(), PORT: String(first.port) });
    expect(second.code).toBe(1);
    expect(second.stdout).not.toContain('listening');
    const said = second.stderr.split('\n').filter((line) => line.startsWith('sbsp-rules:'));
    expect(said).toEqual([
      `sbsp-rules: port ${first.port} on 127.0.0.1 is in use (EADDRINUSE): another service listens there; stop it or set PORT; not starting`,
    ]);
    const agent = new Agent();
    const health = await call(agent, first.port, CASEWORKER_SECRET, 'GET', '/health');
    agent.destroy();
    expect(health.status).toBe(200);
    await first.stop();
  }, 120_000);

  it('an address this machine does not have exits 1 with one line too', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this machine.
    const ended = await runToEnd({ ...serviceEnvironment({ HOST: '192.0.2.1' }), PORT: '0' });
    expect(ended.code).toBe(1);
    expect(ended.stderr.split('\n').filter((line) => line.startsWith('sbsp-rules:'))).toEqual([
      'sbsp-rules: 192.0.2.1 is not an address of this machine (EADDRNOTAVAIL); set HOST to one; not starting',
    ]);
  }, 120_000);
});
