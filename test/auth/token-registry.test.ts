import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveTokenRegistry, type TokensReload } from '../../src/auth/live-token-registry.js';
import { type TokenIdentity, TokenRegistryFile } from '../../src/auth/token-registry-file.js';
import { tokensFromEnvironment } from '../../src/auth/tokens-from-environment.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { EXAMPLE_REQUESTS } from '../decisions/example-requests.js';
import { call, endAllServices, type ServiceProcess, serviceEnvironment, startService } from '../support/service-process.js';

/**
 * The API token registry (TOKENS_DB): a lowdb JSON document of tokens whose secrets are kept only as sha256, edited
 * by `sbsp-rules tokens` (TokenRegistryFile here) and read by the service at start, on change and on SIGHUP.
 */

const folders: string[] = [];
const lives: LiveTokenRegistry[] = [];
afterAll(async () => {
  for (const live of lives) live.close();
  await endAllServices();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const NOW = new Date('2026-11-27T10:15:03.456Z');
const RIGA_CASEWORKER: TokenIdentity = { id: 'riga-cw-01', role: 'caseworker', municipality: 'riga' };
const STATE_AUDITOR: TokenIdentity = { id: 'state-audit', role: 'auditor', municipality: 'state' };

function registryFile(): TokenRegistryFile {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-token-registry-'));
  folders.push(folder);
  return new TokenRegistryFile(join(folder, 'data', 'tokens.json'));
}

function added(registry: TokenRegistryFile, identity: TokenIdentity, now = NOW): string {
  const outcome = registry.add(identity, now);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.secret;
}

function loaded(registry: TokenRegistryFile): LiveTokenRegistry {
  const load = LiveTokenRegistry.load(registry);
  if (!load.ok) throw new Error(load.problems.map(formatProblem).join('\n'));
  lives.push(load.live);
  return load.live;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `live` watching its file every `intervalMilliseconds`; the outcomes of its reads are collected in the list returned. */
function watched(live: LiveTokenRegistry, intervalMilliseconds = 20): TokensReload[] {
  const outcomes: TokensReload[] = [];
  live.watch((outcome) => outcomes.push(outcome), intervalMilliseconds);
  return outcomes;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the token registry document', () => {
  it('adds a token with a random base64url secret of 32 bytes, and keeps only its sha256', () => {
    const registry = registryFile();
    const outcome = registry.add(RIGA_CASEWORKER, NOW);
    if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
    expect(outcome.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(outcome.secret, 'base64url')).toHaveLength(32);
    const text = readFileSync(registry.path, 'utf8');
    expect(text).not.toContain(outcome.secret);
    expect(JSON.parse(text)).toEqual({
      tokens: [{ id: 'riga-cw-01', role: 'caseworker', municipality: 'riga', secretSha256: sha256(outcome.secret), created: '2026-11-27T10:15:03Z' }],
    });
    expect(outcome.token).toEqual(JSON.parse(text).tokens[0]);
  });

  it('gives every token a different secret', () => {
    const registry = registryFile();
    const secrets = ['a', 'b', 'c', 'd'].map((id) => added(registry, { ...RIGA_CASEWORKER, id }));
    expect(new Set(secrets).size).toBe(4);
  });

  it('refuses an id it already has, revoked or not, and leaves the file as it was', () => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    added(registry, STATE_AUDITOR);
    expect(registry.revoke(STATE_AUDITOR.id, NOW).ok).toBe(true);
    const before = readFileSync(registry.path, 'utf8');
    expect(registry.add({ ...RIGA_CASEWORKER, role: 'officer' }, NOW)).toEqual({
      ok: false,
      problems: [`${registry.path} already has a token "riga-cw-01"; an id is never given twice`],
    });
    expect(registry.add(STATE_AUDITOR, NOW)).toEqual({
      ok: false,
      problems: [`${registry.path} already has a token "state-audit" (revoked 2026-11-27T10:15:03Z); an id is never given twice`],
    });
    expect(readFileSync(registry.path, 'utf8')).toBe(before);
  });

  it('revokes a token by marking it (it stays listed), once; an unknown id or a missing file is refused', () => {
    const registry = registryFile();
    expect(registry.revoke('riga-cw-01', NOW)).toEqual({
      ok: false,
      problems: [`${registry.path}:1:1: there is no such file; sbsp-rules tokens add makes it`],
    });
    added(registry, RIGA_CASEWORKER);
    const revoked = registry.revoke('riga-cw-01', new Date('2026-12-01T08:00:00Z'));
    expect(revoked).toMatchObject({ ok: true, already: false, token: { id: 'riga-cw-01', revoked: '2026-12-01T08:00:00Z' } });
    const again = registry.revoke('riga-cw-01', new Date('2026-12-02T08:00:00Z'));
    expect(again).toMatchObject({ ok: true, already: true, token: { revoked: '2026-12-01T08:00:00Z' } });
    expect(registry.revoke('riga-cw-02', NOW)).toEqual({ ok: false, problems: [`${registry.path} has no token "riga-cw-02"`] });
    const read = registry.readExisting();
    expect(read.ok && read.document.tokens.map((token) => [token.id, token.revoked])).toEqual([['riga-cw-01', '2026-12-01T08:00:00Z']]);
  });

  it('writes through lowdb: a new file renamed over the old one (a reader never sees half a document), no temporary file left', () => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    const first = statSync(registry.path).ino;
    added(registry, STATE_AUDITOR);
    expect(statSync(registry.path).ino).not.toBe(first);
    expect(readdirSync(join(registry.path, '..'))).toEqual(['tokens.json']);
  });

  it.each<{ name: string; token: Record<string, unknown>; expected: string }>([
    { name: 'an unknown role', token: { role: 'admin' }, expected: 'tokens.json:5:15: role must be one of "caseworker", "officer", "auditor"' },
    { name: 'a secret in clear', token: { secret: 'a-secret-that-must-never-be-here' }, expected: 'tokens.json:9:7: unknown field "secret"' },
    { name: 'a malformed hash', token: { secretSha256: 'ABC' }, expected: 'tokens.json:7:23: secretSha256 must be 64 lowercase hex digits' },
    { name: 'a day that does not exist', token: { created: '2026-02-30T00:00:00Z' }, expected: 'tokens.json:8:18: created must be a time in UTC' },
    { name: 'a revocation that is not a time', token: { revoked: true }, expected: 'tokens.json:9:18: revoked, when given, must be a time in UTC' },
  ])('refuses a document with $name, at file:line:column', ({ token, expected }) => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    const document = JSON.parse(readFileSync(registry.path, 'utf8')) as { tokens: Array<Record<string, unknown>> };
    document.tokens[0] = { ...document.tokens[0], ...token };
    writeFileSync(registry.path, JSON.stringify(document, null, 2));
    const read = registry.read();
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.problems.map(formatProblem).map((line) => line.slice(line.indexOf('tokens.json')))).toContainEqual(expect.stringContaining(expected));
    expect(registry.add(STATE_AUDITOR, NOW).ok).toBe(false);
  });

  it('refuses one id twice and one hash twice in a hand-edited document', () => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    const document = JSON.parse(readFileSync(registry.path, 'utf8')) as { tokens: Array<Record<string, unknown>> };
    writeFileSync(registry.path, JSON.stringify({ tokens: [document.tokens[0], document.tokens[0]] }, null, 2));
    const read = registry.read();
    expect(read.ok ? [] : read.problems.map((found) => found.message)).toEqual(['token id "riga-cw-01" is given twice', 'two tokens have the same secret']);
  });
});

