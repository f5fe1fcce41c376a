import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { OPENAPI, OPENAPI_TEXT, operations, at, dereferenced, schemaProblemsAt, type JsonObject } from '../support/openapi-document.js';
import { bundledRuleSet } from '../support/rule-sets.js';

const app = createApp(fixedRuleSet(bundledRuleSet()));
/** A schema of the document's components, as far as these tests read one. */
interface ComponentSchema {
  required?: string[];
  properties: JsonObject;
  items?: unknown;
}

function component(name: string): ComponentSchema {
  const found = OPENAPI.components.schemas[name];
  if (!found) throw new Error(`schemas/openapi.yaml has no component schema ${name}`);
  return found as unknown as ComponentSchema;
}

/** Every `$ref` in a node, wherever it is. */
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

/** Keys with no value whose name has a space: what an unquoted comma in a YAML flow mapping leaves behind. */
function strayKeys(node: unknown, where = '#', found: string[] = []): string[] {
  if (Array.isArray(node)) for (const [index, item] of node.entries()) strayKeys(item, `${where}/${index}`, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (value === null && key.includes(' ')) found.push(`${where}: "${key}"`);
      strayKeys(value, `${where}/${key}`, found);
    }
  }
  return found;
}

/** The property names a schema declares, at any depth. */
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

