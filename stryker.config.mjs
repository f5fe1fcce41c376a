/**
 * Mutation testing (`npm run mutate`, not part of `npm test`): StrykerJS with its vitest runner over the core's folders.
 * Sized for a 2-core machine shared with others: two test runners at most. Incremental: the results of the last run are
 * kept in test-output/ (gitignored, a machine's own state) and only mutants whose code or covering tests changed are
 * run again. One folder at a time: `npm run mutate -- --mutate 'src/calendar/**\/*.ts'`. See docs/mutation.md.
 *
 * No type checker: the TypeScript checker plugin drives the TypeScript compiler API, which TypeScript 7 (the native
 * compiler this project uses) does not have; a mutant that does not type-check runs as JavaScript and is counted.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts', related: false },
  mutate: [
    'src/evaluate/**/*.ts',
    'src/compensate/**/*.ts',
    'src/versions/**/*.ts',
    'src/calendar/**/*.ts',
    'src/rules/**/*.ts',
    '!src/rules/generated/**',
    // Run by `npm run schemas` before the tests, not by them.
    '!src/rules/compile-schemas.ts',
    'src/auth/**/*.ts',
  ],
  // Stryker would rewrite tsconfig.json's `extends` and `references` for its sandbox with the TypeScript compiler API,
  // which TypeScript 7 has not; ours has neither, so it names a file that is not there and nothing is rewritten.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
  coverageAnalysis: 'perTest',
  // A module-level constant changed is a mutant every test must run again for: too dear here; they are listed as ignored.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 60_000,
  timeoutFactor: 3,
  incremental: true,
  incrementalFile: 'test-output/stryker-incremental.json',
  tempDirName: 'test-output/stryker-tmp',
  ignorePatterns: ['dist', 'data', 'test-output', 'bench/results', '.git'],
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: 'test-output/mutation/mutation.json' },
  htmlReporter: { fileName: 'test-output/mutation/index.html' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 95, low: 90, break: null },
};
