/** One place where two answers differ: a JSON pointer, the recorded value and the replayed one (absent: missing). */
export interface Difference {
  path: string;
  old?: unknown;
  new?: unknown;
}

/** An answer that differs everywhere is described by its first differences, not by a reply larger than itself. */
export const MAX_LISTED_DIFFERENCES = 100;

function pointerSegment(key: string | number): string {
  return `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collect(old: unknown, now: unknown, path: string, ignore: ReadonlySet<string>, found: Difference[]): void {
  if (ignore.has(path)) return;
  if (Array.isArray(old) && Array.isArray(now)) {
    for (let index = 0; index < Math.max(old.length, now.length); index += 1) {
      const at = path + pointerSegment(index);
      if (index >= now.length) found.push({ path: at, old: old[index] });
      else if (index >= old.length) found.push({ path: at, new: now[index] });
      else collect(old[index], now[index], at, ignore, found);
    }
    return;
  }
  if (isObject(old) && isObject(now)) {
    const keys = [...Object.keys(old), ...Object.keys(now).filter((key) => !Object.hasOwn(old, key))];
    for (const key of keys) {
      const at = path + pointerSegment(key);
      if (ignore.has(at)) continue;
      if (!Object.hasOwn(now, key)) found.push({ path: at, old: old[key] });
      else if (!Object.hasOwn(old, key)) found.push({ path: at, new: now[key] });
      else collect(old[key], now[key], at, ignore, found);
    }
    return;
  }
  if (old !== now) found.push({ path, old, new: now });
}

/**
 * Where `now` differs from `old`, as JSON pointers ("/segments/0/eligible"), skipping the paths in `ignore`
 * (such as "/decisionId"). Arrays are compared item by item, objects key by key.
 */
export function answerDifferences(old: unknown, now: unknown, ignore: ReadonlySet<string> = new Set()): { differences: Difference[]; more: number } {
  const found: Difference[] = [];
  collect(old, now, '', ignore, found);
  return { differences: found.slice(0, MAX_LISTED_DIFFERENCES), more: Math.max(0, found.length - MAX_LISTED_DIFFERENCES) };
}
