import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED, seeded } from './property-seed.js';

describe('the seed of the property tests', () => {
  it('is printed in a failure, with the path to replay it', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.integer(), (value) => value < 1000),
        seeded(1000),
      ),
    ).toThrow(new RegExp(`seed: ${PROPERTY_SEED}, path: "[0-9:]+"`));
  });

  it('makes a run the same run every time', () => {
    const firstValues = (): number[] => fc.sample(fc.integer(), { seed: PROPERTY_SEED, numRuns: 20 });
    expect(firstValues()).toEqual(firstValues());
  });
});
