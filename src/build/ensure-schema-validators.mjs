// Generates src/rules/generated/schema-validators.ts when it is missing or stale (src/rules/compile-schemas.ts).
// npm runs it after `npm ci` and `npm install` (the `prepare` script), so that a fresh clone type-checks and its
// editor finds the module at once; `npm run bench` runs it first too.
// Plain JavaScript: it runs the TypeScript through tsx, a dev dependency. Installed without dev dependencies
// (`npm ci --omit=dev`), it cannot generate the module, nor could anything that uses the module's TypeScript run: it
// says so and lets the install succeed.
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.log('src/rules/generated/schema-validators.ts: not generated (tsx, a dev dependency, is not installed)');
  process.exit(0);
}
register();
const { GENERATED_MODULE } = await import('./schema-validators.ts');
const { ensureSchemaValidators } = await import('../rules/compile-schemas.ts');
const { relative } = await import('node:path');
console.log(`${relative(process.cwd(), GENERATED_MODULE)}: ${await ensureSchemaValidators()}`);
