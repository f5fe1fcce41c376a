import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The officer-path test runs this suite on a copy of the repository: vitest.officer.config.ts runs it after.
    exclude: ['test/officer/**', '**/node_modules/**'],
    // src/rules/generated/schema-validators.ts is generated, not committed: made here when missing or stale.
    globalSetup: ['test/setup/schema-validators.ts'],
    // Two cores on this machine and in CI: keep workers to that.
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
