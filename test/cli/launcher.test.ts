import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

/** The launcher as npx runs it: a separate node process, so its exit code is the process's. */
function launch(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/sbsp-rules.js', ...args], { cwd: REPOSITORY, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/sbsp-rules.js', () => {
  it('--help lists every command and exits 0', () => {
    const run = launch(['--help']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sbsp-rules \[options\] \[command\]/);
    for (const command of ['validate [options] [paths...]', 'test [options] [programme]', 'eval [options] <file>']) expect(run.stdout).toContain(command);
  });

  it('passes the exit code of a usage error on to the shell: 2', () => {
    const run = launch(['validate', '--rules', 'no/such/rules']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('error: rules directory not found: no/such/rules');
  });
});
