import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The test files of a mutant in order of their last run's duration, shortest first (vitest runs the longest first): a
 * mutant is killed by the first failure (bail), so the quick unit tests that pin a function answer before the long
 * differential properties do. A file with no duration yet runs first.
 */
class ShortestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const duration = (file: TestSpecification): number =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`)?.duration ?? 0;
    return [...files].sort((a, b) => duration(a) - duration(b));
  }
}

/**
 * The tests `npm run mutate` runs (stryker.config.mjs): those of the mutated folders, without the ones whose work is done
 * in another process a mutant never reaches (a spawned service, a watched file), and without the slowest that another
 * test with an independent oracle covers (test/evaluate/segments.test.ts: day by day with our own evaluator, where
 * segment-boundaries.test.ts asks json-rules-engine). MUTATION_TESTS, globs separated by commas, chooses the tests
 * instead (docs/mutation.md has examples).
 */
const CHOSEN = process.env.MUTATION_TESTS?.split(',');
const FOLDERS = ['calendar', 'versions', 'evaluate', 'compensate', 'rules', 'auth', 'answer', 'check', 'wire'];

export default defineConfig({
  test: {
    include: CHOSEN ?? [...FOLDERS.map((folder) => `test/${folder}/**/*.test.ts`), 'test/example-cases.test.ts'],
    exclude: [
      ...(CHOSEN ? [] : ['test/auth/server-modes.test.ts', 'test/auth/token-registry.test.ts', 'test/evaluate/segments.test.ts']),
      '**/node_modules/**',
    ],
    globalSetup: ['test/setup/schema-validators.ts'],
    pool: 'threads',
    sequence: { sequencer: ShortestFirst },
    testTimeout: 120_000,
  },
});
