import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import { tokensFromEnvironment } from '../../src/auth/tokens-from-environment.js';
import { formatProblem } from '../../src/rules/yaml-file.js';

const SECRET = 'a-caseworker-secret-of-riga-000';
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
