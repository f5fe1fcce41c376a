import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, _ } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';
import { GENERATED_MODULE, schemaInputsFingerprint, schemaValidatorsAreCurrent } from '../build/schema-validators.js';
import { schemaFormats } from './schema-formats.js';
import { schemaPath } from './schema-location.js';

/**
 * Compiles schemas/ into src/rules/generated/schema-validators.ts ahead of time, so that the service neither loads
 * ajv nor compiles a schema when it starts. The module is generated, not committed (.gitignore): `npm run build`,
 * `npm test` and `npm run schemas` run this file; `npm ci`, the CLI launcher and vitest generate the module when it
 * is missing or stale (src/build/schema-validators.ts). The text is a function of the schemas, this file and ajv's
 * version alone, and is written only when it differs from the file's.
 */

/** Schemas that others refer to and nothing is checked against on its own. */
const SHARED_SCHEMAS = ['common.schema.json'];

/**
 * The OpenAPI description the service serves holds the request schemas (`components.schemas`), so what a client
 * reads there is what the service checks.
 */
const API_DESCRIPTION = 'openapi.yaml';
const API_SCHEMA_ID = 'https://sbsp-rules.example/schemas/openapi.yaml';
const COMPONENT_SCHEMA = '#/components/schemas/';
const REQUEST_SCHEMAS = ['EligibilityRequest', 'CompensationRequest'];

/** Each validator of the generated module, by its export name, and the schema it checks (a file, or a place in one). */
export const VALIDATED_SCHEMAS = {
  programmeFile: 'programme.schema.json',
  versionFile: 'version.schema.json',
  caseFile: 'case.schema.json',
  calendarFile: 'calendar.schema.json',
  emergenciesFile: 'emergencies.schema.json',
  eligibilityRequest: `${API_DESCRIPTION}${COMPONENT_SCHEMA}EligibilityRequest`,
  compensationRequest: `${API_DESCRIPTION}${COMPONENT_SCHEMA}CompensationRequest`,
} as const;

export type ValidatorName = keyof typeof VALIDATED_SCHEMAS;

/**
 * The request schemas as one JSON Schema document: the component schemas of the OpenAPI description that the
 * requests reach, in its order and under the same `components.schemas`, so each `$ref` reads as it does there.
 */
export function requestSchemaDocument(): Record<string, unknown> {
  const described = parse(readFileSync(schemaPath(API_DESCRIPTION), 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const schemas = described.components.schemas;
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) visit(item);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key !== '$ref' || typeof value !== 'string') visit(value);
        else if (value.startsWith(COMPONENT_SCHEMA) && !reached.has(value.slice(COMPONENT_SCHEMA.length))) {
          reached.add(value.slice(COMPONENT_SCHEMA.length));
          visit(schemas[value.slice(COMPONENT_SCHEMA.length)]);
        }
      }
    }
  };
  visit(REQUEST_SCHEMAS.map((name) => ({ $ref: `${COMPONENT_SCHEMA}${name}` })));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: API_SCHEMA_ID,
    components: { schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name))) },
  };
}

function readSchema(file: string): Record<string, unknown> {
  if (file === API_DESCRIPTION) return requestSchemaDocument();
  return JSON.parse(readFileSync(schemaPath(file), 'utf8')) as Record<string, unknown>;
}

/** The `$id` of a schema file, with the place in it (`openapi.yaml#/components/schemas/X`) kept as its fragment. */
export function schemaId(schema: string): string {
  const [file = '', place] = schema.split('#');
  const id = file === API_DESCRIPTION ? API_SCHEMA_ID : String(readSchema(file).$id);
  return `${id}${place === undefined ? '' : `#${place}`}`;
}

