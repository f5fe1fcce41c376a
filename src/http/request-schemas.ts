import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv, describeAjvError, usefulErrors } from '../rules/schema-validation.js';
import { schemaPath } from '../rules/schema-location.js';
import type { RequestProblem } from './problem.js';

export type RequestKind = 'eligibility-request' | 'compensation-request';

function readApiSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(`api/${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

let validators: Map<RequestKind, ValidateFunction> | null = null;

function validatorFor(kind: RequestKind): ValidateFunction {
  if (validators === null) {
    const ajv = createAjv();
    ajv.addSchema(readApiSchema('person'));
    ajv.addSchema(readApiSchema('eligibility-request'));
    validators = new Map([
      ['eligibility-request', ajv.getSchema('https://sbsp-rules.example/schemas/api/eligibility-request.schema.json') as ValidateFunction],
      ['compensation-request', ajv.compile(readApiSchema('compensation-request'))],
    ]);
  }
  return validators.get(kind) as ValidateFunction;
}

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
  const validate = validatorFor(kind);
  if (validate(body)) return [];
  const messagesAt = new Map<string, string[]>();
  for (const error of usefulErrors(validate.errors ?? [])) {
    const described = describeAjvError(error);
    const message = error.keyword === 'required' ? 'is required' : described.message;
    const path = toPointer(error.keyword === 'required' ? [...described.path, String((error.params as { missingProperty: string }).missingProperty)] : described.path);
    const messages = messagesAt.get(path) ?? [];
    if (!messages.includes(message)) messages.push(message);
    messagesAt.set(path, messages);
  }
  const problems = [...messagesAt].map(([path, messages]) => ({ path, message: messages.join('; ') }));
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), { path: '', message: `and ${problems.length - MAX_LISTED_PROBLEMS} more problems` }];
}
