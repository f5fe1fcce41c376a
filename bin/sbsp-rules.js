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
const source = fileURLToPath(new URL('../src', import.meta.url));
const compiledIsCurrent = existsSync(compiled) && (!existsSync(source) || statSync(compiled).mtimeMs >= newestModification(source));
let cli;
if (compiledIsCurrent) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
process.exitCode = await cli.runCli(process.argv.slice(2));
