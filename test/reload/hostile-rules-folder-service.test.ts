import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_RULES } from '../support/rule-sets.js';

/**
 * The running service (src/server.ts, watching its RULES_DIR, a temporary copy of the FICTIONAL fixture rules) while
 * files nobody should leave there appear: it never exits or hangs, refuses each change with located problems (to an
 * officer, on POST /v1/admin/reload: 409), keeps the last good rules serving, and says `degraded` on /health with a
 * count only. As root (CI, this machine), the service runs as root without the capabilities that let root read
 * anyone's files (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so a file of `nobody`'s with mode 600 is
 * one it cannot read, as another user's editor swap file would be; the repository may be anywhere, readable by root
 * alone. As any other user, such a file is the user's own with mode 000.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOBODY = 65534;
const AS_ROOT = process.getuid?.() === 0;
const WITHOUT_READING_ANY_FILE = ['--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search'];
const NEW_VERSION = 'nsk/versions/2099-01-01.yaml';
/** The watcher reloads 250 ms after the last change; this leaves it time to have done so (or to have died trying). */
const WATCHER_SETTLES = 1000;

interface Service {
  child: ChildProcessWithoutNullStreams;
  port: number;
  output(): string;
}

const workspace = mkdtempSync(join(tmpdir(), 'sbsp-hostile-folder-'));
const rules = join(workspace, 'rules');
const LAST_VERSION = join(rules, 'nsk', 'versions', '2023-04-01-fictional.yaml');
/** What the cases leave in the folder, removed after each so that one failing case does not fail the next. */
const LEFT_BEHIND = [NEW_VERSION, 'nsk/recording.bin', 'private', 'nsk/versions/.2023-04-01-fictional.yaml.swp'];
let service: Service;

function startService(): Promise<Service> {
  const decisions = join(workspace, 'decisions');
  mkdirSync(decisions);
  const environment: NodeJS.ProcessEnv = { ...process.env, PORT: '0', RULES_DIR: rules, DECISIONS_DIR: decisions };
  for (const name of ['SBSP_TOKENS', 'TOKENS_FILE', 'TOKENS_DB', 'RULES_WATCH', 'HOST']) delete environment[name];
  const node = [process.execPath, '--import', 'tsx', 'src/server.ts'];
  const [command, ...args] = AS_ROOT ? ['setpriv', ...WITHOUT_READING_ANY_FILE, ...node] : node;
  const child = spawn(command as string, args, { cwd: ROOT, env: environment, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on port (\d+)/.exec(output)?.[1];
      if (port) resolve({ child, port: Number(port), output: () => output });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code, signal) => reject(new Error(`the service ended (${code ?? signal}) before it listened:\n${output}`)));
  });
}

beforeAll(async () => {
  cpSync(FIXTURE_RULES, rules, { recursive: true });
  service = await startService();
}, 60_000);

afterEach(() => {
  for (const path of LEFT_BEHIND) rmSync(join(rules, path), { recursive: true, force: true });
  cpSync(join(FIXTURE_RULES, 'nsk', 'versions', '2023-04-01-fictional.yaml'), LAST_VERSION);
});

afterAll(async () => {
  if (service && service.child.exitCode === null && service.child.signalCode === null) {
    const ended = new Promise((done) => service.child.once('exit', done));
    service.child.kill('SIGKILL');
    await ended;
  }
  rmSync(workspace, { recursive: true, force: true });
});

