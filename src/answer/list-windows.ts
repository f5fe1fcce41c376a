import { closedFieldNames, fieldSchema, type PlacedSchema } from '../rules/fact-values.js';

/*
 * A request's lists, checked a window of items at a time. The validator collects every error (allErrors) and adds
 * the errors of each list item to all those found before it by copying them into a new array: a body of thousands of
 * bad items, or of bad items after thousands of unknown fields, costs time that grows with the square of its size
 * (349,000 empty cost lines took ~10 s). Given views of the body in which every list holds at most WINDOW items, it
 * does bounded work a view, and the checks can stop as soon as enough problems are known.
 */

/** Items of each list in one view of the body. */
export const LIST_WINDOW = 10;

/** How deep the walk of a request schema for its lists goes (they are at most two deep: `person.conditions`). */
const DEEPEST_LIST = 4;

/** A list of the request schema, as the body has it; items past `end` are never looked at. */
export interface BodyList {
  path: readonly string[];
  /** The list's JSON pointer ("/person/conditions"). */
  pointer: string;
  items: readonly unknown[];
  /** The list's `maxItems`; null when it has none. */
  limit: number | null;
  /** One past the last item looked at: all of a list within its limit, one item past it of a longer one. */
  end: number;
}

/** Where a request schema has a list (outside other lists), and its `maxItems`. */
interface SchemaList {
  path: readonly string[];
  pointer: string;
  limit: number | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pointerOf(path: readonly string[]): string {
  return path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function listsOfSchema(request: PlacedSchema): SchemaList[] {
  const lists: SchemaList[] = [];
  const visit = (placed: PlacedSchema, path: readonly string[]): void => {
    if (path.length >= DEEPEST_LIST) return;
    for (const name of closedFieldNames(placed) ?? []) {
      const field = fieldSchema(placed, name);
      if (field === null) continue;
      const { type, maxItems } = field.schema;
      if (type === 'array' || (Array.isArray(type) && type.includes('array')))
        lists.push({ path: [...path, name], pointer: pointerOf([...path, name]), limit: typeof maxItems === 'number' ? maxItems : null });
      else visit(field, [...path, name]);
    }
  };
  visit(request, []);
  return lists;
}

const schemaLists = new WeakMap<PlacedSchema, SchemaList[]>();

/**
 * The lists of `body` where the request schema has lists. Nowhere else does the validator go into a list: a list
 * in an unknown field, or where the schema wants another type, is refused whole.
 */
export function listsOf(request: PlacedSchema, body: unknown): BodyList[] {
  let lists = schemaLists.get(request);
  if (!lists) {
    lists = listsOfSchema(request);
    schemaLists.set(request, lists);
  }
  const found: BodyList[] = [];
  for (const { path, pointer, limit } of lists) {
    let value = body;
    for (const segment of path) value = isObject(value) && Object.hasOwn(value, segment) ? value[segment] : undefined;
    if (Array.isArray(value)) found.push({ path, pointer, items: value, limit, end: limit === null ? value.length : Math.min(value.length, limit + 1) });
  }
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
