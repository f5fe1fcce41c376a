import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

const FIELDS = new Set(['id', 'role', 'municipality', 'secret', 'secretSha256']);

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The tokens a running service accepts. */
export class TokenRegistry {
  constructor(readonly tokens: readonly ApiToken[]) {}

  /**
   * The token whose secret `presented` is. Secrets are compared as sha256 digests, with every token, in constant
   * time: how long this takes does not depend on how much of a secret a guess got right, nor on which token matched.
   */
  authenticate(presented: string): ApiToken | null {
    const digest = sha256(presented);
    let found: ApiToken | null = null;
    for (const token of this.tokens) {
      const same = timingSafeEqual(digest, token.secretSha256);
      if (same && found === null) found = token;
    }
    return found;
  }
}

type TokensResult = { ok: true; registry: TokenRegistry } | { ok: false; problems: RuleFileProblem[] };

function entryProblems(yaml: YamlFile, entry: unknown, path: JsonPath): { token: ApiToken | null; problems: RuleFileProblem[] } {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    return { token: null, problems: [problemAt(yaml, path, 'a token must be a map with id, role, municipality and secret')] };
  const fields = entry as Record<string, unknown>;
  const problems: RuleFileProblem[] = [];
  for (const key of Object.keys(fields)) if (!FIELDS.has(key)) problems.push(problemAt(yaml, [...path, key], `unknown field "${key}"`, true));
  const { id, role, municipality, secret, secretSha256 } = fields;
  if (typeof id !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(id))
    problems.push(problemAt(yaml, [...path, 'id'], 'id must be 1 to 64 letters, digits, ".", "_" or "-"'));
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    problems.push(problemAt(yaml, [...path, 'role'], `role must be one of ${ROLES.map((name) => `"${name}"`).join(', ')}`));
  if (typeof municipality !== 'string' || municipality.trim() === '' || municipality.length > 100)
    problems.push(problemAt(yaml, [...path, 'municipality'], 'municipality must be a non-empty name'));
  let digest: Buffer | null = null;
  if ((secret === undefined) === (secretSha256 === undefined)) {
    problems.push(problemAt(yaml, path, 'give exactly one of secret or secretSha256'));
  } else if (secret !== undefined) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH)
      problems.push(problemAt(yaml, [...path, 'secret'], `secret must be a string of at least ${MIN_SECRET_LENGTH} characters`));
    else digest = sha256(secret);
  } else if (typeof secretSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(secretSha256)) {
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
    if (tokens.some((token) => token.id === checked.token?.id))
      problems.push(problemAt(yaml, [...listPath, index, 'id'], `token id "${checked.token.id}" is given twice`));
    if (tokens.some((token) => token.secretSha256.equals(checked.token?.secretSha256 as Buffer)))
      problems.push(problemAt(yaml, [...listPath, index], 'two tokens have the same secret'));
    tokens.push(checked.token);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, registry: new TokenRegistry(tokens) };
}

/**
 * The tokens configured in the environment: a file named by TOKENS_FILE (YAML or JSON), or the JSON in SBSP_TOKENS.
 * Neither set is open development mode (registry null); both set, or either broken, does not start.
 */
export function tokensFromEnvironment(
  environment: NodeJS.ProcessEnv,
): { ok: true; registry: TokenRegistry | null } | { ok: false; problems: RuleFileProblem[] } {
  const file = environment.TOKENS_FILE;
  const inline = environment.SBSP_TOKENS;
  if (file && inline)
    return { ok: false, problems: [{ file: 'TOKENS_FILE', line: 1, column: 1, message: 'both TOKENS_FILE and SBSP_TOKENS are set; set one' }] };
  if (inline) return tokensFromText('SBSP_TOKENS', inline);
  if (!file) return { ok: true, registry: null };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, column: 1, message: `cannot read: ${(error as Error).message}` }] };
  }
  return tokensFromText(file, text);
}
