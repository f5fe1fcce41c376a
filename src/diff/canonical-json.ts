/** An object with its keys in sorted order (itself when they already are): what JSON.stringify then writes in order. */
function withSortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let index = 1; index < keys.length && sorted; index += 1) sorted = (keys[index - 1] as string) < (keys[index] as string);
  if (sorted) return value;
  const copy: Record<string, unknown> = {};
  for (const key of keys.sort()) copy[key] = (value as Record<string, unknown>)[key];
  return copy;
}

/**
 * JSON with object keys sorted, so two values written in a different key order compare equal (and digest alike).
 * Written by JSON.stringify itself, each object's keys put in order on the way.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, withSortedKeys) ?? 'undefined';
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