describe('the registry as the service reads it (TOKENS_DB)', () => {
  it('authenticates the tokens not revoked, with their role and municipality', () => {
    const registry = registryFile();
    const caseworker = added(registry, RIGA_CASEWORKER);
    const auditor = added(registry, STATE_AUDITOR);
    registry.revoke(STATE_AUDITOR.id, NOW);
    const configured = tokensFromEnvironment({ TOKENS_DB: registry.path });
    if (!configured.ok) throw new Error(configured.problems.map(formatProblem).join('\n'));
    configured.live?.close();
    expect(configured.registry?.authenticate(caseworker)).toMatchObject({ id: 'riga-cw-01', role: 'caseworker', municipality: 'riga' });
    expect(configured.registry?.authenticate(auditor)).toBeNull();
    expect(configured.registry?.authenticate(sha256(caseworker))).toBeNull();
  });

  it('is token mode even when every token is revoked: nothing authenticates, nothing is open', () => {
    const registry = registryFile();
    const secret = added(registry, RIGA_CASEWORKER);
    registry.revoke(RIGA_CASEWORKER.id, NOW);
    const configured = tokensFromEnvironment({ TOKENS_DB: registry.path });
    expect(configured.ok && configured.registry?.tokens).toEqual([]);
    expect(configured.ok && configured.registry?.authenticate(secret)).toBeNull();
  });

  it.each<{ name: string; environment: (path: string) => NodeJS.ProcessEnv; expected: string }>([
    {
      name: 'TOKENS_DB and TOKENS_FILE',
      environment: (path) => ({ TOKENS_DB: path, TOKENS_FILE: 'tokens.yaml' }),
      expected: 'both TOKENS_DB and TOKENS_FILE are set; set one',
    },
    {
      name: 'TOKENS_DB and SBSP_TOKENS',
      environment: (path) => ({ TOKENS_DB: path, SBSP_TOKENS: '[]' }),
      expected: 'both TOKENS_DB and SBSP_TOKENS are set; set one',
    },
    {
      name: 'all three',
      environment: (path) => ({ TOKENS_DB: path, TOKENS_FILE: 'tokens.yaml', SBSP_TOKENS: '[]' }),
      expected: 'TOKENS_DB, TOKENS_FILE and SBSP_TOKENS are set; set one',
    },
    { name: 'a TOKENS_DB that is not there', environment: (path) => ({ TOKENS_DB: `${path}.missing` }), expected: 'there is no such file' },
  ])('does not start with $name', ({ environment, expected }) => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    const configured = tokensFromEnvironment(environment(registry.path));
    expect(configured.ok).toBe(false);
    if (!configured.ok) expect(configured.problems.map(formatProblem).join('\n')).toContain(expected);
  });

  it('reload() takes added and revoked tokens; a broken document is refused and the last good tokens keep serving', () => {
    const registry = registryFile();
    const first = added(registry, RIGA_CASEWORKER);
    const live = loaded(registry);
    const second = added(registry, STATE_AUDITOR);
    expect(live.registry.authenticate(second)).toBeNull();
    expect(live.reload()).toEqual({ reloaded: true, active: 2 });
    expect(live.registry.authenticate(second)?.id).toBe('state-audit');

    registry.revoke(RIGA_CASEWORKER.id, NOW);
    expect(live.reload()).toEqual({ reloaded: true, active: 1 });
    expect(live.registry.authenticate(first)).toBeNull();

    writeFileSync(registry.path, '{ "tokens": [ { "id": "half');
    const refused = live.reload();
    expect(refused.reloaded).toBe(false);
    expect(live.registry.authenticate(second)?.id).toBe('state-audit');
  });

  it('watch() reads the file again when it changes, with no signal', async () => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    const live = loaded(registry);
    const outcomes = watched(live, 50);
    const secret = added(registry, STATE_AUDITOR);
    await expect.poll(() => live.registry.authenticate(secret)?.id, { timeout: 5_000, interval: 25 }).toBe('state-audit');
    expect(outcomes).toContainEqual({ reloaded: true, active: 2 });
  });

  it('watch() takes a change made between the first read and the start of watching', async () => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    const live = loaded(registry);
    const secret = added(registry, STATE_AUDITOR);
    const outcomes = watched(live);
    await expect.poll(() => live.registry.authenticate(secret)?.id, { timeout: 5_000, interval: 25 }).toBe('state-audit');
    expect(outcomes).toEqual([{ reloaded: true, active: 2 }]);
  });

  it('watch() reports a broken file once, keeps the last good tokens, and takes the file when it is mended', async () => {
    const registry = registryFile();
    const first = added(registry, RIGA_CASEWORKER);
    const live = loaded(registry);
    const outcomes = watched(live);
    writeFileSync(registry.path, '{ "tokens": [ { "id": "half');
    await expect.poll(() => outcomes.length, { timeout: 5_000, interval: 25 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.reloaded).toBe(false);
    expect(live.registry.authenticate(first)?.id).toBe('riga-cw-01');
    rmSync(registry.path);
    const second = added(registry, STATE_AUDITOR);
    await expect.poll(() => live.registry.authenticate(second)?.id, { timeout: 5_000, interval: 25 }).toBe('state-audit');
    expect(live.registry.authenticate(first)).toBeNull();
  });

  it('watching does not keep a process alive: one that watches and has nothing else to do ends by itself', () => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    const script = [
      "import { LiveTokenRegistry } from './src/auth/live-token-registry.ts';",
      "import { TokenRegistryFile } from './src/auth/token-registry-file.ts';",
      'const load = LiveTokenRegistry.load(new TokenRegistryFile(process.env.REGISTRY));',
      'if (!load.ok) process.exit(3);',
      'load.live.watch(() => {}, 20);',
      "console.log('watching');",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, REGISTRY: registry.path },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect({ status: run.status, signal: run.signal, out: run.stdout.trim() }).toEqual({ status: 0, signal: null, out: 'watching' });
  });

  it('watch() asked twice watches once: close() then stops all watching', async () => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    const live = loaded(registry);
    const outcomes = watched(live);
    live.watch((outcome) => outcomes.push(outcome), 20);
    live.close();
    const secret = added(registry, STATE_AUDITOR);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outcomes).toEqual([]);
    expect(live.registry.authenticate(secret)).toBeNull();
  });

  it('close() stops watching: a later change is not taken', async () => {
    const registry = registryFile();
    added(registry, RIGA_CASEWORKER);
    const live = loaded(registry);
    const outcomes = watched(live);
    live.close();
    const secret = added(registry, STATE_AUDITOR);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outcomes).toEqual([]);
    expect(live.registry.authenticate(secret)).toBeNull();
  });
});

