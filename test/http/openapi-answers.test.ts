import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import { loadExampleCases } from '../../src/cases/example-cases.js';
import { StoreUnavailable, type StoreHealth } from '../../src/decisions/decision-store.js';
import type { DecisionRecord } from '../../src/decisions/decision-record.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { type AppOptions, createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { OPENAPI, pointerOf, schemaProblemsAt } from '../support/openapi-document.js';
import { BUNDLED_RULES, bundledRuleSet } from '../support/rule-sets.js';

/*
 * The service's real answers, route by route, against what the OpenAPI description says of them: each status must
 * be one the operation lists, in the media type it gives, valid against its schema. The answers of every bundled
 * example case at every explain level are checked, so the schemas cannot fall behind what the service sends.
 */

interface Answer {
  status: number;
  type: string;
  body: unknown;
}

/** The pointer of the schema the description gives an operation's answer of this status and media type, or why none. */
function documentedSchema(method: string, path: string, answer: Answer): string | { undocumented: string } {
  const operation = OPENAPI.paths[path]?.[method];
  if (!operation) return { undocumented: `no operation ${method.toUpperCase()} ${path}` };
  const response = operation.responses[String(answer.status)] as { $ref?: string; content?: Record<string, unknown> } | undefined;
  if (!response) return { undocumented: `${method.toUpperCase()} ${path} does not list ${answer.status}` };
  const place = response.$ref ?? pointerOf(['paths', path, method, 'responses', String(answer.status)]);
  const content = response.$ref
    ? (OPENAPI.components.responses[response.$ref.split('/').pop() as string]?.content as Record<string, unknown>)
    : response.content;
  if (!content?.[answer.type]) return { undocumented: `${method.toUpperCase()} ${path} ${answer.status} is not documented as ${answer.type}` };
  return `${place}/content/${answer.type.replace(/\//g, '~1')}/schema`;
}

/** What does not hold of an answer against the description (empty when all holds). */
function undocumented(method: string, path: string, answer: Answer): string[] {
  const schema = documentedSchema(method, path, answer);
  if (typeof schema !== 'string') return [schema.undocumented];
  return schemaProblemsAt(schema, answer.body).map((problem) => `${method.toUpperCase()} ${path} ${answer.status}: ${problem}`);
}

interface Service {
  base: string;
  server: Server;
}

function serve(options: AppOptions): Promise<Service> {
  const app = createApp(fixedRuleSet(bundledRuleSet()), options);
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/** A request over HTTP as a client sends it (node:http, which, unlike fetch, also sends a GET with content). */
function call(service: Service, method: string, url: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const content = init.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(init.body)) };
    // A connection of its own: a body refused unread does not share it with the next request.
    const sent = httpRequest(`${service.base}${url}`, { method: method.toUpperCase(), agent: false, headers: { ...content, ...init.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const type = (response.headers['content-type'] ?? '').split(';')[0] as string;
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, type, body: /json$/.test(type) ? JSON.parse(text) : text });
      });
    });
    sent.on('error', reject);
    sent.end(init.body);
  });
}

const secretOf = (id: string): string => `${id}-secret-of-24-characters-or-more`;
const tokens = tokensFromText(
  'tokens.yaml',
  [
    'tokens:',
    ...['riga-caseworker:caseworker:riga', 'state-auditor:auditor:state'].map((token) => {
      const [id, role, municipality] = token.split(':') as [string, string, string];
      return `  - { id: ${id}, role: ${role}, municipality: ${municipality}, secret: ${secretOf(id)} }`;
    }),
  ].join('\n'),
);
if (!tokens.ok) throw new Error(JSON.stringify(tokens.problems));

/** A store that cannot keep or read a decision: a full disk, a database that does not answer. */
class UnavailableStore extends MemoryDecisionStore {
  override async append(_record: DecisionRecord): Promise<void> {
    throw new StoreUnavailable('the disk of the decision database is full');
  }
  override async read(): Promise<DecisionRecord | null> {
    throw new StoreUnavailable('the database does not answer');
  }
  override async health(): Promise<StoreHealth> {
    return { ok: false, reason: 'the disk of the decision database is full' };
  }
}

let open: Service;
let guarded: Service;
let unavailable: Service;
let limited: Service;

beforeAll(async () => {
  open = await serve({ decisions: new MemoryDecisionStore(), reload: () => ({ reloaded: true, generation: 2 }) });
  guarded = await serve({ decisions: new MemoryDecisionStore(), auth: { mode: 'tokens', tokens: tokens.registry } });
  unavailable = await serve({ decisions: new UnavailableStore() });
  limited = await serve({ decisions: new MemoryDecisionStore(), auth: { mode: 'tokens', tokens: tokens.registry }, rateLimitPerMinute: 1 });
});

afterAll(async () => {
  for (const service of [open, guarded, unavailable, limited]) await new Promise<void>((resolve) => service.server.close(() => resolve()));
});

const { cases } = loadExampleCases(BUNDLED_RULES);

