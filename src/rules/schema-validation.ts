import type { ErrorObject, ValidateFunction } from 'ajv';
import { calendarFile, caseFile, emergenciesFile, programmeFile, versionFile } from './generated/schema-validators.js';
import { problemAt, type JsonPath, type YamlFile } from './yaml-file.js';
import type { RuleFileProblem } from './model.js';

export type RuleFileKind = 'programme' | 'version' | 'case' | 'calendar' | 'emergencies';

/** Compiled ahead of time from schemas/ by `npm run schemas` (src/rules/compile-schemas.ts). */
const VALIDATORS: Record<RuleFileKind, ValidateFunction> = {
  programme: programmeFile,
  version: versionFile,
  case: caseFile,
  calendar: calendarFile,
  emergencies: emergenciesFile,
};

export function jsonPointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** What an ajv error says, in words an officer reads, and where it points. */
export function describeAjvError(error: ErrorObject): { path: string[]; message: string; atKey: boolean } {
  // An error about a key's name (ajv sets propertyName on the errors under propertyNames) points at the map in ajv;
  // an officer is shown the key itself.
  if (error.propertyName !== undefined) {
    const described = describeValueError(error);
    return {
      path: [...jsonPointerToPath(error.instancePath), error.propertyName],
      message: `invalid name "${error.propertyName}": ${described.message}`,
      atKey: true,
    };
  }
  return describeValueError(error);
}

function describeValueError(error: ErrorObject): { path: string[]; message: string; atKey: boolean } {
  const path = jsonPointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: `unknown field "${String(params.additionalProperty)}"`, atKey: true };
    case 'required':
      return { path, message: `missing required field "${String(params.missingProperty)}"`, atKey: false };
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, atKey: false };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}`, atKey: false };
    case 'pattern': {
      // A pattern means little to a reader; the schema's description of the value says what is wanted.
      const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
      return { path, message: typeof description === 'string' ? `must be: ${description}` : `must match the pattern ${String(params.pattern)}`, atKey: false };
    }
    case 'format':
      return {
        path,
        message: params.format === 'calendar-date' ? 'must be a real date (YYYY-MM-DD, years 0001–9999)' : `must be a valid ${String(params.format)}`,
        atKey: false,
      };
    case 'not': {
      // A field the contract moved or dropped: its schema's description says where it went.
      const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
      return { path, message: typeof description === 'string' ? `is not accepted: ${description}` : 'is not allowed here', atKey: true };
    }
    case 'propertyNames':
      return { path: [...path, String(params.propertyName)], message: `invalid name "${String(params.propertyName)}"`, atKey: true };
    default:
      return { path, message: error.message ?? error.keyword, atKey: false };
  }
}

/** Keywords whose failure only summarises more precise errors reported beside them. */
const SUMMARY_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'then', 'else']);

export function usefulErrors(errors: ErrorObject[]): ErrorObject[] {
  // A propertyNames error only says a name is invalid; the error about that name beside it says why.
  const explainedNames = new Set(errors.flatMap((error) => error.propertyName ?? []));
  const precise = errors.filter(
    (error) => !SUMMARY_KEYWORDS.has(error.keyword) && !(error.keyword === 'propertyNames' && explainedNames.has(String(error.params.propertyName))),
  );
  return precise.length > 0 ? precise : errors;
}

export function validateRuleFile(kind: RuleFileKind, yaml: YamlFile): RuleFileProblem[] {
  const validate = VALIDATORS[kind];
  if (validate(yaml.data)) return [];
  const seen = new Set<string>();
  const problems: RuleFileProblem[] = [];
  for (const error of usefulErrors(validate.errors ?? [])) {
    const { path, message, atKey } = describeAjvError(error);
    const problem = problemAt(yaml, path as JsonPath, message, atKey);
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}
