import type { ItemPattern } from '../evaluate/operators.js';

/** What the values of one field of a list fact's items can be, as the request schemas list them. */
export interface ItemFieldDomain {
  values: readonly unknown[];
  /** An item may leave the field out (`{ notIn }` then lets it through, a list of values does not). */
  mayBeAbsent: boolean;
}

/** What an item pattern can match, field by field, once the items' allowed values are known. */
export interface PatternReach {
  /** A field no item a request can send meets, so the pattern matches no item. */
  matchesNothing: string | null;
  /** Fields every item meets: they narrow nothing. */
  narrowNothing: string[];
}

/**
 * `{ severity: [] }` or `{ funding: { notIn: [every funding] } }` match no item; `{ inPlan: [true, false] }` (a field
 * every item has) or `{ type: { notIn: [] } }` narrow nothing. Fields whose values cannot be listed count only when
 * empty.
 */
export function patternReach(pattern: ItemPattern, domainOf: (field: string) => ItemFieldDomain | null): PatternReach {
  let matchesNothing: string | null = null;
  const narrowNothing: string[] = [];
  for (const [field, allowed] of Object.entries(pattern)) {
    const negated = !Array.isArray(allowed);
    const listed: readonly unknown[] = negated ? allowed.notIn : allowed;
    const domain = domainOf(field);
    const inList = domain ? domain.values.filter((value) => listed.includes(value)) : null;
    const nothing = negated
      ? domain !== null && !domain.mayBeAbsent && inList?.length === domain.values.length
      : inList === null
        ? listed.length === 0
        : inList.length === 0;
    const everything = negated
      ? inList === null
        ? listed.length === 0
        : inList.length === 0
      : domain !== null && !domain.mayBeAbsent && inList?.length === domain.values.length;
    if (nothing && matchesNothing === null) matchesNothing = field;
    else if (everything) narrowNothing.push(field);
  }
  return { matchesNothing, narrowNothing };
}
