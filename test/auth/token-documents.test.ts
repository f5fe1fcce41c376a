import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIN_SECRET_LENGTH, tokensFromText } from '../../src/auth/api-tokens.js';
import { registryDocumentFromText } from '../../src/auth/token-registry-file.js';
import { formatProblem } from '../../src/rules/yaml-file.js';

/**
 * The shapes a tokens text (TOKENS_FILE, SBSP_TOKENS) or a token registry document (TOKENS_DB) can be wrong in, each
 * refused with every problem at its file:line:column; and the edges of what is right.
 */

const SECRET = 'a-caseworker-secret-of-riga-000';
const OTHER_SECRET = 'an-officer-secret-of-riga-0000';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function problemsOfTokens(text: string, file = 'tokens.yaml'): string[] {
  const loaded = tokensFromText(file, text);
  return loaded.ok ? [] : loaded.problems.map(formatProblem);
}

describe('a tokens text', () => {
  it.each([
    ['an entry that is null', 'tokens:\n  - null', ['tokens.yaml:2:5: a token must be a map with id, role, municipality and secret']],
    ['an entry that is a list', 'tokens:\n  - [a, b]', ['tokens.yaml:2:5: a token must be a map with id, role, municipality and secret']],
    ['an entry that is a word', 'tokens:\n  - riga', ['tokens.yaml:2:5: a token must be a map with id, role, municipality and secret']],
    ['an empty document', '', ['tokens.yaml:1:1: expected a non-empty list of tokens (for open development mode, configure no tokens at all)']],
    [
      'a valid token, then a wrong one: the wrong one is reported, nothing else',
      `tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${SECRET} }\n  - { id: b, role: admin, municipality: riga, secret: ${OTHER_SECRET} }`,
      ['tokens.yaml:3:20: role must be one of "caseworker", "officer", "auditor"'],
    ],
    [
      'a token with an unknown field is no token: the same id after it is not "given twice"',
      `tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${SECRET}, note: x }\n  - { id: a, role: officer, municipality: riga, secret: ${OTHER_SECRET} }`,
      ['tokens.yaml:2:90: unknown field "note"'],
    ],
    [
      'two tokens with one secret: reported at the second token',
      `tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${SECRET} }\n  - { id: b, role: officer, municipality: riga, secret: ${SECRET} }`,
      ['tokens.yaml:3:5: two tokens have the same secret'],
    ],
    [
      'two tokens with one id: reported at the second id',
      `tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${SECRET} }\n  - { id: a, role: officer, municipality: riga, secret: ${OTHER_SECRET} }`,
      ['tokens.yaml:3:11: token id "a" is given twice'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(problemsOfTokens(text)).toEqual(expected);
  });

  it('a bare JSON list is located in itself: its second entry’s role', () => {
    const text = JSON.stringify([
      { id: 'a', role: 'officer', municipality: 'riga', secret: SECRET },
      { id: 'b', role: 'admin', municipality: 'riga', secret: OTHER_SECRET },
    ]);
    expect(problemsOfTokens(text, 'SBSP_TOKENS')).toEqual([
      `SBSP_TOKENS:1:${text.indexOf('"admin"') + 1}: role must be one of "caseworker", "officer", "auditor"`,
    ]);
  });

  it(`a secret of exactly ${MIN_SECRET_LENGTH} characters is taken; one shorter is not`, () => {
    const exact = 'x'.repeat(MIN_SECRET_LENGTH);
    const loaded = tokensFromText('tokens.yaml', `tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${exact} }`);
    expect(loaded.ok && loaded.registry.authenticate(exact)?.id).toBe('a');
    expect(problemsOfTokens(`tokens:\n  - { id: a, role: officer, municipality: riga, secret: ${exact.slice(1)} }`)).toEqual([
      expect.stringMatching(/^tokens\.yaml:2:57: secret must be a string of at least 24 characters/),
    ]);
  });
});

const CREATED = '2026-11-01T10:00:00Z';
const entry = (id: string, secret: string, extra = ''): string =>
  `{ "id": "${id}", "role": "officer", "municipality": "riga", "secretSha256": "${sha256(secret)}", "created": "${CREATED}"${extra} }`;

function problemsOfRegistry(text: string): string[] {
  const read = registryDocumentFromText('tokens.json', text);
  return read.ok ? [] : read.problems.map(formatProblem);
}

describe('a token registry document', () => {
  const SHAPE = 'expected a JSON object with a list "tokens" (written by sbsp-rules tokens add)';

  it.each([
    ['null', 'null', [`tokens.json:1:1: ${SHAPE}`]],
    ['a list', '[]', [`tokens.json:1:1: ${SHAPE}`]],
    ['a word', '"tokens"', [`tokens.json:1:1: ${SHAPE}`]],
    ['an object without a list of tokens', '{ "tokens": {} }', [`tokens.json:1:1: ${SHAPE}`]],
    ['an unknown field beside the tokens', '{ "tokens": [], "owner": "x" }', ['tokens.json:1:17: unknown field "owner"']],
    ['a token that is null', '{ "tokens": [null] }', ['tokens.json:1:14: a token must be a map with id, role, municipality, secretSha256 and created']],
    ['a token that is a list', '{ "tokens": [[]] }', ['tokens.json:1:14: a token must be a map with id, role, municipality, secretSha256 and created']],
    [
      'a secretSha256 that is a number',
      '{ "tokens": [{ "id": "a", "role": "officer", "municipality": "riga", "secretSha256": 12, "created": "2026-11-01T10:00:00Z" }] }',
      ['tokens.json:1:86: secretSha256 must be 64 lowercase hex digits (sha256 of the secret)'],
    ],
    ['a token that is a word', '{ "tokens": ["riga"] }', ['tokens.json:1:14: a token must be a map with id, role, municipality, secretSha256 and created']],
    [
      'a secretSha256 that is a list holding a digest',
      `{ "tokens": [{ "id": "a", "role": "officer", "municipality": "riga", "secretSha256": ["${'0'.repeat(64)}"], "created": "2026-11-01T10:00:00Z" }] }`,
      ['tokens.json:1:86: secretSha256 must be 64 lowercase hex digits (sha256 of the secret)'],
    ],
  ])('%s is refused', (_name, text, expected) => {
    expect(problemsOfRegistry(text)).toEqual(expected);
  });

  it('two tokens with one id, and two with one secret, each reported where it is repeated', () => {
    const text = `{ "tokens": [\n  ${entry('a', SECRET)},\n  ${entry('a', OTHER_SECRET)},\n  ${entry('c', SECRET)}\n] }`;
    expect(problemsOfRegistry(text)).toEqual(['tokens.json:3:11: token id "a" is given twice', 'tokens.json:4:3: two tokens have the same secret']);
  });

  it('a document that is not JSON or YAML at all: its syntax error, located', () => {
    const read = registryDocumentFromText('tokens.json', '{ "tokens": [');
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual([expect.stringMatching(/^tokens\.json:1:\d+: /)]);
  });

  it('an empty list is a registry with no tokens', () => {
    expect(registryDocumentFromText('tokens.json', '{ "tokens": [] }')).toEqual({ ok: true, document: { tokens: [] } });
  });
});