describe('the answers of the service are what the OpenAPI description says', () => {
  it('the bundled example cases ask both questions, and some are refused', () => {
    expect(new Set(cases.map((example) => example.endpoint))).toEqual(new Set(['eligibility', 'compensation']));
    expect(cases.some((example) => (example.expect.status ?? 200) >= 400)).toBe(true);
  });

  it.each(['full', 'rules', 'none'])(
    'every bundled example case at explain %s',
    async (explain) => {
      const problems: string[] = [];
      const statuses = new Set<number>();
      for (const example of cases) {
        const answer = await call(open, 'post', `/v1/${example.endpoint}`, { body: JSON.stringify({ ...example.request, explain }) });
        statuses.add(answer.status);
        problems.push(...undocumented('post', `/v1/${example.endpoint}`, answer).map((problem) => `${example.name}: ${problem}`));
      }
      expect(problems).toEqual([]);
      expect(statuses).toContain(200);
      expect(statuses).toContain(400);
    },
    300_000,
  );

  it('the rules as data: health, every programme, its diffs', async () => {
    const problems: string[] = [];
    const check = async (path: string, url: string): Promise<Answer> => {
      const answer = await call(open, 'get', url);
      problems.push(...undocumented('get', path, answer));
      return answer;
    };
    expect((await check('/health', '/health')).status).toBe(200);
    const listed = (await check('/v1/programmes', '/v1/programmes')).body as { programmes: Array<{ id: string; versions: Array<{ version: string }> }> };
    // Every programme of rules/, as the loader read it: an officer's new one is checked too.
    expect(listed.programmes.map((programme) => programme.id).sort()).toEqual([...bundledRuleSet().programmes.keys()].sort());
    for (const programme of listed.programmes) {
      expect((await check('/v1/programmes/{id}', `/v1/programmes/${programme.id}`)).status).toBe(200);
      expect((await check('/v1/programmes/{id}/diff', `/v1/programmes/${programme.id}/diff`)).status).toBe(200);
      const [first, last] = [programme.versions[0]?.version, programme.versions.at(-1)?.version];
      expect((await check('/v1/programmes/{id}/diff', `/v1/programmes/${programme.id}/diff?from=${first}&to=${last}`)).status).toBe(200);
    }
    expect((await check('/v1/programmes/{id}', '/v1/programmes/nsx')).status).toBe(404);
    const nskFirst = listed.programmes.find((programme) => programme.id === 'nsk')?.versions[0]?.version;
    expect((await check('/v1/programmes/{id}/diff', `/v1/programmes/nsk/diff?from=1999-01-01&to=${nskFirst}`)).status).toBe(400);
    expect(problems).toEqual([]);
  });

  it('the decision records: search, read, replay', async () => {
    const problems: string[] = [];
    const check = async (method: string, path: string, url: string): Promise<Answer> => {
      const answer = await call(open, method, url);
      problems.push(...undocumented(method, path, answer));
      return answer;
    };
    // A decision of each kind: a day, a period, a compensation.
    const answered = cases.filter((example) => (example.expect.status ?? 200) === 200);
    const kinds = [
      answered.find((example) => example.endpoint === 'eligibility' && 'date' in example.request),
      answered.find((example) => example.endpoint === 'eligibility' && 'period' in example.request),
      answered.find((example) => example.endpoint === 'compensation'),
    ];
    const decisionIds: string[] = [];
    for (const example of kinds) {
      if (!example) throw new Error('the bundled example cases lack a decision of one kind');
      const made = await call(open, 'post', `/v1/${example.endpoint}`, { body: JSON.stringify(example.request) });
      decisionIds.push((made.body as { decisionId: string }).decisionId);
    }
    expect((await check('get', '/v1/decisions', '/v1/decisions?limit=500')).status).toBe(200);
    expect((await check('get', '/v1/decisions', '/v1/decisions?from=2024-02-30')).status).toBe(400);
    for (const id of decisionIds) {
      expect((await check('get', '/v1/decisions/{id}', `/v1/decisions/${id}`)).status).toBe(200);
      expect((await check('post', '/v1/decisions/{id}/replay', `/v1/decisions/${id}/replay`)).status).toBe(200);
    }
    expect((await check('get', '/v1/decisions/{id}', '/v1/decisions/01a218e2-2a39-70eb-b4ef-8b2e281e12e0')).status).toBe(404);
    expect(problems).toEqual([]);
  });

  it('a GET that carries content is refused on every GET route, as described', async () => {
    const gets = Object.entries(OPENAPI.paths).filter(([, item]) => item.get !== undefined);
    const problems: string[] = [];
    for (const [path] of gets) {
      const url = path.replace('{id}', path.startsWith('/v1/decisions') ? '01a218e2-2a39-70eb-b4ef-8b2e281e12e9' : 'nsk');
      const answer = await call(open, 'get', url, { body: '{}' });
      if (answer.status !== 400) problems.push(`GET ${url} with content answered ${answer.status}`);
      problems.push(...undocumented('get', path, answer));
    }
    expect(gets.length).toBeGreaterThan(8);
    expect(problems).toEqual([]);
  });

  it('reloading the rules, and a service whose rules are fixed', async () => {
    const reloaded = await call(open, 'post', '/v1/admin/reload');
    expect(reloaded.status).toBe(200);
    const fixed = await serve({});
    const refused = await call(fixed, 'post', '/v1/admin/reload');
    await new Promise<void>((resolve) => fixed.server.close(() => resolve()));
    expect(refused.status).toBe(409);
    expect([...undocumented('post', '/v1/admin/reload', reloaded), ...undocumented('post', '/v1/admin/reload', refused)]).toEqual([]);
  });

  it('no token, a token outside its role, a body too large, a charset not read: each problem as described', async () => {
    const [body] = cases.filter((example) => example.endpoint === 'eligibility').map((example) => JSON.stringify(example.request));
    const answers: Array<[string, string, Answer]> = [
      ['post', '/v1/eligibility', await call(guarded, 'post', '/v1/eligibility', { body })],
      ['post', '/v1/eligibility', await call(guarded, 'post', '/v1/eligibility', { body, headers: { authorization: `Bearer ${secretOf('state-auditor')}` } })],
      ['get', '/v1/decisions', await call(guarded, 'get', '/v1/decisions', { headers: { authorization: `Bearer ${secretOf('riga-caseworker')}` } })],
      ['post', '/v1/admin/reload', await call(guarded, 'post', '/v1/admin/reload', { headers: { authorization: `Bearer ${secretOf('riga-caseworker')}` } })],
      ['post', '/v1/compensation', await call(open, 'post', '/v1/compensation', { body: `{"programme":"nsk","padding":"${'x'.repeat(1024 * 1024)}"}` })],
      [
        'post',
        '/v1/eligibility',
        await call(open, 'post', '/v1/eligibility', { body: body as string, headers: { 'content-type': 'application/json; charset=latin1' } }),
      ],
    ];
    expect(answers.map(([, , answer]) => answer.status)).toEqual([401, 403, 200, 403, 413, 415]);
    expect(answers.flatMap(([method, path, answer]) => undocumented(method, path, answer))).toEqual([]);
  });

  it('a decision store that cannot keep a decision: 503 on the questions, the records and /health', async () => {
    const [eligibility] = cases.filter((example) => example.endpoint === 'eligibility' && (example.expect.status ?? 200) === 200);
    const answers: Array<[string, string, Answer]> = [
      ['post', '/v1/eligibility', await call(unavailable, 'post', '/v1/eligibility', { body: JSON.stringify(eligibility?.request) })],
      ['get', '/v1/decisions/{id}', await call(unavailable, 'get', '/v1/decisions/01a218e2-2a39-70eb-b4ef-8b2e281e12e9')],
      ['get', '/health', await call(unavailable, 'get', '/health')],
    ];
    expect(answers.map(([, , answer]) => answer.status)).toEqual([503, 503, 503]);
    expect(answers.flatMap(([method, path, answer]) => undocumented(method, path, answer))).toEqual([]);
  });

  /** Every operation the description lists, with a URL that reaches it (path parameters filled in). */
  const operations = Object.entries(OPENAPI.paths).flatMap(([path, item]) =>
    Object.keys(item as object).map((method) => ({
      method,
      path,
      url: path.replace('{id}', path.startsWith('/v1/programmes') ? 'nsk' : '01a218e2-2a39-70eb-b4ef-8b2e281e12e9'),
    })),
  );

  it('refusals before any route, on every operation: 421 to a name not loopback and 415 for a form POST (open mode), 429 past the rate limit', async () => {
    expect(operations.length).toBeGreaterThan(10);
    const answers: Array<[string, string, Answer]> = [];
    for (const { method, path, url } of operations) {
      answers.push([method, path, await call(open, method, url, { headers: { host: 'sbsp.example.org' } })]);
      if (method === 'post')
        answers.push([method, path, await call(open, method, url, { body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })]);
    }
    const caseworker = { authorization: `Bearer ${secretOf('riga-caseworker')}` };
    expect((await call(limited, 'get', '/v1/programmes', { headers: caseworker })).status).toBe(200); // the one request of this minute
    for (const { method, path, url } of operations) answers.push([method, path, await call(limited, method, url, { headers: caseworker })]);
    const posts = operations.filter(({ method }) => method === 'post').length;
    expect(answers.map(([, , answer]) => answer.status).sort()).toEqual(
      [...Array(operations.length).fill(421), ...Array(posts).fill(415), ...Array(operations.length).fill(429)].sort(),
    );
    expect(answers.flatMap(([method, path, answer]) => undocumented(method, path, answer))).toEqual([]);
  });

  it('an answer that breaks its schema is caught (the check bites)', () => {
    const answer: Answer = { status: 200, type: 'application/json', body: { items: [{ decisionId: 'not a uuid' }], next: null } };
    expect(undocumented('get', '/v1/decisions', answer).length).toBeGreaterThan(0);
    expect(undocumented('get', '/v1/decisions', { ...answer, status: 418 })).toEqual(['GET /v1/decisions does not list 418']);
  });
});
