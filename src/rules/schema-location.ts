import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * schemas/ sits beside package.json; this module runs from src/rules (tests, tsx) or dist/src/rules (npm start).
 */
const CANDIDATES = ['../../schemas/', '../../../schemas/'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));

export const SCHEMA_DIRECTORY = CANDIDATES.find((directory) => existsSync(`${directory}common.schema.json`)) ?? (CANDIDATES[0] as string);

export function schemaPath(name: string): string {
  return `${SCHEMA_DIRECTORY}${name}`;
}
