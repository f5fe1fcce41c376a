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

/** fast-check's parameters for a property of `numRuns` runs, at the shared seed. */
export function seeded(numRuns: number): { seed: number; numRuns: number } {
  return { seed: PROPERTY_SEED, numRuns };
}
