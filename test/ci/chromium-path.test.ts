import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

const CI_RUN = fileURLToPath(new URL('../../.ci/run', import.meta.url));
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const folder = mkdtempSync(join(tmpdir(), 'sbsp-chromium-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/** The browser tests' Chromium, as test/browser/page-session.ts reads it when first imported with this environment. */
async function chromiumOfBrowserTests(path: string | undefined): Promise<string> {
  vi.stubEnv('CHROMIUM_PATH', path);
  vi.resetModules();
  return (await import('../browser/page-session.js')).CHROMIUM;
}

/**
 * .ci/run's Chromium step, run in bash with `apt-get` a stub that notes how it was called and Debian's path replaced
 * by `debianChromium`: what it installed.
 */
function ciChromiumStep(environment: { CHROMIUM_PATH?: string }, debianChromium: string): string[] {
  const step = readFileSync(CI_RUN, 'utf8')
    .split('\n')
    .filter((line) => line.includes('apt-get install -y chromium'));
  expect(step).toHaveLength(1);
  const stubs = mkdtempSync(join(folder, 'bin-'));
  const calls = join(stubs, 'calls');
  writeFileSync(join(stubs, 'apt-get'), `#!/bin/sh\necho "apt-get $*" >> ${calls}\n`);
  chmodSync(join(stubs, 'apt-get'), 0o755);
  writeFileSync(calls, '');
  const { CHROMIUM_PATH: _unset, ...inherited } = process.env;
  const run = spawnSync('bash', ['-euo', 'pipefail', '-c', (step[0] as string).replaceAll(DEBIAN_CHROMIUM, debianChromium)], {
    env: { ...inherited, ...environment, PATH: `${stubs}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(calls, 'utf8').split('\n').filter(Boolean);
}

describe('CHROMIUM_PATH: the Chromium the browser tests drive', () => {
  it("is CHROMIUM_PATH when set, Debian's otherwise", async () => {
    expect(await chromiumOfBrowserTests('/opt/chromium/chrome')).toBe('/opt/chromium/chrome');
    expect(await chromiumOfBrowserTests(undefined)).toBe(DEBIAN_CHROMIUM);
  });

  it('.ci/run installs Debian chromium only when CHROMIUM_PATH is unset and chromium is missing', () => {
    const missing = join(folder, 'no-chromium-here');
    const present = join(folder, 'chromium');
    writeFileSync(present, '#!/bin/sh\n');
    chmodSync(present, 0o755);
    expect(ciChromiumStep({}, missing)).toEqual(['apt-get update', 'apt-get install -y chromium']);
    expect(ciChromiumStep({ CHROMIUM_PATH: '/opt/chromium/chrome' }, missing)).toEqual([]);
    expect(ciChromiumStep({}, present)).toEqual([]);
  });
});
