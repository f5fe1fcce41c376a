import type { ValidateFunction } from 'ajv';
import { compensationRequest, eligibilityRequest } from '../rules/generated/schema-validators.js';
import { describeAjvError, usefulErrors } from '../rules/schema-validation.js';
import type { RequestProblem } from './problem.js';

export type RequestKind = 'eligibility-request' | 'compensation-request';

/** Compiled ahead of time from schemas/api/ by `npm run schemas` (src/rules/compile-schemas.ts). */
const VALIDATORS: Record<RequestKind, ValidateFunction> = {
  'eligibility-request': eligibilityRequest,
  'compensation-request': compensationRequest,
};

/** A body with thousands of mistakes gets the first ones listed, not a reply larger than itself. */
export const MAX_LISTED_PROBLEMS = 100;

function toPointer(path: readonly string[]): string {
  return path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Every schema problem of a request body, one per JSON path: keywords that fail together on one value (a date's
 * format and pattern, a string's pattern and length) are one problem with their messages joined.
 */
export function schemaProblems(kind: RequestKind, body: unknown): RequestProblem[] {
  const validate = VALIDATORS[kind];
  if (validate(body)) return [];
  const messagesAt = new Map<string, string[]>();
  for (const error of usefulErrors(validate.errors ?? [])) {
    const described = describeAjvError(error);
    const message = error.keyword === 'required' ? 'is required' : described.message;
    const path = toPointer(
      error.keyword === 'required' ? [...described.path, String((error.params as { missingProperty: string }).missingProperty)] : described.path,
    );
    const messages = messagesAt.get(path) ?? [];
    if (!messages.includes(message)) messages.push(message);
    messagesAt.set(path, messages);
  }
  const problems = [...messagesAt].map(([path, messages]) => ({ path, message: messages.join('; ') }));
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), { path: '', message: `and ${problems.length - MAX_LISTED_PROBLEMS} more problems` }];
}
