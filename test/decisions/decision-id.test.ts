import { describe, expect, it } from 'vitest';
import { newDecisionId } from '../../src/decisions/decision-id.js';

describe('decision ids', () => {
  it('are distinct UUIDs version 7 in time order, also across refills of the random pool', () => {
    const ids = Array.from({ length: 2000 }, (_, index) => newDecisionId(1_700_000_000_000 + index));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    // The random part differs between neighbours (one pool of random bytes serves 409 ids).
    const randomParts = new Set(ids.map((id) => id.slice(15)));
    expect(randomParts.size).toBe(ids.length);
  });
});
