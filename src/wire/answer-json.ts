import { createHash } from 'node:crypto';
import type { ApiResponse } from '../answer/ask.js';
import type { Problem } from '../answer/problem.js';
import type { ExplainLevel } from '../answer/explain-level.js';
import { Explanation } from '../evaluate/explanation.js';
import { writeExplanation, writeRuleSummaries } from './explanation-bytes.js';
import { JsonWriter } from './json-writer.js';

/*
 * The one place an answer becomes JSON. The core hands over values (an Explanation is the compiled plan and one
 * day's results); here they are written once, at the explain level asked for: `full` the compact explanation,
 * `rules` each rule without its condition tree, `none` every explanation left out (the day's or a segment's
 * `explanation`, a line's or a part's `lineRules`, and a compensation's `explanation`, its steps: contract v2 says
 * "no explanation field"). Everything else is written as JSON.stringify would write it.
 */

function holdsExplanation(value: unknown): boolean {
  if (value instanceof Explanation) return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(holdsExplanation);
}

/*
 * Frozen values are the parts of answers shared between answers (a version's assumptions): written once, their
 * bytes kept with them. One that holds an explanation is never kept: its bytes depend on the level.
 */
const frozenBytes = new WeakMap<object, Buffer | null>();

function bytesOfFrozen(value: object): Buffer | null {
  let bytes = frozenBytes.get(value);
  if (bytes === undefined) {
    bytes = holdsExplanation(value) ? null : Buffer.from(JSON.stringify(value), 'utf8');
    frozenBytes.set(value, bytes);
  }
  return bytes;
}

function write(out: JsonWriter, value: unknown, level: ExplainLevel): void {
  if (typeof value === 'object' && value !== null && Object.isFrozen(value)) {
    const bytes = bytesOfFrozen(value);
    if (bytes !== null) {
      out.bytes(bytes);
      return;
    }
  }
  if (value instanceof Explanation) {
    if (level === 'rules') writeRuleSummaries(out, value.evaluation);
    else writeExplanation(out, value.evaluation);
    return;
  }
  if (Array.isArray(value)) {
    out.text('[');
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) out.text(',');
      const item: unknown = value[index];
      if (item === undefined || typeof item === 'function') out.text('null');
      else write(out, item, level);
    }
    out.text(']');
    return;
  }
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      write(out, (value as { toJSON: () => unknown }).toJSON(), level);
      return;
    }
    writeMembers(out, value as Record<string, unknown>, level, '{');
    out.text('}');
    return;
  }
  out.text(JSON.stringify(value) ?? 'null');
}

/** An object's members, the first preceded by `open`; nothing is closed. Returns whether any member was written. */
function writeMembers(out: JsonWriter, value: Record<string, unknown>, level: ExplainLevel, open: string): boolean {
  let first = true;
  out.text(open);
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (child === undefined || typeof child === 'function' || (level === 'none' && (child instanceof Explanation || key === 'explanation'))) continue;
    out.text(first ? JSON.stringify(key) : `,${JSON.stringify(key)}`);
    out.text(':');
    write(out, child, level);
    first = false;
  }
  return !first;
}

/** An answer's JSON and its sha256, and the same JSON with decisionId added last (what is sent). */
export interface AnswerJson {
  /** The UTF-8 JSON sent. */
  bytes: Buffer;
  /** sha256 (hex) of the answer's JSON without decisionId: what a decision record keeps of the answer. */
  sha256: string;
}

/**
 * The answer as JSON at `level`, its sha256 taken before decisionId is added as its last member: so a decision
 * record can hold the digest of the answer sent, and reading it again can make the answer and compare digests.
 */
export function answerJson(answer: object, level: ExplainLevel, decisionId?: string, capacity = 4096): AnswerJson {
  const out = new JsonWriter(capacity);
  const any = writeMembers(out, answer as Record<string, unknown>, level, '{');
  const hash = createHash('sha256');
  hash.update(out.view());
  hash.update('}');
  const sha256 = hash.digest('hex');
  if (decisionId !== undefined) out.text(`${any ? ',' : ''}"decisionId":${JSON.stringify(decisionId)}`);
  out.text('}');
  return { bytes: out.done(), sha256 };
}

/** The answer as plain JSON data at `level` (what a client parses from answerJson's bytes). */
export function answerData(answer: object, level: ExplainLevel): Record<string, unknown> {
  return JSON.parse(answerJson(answer, level).bytes.toString('utf8')) as Record<string, unknown>;
}

function completed(value: unknown): unknown {
  if (value instanceof Explanation) return value.complete();
  if (Array.isArray(value)) return value.map(completed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, completed(child)]));
}

/** The answer with every explanation complete (each named condition in full wherever it appears): what coverage counts. */
export function completeAnswerData(answer: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(completed(answer))) as Record<string, unknown>;
}

/** A response as plain JSON data, as a client would parse it. */
export type ResponseData = { status: 200; body: Record<string, unknown> } | { status: 400 | 404 | 422; body: Problem };

/**
 * A response as data: an answer at its explain level (or with every explanation complete, for coverage), a problem
 * as it is.
 */
export function responseData(response: ApiResponse, explanations: 'as asked' | 'complete' = 'as asked'): ResponseData {
  if (response.status !== 200) return response;
  return { status: 200, body: explanations === 'complete' ? completeAnswerData(response.body) : answerData(response.body, response.level) };
}
