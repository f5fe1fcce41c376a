import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv, describeAjvError, usefulErrors } from '../rules/schema-validation.js';
import { schemaPath } from '../rules/schema-location.js';
import type { RequestProblem } from './problem.js';

export type RequestKind = 'eligibility-request';

function readApiSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(`api/${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

let validators: Map<RequestKind, ValidateFunction> | null = null;

function validatorFor(kind: RequestKind): ValidateFunction {
  if (validators === null) {
    const ajv = createAjv();
    ajv.addSchema(readApiSchema('person'));
    validators = new Map([['eligibility-request', ajv.compile(readApiSchema('eligibility-request'))]]);
  }
  return validators.get(kind) as ValidateFunction;
}

function toPointer(path: readonly string[]): string {
  return path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Every schema problem of a request body, each with its JSON path. */
export function schemaProblems(kind: RequestKind, body: unknown): RequestProblem[] {
  const validate = validatorFor(kind);
  if (validate(body)) return [];
  const seen = new Set<string>();
  const problems: RequestProblem[] = [];
  for (const error of usefulErrors(validate.errors ?? [])) {
    const described = describeAjvError(error);
    const message = error.keyword === 'required' ? 'is required' : described.message;
    const path = error.keyword === 'required' ? [...described.path, String((error.params as { missingProperty: string }).missingProperty)] : described.path;
    const problem = { path: toPointer(path), message };
    const key = `${problem.path} ${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}
