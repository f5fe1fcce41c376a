import { packagePath } from '../package-directory.js';

/** schemas/ sits beside package.json. */
export const SCHEMA_DIRECTORY = `${packagePath('schemas')}/`;

export function schemaPath(name: string): string {
  return `${SCHEMA_DIRECTORY}${name}`;
}
