import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'sbsp-rules';

/**
 * The folder of this package's package.json, where schemas/ and the web page's files are. The code runs from src
 * (tests, tsx), from dist/src (the CLI) and from the one-file bundle dist/server.mjs (npm start), so the folder is
 * found by walking up from wherever this module ended up.
 */
function packageDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json of ${PACKAGE_NAME} above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

export const PACKAGE_DIRECTORY = packageDirectory();

/** A path inside the package, e.g. packagePath('schemas', 'openapi.yaml'). */
export function packagePath(...segments: string[]): string {
  return join(PACKAGE_DIRECTORY, ...segments);
}
