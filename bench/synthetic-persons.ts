import fc from 'fast-check';
import { dateBetween, personArbitrary, servicesArbitrary } from '../test/support/arbitraries.js';

export interface SyntheticCase {
  person: Record<string, unknown>;
  services: Array<{ type: string; inPlan: boolean; funding: string }>;
  date: string;
}

/** The same persons on every run (a fixed seed), so runs compare like with like. */
export function syntheticCases(count: number, seed = 20261122): SyntheticCase[] {
  return fc
    .sample(fc.tuple(personArbitrary, servicesArbitrary, dateBetween('2019-01-01', '2026-12-31')), { numRuns: count, seed })
    .map(([person, services, date]) => ({ person, services, date }));
}
