import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { LowSync } from 'lowdb';
import { DataFileSync } from 'lowdb/node';
import type { RuleFileProblem } from '../rules/model.js';
import { formatProblem, parseYamlFile, problemAt, type JsonPath, type YamlFile } from '../rules/yaml-file.js';
import { type ApiToken, identityProblems, repetitions, SHA256_HEX, secretDigest } from './api-tokens.js';
import type { Role } from './caller.js';

/** One token of the registry as its document keeps it: the sha256 of its secret, never the secret. */
export interface RegisteredToken {
  id: string;
  role: Role;
  municipality: string;
  secretSha256: string;
  /** When it was added, in UTC to the second: `2026-11-27T10:15:03Z`. */
  created: string;
  /** When it was revoked. A revoked token stays in the document, so that its id is never given again. */
  revoked?: string;
}

/** The registry's JSON document, as lowdb reads and writes it. */
export interface TokenRegistryDocument {
  tokens: RegisteredToken[];
}

export interface TokenIdentity {
  id: string;
  role: Role;
  municipality: string;
}

/** Bytes of randomness in a new secret: 256 bits, 43 characters of base64url. */
export const SECRET_BYTES = 32;

const FIELDS = new Set(['id', 'role', 'municipality', 'secretSha256', 'created', 'revoked']);
const UTC_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function utcSecond(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

/** A real instant written as utcSecond writes it (so 2026-02-30 is refused). */
function isUtcSecond(value: unknown): value is string {
  if (typeof value !== 'string' || !UTC_SECOND.test(value)) return false;
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && utcSecond(time) === value;
}

function apiToken(token: RegisteredToken): ApiToken {
  return { id: token.id, role: token.role, municipality: token.municipality, secretSha256: Buffer.from(token.secretSha256, 'hex') };
}

/** The tokens of the document that authenticate: every one not revoked. */
export function activeTokens(document: TokenRegistryDocument): ApiToken[] {
  return document.tokens.filter((token) => token.revoked === undefined).map(apiToken);
}

function tokenProblems(yaml: YamlFile, entry: unknown, path: JsonPath): { token: RegisteredToken | null; problems: RuleFileProblem[] } {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    return { token: null, problems: [problemAt(yaml, path, 'a token must be a map with id, role, municipality, secretSha256 and created')] };
  const fields = entry as Record<string, unknown>;
  const problems: RuleFileProblem[] = [];
  for (const key of Object.keys(fields)) if (!FIELDS.has(key)) problems.push(problemAt(yaml, [...path, key], `unknown field "${key}"`, true));
  problems.push(...identityProblems(yaml, fields, path));
  if (typeof fields.secretSha256 !== 'string' || !SHA256_HEX.test(fields.secretSha256))
    problems.push(problemAt(yaml, [...path, 'secretSha256'], 'secretSha256 must be 64 lowercase hex digits (sha256 of the secret)'));
  if (!isUtcSecond(fields.created)) problems.push(problemAt(yaml, [...path, 'created'], 'created must be a time in UTC, YYYY-MM-DDTHH:MM:SSZ'));
  if (fields.revoked !== undefined && !isUtcSecond(fields.revoked))
    problems.push(problemAt(yaml, [...path, 'revoked'], 'revoked, when given, must be a time in UTC, YYYY-MM-DDTHH:MM:SSZ'));
  return { token: problems.length > 0 ? null : (fields as unknown as RegisteredToken), problems };
}

/**
 * The registry document in `text`: `{ "tokens": [{ id, role, municipality, secretSha256, created, revoked? }] }`, the
 * list possibly empty. Every problem is reported at once, located as file:line:column.
 */
export function registryDocumentFromText(
  file: string,
  text: string,
): { ok: true; document: TokenRegistryDocument } | { ok: false; problems: RuleFileProblem[] } {
  const parsed = parseYamlFile(file, text);
  if (!parsed.yaml) return { ok: false, problems: parsed.problems };
  const yaml = parsed.yaml;
  const data = yaml.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !Array.isArray((data as { tokens?: unknown }).tokens))
    return { ok: false, problems: [problemAt(yaml, [], 'expected a JSON object with a list "tokens" (written by sbsp-rules tokens add)')] };
  const problems: RuleFileProblem[] = [];
  for (const key of Object.keys(data)) if (key !== 'tokens') problems.push(problemAt(yaml, [key], `unknown field "${key}"`, true));
  const tokens: RegisteredToken[] = [];
  (data as { tokens: unknown[] }).tokens.forEach((entry, index) => {
    const path = ['tokens', index];
    const checked = tokenProblems(yaml, entry, path);
    problems.push(...checked.problems);
    if (!checked.token) return;
    for (const repeated of repetitions(tokens.map(apiToken), apiToken(checked.token)))
      problems.push(problemAt(yaml, repeated.field === null ? path : [...path, repeated.field], repeated.message));
    tokens.push(checked.token);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document: { tokens } };
}

/** A document with problems, as lowdb's parse step reports it: thrown, and caught by TokenRegistryFile. */
class DocumentProblems extends Error {
  constructor(readonly problems: RuleFileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/**
 * lowdb writes a temporary file beside the document and renames it over the document, so a reader sees the old
 * document or the new one, never part of one. Flushing the document and its folder after that makes the new one
 * survive a power cut too, before a command says it is done.
 */
function flushToDisk(path: string): void {
  for (const written of [path, dirname(path)]) {
    const descriptor = openSync(written, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  }
}

export type RegistryRead = { ok: true; document: TokenRegistryDocument | null } | { ok: false; problems: RuleFileProblem[] };

function documentText(document: TokenRegistryDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The API token registry: a small lowdb JSON document (TOKENS_DB) that `sbsp-rules tokens` edits and the service
 * reads. A secret is made here, returned once, and only its sha256 is written.
 */
export class TokenRegistryFile {
  readonly #adapter: DataFileSync<TokenRegistryDocument>;

  constructor(
    readonly path: string,
    readonly displayName: string = path,
  ) {
    this.#adapter = new DataFileSync<TokenRegistryDocument>(path, {
      parse: (text) => {
        const read = registryDocumentFromText(displayName, text);
        if (!read.ok) throw new DocumentProblems(read.problems);
        return read.document;
      },
      stringify: documentText,
    });
  }

  /** The document (null when there is no file yet), or its located problems, or why it cannot be read. */
  read(): RegistryRead {
    const exists = existsSync(this.path);
    const db = new LowSync<TokenRegistryDocument>(this.#adapter, { tokens: [] });
    try {
      db.read();
    } catch (error) {
      if (error instanceof DocumentProblems) return { ok: false, problems: error.problems };
      return { ok: false, problems: [{ file: this.displayName, line: 1, column: 1, message: `cannot read: ${(error as Error).message}` }] };
    }
    return { ok: true, document: exists ? db.data : null };
  }

  /** The document of a file that must be there: a missing one is a problem too. */
  readExisting(): { ok: true; document: TokenRegistryDocument } | { ok: false; problems: RuleFileProblem[] } {
    const read = this.read();
    if (!read.ok) return read;
    if (read.document !== null) return { ok: true, document: read.document };
    return { ok: false, problems: [{ file: this.displayName, line: 1, column: 1, message: 'there is no such file; sbsp-rules tokens add makes it' }] };
  }

  /** Adds a token with a new random secret (the file is made if there is none); refuses an id the file has had. */
  add(identity: TokenIdentity, now: Date): { ok: true; token: RegisteredToken; secret: string } | { ok: false; problems: string[] } {
    return this.#edit((document) => {
      const existing = document.tokens.find((token) => token.id === identity.id);
      if (existing)
        return `${this.displayName} already has a token "${identity.id}"${existing.revoked ? ` (revoked ${existing.revoked})` : ''}; an id is never given twice`;
      const secret = randomBytes(SECRET_BYTES).toString('base64url');
      const token: RegisteredToken = { ...identity, secretSha256: secretDigest(secret).toString('hex'), created: utcSecond(now) };
      document.tokens.push(token);
      return { token, secret };
    }, true);
  }

  /** Marks a token revoked (kept, so its id stays taken); revoking it again changes nothing. */
  revoke(id: string, now: Date): { ok: true; token: RegisteredToken; already: boolean } | { ok: false; problems: string[] } {
    return this.#edit((document) => {
      const token = document.tokens.find((candidate) => candidate.id === id);
      if (!token) return `${this.displayName} has no token "${id}"`;
      const already = token.revoked !== undefined;
      if (!already) token.revoked = utcSecond(now);
      return { token, already };
    }, false);
  }

  /** Reads the document, lets `change` edit it (or say why not), and writes it back if it changed: atomically, then flushed. */
  #edit<Done extends object>(
    change: (document: TokenRegistryDocument) => Done | string,
    create: boolean,
  ): ({ ok: true } & Done) | { ok: false; problems: string[] } {
    const read = create ? this.read() : this.readExisting();
    if (!read.ok) return { ok: false, problems: read.problems.map(formatProblem) };
    const db = new LowSync<TokenRegistryDocument>(this.#adapter, read.document ?? { tokens: [] });
    const before = read.document === null ? null : documentText(read.document);
    const done = change(db.data);
    if (typeof done === 'string') return { ok: false, problems: [done] };
    if (documentText(db.data) === before) return { ok: true, ...done };
    mkdirSync(dirname(this.path), { recursive: true });
    db.write();
    flushToDisk(this.path);
    return { ok: true, ...done };
  }
}
