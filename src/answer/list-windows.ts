import { fieldSchema, type PlacedSchema } from '../rules/fact-values.js';

/*
 * A request's lists, checked a window of items at a time. The validator collects every error (allErrors) and adds
 * the errors of each list item to all those found before it by copying them into a new array: a body of thousands of
 * bad items, or of bad items after thousands of unknown fields, costs time that grows with the square of its size
 * (349,000 empty cost lines took ~10 s). Given views of the body in which every list holds at most WINDOW items, it
 * does bounded work a view, and the checks can stop as soon as enough problems are known.
 */

/** Items of each list in one view of the body. */
export const LIST_WINDOW = 10;

/** Lists sit at most this deep in a request (`person.conditions`); deeper, the validator does not look. */
const DEEPEST_LIST = 4;

/** A list of the body, reached from its root through objects only; items past `end` are never looked at. */
export interface BodyList {
  path: readonly string[];
  /** The list's JSON pointer ("/person/conditions"). */
  pointer: string;
  items: readonly unknown[];
  /** The list's `maxItems` in the request schema; null when the schema has no list here. */
  limit: number | null;
  /** One past the last item looked at: all of a list within its limit, one item past it of a longer one. */
  end: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pointerOf(path: readonly string[]): string {
  return path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The `maxItems` of the list the request schema has at `path`, or null. */
function limitAt(request: PlacedSchema, path: readonly string[]): number | null {
  let placed: PlacedSchema | null = request;
  for (const segment of path) placed = placed === null ? null : fieldSchema(placed, segment);
  const limit = placed?.schema.maxItems;
  return typeof limit === 'number' ? limit : null;
}

/** The lists of `body` outside other lists (the request schemas have none inside a list's items). */
export function listsOf(request: PlacedSchema, body: unknown): BodyList[] {
  const found: BodyList[] = [];
  const visit = (value: unknown, path: readonly string[]): void => {
    if (Array.isArray(value)) {
      const limit = limitAt(request, path);
      // A list the schema does not have is refused whole, as a field or a value it does not allow: one window shows it.
      const end = limit === null ? Math.min(value.length, LIST_WINDOW) : Math.min(value.length, limit + 1);
      found.push({ path, pointer: pointerOf(path), items: value, limit, end });
    } else if (isObject(value) && path.length < DEEPEST_LIST) {
      // Only fields that are lists or objects are gone into: a body of many scalar fields is passed over quickly.
      for (const key of Object.keys(value)) {
        const field = value[key];
        if (field !== null && typeof field === 'object') visit(field, [...path, key]);
      }
    }
  };
  if (isObject(body)) visit(body, []);
  return found;
}

/** The items of `list` in the view that starts at `start`; past its end, its first window again (no list is emptied). */
function windowOf(list: BodyList, start: number): unknown[] {
  const from = start < list.end ? start : 0;
  return list.items.slice(from, Math.min(from + LIST_WINDOW, list.end));
}

/** Sets a field, even one named `__proto__`, as an own property. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `check(body)` with each of `lists` in the body replaced by its window at `start`, for the length of the call: the
 * lists are put back after it. Swapping them in place, rather than copying the objects on their way, keeps a view
 * of a body of many fields as cheap as one of few.
 */
export function inWindows<T>(body: Record<string, unknown>, lists: readonly BodyList[], start: number, check: (view: unknown) => T): T {
  const places = lists.map((list) => {
    let parent = body;
    for (const segment of list.path.slice(0, -1)) parent = parent[segment] as Record<string, unknown>;
    return { parent, key: list.path.at(-1) as string, list };
  });
  for (const { parent, key, list } of places) setOwn(parent, key, windowOf(list, start));
  try {
    return check(body);
  } finally {
    for (const { parent, key, list } of places) setOwn(parent, key, list.items);
  }
}

/** A JSON pointer of a view (`/costs/3/from`) as the body's (`/costs/13/from`, for the view starting at 10). */
export function bodyPointer(pointer: string, lists: readonly BodyList[], start: number): string {
  for (const list of lists) {
    if (!pointer.startsWith(`${list.pointer}/`)) continue;
    const rest = pointer.slice(list.pointer.length + 1);
    const index = /^\d+/.exec(rest)?.[0];
    if (index === undefined) continue;
    const from = start < list.end ? start : 0;
    return `${list.pointer}/${Number(index) + from}${rest.slice(index.length)}`;
  }
  return pointer;
}
