import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { B64TOKEN, secretProblem, tokensFromText } from '../../src/auth/api-tokens.js';
import { TokenRegistryFile } from '../../src/auth/token-registry-file.js';
import { tokensFromEnvironment } from '../../src/auth/tokens-from-environment.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { README } from '../support/readme-examples.js';
import { bundledRuleSet } from '../support/rule-sets.js';

const SECRET = 'a-caseworker-secret-of-riga-000';
/** Where the README's longer sections live. */
const DOCS = join(dirname(README), 'docs');
const folder = mkdtempSync(join(tmpdir(), 'sbsp-tokens-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('API tokens from a YAML or JSON text', () => {
  it('accepts secrets in clear or as sha256, and finds the token a secret belongs to', () => {
    const text = [
      'tokens:',
      `  - { id: riga-caseworker, role: caseworker, municipality: riga, secret: ${SECRET} }`,
      `  - { id: state-auditor, role: auditor, municipality: state, secretSha256: ${createHash('sha256').update('an-auditor-secret-0123456789').digest('hex')} }`,
    ].join('\n');
    const loaded = tokensFromText('tokens.yaml', text);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    expect(loaded.registry.authenticate(SECRET)?.id).toBe('riga-caseworker');
    expect(loaded.registry.authenticate('an-auditor-secret-0123456789')).toMatchObject({ id: 'state-auditor', role: 'auditor', municipality: 'state' });
    expect(loaded.registry.authenticate(`${SECRET}x`)).toBeNull();
    expect(loaded.registry.authenticate('')).toBeNull();
  });

  it('takes a bare JSON list too', () => {
    const loaded = tokensFromText('SBSP_TOKENS', JSON.stringify([{ id: 'o', role: 'officer', municipality: 'riga', secret: SECRET }]));
    expect(loaded.ok && loaded.registry.authenticate(SECRET)?.role).toBe('officer');
  });

  it.each([
    {
      name: 'an unknown role',
      text: `tokens:\n  - { id: a, role: admin, municipality: riga, secret: ${SECRET} }`,
      expected: 'tokens.yaml:2:20: role must be one of "caseworker", "officer", "auditor"',
    },
    {
      name: 'a short secret',
      text: 'tokens:\n  - { id: a, role: officer, municipality: riga, secret: short }',
      expected: 'tokens.yaml:2:57: secret must be a string of at least 24 characters',
    },
    {
      name: 'no secret',
      text: 'tokens:\n  - { id: a, role: officer, municipality: riga }',
      expected: 'tokens.yaml:2:5: give exactly one of secret or secretSha256',
    },
    {
      name: 'a malformed sha256',
      text: 'tokens:\n  - { id: a, role: officer, municipality: riga, secretSha256: ABC }',
      expected: 'tokens.yaml:2:63: secretSha256 must be 64 lowercase hex digits (sha256 of the secret)',
    },
    {
      name: 'a sha256 inside a list',
      text: `tokens:\n  - { id: a, role: officer, municipality: riga, secretSha256: [${'ab'.repeat(32)}] }`,
      expected: 'tokens.yaml:2:63: secretSha256 must be 64 lowercase hex digits (sha256 of the secret)',
    },
    {
      name: 'no municipality',
      text: `tokens:\n  - { id: a, role: officer, secret: ${SECRET} }`,
      expected: 'tokens.yaml:2:5: municipality must be a non-empty name',
    },
    {
      name: 'an unknown field',
      text: `tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${SECRET}, admin: true }`,
      expected: 'tokens.yaml:2:90: unknown field "admin"',
    },
    {
      name: 'an id given twice',
      text: `tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${SECRET} }\n  - { id: a, role: auditor, municipality: riga, secret: ${SECRET}-2 }`,
      expected: 'tokens.yaml:3:11: token id "a" is given twice',
    },
    {
      name: 'one secret for two tokens',
      text: `tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${SECRET} }\n  - { id: b, role: auditor, municipality: riga, secret: ${SECRET} }`,
      expected: 'tokens.yaml:3:5: two tokens have the same secret',
    },
    {
      name: 'an empty list',
      text: 'tokens: []',
      expected: 'tokens.yaml:1:9: expected a non-empty list of tokens (for open development mode, configure no tokens at all)',
    },
    { name: 'broken YAML', text: 'tokens:\n  - { id: a', expected: 'tokens.yaml:2:' },
  ])('refuses $name, at file:line:column', ({ text, expected }) => {
    const loaded = tokensFromText('tokens.yaml', text);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map(formatProblem)).toContainEqual(expect.stringContaining(expected));
  });
});

