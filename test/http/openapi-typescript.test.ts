import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaProblems } from '../../src/answer/request-schemas.js';
import { packagePath } from '../../src/package-directory.js';
import { schemaPath } from '../../src/rules/schema-location.js';
import { readmeRequestExamples, type ReadmeRequestExample } from '../support/readme-examples.js';

/*
 * The OpenAPI description through a client generator: openapi-typescript makes TypeScript types of it, and the
 * README's request examples must type-check against them (and pass the service's own request check), so the
 * README and the description cannot drift apart. Spoiled copies of an example must not type-check.
 */

const TSC = packagePath('node_modules', 'typescript', 'bin', 'tsc');
const SCHEMA_OF = { eligibility: 'EligibilityRequest', compensation: 'CompensationRequest' } as const;

const examples = readmeRequestExamples();
let folder = '';

/** A TypeScript file that declares each request as the generated type of its endpoint's request; the lines of each. */
function typedRequests(requests: ReadonlyArray<Pick<ReadmeRequestExample, 'where' | 'endpoint' | 'body'>>): { text: string; lines: Array<[number, number]> } {
  const text = ["import type { components } from './openapi.js';", ''];
  const lines: Array<[number, number]> = [];
  requests.forEach((example, index) => {
    const first = text.join('\n').split('\n').length + 1;
    text.push(
      `// ${example.where}`,
      `export const request${index}: components['schemas']['${SCHEMA_OF[example.endpoint]}'] = ${JSON.stringify(example.body, null, 2)};`,
    );
    lines.push([first, text.join('\n').split('\n').length]);
  });
  return { text: `${text.join('\n')}\n`, lines };
}

/**
 * tsc's error lines for the files of the folder (strict, no emit, one thread: the tests share two cores), as
 * `file(line,column): error …`. tsc exits 0 without errors, and 1 with them listed on stdout; anything else (it could
 * not run) fails.
 */
async function typeErrors(files: string[]): Promise<string[]> {
  // --pretty false: tsc writes its colourful form whenever FORCE_COLOR is set, even to 0.
  const options = [
    '--noEmit',
    '--pretty',
    'false',
    '--strict',
    '--singleThreaded',
    '--target',
    'es2022',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--types',
    '',
  ];
  const output = await promisify(execFile)(process.execPath, [TSC, ...options, ...files], { cwd: folder, maxBuffer: 16 * 1024 * 1024 }).then(
    () => '',
    (failed: { code?: unknown; stdout?: string; stderr?: string; message: string }) => {
      if (failed.code !== 1 || !/error TS/.test(failed.stdout ?? ''))
        throw new Error(`tsc did not run (${String(failed.code)}): ${failed.stderr || failed.message}`);
      return failed.stdout ?? '';
    },
  );
  return output.split('\n').filter((line) => /\): error TS/.test(line));
}

/** The spoiled copies: each one mistake a README could make. */
function spoiled(): Array<Pick<ReadmeRequestExample, 'where' | 'endpoint' | 'body'>> {
  const compensation = examples.find((example) => example.endpoint === 'compensation' && Array.isArray(example.body.costs));
  if (!compensation) throw new Error('the README has no NSK compensation request');
  const { body } = compensation;
  const person = body.person as Record<string, unknown>;
  const costs = body.costs as Array<Record<string, unknown>>;
  return [
    { where: 'an unknown person fact', endpoint: 'compensation', body: { ...body, person: { ...person, favouriteColour: 'blue' } } },
    { where: 'money as a number', endpoint: 'compensation', body: { ...body, costs: [{ ...costs[0], amount: 620 }] } },
    { where: 'a residence the contract does not have', endpoint: 'compensation', body: { ...body, person: { ...person, residence: 'castle' } } },
    { where: 'no period', endpoint: 'compensation', body: Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'period')) },
  ];
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'sbsp-openapi-types-'));
  writeFileSync(join(folder, 'openapi.ts'), await openapiTS(pathToFileURL(schemaPath('openapi.yaml'))));
}, 60_000);

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the OpenAPI description through openapi-typescript', () => {
  it('the README shows requests of both endpoints', () => {
    expect(examples.map(({ endpoint }) => endpoint).sort()).toEqual(expect.arrayContaining(['compensation', 'eligibility']));
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it("the README's requests pass the service's own request check", () => {
    for (const example of examples) expect(schemaProblems(`${example.endpoint}-request`, example.body), example.where).toEqual([]);
  });

  it("the generated types type-check; the README's requests type-check against them, and spoiled copies do not", async () => {
    const readme = typedRequests(examples);
    const broken = typedRequests(spoiled());
    writeFileSync(join(folder, 'readme.ts'), readme.text);
    writeFileSync(join(folder, 'spoiled.ts'), broken.text);
    const errors = await typeErrors(['openapi.ts', 'readme.ts', 'spoiled.ts']);
    expect(errors.filter((error) => !error.startsWith('spoiled.ts('))).toEqual([]);
    for (const [index, [first, last]] of broken.lines.entries()) {
      const within = errors.filter((error) => {
        const line = Number(/^spoiled\.ts\((\d+),/.exec(error)?.[1]);
        return line >= first && line <= last;
      });
      expect(within.length, spoiled()[index]?.where).toBeGreaterThan(0);
    }
  }, 120_000);
});