/** An ajv with every schema added; `verbose` keeps `parentSchema` in errors, whose description a pattern error shows. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    formats: schemaFormats,
    // The generated module: an ES module, one statement a line (readable diffs), formats imported by name.
    code: { source: true, esm: true, lines: true, formats: _`schemaFormats` },
  });
  // The request schemas' document keeps them where the OpenAPI description has them: under `components`, a keyword
  // ajv is told to leave alone.
  ajv.addKeyword('components');
  const files = new Set([...SHARED_SCHEMAS, ...Object.values(VALIDATED_SCHEMAS)].map((schema) => schema.split('#')[0] as string));
  for (const file of files) ajv.addSchema(readSchema(file));
  return ajv;
}

/** `require("ajv/dist/runtime/ucs2length")` in ajv's output becomes an import of `ucs2lengthModule`. */
function importedName(specifier: string): string {
  return `${basename(specifier).replace(/_(.)/g, (_match, next: string) => next.toUpperCase())}Module`;
}

/** The text of the generated module, from the schemas as they are now. */
export function schemaValidatorsModule(): string {
  const ajv = createAjv();
  const refs = Object.fromEntries(Object.entries(VALIDATED_SCHEMAS).map(([name, file]) => [name, schemaId(file)]));
  const runtimeModules = new Set<string>();
  const code = standaloneCode
    .default(ajv, refs)
    .replace(/^"use strict";/, '')
    // ajv's ES module output still reaches its run-time helpers with require(), which an ES module lacks; imports
    // also let esbuild put the helpers into the service's bundle.
    .replace(/\brequire\("(ajv\/dist\/runtime\/\w+)"\)\.default/g, (_match, specifier: string) => {
      runtimeModules.add(specifier);
      return `defaultExport(${importedName(specifier)})`;
    })
    .replace(/^export const (\w+) = (validate\d+);$/gm, 'export const $1: ValidateFunction = $2;');
  return [
    '// @ts-nocheck',
    '// Generated from schemas/ by src/rules/compile-schemas.ts (npm run build, npm test, npm run schemas): do not edit, not committed.',
    `// Inputs sha256: ${schemaInputsFingerprint()} (schemas/, the compiler, the format names, ajv's version)`,
    "import type { ValidateFunction } from 'ajv';",
    ...[...runtimeModules].map((specifier) => `import ${importedName(specifier)} from '${specifier}.js';`),
    "import { schemaFormats } from '../schema-formats.js';",
    '// Node (and esbuild) import a CommonJS module as its exports object; vitest, when it is marked __esModule, as its default.',
    'const defaultExport = (module) => (module.__esModule ? module.default : module);',
    code.trim(),
    '// The request schemas as data, for the loader to tell which values a request can send (src/rules/fact-values.ts).',
    `export const requestSchemas = ${JSON.stringify(requestSchemaDocument(), null, 2)};`,
    '',
  ].join('\n');
}

/**
 * Generates the module and writes it when its text differs from the file's (or there is no file); true when it
 * wrote. The new text replaces the old at once (written beside it, then renamed), so a reader never sees half.
 */
export function writeSchemaValidators(): boolean {
  const text = schemaValidatorsModule();
  if (existsSync(GENERATED_MODULE) && readFileSync(GENERATED_MODULE, 'utf8') === text) return false;
  mkdirSync(dirname(GENERATED_MODULE), { recursive: true });
  const temporary = `${GENERATED_MODULE}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, GENERATED_MODULE);
  return true;
}

/**
 * Generates the module when it is missing or stale; 'current' when it was not generated, else whether generating
 * wrote it ('written') or found the same text on disk ('unchanged').
 */
export async function ensureSchemaValidators(): Promise<'current' | 'written' | 'unchanged'> {
  if (schemaValidatorsAreCurrent()) return 'current';
  return writeSchemaValidators() ? 'written' : 'unchanged';
}

// `node --import tsx src/rules/compile-schemas.ts` generates it; with --if-stale, only when it is missing or stale.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = process.argv.includes('--if-stale') ? await ensureSchemaValidators() : writeSchemaValidators() ? 'written' : 'unchanged';
  console.log(`${relative(process.cwd(), GENERATED_MODULE)}: ${outcome}`);
}
