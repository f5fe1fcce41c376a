/**
 * The seed every property test runs with: FC_SEED from the environment (to replay a failure, or to explore other
 * runs: `FC_SEED=123 npx vitest run test/evaluate`), else a fixed one, so that a run is the same run every time.
 * fast-check writes the seed and the path of a failure into its message (`{ seed: …, path: "…" }`), and
 * test/support/property-seed.test.ts checks that it does.
 */
const DEFAULT_SEED = 20261201;

function seedFrom(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_SEED;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be a whole number, not "${text}"`);
  return seed;
}

export const PROPERTY_SEED = seedFrom(process.env.FC_SEED);

/**
 * Under `npm run mutate` (Stryker sets STRYKER_MUTATOR_WORKER in its test runners) a property asked with
 * `{ fewerUnderMutation: true }` runs a quarter of its runs: a mutant that survives runs every test that reaches it in
 * full, and the big differential properties dominate that cost. Fewer runs can only let more mutants survive, never
 * fewer: the score is a lower bound of the full suite's. Only properties that count nothing across runs ask for it.
 * A failure is not shrunk there.
 */
const UNDER_MUTATION = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/** fast-check's parameters for a property of `numRuns` runs, at the shared seed. */
export function seeded(numRuns: number, options: { fewerUnderMutation?: boolean } = {}): { seed: number; numRuns: number; endOnFailure?: true } {
  if (!UNDER_MUTATION) return { seed: PROPERTY_SEED, numRuns };
  // A mutant is killed by the first failure: shrinking it to a smallest case would only cost time.
  return { seed: PROPERTY_SEED, numRuns: options.fewerUnderMutation === true ? Math.ceil(numRuns / 4) : numRuns, endOnFailure: true };
}
