import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { packagePath } from '../package-directory.js';

/**
 * src/rules/generated/schema-validators.ts is generated, never committed: `npm run build`, `npm test` (and
 * `npm run schemas`) write it from schemas/ with src/rules/compile-schemas.ts; `npm ci` (prepare), the CLI launcher
 * (bin/sbsp-rules.js) and vitest (test/setup/schema-validators.ts) write it when it is missing or stale.
 *
 * Whether it is stale is told without ajv: the module's second line carries a sha256 of everything its text is
 * made from (the schemas, the compiler, the format names, ajv's version). Generating takes a few hundred
 * milliseconds; the fingerprint a few.
 */

export const GENERATED_MODULE = packagePath('src', 'rules', 'generated', 'schema-validators.ts');

/** The line of the generated module that names its inputs' fingerprint. */
export const FINGERPRINT_LINE = /^\/\/ Inputs sha256: ([0-9a-f]{64})\b/m;

/** What the generated text is made of, each as (name, text): the same on every machine and checkout (LF line ends). */
function inputs(): Array<[string, string]> {
  const schemas = readdirSync(packagePath('schemas'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json') || file === 'openapi.yaml')
    .map((file) => file.split(sep).join('/'))
    .sort();
  const ajvVersion = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('ajv/package.json'), 'utf8')) as { version: string }).version;
  return [
    ...schemas.map((file): [string, string] => [`schemas/${file}`, readFileSync(packagePath('schemas', file), 'utf8')]),
    ['src/rules/compile-schemas.ts', readFileSync(packagePath('src', 'rules', 'compile-schemas.ts'), 'utf8')],
    ['src/rules/schema-formats.ts', readFileSync(packagePath('src', 'rules', 'schema-formats.ts'), 'utf8')],
    ['ajv', ajvVersion],
  ];
}

/** The sha256 of the generated module's inputs as they are now. */
export function schemaInputsFingerprint(): string {
  const hash = createHash('sha256');
  for (const [name, text] of inputs()) hash.update(`${name}\0${text.replace(/\r\n/g, '\n')}\0`);
  return hash.digest('hex');
}

/** The generated module exists and was made from the inputs as they are now. */
export function schemaValidatorsAreCurrent(): boolean {
  if (!existsSync(GENERATED_MODULE)) return false;
  const head = readFileSync(GENERATED_MODULE, 'utf8').slice(0, 500);
  return FINGERPRINT_LINE.exec(head)?.[1] === schemaInputsFingerprint();
}
