import type { ChangeTarget, ListNeed } from './change-targets.js';
import { patternNeeds, type FactChange, type ItemPattern } from './fact-change.js';
import { ANY_VALUE, complement, includes, intersect, isEmpty, isSubset } from './value-set.js';

/** Whether an item of a list has every field of a pattern among its allowed values (an absent field as undefined). */
export function itemMatches(item: unknown, pattern: ItemPattern): boolean {
  if (item === null || typeof item !== 'object') return false;
  const fields = item as Record<string, unknown>;
  for (const [field, allowed] of pattern) if (!includes(allowed, Object.hasOwn(fields, field) ? fields[field] : undefined)) return false;
  return true;
}

/**
 * An item that matches `pattern` and none of `avoid`: for each pattern to avoid, one of its fields narrowed to values
 * that pattern does not allow (the first that leaves the item possible). Null when no such item can be.
 */
function itemFor(pattern: ItemPattern, avoid: readonly ItemPattern[], target: ChangeTarget): ItemPattern | null {
  const item = new Map(pattern);
  for (const other of avoid) {
    let avoided = false;
    for (const [field, allowed] of other) {
      const outside = complement(allowed);
      if (outside === null) continue;
      const narrowed = intersect(item.get(field) ?? ANY_VALUE, outside);
      if (isEmpty(narrowed, target.itemDomain(field))) continue;
      item.set(field, narrowed);
      avoided = true;
      break;
    }
    if (!avoided) return null;
  }
  for (const [field, allowed] of item) if (isEmpty(allowed, target.itemDomain(field))) return null;
  return item;
}

/** Whether every item that matches `narrow` matches `wide`. */
function covers(wide: ItemPattern, narrow: ItemPattern, target: ChangeTarget): boolean {
  return [...wide].every(([field, allowed]) => isSubset(narrow.get(field) ?? ANY_VALUE, allowed, target.itemDomain(field)));
}

/** The items that match both patterns. */
function both(a: ItemPattern, b: ItemPattern): ItemPattern {
  const merged = new Map(a);
  for (const [field, allowed] of b) merged.set(field, intersect(merged.get(field) ?? ANY_VALUE, allowed));
  return merged;
}

/**
 * The changes that make a list meet a need, from the list it is now: items that must go (`noItem`, `lacks`) and
 * items to add for each pattern no remaining item matches (`item`, at `<list>/-`). Null when the need cannot be met.
 */
export function listChanges(target: ChangeTarget, need: ListNeed, now: { present: boolean; value: unknown }): FactChange[] | null {
  if (need.contains.some((value) => need.lacks.includes(value))) return null;
  const list = Array.isArray(now.value) ? (now.value as unknown[]) : null;
  // An item that matches one pattern to be gone matches a wider one too: only the widest are said.
  const none = need.none.filter(
    (pattern, index) => !need.none.some((wider, at) => at !== index && covers(wider, pattern, target) && (at < index || !covers(pattern, wider, target))),
  );
  const kept = (list ?? []).filter((item) => !none.some((pattern) => itemMatches(item, pattern)) && !need.lacks.includes(item));
  // One item added for as many of the patterns still unmet as it can match together.
  const items: ItemPattern[] = [];
  for (const pattern of need.has) {
    if (kept.some((item) => itemMatches(item, pattern))) continue;
    const at = items.findIndex((item) => itemFor(both(item, pattern), none, target) !== null);
    if (at >= 0) items[at] = itemFor(both(items[at] as ItemPattern, pattern), none, target) as ItemPattern;
    else {
      const item = itemFor(pattern, none, target);
      if (item === null) return null;
      items.push(item);
    }
  }
  const additions: FactChange[] = items.map((item) => ({ path: `${target.path}/-`, needs: { item: patternNeeds(item, (field) => target.itemDomain(field)) } }));
  for (const value of need.contains) if (!kept.includes(value)) additions.push({ path: `${target.path}/-`, needs: { equals: value } });
  const removes = list === null ? !need.orAbsent && additions.length === 0 : kept.length < list.length;
  if (!removes) return additions;
  const removal: FactChange = {
    path: target.path,
    ...(now.present ? { now: now.value } : {}),
    needs: {
      ...(none.length > 0 ? { noItem: none.map((pattern) => patternNeeds(pattern, (field) => target.itemDomain(field))) } : {}),
      ...(need.lacks.length > 0 ? { lacks: need.lacks } : {}),
    },
  };
  return [removal, ...additions];
}
