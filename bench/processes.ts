import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { SERVICE_BUNDLE } from '../src/build/bundle-service.js';

/** Peak resident memory of a live process in MiB (Linux: VmHWM), or null where /proc does not tell. */
export function peakRssMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * A loopback port nothing uses now, as the system hands one out. Not a random one: after a load run, thousands of
 * client sockets in TIME_WAIT hold random ports of the ephemeral range, and a service told to listen on one fails.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Waits until `url` answers 200, polling every 5 ms; the milliseconds it took, or throws after `limit`. */
export async function waitUntilUp(url: string, started: bigint, limitMilliseconds = 20_000): Promise<number> {
  for (;;) {
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (elapsed > limitMilliseconds) throw new Error(`${url} did not answer within ${limitMilliseconds} ms`);
    try {
      const response = await fetch(url);
      if (response.ok) return Number(process.hrtime.bigint() - started) / 1e6;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
}

/** The service as npm start runs it (the bundle of npm run build), on a loopback port, with its logs discarded. */
export function startService(port: number, environment: Record<string, string>): ChildProcess {
  // BENCH_SERVICE_NODE_OPTIONS: V8 or Node flags for the service alone, not for the load generator.
  const flags = (process.env.BENCH_SERVICE_NODE_OPTIONS ?? '').split(' ').filter((flag) => flag !== '');
  return spawn(process.execPath, [...flags, SERVICE_BUNDLE], {
    env: { ...process.env, PORT: String(port), RULES_WATCH: 'off', ...environment },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(3000).then(() => child.kill('SIGKILL'))]);
}
