import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tokensFromEnvironment } from '../../src/auth/tokens-from-environment.js';
import { runCommand } from './run-cli.js';

/**
 * `sbsp-rules tokens add | revoke | list` on a registry file in a temporary folder, named with --file or TOKENS_DB;
 * what they write is then read as the service reads it (tokensFromEnvironment).
 */

const folders: string[] = [];
const savedTokensDb = process.env.TOKENS_DB;
afterEach(() => {
  if (savedTokensDb === undefined) delete process.env.TOKENS_DB;
  else process.env.TOKENS_DB = savedTokensDb;
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function registryPath(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-tokens-cli-'));
  folders.push(folder);
  return join(folder, 'tokens.json');
}

/** Runs `tokens add` for a token that must be added, and returns the secret it printed. */
async function addToken(file: string, id: string, role: string, municipality: string): Promise<string> {
  const run = await runCommand(['tokens', 'add', '--id', id, '--role', role, '--municipality', municipality, '--file', file]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines.slice(0, 2)).toEqual([
    `added token ${id} (${role}, ${municipality}) to ${file}`,
    'Its secret, shown this once (callers send "Authorization: Bearer <secret>"):',
  ]);
  expect(lines).toHaveLength(3);
  return lines[2] as string;
}

function authenticatedId(file: string, secret: string): string | null {
  const configured = tokensFromEnvironment({ TOKENS_DB: file });
  if (!configured.ok) throw new Error(JSON.stringify(configured.problems));
  configured.live?.close();
  return configured.registry?.authenticate(secret)?.id ?? null;
}

describe('sbsp-rules tokens add', () => {
  it('prints a new secret once; the file keeps only its sha256; the service then accepts it with its role and municipality', async () => {
    const file = registryPath();
    const secret = await addToken(file, 'riga-cw-01', 'caseworker', 'riga');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).toContain(createHash('sha256').update(secret).digest('hex'));
    const configured = tokensFromEnvironment({ TOKENS_DB: file });
    expect(configured.ok && configured.registry?.authenticate(secret)).toMatchObject({ id: 'riga-cw-01', role: 'caseworker', municipality: 'riga' });
  });

  it('takes the registry from TOKENS_DB, and prints the token as JSON with --json', async () => {
    process.env.TOKENS_DB = registryPath();
    const run = await runCommand(['tokens', 'add', '--id', 'state-audit', '--role', 'auditor', '--municipality', 'state', '--json']);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as Record<string, string>;
    expect(Object.keys(printed)).toEqual(['id', 'role', 'municipality', 'created', 'secret']);
    expect(printed).toMatchObject({ id: 'state-audit', role: 'auditor', municipality: 'state' });
    expect(printed.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(authenticatedId(process.env.TOKENS_DB, printed.secret as string)).toBe('state-audit');
  });

  it('reports every problem of its options at once, exit 2, and writes nothing', async () => {
    delete process.env.TOKENS_DB;
    const run = await runCommand(['tokens', 'add', '--id', 'riga cw', '--role', 'admin']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').slice(0, 4)).toEqual([
      'error: name the registry with --file <path> or TOKENS_DB',
      '--id: must be 1 to 64 letters, digits, ".", "_" or "-", not "riga cw"',
      '--role: must be one of "caseworker", "officer", "auditor", not "admin"',
      '--municipality is required',
    ]);
  });

  it('refuses an unknown role with exit 2', async () => {
    const file = registryPath();
    const run = await runCommand(['tokens', 'add', '--id', 'root', '--role', 'administrator', '--municipality', 'riga', '--file', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--role: must be one of "caseworker", "officer", "auditor", not "administrator"');
  });

  it('refuses an id the registry has, even a revoked one, with exit 1, and leaves the file as it was', async () => {
    const file = registryPath();
    await addToken(file, 'riga-cw-01', 'caseworker', 'riga');
    await addToken(file, 'riga-cw-02', 'caseworker', 'riga');
    expect((await runCommand(['tokens', 'revoke', 'riga-cw-02', '--file', file])).code).toBe(0);
    const before = readFileSync(file, 'utf8');
    for (const id of ['riga-cw-01', 'riga-cw-02']) {
      const run = await runCommand(['tokens', 'add', '--id', id, '--role', 'officer', '--municipality', 'riga', '--file', file]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^${file} already has a token "${id}"( \\(revoked [^)]+\\))?; an id is never given twice\\n$`));
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses to edit a registry with problems, naming each at file:line:column (exit 1)', async () => {
    const file = registryPath();
    writeFileSync(file, '{\n  "tokens": [{ "id": "a", "role": "root" }]\n}\n');
    const run = await runCommand(['tokens', 'add', '--id', 'b', '--role', 'officer', '--municipality', 'riga', '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${file}:2:35: role must be one of "caseworker", "officer", "auditor"`,
      `${file}:2:14: municipality must be a non-empty name (at most 100 characters)`,
      `${file}:2:14: secretSha256 must be 64 lowercase hex digits (sha256 of the secret)`,
      `${file}:2:14: created must be a time in UTC, YYYY-MM-DDTHH:MM:SSZ`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe('{\n  "tokens": [{ "id": "a", "role": "root" }]\n}\n');
  });
});

describe('sbsp-rules tokens revoke', () => {
  it('revokes a token: the service no longer accepts it, the others still work; again changes nothing', async () => {
    const file = registryPath();
    const first = await addToken(file, 'riga-cw-01', 'caseworker', 'riga');
    const second = await addToken(file, 'riga-officer', 'officer', 'riga');
    const run = await runCommand(['tokens', 'revoke', 'riga-cw-01', '--file', file]);
    expect(run).toEqual({ code: 0, stdout: `revoked token riga-cw-01 (caseworker, riga) in ${file}\n`, stderr: '' });
    expect(authenticatedId(file, first)).toBeNull();
    expect(authenticatedId(file, second)).toBe('riga-officer');
    const before = readFileSync(file, 'utf8');
    const again = await runCommand(['tokens', 'revoke', 'riga-cw-01', '--file', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^token riga-cw-01 was already revoked \(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\); nothing changed\n$/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it.each([
    { name: 'an unknown id', args: (file: string) => ['nobody', '--file', file], code: 1, expected: (file: string) => `${file} has no token "nobody"` },
    { name: 'no registry named', args: () => ['riga-cw-01'], code: 2, expected: () => 'error: name the registry with --file <path> or TOKENS_DB' },
    {
      name: 'a registry that is not there',
      args: (file: string) => ['riga-cw-01', '--file', `${file}.missing`],
      code: 1,
      expected: (file: string) => `${file}.missing:1:1: there is no such file; sbsp-rules tokens add makes it`,
    },
  ])('refuses $name', async ({ args, code, expected }) => {
    delete process.env.TOKENS_DB;
    const file = registryPath();
    await addToken(file, 'riga-cw-01', 'caseworker', 'riga');
    const run = await runCommand(['tokens', 'revoke', ...args(file)]);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(expected(file));
  });
});

describe('sbsp-rules tokens list', () => {
  it('shows id, role, municipality, created and revoked, never a secret or its hash; --json too', async () => {
    const file = registryPath();
    const secrets = [await addToken(file, 'riga-cw-01', 'caseworker', 'riga'), await addToken(file, 'state-audit', 'auditor', 'state')];
    await runCommand(['tokens', 'revoke', 'riga-cw-01', '--file', file]);
    const hashes = secrets.map((secret) => createHash('sha256').update(secret).digest('hex'));
    process.env.TOKENS_DB = file;

    const table = await runCommand(['tokens', 'list']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +role +municipality +created \(UTC\) +revoked \(UTC\)$/);
    expect(lines[1]?.split(/ +/)).toEqual(['riga-cw-01', 'caseworker', 'riga', expect.stringMatching(/Z$/), expect.stringMatching(/Z$/)]);
    expect(lines[2]?.split(/ +/)).toEqual(['state-audit', 'auditor', 'state', expect.stringMatching(/Z$/)]);

    const json = await runCommand(['tokens', 'list', '--json']);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(listed.map((token) => Object.keys(token))).toEqual([
      ['id', 'role', 'municipality', 'created', 'revoked'],
      ['id', 'role', 'municipality', 'created', 'revoked'],
    ]);
    expect(listed.map((token) => [token.id, token.role, token.municipality, token.revoked === null])).toEqual([
      ['riga-cw-01', 'caseworker', 'riga', false],
      ['state-audit', 'auditor', 'state', true],
    ]);
    for (const shown of [table.stdout, json.stdout]) for (const kept of [...secrets, ...hashes]) expect(shown).not.toContain(kept);
  });

  it('says so when the registry has no tokens, and exits 1 when there is no registry file', async () => {
    const file = registryPath();
    writeFileSync(file, '{ "tokens": [] }\n');
    expect(await runCommand(['tokens', 'list', '--file', file])).toEqual({ code: 0, stdout: `no tokens in ${file}\n`, stderr: '' });
    expect(JSON.parse((await runCommand(['tokens', 'list', '--file', file, '--json'])).stdout)).toEqual([]);
    const missing = await runCommand(['tokens', 'list', '--file', `${file}.missing`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`${file}.missing:1:1: there is no such file; sbsp-rules tokens add makes it\n`);
  });
});
