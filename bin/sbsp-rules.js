#!/usr/bin/env node
// Runs the compiled CLI when `npm run build` has made it from the current source, otherwise the TypeScript source
// through tsx, so that `npx sbsp-rules` works in a fresh clone right after `npm ci` and never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `sbsp-rules test | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

function newestModification(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
// The compiled CLI carries validators generated from schemas/ (src/rules/generated, made by npm run build): a schema
// changed since makes it stale too.
const sources = ['../src', '../schemas'].map((folder) => fileURLToPath(new URL(folder, import.meta.url))).filter((folder) => existsSync(folder));
const compiledIsCurrent = existsSync(compiled) && sources.every((folder) => statSync(compiled).mtimeMs >= newestModification(folder));
let cli;
if (compiledIsCurrent) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  // The source imports src/rules/generated/schema-validators.ts, which is generated, not committed: made here when it
  // is missing or schemas/ changed since (a fingerprint check, milliseconds; generating, a few hundred).
  const { schemaValidatorsAreCurrent } = await import(new URL('../src/build/schema-validators.ts', import.meta.url).href);
  if (!schemaValidatorsAreCurrent()) {
    const { ensureSchemaValidators } = await import(new URL('../src/rules/compile-schemas.ts', import.meta.url).href);
    await ensureSchemaValidators();
  }
  cli = await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
process.exitCode = await cli.runCli(process.argv.slice(2));
