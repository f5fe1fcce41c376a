import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { bundledRuleSet } from '../support/rule-sets.js';

const SCHEMAS = fileURLToPath(new URL('../../schemas/', import.meta.url));
const text = readFileSync(`${SCHEMAS}openapi.yaml`, 'utf8');

/** A schema of the document's components, as far as these tests read one. */
interface ComponentSchema {
  required: string[];
  properties: Record<string, unknown> & { assumptions: unknown; openQuestions: { items: unknown } };
  items: unknown;
}

/** The parts of schemas/openapi.yaml these tests read: what the parsed YAML is expected to hold. */
interface OpenApiDocument {
  openapi: string;
  info: { description: string };
  paths: {
    '/v1/eligibility': { post: { description: string } };
    '/v1/compensation': { post: { description: string } };
    '/v1/programmes/{id}': { get: { responses: { '200': { content: { 'application/json': { schema: unknown } } } } } };
  };
  components: {
    schemas: Record<
      'DateAnswer' | 'PeriodAnswer' | 'CompensationAnswer' | 'AssumptionsUsed' | 'Assumption' | 'ProgrammeDescription' | 'OpenQuestion',
      ComponentSchema
    >;
  };
}

const openapi = parse(text) as OpenApiDocument;

/** Every $ref in the document, wherever it is. */
function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refs(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refs(value, found);
    }
  }
  return found;
}

/** The property names a request schema file declares, at any depth. */
function propertyNames(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) propertyNames(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) found.add(name);
      propertyNames(value, found);
    }
  }
  return found;
}

describe('the OpenAPI description (schemas/openapi.yaml)', () => {
  it('is the document GET /openapi.yaml serves, OpenAPI 3.1', async () => {
    const response = await request(createApp(fixedRuleSet(bundledRuleSet())))
      .get('/openapi.yaml')
      .expect(200);
    expect(response.text).toBe(text);
    expect(openapi.openapi).toBe('3.1.0');
  });

  it('every $ref resolves: to a component of this document or to a request schema beside it', () => {
    for (const ref of refs(openapi)) {
      if (ref.startsWith('#/')) {
        const target = ref
          .slice(2)
          .split('/')
          .reduce<unknown>((node, part) => (node as Record<string, unknown> | null | undefined)?.[part], openapi);
        expect(target, ref).toBeDefined();
      } else {
        expect(existsSync(`${SCHEMAS}${ref.replace(/^\.\//, '').replace(/#.*$/, '')}`), ref).toBe(true);
      }
    }
  });

  it('names every request field of the request schemas (contract v2 included) in the route it belongs to', () => {
    const eligibility = openapi.paths['/v1/eligibility'].post.description as string;
    const compensation = openapi.paths['/v1/compensation'].post.description as string;
    const described = `${openapi.info.description}\n${eligibility}\n${compensation}`;
    const person = JSON.parse(readFileSync(`${SCHEMAS}api/person.schema.json`, 'utf8'));
    const asked = JSON.parse(readFileSync(`${SCHEMAS}api/compensation-request.schema.json`, 'utf8'));
    // Fields a v2 request may carry, from the request schemas themselves; the moved or dropped ones are named as 400s.
    for (const field of ['inVsac', 'diCompensatedUntil', 'diPaidAtUnitCost', 'rateTier', 'remoteSuitabilityAssessed', 'personConsentedToOpinion']) {
      expect([...propertyNames(person), ...propertyNames(asked)], field).toContain(field);
      expect(described, field).toContain(field);
    }
    for (const moved of ['/person/diCompensatedUntil', '/emergency', 'diUnitCost']) expect(openapi.info.description, moved).toContain(moved);
    expect(compensation).toContain('one whole calendar half-year');
    expect(compensation).toContain('400 at `/period`');
    expect(compensation).not.toContain('emergency?: true');
  });

  it('every eligibility and compensation answer has the assumptions it rests on; GET /v1/programmes/{id} its open questions', () => {
    const schemas = openapi.components.schemas;
    for (const answer of ['DateAnswer', 'PeriodAnswer', 'CompensationAnswer'] as const) {
      expect(schemas[answer].required, answer).toContain('assumptions');
      expect(schemas[answer].properties.assumptions, answer).toEqual({ $ref: '#/components/schemas/AssumptionsUsed' });
    }
    expect(schemas.AssumptionsUsed.items).toEqual({ $ref: '#/components/schemas/Assumption' });
    expect(Object.keys(schemas.Assumption.properties)).toEqual(['id', 'programme', 'version', 'text', 'otherReading', 'passage']);
    expect(schemas.Assumption.required).toEqual(['id', 'programme', 'version', 'text']);
    const programme = openapi.paths['/v1/programmes/{id}'].get.responses['200'].content['application/json'].schema;
    expect(programme).toEqual({ $ref: '#/components/schemas/ProgrammeDescription' });
    expect(schemas.ProgrammeDescription.properties.openQuestions.items).toEqual({ $ref: '#/components/schemas/OpenQuestion' });
    expect(Object.keys(schemas.OpenQuestion.properties)).toEqual(['id', 'text', 'otherReading', 'passage', 'versions', 'usedBy']);
  });

  it('describes what GET /v1/programmes/{id} answers: every top-level field the service sends is a property', async () => {
    const response = await request(createApp(fixedRuleSet(bundledRuleSet())))
      .get('/v1/programmes/nsk')
      .expect(200);
    const declared = Object.keys(openapi.components.schemas.ProgrammeDescription.properties);
    for (const field of Object.keys(response.body)) expect(declared, field).toContain(field);
    for (const field of openapi.components.schemas.ProgrammeDescription.required) expect(response.body, field).toHaveProperty(field);
    const question = response.body.openQuestions[0];
    if (question) for (const field of openapi.components.schemas.OpenQuestion.required) expect(question, field).toHaveProperty(field);
  });
});
