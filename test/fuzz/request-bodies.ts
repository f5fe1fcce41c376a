import fc from 'fast-check';
import { EXAMPLE_REQUESTS } from '../decisions/example-requests.js';

/*
 * Hostile request bodies, made by mutating valid ones. A body is modelled as JSON text to be, not as a JS value,
 * so that it can hold what JSON.stringify never writes: a key twice, a "__proto__" key, a number too large for a
 * double, a lone surrogate escape, nesting far deeper than any parser's recursion.
 */
export type JsonModel =
  | { kind: 'scalar'; value: null | boolean | number | string }
  | { kind: 'raw'; text: string }
  | { kind: 'object'; entries: Array<[string, JsonModel]> }
  | { kind: 'array'; items: JsonModel[] };

export function modelOf(value: unknown): JsonModel {
  if (Array.isArray(value)) return { kind: 'array', items: value.map(modelOf) };
  if (value !== null && typeof value === 'object') return { kind: 'object', entries: Object.entries(value).map(([key, item]) => [key, modelOf(item)]) };
  return { kind: 'scalar', value: value as null | boolean | number | string };
}

export function textOf(model: JsonModel): string {
  switch (model.kind) {
    case 'scalar':
      return JSON.stringify(model.value);
    case 'raw':
      return model.text;
    case 'array':
      return `[${model.items.map(textOf).join(',')}]`;
    case 'object':
      return `{${model.entries.map(([key, value]) => `${JSON.stringify(key)}:${textOf(value)}`).join(',')}}`;
  }
}

/** Every node with the way to replace it; the root is replaced by returning a new model. */
function nodesOf(model: JsonModel): Array<{ node: JsonModel; replace: (next: JsonModel) => void; parent: JsonModel | null }> {
  const found: Array<{ node: JsonModel; replace: (next: JsonModel) => void; parent: JsonModel | null }> = [];
  const visit = (node: JsonModel, replace: (next: JsonModel) => void, parent: JsonModel | null): void => {
    found.push({ node, replace, parent });
    if (node.kind === 'object') {
      for (const entry of node.entries) visit(entry[1], (next) => (entry[1] = next), node);
    }
    if (node.kind === 'array') {
      for (const [index, item] of node.items.entries()) visit(item, (next) => (node.items[index] = next), node);
    }
  };
  visit(model, () => {}, null);
  return found;
}

