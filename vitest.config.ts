import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on this machine and in CI: keep workers to that.
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
