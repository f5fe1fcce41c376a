import { ensureSchemaValidators } from '../../src/rules/compile-schemas.js';

/**
 * vitest's globalSetup: src/rules/generated/schema-validators.ts is generated, not committed, and the code under test
 * imports it, so `npx vitest run …` on a fresh clone (or after a schema changed) generates it before any test file
 * loads. When it is current this is a fingerprint check and writes nothing.
 */
export default async function setup(): Promise<void> {
  await ensureSchemaValidators();
}
