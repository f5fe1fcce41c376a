import { createHash, timingSafeEqual } from 'node:crypto';
import type { RuleFileProblem } from '../rules/model.js';
import { parseYamlFile, problemAt, type JsonPath, type YamlFile } from '../rules/yaml-file.js';
import { ROLES, type Role } from './caller.js';

/** One API token as configured: the secret itself is never kept, only its sha256. */
export interface ApiToken {
  id: string;
  role: Role;
  municipality: string;
  secretSha256: Buffer;
}

/** A secret shorter than this is guessable; a configuration that has one does not start. */
export const MIN_SECRET_LENGTH = 24;

/**
 * What `Authorization: Bearer <secret>` can carry: RFC 6750's b64token — letters, digits, "-", ".", "_", "~", "+", "/",
 * then "=" padding; no space. A secret of other characters could never authenticate. `sbsp-rules tokens add` makes
 * secrets of 32 random bytes in base64url (43 characters), which are b64tokens.
 */
export const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Null when `secret` can be a token's secret, else what is wrong with it, to follow "secret". */
export function secretProblem(secret: unknown): string | null {
  if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH && B64TOKEN.test(secret)) return null;
  return `must be a string of at least ${MIN_SECRET_LENGTH} characters that a bearer token can carry: letters, digits, "-", ".", "_", "~", "+", "/" (then "=" padding), no spaces; sbsp-rules tokens add makes one`;
}

const FIELDS = new Set(['id', 'role', 'municipality', 'secret', 'secretSha256']);

/** A secret's sha256 as it is written down: 64 lowercase hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The sha256 of a secret: all that is ever kept of it. */
export function secretDigest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * What a token's id, role and municipality must be, shared by every form a token is given in (file, environment,
 * registry, command line): null when the value is right, else what is wrong, to follow the field's name.
 */
export const TOKEN_IDENTITY_RULES = {
  id: (value: unknown) => (typeof value === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(value) ? null : 'must be 1 to 64 letters, digits, ".", "_" or "-"'),
  role: (value: unknown) =>
    typeof value === 'string' && (ROLES as readonly string[]).includes(value) ? null : `must be one of ${ROLES.map((name) => `"${name}"`).join(', ')}`,
  municipality: (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' && value.length <= 100 ? null : 'must be a non-empty name (at most 100 characters)',
} as const satisfies Record<'id' | 'role' | 'municipality', (value: unknown) => string | null>;

/**
 * The tokens a running service accepts. A registry that is read again (TOKENS_DB) has its list replaced in one
 * assignment, so a request is checked against the old list or the new one, never a mix.
 */
export class TokenRegistry {
  #tokens: readonly ApiToken[];

  constructor(tokens: readonly ApiToken[]) {
    this.#tokens = tokens;
  }

  get tokens(): readonly ApiToken[] {
    return this.#tokens;
  }

  replace(tokens: readonly ApiToken[]): void {
    this.#tokens = tokens;
  }

  /**
   * The token whose secret `presented` is. Secrets are compared as sha256 digests, with every token, in constant
   * time: how long this takes does not depend on how much of a secret a guess got right, nor on which token matched.
   */
  authenticate(presented: string): ApiToken | null {
    const digest = secretDigest(presented);
    let found: ApiToken | null = null;
    for (const token of this.#tokens) {
      const same = timingSafeEqual(digest, token.secretSha256);
      if (same && found === null) found = token;
    }
    return found;
  }
}

/** The problems of a token's id, role and municipality, located in its file. */
export function identityProblems(yaml: YamlFile, fields: Record<string, unknown>, path: JsonPath): RuleFileProblem[] {
  return (['id', 'role', 'municipality'] as const).flatMap((field) => {
    const wrong = TOKEN_IDENTITY_RULES[field](fields[field]);
    return wrong === null ? [] : [problemAt(yaml, [...path, field], `${field} ${wrong}`)];
  });
}

/** How `token` repeats one of `earlier`: its id (reported at the id) or its secret (at the token); none is fine. */
export function repetitions(earlier: readonly ApiToken[], token: ApiToken): Array<{ field: 'id' | null; message: string }> {
  return [
    ...(earlier.some((other) => other.id === token.id) ? [{ field: 'id' as const, message: `token id "${token.id}" is given twice` }] : []),
    ...(earlier.some((other) => other.secretSha256.equals(token.secretSha256)) ? [{ field: null, message: 'two tokens have the same secret' }] : []),
  ];
}

type TokensResult = { ok: true; registry: TokenRegistry } | { ok: false; problems: RuleFileProblem[] };

function entryProblems(yaml: YamlFile, entry: unknown, path: JsonPath): { token: ApiToken | null; problems: RuleFileProblem[] } {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    return { token: null, problems: [problemAt(yaml, path, 'a token must be a map with id, role, municipality and secret')] };
  const fields = entry as Record<string, unknown>;
  const problems: RuleFileProblem[] = [];
  for (const key of Object.keys(fields)) if (!FIELDS.has(key)) problems.push(problemAt(yaml, [...path, key], `unknown field "${key}"`, true));
  const { id, role, municipality, secret, secretSha256 } = fields;
  problems.push(...identityProblems(yaml, fields, path));
  let digest: Buffer | null = null;
  if ((secret === undefined) === (secretSha256 === undefined)) {
    problems.push(problemAt(yaml, path, 'give exactly one of secret or secretSha256'));
  } else if (secret !== undefined) {
    const wrong = secretProblem(secret);
    if (wrong !== null) problems.push(problemAt(yaml, [...path, 'secret'], `secret ${wrong}`));
    else digest = secretDigest(secret as string);
  } else if (typeof secretSha256 !== 'string' || !SHA256_HEX.test(secretSha256)) {
    problems.push(problemAt(yaml, [...path, 'secretSha256'], 'secretSha256 must be 64 lowercase hex digits (sha256 of the secret)'));
  } else {
    digest = Buffer.from(secretSha256, 'hex');
  }
  if (problems.length > 0 || digest === null) return { token: null, problems };
  return { token: { id: id as string, role: role as Role, municipality: municipality as string, secretSha256: digest }, problems };
}

/**
 * Tokens from a YAML or JSON text: `tokens: [{ id, role, municipality, secret | secretSha256 }]` (or the list
 * alone). Every problem is reported at once, located as file:line:column.
 */
export function tokensFromText(file: string, text: string): TokensResult {
  const parsed = parseYamlFile(file, text);
  if (!parsed.yaml) return { ok: false, problems: parsed.problems };
  const yaml = parsed.yaml;
  const data = yaml.data;
  const listPath: JsonPath = Array.isArray(data) ? [] : ['tokens'];
  const list = Array.isArray(data) ? data : (data as { tokens?: unknown } | null)?.tokens;
  if (!Array.isArray(list) || list.length === 0)
    return { ok: false, problems: [problemAt(yaml, listPath, 'expected a non-empty list of tokens (for open development mode, configure no tokens at all)')] };
  const problems: RuleFileProblem[] = [];
  const tokens: ApiToken[] = [];
  list.forEach((entry: unknown, index) => {
    const checked = entryProblems(yaml, entry, [...listPath, index]);
    problems.push(...checked.problems);
    if (!checked.token) return;
    for (const repeated of repetitions(tokens, checked.token))
      problems.push(problemAt(yaml, repeated.field === null ? [...listPath, index] : [...listPath, index, repeated.field], repeated.message));
    tokens.push(checked.token);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, registry: new TokenRegistry(tokens) };
}