const deepNesting = (depth: number, object: boolean): JsonModel => ({
  kind: 'raw',
  text: object ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`,
});

/** Values of every JSON type, and the awkward ones: numbers as strings, dates that are not, huge and odd numbers. */
const anyValue: fc.Arbitrary<JsonModel> = fc.oneof(
  fc.constantFrom<JsonModel>(
    { kind: 'scalar', value: null },
    { kind: 'scalar', value: true },
    { kind: 'scalar', value: 0 },
    { kind: 'scalar', value: -1 },
    { kind: 'scalar', value: '' },
    { kind: 'scalar', value: '3' },
    { kind: 'scalar', value: '2024-02-30' },
    { kind: 'scalar', value: '2024-13-01' },
    { kind: 'scalar', value: '0000-01-01' },
    { kind: 'scalar', value: '+002024-03-15' },
    { kind: 'scalar', value: '620.005' },
    { kind: 'scalar', value: '-5.00' },
    { kind: 'scalar', value: 'NaN' },
    { kind: 'raw', text: '1e400' },
    { kind: 'raw', text: '-0' },
    { kind: 'raw', text: '123456789012345678901234567890' },
    { kind: 'raw', text: '"\\ud800"' },
    { kind: 'raw', text: '"\\u0000"' },
    { kind: 'object', entries: [] },
    { kind: 'array', items: [] },
  ),
  fc.double().map((value): JsonModel => ({ kind: 'raw', text: Number.isFinite(value) ? JSON.stringify(value) : '1e308' })),
  fc.string({ unit: 'binary', maxLength: 40 }).map((value): JsonModel => ({ kind: 'scalar', value })),
  fc.integer().map((value): JsonModel => ({ kind: 'scalar', value: String(value) })),
);

type Mutation = { op: string; at: number; other: number; value: JsonModel; size: number; key: string };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(
    'drop',
    'duplicate',
    'retype',
    'retype',
    'numbersAsStrings',
    'unicode',
    'protoKey',
    'renameKey',
    'hugeString',
    'deepNesting',
    'manyItems',
    'truncate',
  ),
  at: fc.nat(),
  other: fc.nat(),
  value: anyValue,
  size: fc.nat({ max: 1_300_000 }),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''), fc.string({ unit: 'binary', maxLength: 12 })),
});

/** Applies one mutation; returns the new root (most mutations change the model in place). */
function mutate(root: JsonModel, mutation: Mutation): JsonModel {
  const nodes = nodesOf(root);
  const target = nodes[mutation.at % nodes.length] as (typeof nodes)[number];
  const containers = nodes.filter((entry) => entry.node.kind === 'object' || entry.node.kind === 'array');
  const container = containers.length > 0 ? (containers[mutation.at % containers.length] as (typeof nodes)[number]).node : null;
  switch (mutation.op) {
    case 'drop':
      if (container?.kind === 'object' && container.entries.length > 0) container.entries.splice(mutation.other % container.entries.length, 1);
      if (container?.kind === 'array' && container.items.length > 0) container.items.splice(mutation.other % container.items.length, 1);
      return root;
    case 'duplicate':
      if (container?.kind === 'object' && container.entries.length > 0) {
        const [key, value] = container.entries[mutation.other % container.entries.length] as [string, JsonModel];
        container.entries.push([key, structuredClone(mutation.other % 2 === 0 ? value : mutation.value)]);
      }
      if (container?.kind === 'array' && container.items.length > 0)
        container.items.push(structuredClone(container.items[mutation.other % container.items.length] as JsonModel));
      return root;
    case 'retype':
      if (target.parent === null) return structuredClone(mutation.value);
      target.replace(structuredClone(mutation.value));
      return root;
    case 'numbersAsStrings':
      for (const { node, replace } of nodes) {
        if (node.kind === 'scalar' && typeof node.value === 'number') replace({ kind: 'scalar', value: String(node.value) });
        else if (node.kind === 'scalar' && typeof node.value === 'string' && /^\d+(\.\d+)?$/.test(node.value)) replace({ kind: 'raw', text: node.value });
        else if (node.kind === 'scalar' && typeof node.value === 'boolean' && mutation.other % 2 === 0) replace({ kind: 'scalar', value: String(node.value) });
      }
      return root;
    case 'unicode': {
      const strings = nodes.filter((entry) => entry.node.kind === 'scalar' && typeof entry.node.value === 'string');
      const chosen = strings[mutation.other % Math.max(1, strings.length)];
      const odd = ['\u202e', '\u0000', 'ā', '\ufeff', '😀', '\u00a0', 'İ', '\u200b'][mutation.size % 8] as string;
      if (chosen && chosen.node.kind === 'scalar') chosen.replace({ kind: 'scalar', value: `${odd}${String(chosen.node.value)}${odd}` });
      return root;
    }
    case 'protoKey':
      if (container?.kind === 'object')
        container.entries.splice(mutation.other % (container.entries.length + 1), 0, [
          '__proto__',
          {
            kind: 'object',
            entries: [
              ['polluted', { kind: 'scalar', value: true }],
              ['birthDate', { kind: 'scalar', value: '1985-04-02' }],
            ],
          },
        ]);
      return root;
    case 'renameKey':
      if (container?.kind === 'object' && container.entries.length > 0)
        (container.entries[mutation.other % container.entries.length] as [string, JsonModel])[0] = mutation.key;
      return root;
    case 'hugeString': {
      const huge: JsonModel = { kind: 'scalar', value: 'x'.repeat(mutation.size % 8 === 0 ? mutation.size : mutation.size % 70_000) };
      if (target.parent === null) return huge;
      target.replace(huge);
      return root;
    }
    case 'deepNesting': {
      const deep = deepNesting(mutation.size % 3 === 0 ? 20_000 + (mutation.size % 100_000) : 50 + (mutation.size % 500), mutation.other % 2 === 0);
      if (target.parent === null) return deep;
      target.replace(deep);
      return root;
    }
    case 'manyItems': {
      const count = Math.min(50 + (mutation.size % 1200), Math.ceil(MAX_TEXT / (textOf(target.node).length + 1)));
      // Copies, not one shared node: a later mutation of one item must not change them all.
      const many: JsonModel = { kind: 'array', items: Array.from({ length: count }, () => structuredClone(target.node)) };
      if (target.parent === null) return many;
      target.replace(many);
      return root;
    }
    default:
      // truncate: whatever the text was, it now ends part way.
      return { kind: 'raw', text: textOf(root).slice(0, mutation.other % Math.max(1, textOf(root).length)) };
  }
}

/** A little over the service's 1 MiB body limit. */
const MAX_TEXT = 1_300_000;

export interface HostileRequest {
  endpoint: string;
  text: string;
}

/** How fast-check prints a failing body: its start, not a megabyte of it. */
function shown(request: HostileRequest): HostileRequest {
  return Object.assign(request, { [fc.toStringMethod]: () => `${request.endpoint} (${request.text.length} characters) ${request.text.slice(0, 400)}` });
}

/** A valid NSK, DI or IBM body (sometimes sent to the other endpoint) with one to four mutations. */
export const hostileRequestArbitrary: fc.Arbitrary<HostileRequest> = fc
  .record({
    example: fc.constantFrom(...EXAMPLE_REQUESTS),
    otherEndpoint: fc.boolean(),
    mutations: fc.array(mutationArbitrary, { minLength: 0, maxLength: 4 }),
  })
  .map(({ example, otherEndpoint, mutations }) => {
    const endpoint =
      otherEndpoint && mutations.length % 3 === 0 ? (example.endpoint === '/v1/eligibility' ? '/v1/compensation' : '/v1/eligibility') : example.endpoint;
    let model = modelOf(structuredClone(example.body));
    let text = textOf(model);
    for (const mutation of mutations) {
      // A body over the size limit is refused whole (413); growing it further would only cost the test time.
      if (text.length > MAX_TEXT) break;
      model = mutate(model, mutation);
      text = textOf(model);
    }
    return shown({ endpoint, text });
  });
