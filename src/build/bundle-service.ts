import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { packagePath } from '../package-directory.js';

/** Where `npm run build` puts the service as one file, and what `npm start` runs. */
export const SERVICE_BUNDLE = packagePath('dist', 'server.mjs');

/**
 * The service with every module it imports in one ES module file. Node spends a third of an unbundled start-up
 * finding, reading and compiling some 400 small files of node_modules; one file is read and compiled at once.
 * Dependencies written as CommonJS call require() for Node's own modules, so the bundle defines require.
 * Names are kept (no minifying): a logged stack trace still reads.
 */
export async function bundleService(outfile: string = SERVICE_BUNDLE): Promise<void> {
  await build({
    entryPoints: [packagePath('src', 'server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await bundleService();
