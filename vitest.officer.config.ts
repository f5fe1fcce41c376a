import { defineConfig } from 'vitest/config';

/**
 * The officer-path test (test/officer): it follows the README on a copy of the repository and runs the engineering
 * suite there, so it runs after that suite, on its own (npm test runs both).
 */
export default defineConfig({
  test: {
    include: ['test/officer/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 1_200_000,
  },
});
