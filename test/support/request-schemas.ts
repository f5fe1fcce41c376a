import { requestSchemas } from '../../src/rules/generated/schema-validators.js';

/** The request schemas' named schemas (components.schemas), read to derive expectations, never copied into a test. */
export const NAMED_SCHEMAS = (requestSchemas as unknown as { components: { schemas: Record<string, Record<string, unknown>> } }).components.schemas;

/** The request schema called `name`; a test fails loudly when the schemas have none. */
export function namedSchema(name: string): Record<string, unknown> {
  const schema = NAMED_SCHEMAS[name];
  if (!schema) throw new Error(`no schema ${name} in the request schemas`);
  return schema;
}
