import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

  it('runs every run of a property, also one that may run fewer under a mutation run, outside such a run', () => {
    expect(process.env.STRYKER_MUTATOR_WORKER).toBeUndefined();
    expect(seeded(2000)).toEqual({ seed: PROPERTY_SEED, numRuns: 2000 });
    expect(seeded(2000, { fewerUnderMutation: true })).toEqual({ seed: PROPERTY_SEED, numRuns: 2000 });
  });

  it('in a Stryker test runner, runs a quarter of the runs of a property that asks for it, all of the others, none shrunk', () => {
    const module = fileURLToPath(new URL('./property-seed.ts', import.meta.url));
    const script = `const { seeded } = await import(${JSON.stringify(module)}); console.log(JSON.stringify([seeded(2000).numRuns, seeded(2000, { fewerUnderMutation: true }).numRuns, seeded(3, { fewerUnderMutation: true }).numRuns, seeded(10).endOnFailure]));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
      env: { ...process.env, STRYKER_MUTATOR_WORKER: '1' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([2000, 500, 1, true]);
  });
});
