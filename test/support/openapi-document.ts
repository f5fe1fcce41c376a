import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { parse } from 'yaml';
import { schemaFormats } from '../../src/rules/schema-formats.js';
import { schemaPath } from '../../src/rules/schema-location.js';

/** schemas/openapi.yaml as written, and parsed. */
export const OPENAPI_TEXT = readFileSync(schemaPath('openapi.yaml'), 'utf8');
export const OPENAPI: OpenApiDocument = parse(OPENAPI_TEXT) as OpenApiDocument;

export type JsonObject = Record<string, unknown>;

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: Array<Record<string, unknown>>;
  parameters?: JsonObject[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, JsonObject>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonObject>; responses: Record<string, JsonObject>; parameters: Record<string, JsonObject> };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Every operation of the document: method, path and the operation object. */
export function operations(): Array<{ method: string; path: string; operation: Operation }> {
  return Object.entries(OPENAPI.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

/** The node a local `$ref` (`#/components/…`) or a JSON pointer names in the document. */
export function at(pointer: string): unknown {
  return pointer
    .replace(/^#/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as JsonObject)[part] : undefined), OPENAPI);
}

/** A response or other component behind its `$ref`, if it is one. */
export function dereferenced<T>(node: T | { $ref: string }): T {
  return node !== null && typeof node === 'object' && '$ref' in node && typeof node.$ref === 'string' ? dereferenced(at(node.$ref) as T) : (node as T);
}

/** A JSON pointer for a path of keys. */
export function pointerOf(keys: readonly string[]): string {
  return `#${keys.map((key) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
}

const DOCUMENT_ID = 'https://sbsp-rules.example/openapi.json';

/**
 * An ajv that knows the whole document (so every `$ref` resolves as the document means it) with the formats it
 * names: the service's calendar-date and ajv-formats' date, date-time and uuid. Not strict: the document's own keys
 * (openapi, paths …) are not JSON Schema keywords.
 */
function documentAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, formats: { ...fullFormats, ...schemaFormats } });
  ajv.addSchema(OPENAPI as unknown as JsonObject, DOCUMENT_ID);
  return ajv;
}

let ajv: Ajv2020 | undefined;

/** A validator for the schema at `pointer` in the document (`#/components/schemas/DateAnswer`, or any place). */
export function validatorAt(pointer: string): ValidateFunction {
  ajv ??= documentAjv();
  const ref = `${DOCUMENT_ID}${pointer}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  return validate;
}

/** The problems of `value` against the schema at `pointer`, as `path message` lines; empty when it is valid. */
export function schemaProblemsAt(pointer: string, value: unknown): string[] {
  const validate = validatorAt(pointer);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
}

/** Every service type a request may name (the request schema's ServiceType), in the schema's order. */
export const SERVICE_TYPES: readonly string[] = (OPENAPI.components.schemas.ServiceType as { enum: string[] }).enum;
