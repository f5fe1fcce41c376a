import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compensationResponse, eligibilityResponse } from '../../src/answer/ask.js';
import { bundleService, dataAsJsonParse } from '../../src/build/bundle-service.js';
import { packagePath } from '../../src/package-directory.js';
import { responseData } from '../../src/wire/answer-json.js';
import { README_NSK_EXAMPLE, readmeCompensationExample } from '../support/readme-examples.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';

// The bundle npm start runs, made the way npm run build makes it, in a folder of the package (it finds schemas/
// and the web page by walking up to package.json, as dist/server.mjs does).
mkdirSync(packagePath('test-output'), { recursive: true });
const folder = mkdtempSync(packagePath('test-output', 'bundle-'));
const bundle = join(folder, 'server.mjs');
const decisions = mkdtempSync(join(tmpdir(), 'sbsp-rules-bundle-decisions-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
let child: ReturnType<typeof spawn> | null = null;

beforeAll(async () => {
  await bundleService(bundle);
  child = spawn(process.execPath, [bundle], { env: { ...process.env, PORT: String(port), RULES_WATCH: 'off', DECISIONS_DIR: decisions }, stdio: 'ignore' });
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const up = await fetch(`${base}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the bundled service did not answer /health within 10 s');
}, 60_000);

afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
});

describe('the service as one bundled file (npm start)', () => {
  it('serves the bundled rules, the API description and the web page', async () => {
    const health = (await (await fetch(`${base}/health`)).json()) as {
      status: string;
      programmes: Array<{ id: string; versions: Array<{ version: string; sha256: string }> }>;
    };
    expect(health.status).toBe('ok');
    // Every programme of rules/, each with every version and the sha256 of its files, as the loader reads them.
    const bundled = [...bundledRuleSet().programmes.values()];
    expect(bundled.length).toBeGreaterThan(0);
    expect(health.programmes.map((programme) => programme.id).sort()).toEqual(bundled.map((programme) => programme.id).sort());
    for (const programme of bundled) {
      const served = health.programmes.find((candidate) => candidate.id === programme.id);
      expect(served?.versions.map(({ version, sha256 }) => ({ version, sha256 }))).toEqual(
        programme.versions.map(({ version, sha256 }) => ({ version, sha256 })),
      );
    }
    const openapi = await fetch(`${base}/openapi.yaml`);
    expect(openapi.status).toBe(200);
    expect(await openapi.text()).toContain('/v1/eligibility');
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('answers and records an eligibility question, and refuses a bad one with problem+json', async () => {
    const question = { programme: 'nsk', date: '2024-03-15', person: T1_PERSON, services: T1_SERVICES };
    const answer = await fetch(`${base}/v1/eligibility`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(question) });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { eligible: boolean; basis: string[]; decisionId: string };
    // The bundle answers as the source does with the same rules/ (whatever their figures are today).
    const { decisionId: _decisionId, ...served } = body;
    expect(served).toEqual(responseData(eligibilityResponse(bundledRuleSet(), question)).body);
    const recorded = (await (await fetch(`${base}/v1/decisions/${body.decisionId}`)).json()) as { answer: unknown };
    expect(recorded.answer).toEqual(body);
    const bad = await fetch(`${base}/v1/eligibility`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ programme: 'nsk', date: '2024-02-30', person: T1_PERSON }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toContain('/date');
  });

  it("counts working days with the holiday and time-zone data it carries as JSON (the README's worked example)", async () => {
    // The README's request; the expected answer is the source's with the same rules/, so no figure of the law is written here.
    const { request: claim } = readmeCompensationExample(README_NSK_EXAMPLE);
    const expected = responseData(compensationResponse(bundledRuleSet(), claim));
    if (expected.status !== 200) throw new Error(`${expected.status}: ${JSON.stringify(expected.body)}`);
    // approvedOn is given, so the answer has a paymentDue: the day the working days are counted to.
    expect(expected.body.paymentDue).toEqual(expect.any(String));
    const answer = await fetch(`${base}/v1/compensation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claim) });
    expect(answer.status).toBe(200);
    const { decisionId: _decisionId, ...served } = (await answer.json()) as Record<string, unknown>;
    expect(served).toEqual(expected.body);
  });
});

describe('data bundled as JSON.parse of a string', () => {
  const load = async (path: string): Promise<string | undefined> => {
    let loaded: ((args: { path: string }) => Promise<{ contents?: string } | undefined>) | undefined;
    dataAsJsonParse.setup({
      onLoad: (options: { filter: RegExp }, callback: typeof loaded) => {
        if (options.filter.test(path) && !loaded) loaded = callback;
      },
    } as never);
    return (await loaded?.({ path }))?.contents;
  };

  it('turns a JSON file and a module that only exports a JSON literal into JSON.parse, and leaves code alone', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-bundle-data-'));
    const modules = join(directory, 'node_modules', 'some-package');
    mkdirSync(modules, { recursive: true });
    const data = { version: '1', list: Array.from({ length: 20_000 }, (_, index) => ({ index, name: `vārds ${index}` })) };
    writeFileSync(join(modules, 'data.json'), JSON.stringify(data));
    writeFileSync(join(modules, 'data.js'), `export const data = ${JSON.stringify(data, null, 2)}\n`);
    writeFileSync(join(modules, 'code.js'), `export const data = ${JSON.stringify(data, null, 2)}; export function f() { return 1 }\n`);
    const fromJson = await load(join(modules, 'data.json'));
    expect(fromJson).toMatch(/^module\.exports = JSON\.parse\(/);
    const fromModule = await load(join(modules, 'data.js'));
    expect(fromModule).toMatch(/^export const data = JSON\.parse\(/);
    expect(JSON.parse(JSON.parse((fromModule as string).slice('export const data = JSON.parse('.length, -2)) as string)).toEqual(data);
    expect(await load(join(modules, 'code.js'))).toBeUndefined();
    rmSync(directory, { recursive: true, force: true });
  });
});
