import type { ErrorObject, ValidateFunction } from 'ajv';
import { compensationRequest, eligibilityRequest } from '../rules/generated/schema-validators.js';
import type { PlacedSchema } from '../rules/fact-values.js';
import { describeAjvError, usefulErrors } from '../rules/schema-validation.js';
import { bodyPointer, inWindows, LIST_WINDOW, listsOf } from './list-windows.js';
import type { RequestProblem } from './problem.js';

export type RequestKind = 'eligibility-request' | 'compensation-request';

/** Compiled ahead of time from the request schemas of schemas/openapi.yaml by `npm run schemas` (src/rules/compile-schemas.ts). */
const VALIDATORS: Record<RequestKind, ValidateFunction> = {
  'eligibility-request': eligibilityRequest,
  'compensation-request': compensationRequest,
};

/** The same schemas as data: where each list of a request is, and its `maxItems`. */
const SCHEMAS: Record<RequestKind, PlacedSchema> = {
  'eligibility-request': { schema: { $ref: '#/components/schemas/EligibilityRequest' } },
  'compensation-request': { schema: { $ref: '#/components/schemas/CompensationRequest' } },
};

/** A body with thousands of mistakes gets the first ones listed, not a reply larger than itself. */
export const MAX_LISTED_PROBLEMS = 100;

function escaped(segment: string): string {
  return segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment;
}

/**
 * Where an error's problem is, as a JSON pointer: the value's, or the field's for a missing or unknown field (ajv's
 * instancePath is a pointer already). Cheap, so that an error past those listed is counted, never described.
 */
function problemPath(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${error.instancePath}/${escaped(String(params.missingProperty))}`;
    case 'additionalProperties':
      return `${error.instancePath}/${escaped(String(params.additionalProperty))}`;
    case 'propertyNames':
      return `${error.instancePath}/${escaped(String(params.propertyName))}`;
    default:
      return error.instancePath;
  }
}

/** The problems found so far: the first MAX_LISTED_PROBLEMS paths with their messages, the others only counted. */
class FoundProblems {
  readonly #listed = new Map<string, Set<string>>();
  readonly #unlisted = new Set<string>();

  add(path: string, message: () => string): void {
    const messages = this.#listed.get(path);
    if (messages) messages.add(message());
    else if (this.#listed.size < MAX_LISTED_PROBLEMS) this.#listed.set(path, new Set([message()]));
    else this.#unlisted.add(path);
  }

  get full(): boolean {
    return this.#unlisted.size > 0;
  }

  /** One problem a path (messages of keywords that fail together on one value joined), then how many more. */
  problems(complete: boolean): RequestProblem[] {
    const problems = [...this.#listed].map(([path, messages]) => ({ path, message: [...messages].join('; ') }));
    if (this.#unlisted.size === 0) return problems;
    return [...problems, { path: '', message: `and ${complete ? '' : 'at least '}${this.#unlisted.size} more problems` }];
  }
}

function messageOf(error: ErrorObject): string {
  return error.keyword === 'required' ? 'is required' : describeAjvError(error).message;
}

/**
 * Every schema problem of a request body, one per JSON path: keywords that fail together on one value (a date's
 * format and pattern, a string's pattern and length) are one problem with their messages joined. The body's lists
 * are checked LIST_WINDOW items at a time (list-windows.ts), each only up to one item past its `maxItems`, and the
 * checks stop once more problems are known than are listed; the count of the others is then a lower bound.
 */
export function schemaProblems(kind: RequestKind, body: unknown): RequestProblem[] {
  const validate = VALIDATORS[kind];
  const lists = listsOf(SCHEMAS[kind], body);
  const found = new FoundProblems();
  // A view never holds more than a window of a list, so the validator never sees one over its limit: said here.
  for (const list of lists)
    if (list.limit !== null && list.items.length > list.limit) found.add(list.pointer, () => `must NOT have more than ${list.limit} items`);
  // A list of a window or less is the same in every view: only the longer ones are swapped for their windows.
  const long = lists.filter((list) => list.items.length > LIST_WINDOW);
  const last = long.reduce((end, list) => Math.max(end, list.end), 0);
  let start = 0;
  for (; ; start += LIST_WINDOW) {
    const valid = long.length === 0 ? validate(body) : inWindows(body as Record<string, unknown>, long, start, validate);
    if (!valid) for (const error of usefulErrors(validate.errors ?? [])) found.add(bodyPointer(problemPath(error), long, start), () => messageOf(error));
    if (found.full || start + LIST_WINDOW >= last) break;
  }
  return found.problems(start + LIST_WINDOW >= last);
}
