import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { packagePath } from '../package-directory.js';

/** Where `npm run build` puts the service as one file, and what `npm start` runs. */
export const SERVICE_BUNDLE = packagePath('dist', 'server.mjs');

/**
 * Data as JSON.parse of one string rather than as a JavaScript object literal: V8 reads a string and parses JSON
 * several times faster than it compiles a literal of the same size, and the dependencies carry megabytes of such
 * data (every time zone, every country's holidays, every MIME type). Applies to .json files and to modules that are
 * nothing but `export const name = <JSON>` (date-holidays' data); anything else is bundled as it is.
 */
const DATA_MODULE = /^export const ([A-Za-z_$][\w$]*) = ([\s\S]*?);?\s*$/;

export const dataAsJsonParse: Plugin = {
  name: 'data-as-json-parse',
  setup(builder) {
    builder.onLoad({ filter: /\.json$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js' };
    });
    builder.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const match = text.length > 100_000 ? DATA_MODULE.exec(text) : null;
      if (!match) return undefined;
      try {
        const data = JSON.stringify(JSON.parse(match[2] as string));
        return { contents: `export const ${match[1] as string} = JSON.parse(${JSON.stringify(data)});`, loader: 'js' };
      } catch {
        return undefined; // not plain JSON after all: bundled as it is
      }
    });
  },
};

/**
 * The service with every module it imports in one ES module file. Node spends a third of an unbundled start-up
 * finding, reading and compiling some 400 small files of node_modules; one file is read and compiled at once.
 * Dependencies written as CommonJS call require() for Node's own modules, so the bundle defines require.
 * Names are kept (no minifying): a logged stack trace still reads. better-sqlite3 stays in node_modules (it loads a
 * native library from beside its own files), and the decision store's writer thread is a second file beside the
 * bundle, where src/decisions/sqlite/sqlite-writer.ts looks for it.
 */
export async function bundleService(outfile: string = SERVICE_BUNDLE): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
    external: ['better-sqlite3'],
    plugins: [dataAsJsonParse],
  };
  await build({ ...common, entryPoints: [packagePath('src', 'server.ts')], outfile });
  await build({
    ...common,
    entryPoints: [packagePath('src', 'decisions', 'sqlite', 'sqlite-writer-thread.ts')],
    outfile: join(dirname(outfile), 'sqlite-writer-thread.mjs'),
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await bundleService();