/** Express's routes as `METHOD /path/{param}`, read from the app's router (the routers it mounts included). */
interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}
function routesOf(stack: readonly RouterLayer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${path}`);
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

const described = operations();

describe('the OpenAPI description (schemas/openapi.yaml)', () => {
  it('is served as written at GET /openapi.yaml, and as the same document at GET /openapi.json', async () => {
    const yaml = await request(app).get('/openapi.yaml').expect(200);
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(yaml.text).toBe(OPENAPI_TEXT);
    const json = await request(app).get('/openapi.json').expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body).toEqual(parse(OPENAPI_TEXT));
    expect(json.body.openapi).toBe('3.1.0');
  });

  it('is self-contained: every $ref names a place in this document, and it is there', () => {
    const all = refs(OPENAPI);
    expect(all.length).toBeGreaterThan(100);
    for (const ref of all) {
      expect(ref, 'a $ref outside the document answers 404 to a client that follows it').toMatch(/^#\//);
      expect(at(ref), ref).toBeDefined();
    }
  });

  it('lost no words to an unquoted comma: no description or example has a stray key', () => {
    expect(strayKeys(OPENAPI)).toEqual([]);
  });

  it('describes every route the service has, and no route it does not have', () => {
    const routes = routesOf((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
    const documented = described.map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !documented.includes(route))).toEqual([]);
    // GET / is the web page, served from its folder rather than by a route of its own.
    expect(documented.filter((route) => !routes.includes(route))).toEqual(['GET /']);
  });

  it('names every operation with a unique operationId, a summary and its security', () => {
    const ids = described.map(({ operation }) => operation.operationId);
    for (const [index, id] of ids.entries()) expect(id, `${described[index]?.method} ${described[index]?.path}`).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, operation } of described) {
      expect(operation.summary, path).toBeTruthy();
      expect(operation.security, path).toBeDefined();
    }
  });

  it('gives every request body and every answer a schema; every error is problem+json (a degraded /health aside)', () => {
    for (const { method, path, operation } of described) {
      const name = `${method.toUpperCase()} ${path}`;
      if (method === 'post' && path !== '/v1/admin/reload' && !path.endsWith('/replay')) {
        expect(operation.requestBody?.content['application/json']?.schema, name).toBeDefined();
      }
      for (const [status, reference] of Object.entries(operation.responses)) {
        const response = dereferenced(reference) as { content?: Record<string, { schema?: unknown }> };
        const media = Object.entries(response.content ?? {});
        expect(media.length, `${name} ${status}`).toBeGreaterThan(0);
        for (const [type, content] of media) {
          expect(content.schema, `${name} ${status} ${type}`).toBeDefined();
          // A degraded /health still says what is loaded: its 503 is the health document, not a problem.
          if (!status.startsWith('2') && `${name} ${status}` !== 'GET /health 503') {
            expect(type, `${name} ${status}`).toBe('application/problem+json');
            expect(content.schema, `${name} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' });
          }
        }
      }
    }
  });

  it('lists the client errors of every operation: a GET with content, and 401 and 403 where a token is needed', () => {
    for (const { method, path, operation } of described) {
      const name = `${method.toUpperCase()} ${path}`;
      const clientErrors = Object.keys(operation.responses).filter((status) => status.startsWith('4'));
      if (method === 'get') expect(clientErrors, name).toContain('400');
      else expect(clientErrors.length, name).toBeGreaterThan(0);
      if ((operation.security ?? []).length > 0) expect(clientErrors, name).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('has the request schemas the service checks requests with, naming every field contract v2 added or moved', () => {
    const eligibility = OPENAPI.paths['/v1/eligibility']?.post?.description as string;
    const compensation = OPENAPI.paths['/v1/compensation']?.post?.description as string;
    const words = `${OPENAPI.info.description}\n${eligibility}\n${compensation}`;
    expect(OPENAPI.paths['/v1/eligibility']?.post?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/EligibilityRequest',
    });
    expect(OPENAPI.paths['/v1/compensation']?.post?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/CompensationRequest',
    });
    const fields = [...propertyNames(OPENAPI.components.schemas)];
    for (const field of ['inVsac', 'diCompensatedUntil', 'diPaidAtUnitCost', 'rateTier', 'remoteSuitabilityAssessed', 'personConsentedToOpinion']) {
      expect(fields, field).toContain(field);
      expect(words, field).toContain(field);
    }
    for (const moved of ['/person/diCompensatedUntil', '/emergency', 'diUnitCost']) expect(OPENAPI.info.description, moved).toContain(moved);
    expect(compensation).toContain('one whole calendar half-year');
    expect(compensation).toContain('400 at `/period`');
    expect(compensation).not.toContain('emergency?: true');
  });

  it('every eligibility and compensation answer has the assumptions it rests on; GET /v1/programmes/{id} its open questions', () => {
    for (const answer of ['DateAnswer', 'PeriodAnswer', 'CompensationAnswer']) {
      expect(component(answer).required, answer).toContain('assumptions');
      expect(component(answer).properties.assumptions, answer).toEqual({ $ref: '#/components/schemas/AssumptionsUsed' });
    }
    expect(component('AssumptionsUsed').items).toEqual({ $ref: '#/components/schemas/Assumption' });
    expect(Object.keys(component('Assumption').properties)).toEqual(['id', 'programme', 'version', 'text', 'otherReading', 'passage']);
    // At explain none an assumption is only named: no text.
    expect(component('Assumption').required).toEqual(['id', 'programme', 'version']);
    const programme = at('#/paths/~1v1~1programmes~1{id}/get/responses/200/content/application~1json/schema');
    expect(programme).toEqual({ $ref: '#/components/schemas/ProgrammeDescription' });
    expect((component('ProgrammeDescription').properties.openQuestions as JsonObject).items).toEqual({ $ref: '#/components/schemas/OpenQuestion' });
    expect(Object.keys(component('OpenQuestion').properties)).toEqual(['id', 'text', 'otherReading', 'passage', 'versions', 'usedBy']);
  });

  it('describes what GET /v1/programmes/{id} answers: every top-level field the service sends is a property', async () => {
    const response = await request(app).get('/v1/programmes/nsk').expect(200);
    const declared = Object.keys(component('ProgrammeDescription').properties);
    for (const field of Object.keys(response.body)) expect(declared, field).toContain(field);
    for (const field of component('ProgrammeDescription').required ?? []) expect(response.body, field).toHaveProperty(field);
  });

  describe('contract v2 nextChange and whatWouldChange: optional, in the shapes the contract gives', () => {
    const nextChange = '#/components/schemas/NextChange';
    const whatWouldChange = '#/components/schemas/WhatWouldChange';

    it.each([
      ['a day the answer changes', { date: '2027-05-09', eligible: false, basis: [], blockers: ['T'] }],
      ['a day with no rule version', { date: '2030-01-01', eligible: false, noVersion: true }],
      ['nothing changes in 3660 days', null],
    ])('nextChange: %s is valid', (_case, value) => {
      expect(schemaProblemsAt(nextChange, value)).toEqual([]);
    });

    it.each([
      ['a day without its answer', { date: '2027-05-09' }],
      ['no version yet eligible', { date: '2030-01-01', eligible: true, noVersion: true }],
      ['a date that is not a day', { date: '2027-02-30', eligible: true, basis: [], blockers: [] }],
    ])('nextChange: %s is not', (_case, value) => {
      expect(schemaProblemsAt(nextChange, value)).not.toEqual([]);
    });

    it('whatWouldChange: blockers with options of changes (path, now, needs) and words', () => {
      const lifted = [
        {
          blocker: 'R1',
          title: { lv: 'VSAC pakalpojums beidzies', en: 'The VSAC service ended' },
          options: [
            {
              changes: [{ path: '/person/vsacExit/date', now: '2018-06-30', needs: { onOrAfter: '2018-07-01' } }],
              words: { lv: 'VSAC izstāšanās 2018-07-01 vai vēlāk', en: 'the VSAC exit on or after 2018-07-01' },
            },
          ],
        },
      ];
      expect(schemaProblemsAt(whatWouldChange, lifted)).toEqual([]);
      expect(schemaProblemsAt(whatWouldChange, [{ blocker: 'R1', options: [{ changes: [{ path: '/person/vsacExit/date' }] }] }])).not.toEqual([]);
    });

    it('neither is required: an answer without them (an older decision made again) is still valid', () => {
      for (const schema of ['DateAnswer', 'Segment']) {
        expect(component(schema).required, schema).not.toContain('nextChange');
        expect(component(schema).required, schema).not.toContain('whatWouldChange');
      }
      expect(component('DateAnswer').properties.nextChange).toEqual({ $ref: nextChange });
      expect(component('DateAnswer').properties.whatWouldChange).toEqual({ $ref: whatWouldChange });
      expect(component('Segment').properties.whatWouldChange).toEqual({ $ref: whatWouldChange });
    });
  });
});