interface Reply {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** A request that gives up after 10 s: a service that hangs fails the test instead of stalling it. */
async function ask(method: 'GET' | 'POST', path: string): Promise<Reply> {
  const response = await fetch(`http://127.0.0.1:${service.port}${path}`, {
    method,
    signal: AbortSignal.timeout(10_000),
    ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
}

function alive(): boolean {
  return service.child.exitCode === null && service.child.signalCode === null;
}

/** The peak resident memory of the service so far, in kB (VmHWM). */
function peakMemory(): number {
  const status = readFileSync(`/proc/${service.child.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, WATCHER_SETTLES));
}

/** Refused with these located messages (regular expressions on `file:line:column: message`), with /health degraded. */
async function expectRefused(messages: RegExp[]): Promise<void> {
  expect(alive(), service.output()).toBe(true);
  const reload = await ask('POST', '/v1/admin/reload');
  expect(reload.status).toBe(409);
  expect(reload.contentType).toMatch(/^application\/problem\+json/);
  const errors = (reload.body.errors as Array<{ message: string }>).map((error) => error.message);
  expect(errors).toHaveLength(messages.length);
  for (const message of messages) expect(errors).toContainEqual(expect.stringMatching(message));
  const health = await ask('GET', '/health');
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ status: 'degraded', rules: { ok: false, problems: messages.length } });
  expect(JSON.stringify(health.body)).not.toContain(workspace);
}

/** Once the hostile things are gone, the service reloads and says ok. */
async function expectRecovered(): Promise<void> {
  expect((await ask('POST', '/v1/admin/reload')).status).toBe(200);
  const health = await ask('GET', '/health');
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({ status: 'ok' });
}

describe('the running service, as files nobody should leave appear in RULES_DIR', () => {
  it('item 9: a FIFO named *.yaml (mkfifo) neither hangs it nor is read: a located problem', async () => {
    execFileSync('mkfifo', [join(rules, NEW_VERSION)]);
    await settle();
    await expectRefused([/nsk\/versions\/2099-01-01\.yaml:1:1: not a regular file \(a FIFO\); only regular files are read$/]);
    rmSync(join(rules, NEW_VERSION));
    await expectRecovered();
  });

  it('item 9: a symbolic link to /dev/zero is not followed: a located problem, and memory does not grow', async () => {
    const before = peakMemory();
    symlinkSync('/dev/zero', join(rules, NEW_VERSION));
    await settle();
    await expectRefused([/nsk\/versions\/2099-01-01\.yaml:1:1: a symbolic link leading out of the rules folder; it is not followed$/]);
    expect(peakMemory() / before).toBeLessThan(1.5);
    rmSync(join(rules, NEW_VERSION));
    await expectRecovered();
  });

  it('item 7: a 2 GiB sparse *.yaml and a 2 GiB file of another name neither kill nor stall it', async () => {
    const before = peakMemory();
    writeFileSync(join(rules, 'nsk', 'recording.bin'), '');
    truncateSync(join(rules, 'nsk', 'recording.bin'), 2 * 1024 ** 3);
    writeFileSync(join(rules, NEW_VERSION), '');
    truncateSync(join(rules, NEW_VERSION), 2 * 1024 ** 3);
    await settle();
    await expectRefused([/nsk\/versions\/2099-01-01\.yaml:1:1: the file has 2147483648 bytes; at most 1048576 are read$/]);
    rmSync(join(rules, NEW_VERSION));
    await expectRecovered();
    expect(peakMemory() / before).toBeLessThan(1.5);
    rmSync(join(rules, 'nsk', 'recording.bin'));
  });

  it('item 8: a file and a folder it cannot read (EACCES) are located problems; an unreadable swap file is not a rule file', async () => {
    const unreadable = (path: string, mode: number): void => {
      if (AS_ROOT) chownSync(path, NOBODY, NOBODY);
      chmodSync(path, AS_ROOT ? mode : 0);
    };
    const swap = join(rules, 'nsk', 'versions', '.2023-04-01-fictional.yaml.swp');
    writeFileSync(swap, 'an editor swap file');
    unreadable(swap, 0o600);
    cpSync(join(rules, 'nsk', 'versions', '2023-04-01-fictional.yaml'), join(rules, NEW_VERSION));
    unreadable(join(rules, NEW_VERSION), 0o600);
    mkdirSync(join(rules, 'private'));
    writeFileSync(join(rules, 'private', 'notes.yaml'), 'notes: none\n');
    unreadable(join(rules, 'private'), 0o700);
    await settle();
    await expectRefused([
      /nsk\/versions\/2099-01-01\.yaml:1:1: cannot read: permission denied \(EACCES\)$/,
      /private:1:1: cannot list the folder: permission denied \(EACCES\)$/,
    ]);
    rmSync(join(rules, NEW_VERSION));
    rmSync(join(rules, 'private'), { recursive: true });
    await expectRecovered();
    rmSync(swap);
  });

  it('neither /health nor its log shows what a refused file holds, or what a link out of the folder leads to', async () => {
    const outside = join(workspace, 'tokens.yaml');
    writeFileSync(outside, 'tokens:\n  - id: officer\n    secret: outside-secret-0123456789\n');
    symlinkSync(outside, join(rules, NEW_VERSION));
    writeFileSync(LAST_VERSION, `${readFileSync(LAST_VERSION, 'utf8')}\nconfidentialKeyName: the content of a file\n`);
    await settle();
    await expectRefused([/a symbolic link leading out of the rules folder; it is not followed$/, /2023-04-01-fictional\.yaml:\d+:\d+: .*confidentialKeyName/]);
    const health = JSON.stringify((await ask('GET', '/health')).body);
    const log = service.output();
    expect(log).toMatch(/the change to the rules was refused/);
    for (const hidden of ['outside-secret', 'confidentialKeyName', 'the content of a file']) {
      expect(health).not.toContain(hidden);
      expect(log).not.toContain(hidden);
    }
    rmSync(join(rules, NEW_VERSION));
    cpSync(join(FIXTURE_RULES, 'nsk', 'versions', '2023-04-01-fictional.yaml'), LAST_VERSION);
    await expectRecovered();
  });
});