describe('API tokens from the environment', () => {
  it('none configured is open development mode', () => {
    expect(tokensFromEnvironment({})).toEqual({ ok: true, registry: null, live: null });
  });

  it('reads TOKENS_FILE', () => {
    const file = join(folder, 'tokens.json');
    writeFileSync(file, JSON.stringify({ tokens: [{ id: 'a', role: 'caseworker', municipality: 'riga', secret: SECRET }] }));
    const loaded = tokensFromEnvironment({ TOKENS_FILE: file });
    expect(loaded.ok && loaded.registry?.authenticate(SECRET)?.id).toBe('a');
  });

  it.each([
    {
      name: 'both TOKENS_FILE and SBSP_TOKENS',
      environment: { TOKENS_FILE: 'x.yaml', SBSP_TOKENS: '[]' },
      expected: 'both TOKENS_FILE and SBSP_TOKENS are set',
    },
    { name: 'a TOKENS_FILE that is not there', environment: { TOKENS_FILE: join(folder, 'missing.yaml') }, expected: 'cannot read' },
    { name: 'SBSP_TOKENS that is not a list of tokens', environment: { SBSP_TOKENS: '{"tokens": 3}' }, expected: 'SBSP_TOKENS:1:' },
  ])('refuses $name', ({ environment, expected }) => {
    const loaded = tokensFromEnvironment(environment);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map(formatProblem).join('\n')).toContain(expected);
  });
});

describe('secrets are what a bearer token can carry (RFC 6750 b64token)', () => {
  const fileWith = (secret: string): string => `tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${JSON.stringify(secret)} }`;

  it.each([
    ['spaces (the old README example)', 'a long random secret, 24 characters or more'],
    ['a comma', 'abcdefghijklmnopqrstuvwx,0123'],
    ['a quote', 'abcdefghijklmnopqrstuvwx"0123'],
    ['a letter beyond ASCII', 'abcdefghijklmnopqrstuvwxā0123'],
    ['"=" before the end', 'abcdefghijkl=mnopqrstuvwx0123'],
    ['a tab', 'abcdefghijklmnopqrstuvwx\t0123'],
  ])('a secret with %s is refused at start, at its place', (_name, secret) => {
    const loaded = tokensFromText('tokens.yaml', fileWith(secret));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map(formatProblem).join('\n')).toMatch(/^tokens\.yaml:2:\d+: secret must be .* that a bearer token can carry/);
  });

  it.each([
    ['base64url (what sbsp-rules tokens add makes)', 'q3Zk1n0-_aV9mXw2YbC8dE4fG6hJ7kL5pQrStUvWxYz'],
    ['base64 with padding', 'q3Zk1n0+/aV9mXw2YbC8dE4fG6hJ7kL5pQrStUvW=='],
    ['dots and tildes', 'riga.officer~2026.secret-0123456789'],
  ])('a secret in %s is accepted, and authenticates when sent as a bearer token', async (_name, secret) => {
    const loaded = tokensFromText('tokens.yaml', fileWith(secret));
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const app = createApp(fixedRuleSet(bundledRuleSet()), { auth: { mode: 'tokens', tokens: loaded.registry } });
    await request(app).get('/v1/decisions').set('authorization', `Bearer ${secret}`).expect(200);
  });

  it('the secrets sbsp-rules tokens add makes are b64tokens', () => {
    const registry = new TokenRegistryFile(join(folder, 'generated.json'));
    for (let index = 0; index < 50; index += 1) {
      const added = registry.add({ id: `t${index}`, role: 'caseworker', municipality: 'riga' }, new Date('2026-11-27T10:00:00Z'));
      if (!added.ok) throw new Error(added.problems.join('\n'));
      expect(added.secret).toMatch(B64TOKEN);
      expect(secretProblem(added.secret)).toBeNull();
    }
  });

  it('the documented token file loads: its secrets are ones a bearer token can carry', () => {
    const documents = [
      README,
      ...readdirSync(DOCS)
        .filter((name) => name.endsWith('.md'))
        .map((name) => join(DOCS, name)),
    ].map((file) => readFileSync(file, 'utf8'));
    const documented = documents.find((text) => text.includes('**Files written by hand')) ?? '';
    const section = documented.slice(documented.indexOf('**Files written by hand'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toContain('secret:');
    const loaded = tokensFromText('README.md', block as string);
    expect(loaded.ok, loaded.ok ? '' : loaded.problems.map(formatProblem).join('\n')).toBe(true);
  });
});