describe('the service with TOKENS_DB', () => {
  const eligibility = EXAMPLE_REQUESTS.find((example) => example.endpoint === '/v1/eligibility')?.body;

  async function serviceOn(registry: TokenRegistryFile): Promise<ServiceProcess> {
    const { SBSP_TOKENS: _fromSupport, ...environment } = serviceEnvironment({ TOKENS_DB: registry.path });
    return startService(environment);
  }

  /** The status of an eligibility request with `secret`: 200 with a valid caseworker token, 401 without a valid one. */
  const statusWith = async (agent: Agent, service: ServiceProcess, secret: string): Promise<number> =>
    (await call(agent, service.port, secret, 'POST', '/v1/eligibility', eligibility)).status;

  const reloadLines = (service: ServiceProcess, trigger: string): string[] =>
    service
      .output()
      .split('\n')
      .filter((line) => line.includes('API tokens') && line.includes(`"trigger":"${trigger}"`));

  it('refuses a revoked token with 401, takes a token added while it runs and refuses one revoked while it runs, reading the file on its change', async () => {
    const registry = registryFile();
    const revokedBeforeStart = added(registry, { ...RIGA_CASEWORKER, id: 'riga-cw-00' });
    const caseworker = added(registry, RIGA_CASEWORKER);
    const auditor = added(registry, STATE_AUDITOR);
    registry.revoke('riga-cw-00', NOW);
    const service = await serviceOn(registry);
    const agent = new Agent({ keepAlive: true });
    try {
      expect(await statusWith(agent, service, caseworker)).toBe(200);
      expect(await statusWith(agent, service, auditor)).toBe(403);
      const refused = await call(agent, service.port, revokedBeforeStart, 'POST', '/v1/eligibility', eligibility);
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toBe('the bearer token is not valid');

      const addedWhileRunning = added(registry, { ...RIGA_CASEWORKER, id: 'riga-cw-02' }, new Date());
      await expect.poll(() => statusWith(agent, service, addedWhileRunning), { timeout: 10_000, interval: 200 }).toBe(200);

      registry.revoke(RIGA_CASEWORKER.id, new Date());
      await expect.poll(() => statusWith(agent, service, caseworker), { timeout: 10_000, interval: 200 }).toBe(401);
      expect(await statusWith(agent, service, addedWhileRunning)).toBe(200);
      expect(reloadLines(service, 'change').length).toBeGreaterThanOrEqual(2);
    } finally {
      agent.destroy();
      await service.stop();
    }
  }, 60_000);

  it('reads it again at once on SIGHUP, and keeps the last good tokens when the file is broken', async () => {
    const registry = registryFile();
    const caseworker = added(registry, RIGA_CASEWORKER);
    const service = await serviceOn(registry);
    const agent = new Agent({ keepAlive: true });
    try {
      service.child.kill('SIGHUP');
      await expect.poll(() => reloadLines(service, 'SIGHUP'), { timeout: 10_000, interval: 50 }).toHaveLength(1);
      expect(reloadLines(service, 'SIGHUP')[0]).toContain('API tokens reloaded (1 active)');

      writeFileSync(registry.path, '{ "tokens": [ { "id": "half');
      service.child.kill('SIGHUP');
      await expect.poll(() => reloadLines(service, 'SIGHUP'), { timeout: 10_000, interval: 50 }).toHaveLength(2);
      expect(reloadLines(service, 'SIGHUP')[1]).toContain('the change to the API tokens was refused');
      expect(await statusWith(agent, service, caseworker)).toBe(200);
      expect(existsSync(registry.path)).toBe(true);
    } finally {
      agent.destroy();
      await service.stop();
    }
  }, 60_000);
});
