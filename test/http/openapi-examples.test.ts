import { describe, expect, it } from 'vitest';
import { OPENAPI, pointerOf, schemaProblemsAt, type JsonObject } from '../support/openapi-document.js';

/** An example of the document, where it is and the schema it must satisfy. */
interface PlacedExample {
  where: string;
  schema: string;
  value: unknown;
}

/**
 * Every example of the document: a schema's `examples` (a list of values of that schema), a media type's or a
 * parameter's `examples` (a map of named examples, each valid against the schema beside it) and any `example`.
 */
function examplesOf(node: unknown, keys: string[] = [], found: PlacedExample[] = []): PlacedExample[] {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) examplesOf(item, [...keys, String(index)], found);
    return found;
  }
  if (node === null || typeof node !== 'object') return found;
  const object = node as JsonObject;
  const here = pointerOf(keys);
  const beside = 'schema' in object ? pointerOf([...keys, 'schema']) : here;
  if (Array.isArray(object.examples))
    for (const [index, value] of object.examples.entries()) found.push({ where: `${here}/examples/${index}`, schema: here, value });
  else if (object.examples !== null && typeof object.examples === 'object') {
    for (const [name, example] of Object.entries(object.examples as Record<string, { value?: unknown }>))
      found.push({ where: `${here}/examples/${name}`, schema: beside, value: example.value });
  }
  if ('example' in object) found.push({ where: `${here}/example`, schema: beside, value: object.example });
  for (const [key, value] of Object.entries(object)) if (key !== 'examples' && key !== 'example') examplesOf(value, [...keys, key], found);
  return found;
}

const EXAMPLES = examplesOf(OPENAPI);

describe('the examples of the OpenAPI description validate against their schemas', () => {
  it('there are examples of requests, answers and problems', () => {
    const named = EXAMPLES.map(({ where }) => where);
    expect(named).toEqual(
      expect.arrayContaining([
        '#/paths/~1v1~1eligibility/post/requestBody/content/application~1json/examples/nskOneDay',
        '#/paths/~1v1~1compensation/post/requestBody/content/application~1json/examples/diYear',
        '#/paths/~1v1~1eligibility/post/responses/200/content/application~1json/examples/notEligible',
        '#/paths/~1v1~1compensation/post/responses/200/content/application~1json/examples/diYear',
        '#/components/responses/InvalidRequest/content/application~1problem+json/examples/twoProblems',
      ]),
    );
    expect(EXAMPLES.length).toBeGreaterThan(25);
  });

  it.each(EXAMPLES.map((example) => [example.where, example] as const))('%s', (_where, example) => {
    expect(example.value, 'a named example without its value').toBeDefined();
    expect(schemaProblemsAt(example.schema, example.value)).toEqual([]);
  });

  it('a spoiled example does not validate (the check bites)', () => {
    const [diYear] = EXAMPLES.filter(({ where }) => where.endsWith('/requestBody/content/application~1json/examples/diYear'));
    if (!diYear) throw new Error('no DI request example');
    const request = diYear.value as { deliveries: JsonObject[] };
    expect(schemaProblemsAt(diYear.schema, { ...request, deliveries: [{ ...request.deliveries[0], units: 40 }] })).toContain(
      '/deliveries/0/units must be string',
    );
    expect(schemaProblemsAt(diYear.schema, { ...request, emergency: true })).not.toEqual([]);
  });
});
