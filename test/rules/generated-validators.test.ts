import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_LINE, GENERATED_MODULE, schemaInputsFingerprint, schemaValidatorsAreCurrent } from '../../src/build/schema-validators.js';
import {
  createAjv,
  ensureSchemaValidators,
  schemaId,
  schemaValidatorsModule,
  VALIDATED_SCHEMAS,
  writeSchemaValidators,
  type ValidatorName,
} from '../../src/rules/compile-schemas.js';
import * as generated from '../../src/rules/generated/schema-validators.js';
import { parseYamlFile } from '../../src/rules/yaml-file.js';
import { packagePath } from '../../src/package-directory.js';
import { BUNDLED_RULES, FIXTURE_RULES } from '../support/rule-sets.js';

describe('the generated schema validators (src/rules/generated/schema-validators.ts)', () => {
  // Generated, not committed: npm test and npm run build generate it, and vitest's globalSetup before this file.
  it('are the same text every time they are generated, in this process and in another', () => {
    const text = schemaValidatorsModule();
    expect(schemaValidatorsModule() === text, 'generating twice in one process gave different text').toBe(true);
    const script = "const { schemaValidatorsModule } = await import('./src/rules/compile-schemas.ts'); process.stdout.write(schemaValidatorsModule());";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
      cwd: packagePath(),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout === text, 'generating in another Node process gave different text').toBe(true);
  });

  it('on disk are what generation gives now, named by the fingerprint of what they are made from', () => {
    const onDisk = readFileSync(GENERATED_MODULE, 'utf8');
    expect(
      onDisk === schemaValidatorsModule(),
      'src/rules/generated/schema-validators.ts differs from what src/rules/compile-schemas.ts generates now: edited by hand, or not regenerated',
    ).toBe(true);
    expect(FINGERPRINT_LINE.exec(onDisk)?.[1]).toBe(schemaInputsFingerprint());
    expect(schemaValidatorsAreCurrent()).toBe(true);
  });

  it('are not written again when nothing changed', async () => {
    const before = statSync(GENERATED_MODULE).mtimeMs;
    expect(writeSchemaValidators()).toBe(false);
    expect(await ensureSchemaValidators()).toBe('current');
    expect(statSync(GENERATED_MODULE).mtimeMs).toBe(before);
  });

  it('are all the service loads of ajv: no schema is compiled at start-up', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "const { loadRuleSet } = await import('./src/rules/load-rules.ts');",
      "const { schemaProblems } = await import('./src/answer/request-schemas.ts');",
      "if (!loadRuleSet('rules').ok || schemaProblems('eligibility-request', {}).length === 0) throw new Error('not validated');",
      'const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => /[\\\\/]ajv[\\\\/]/.test(file));',
      'console.log(JSON.stringify(loaded));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { cwd: packagePath(), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const loaded = JSON.parse(run.stdout) as string[];
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((file) => !file.includes(`${sep}ajv${sep}dist${sep}runtime${sep}`))).toEqual([]);
  });
});

const ajv = createAjv();

/** The generated validator and one ajv compiles now agree: same verdict, same errors (with verbose parentSchema). */
function expectAgreement(name: ValidatorName, data: unknown): void {
  const compiled = ajv.getSchema(schemaId(VALIDATED_SCHEMAS[name]));
  if (!compiled) throw new Error(`ajv does not know ${VALIDATED_SCHEMAS[name]}`);
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: a test, never bundled; it reaches each generated validator by the name it is generated under
  const standalone = generated[name];
  expect(standalone(data)).toBe(compiled(data));
  expect(standalone.errors).toEqual(compiled.errors);
}

/** Every value of a document, rebuilt bottom-up through `change`. */
function rebuilt(value: unknown, change: (value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return change(value.map((item) => rebuilt(item, change)));
  if (value !== null && typeof value === 'object') {
    return change(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rebuilt(item, change)])));
  }
  return change(value);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Broken variants of a valid document, each breaking it everywhere in one way. */
const BREAKAGES: Array<[string, (value: unknown) => unknown]> = [
  ['as it is', (value) => value],
  ['an unknown field in every object', (value) => (isObject(value) ? { ...value, unexpected: true } : value)],
  ['the first field of every object missing', (value) => (isObject(value) ? Object.fromEntries(Object.entries(value).slice(1)) : value)],
  ['every date not a day', (value) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? '2023-02-30' : value)],
  ['every string spoilt', (value) => (typeof value === 'string' ? `${value} !` : value)],
  ['every string 70 astral characters long', (value) => (typeof value === 'string' ? '😀'.repeat(70) : value)],
  ['every number and boolean a string', (value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value)],
  ['every list empty', (value) => (Array.isArray(value) ? [] : value)],
];

/** The validator of a rule file, from where it sits in a rules folder. */
function validatorOfRuleFile(file: string): ValidatorName {
  const [folder, subfolder] = file.split(sep);
  if (folder === 'calendar') return 'calendarFile';
  if (folder === 'emergencies') return 'emergenciesFile';
  if (subfolder === 'programme.yaml') return 'programmeFile';
  return subfolder === 'tests' ? 'caseFile' : 'versionFile';
}

function ruleFiles(directory: string): Array<{ file: string; data: unknown }> {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const { yaml } = parseYamlFile(file, readFileSync(join(directory, file), 'utf8'));
      if (!yaml) throw new Error(`${file} does not parse`);
      return { file, data: yaml.data };
    });
}

const RULE_FILES = [...ruleFiles(BUNDLED_RULES), ...ruleFiles(FIXTURE_RULES)];

/** Every request of the bundled example cases, valid ones and the 400s of tests/errors.yaml. */
const REQUESTS = ruleFiles(BUNDLED_RULES)
  .filter(({ file }) => validatorOfRuleFile(file) === 'caseFile')
  .flatMap(({ file, data }) =>
    (data as { cases: Array<{ name: string; endpoint?: string; request: unknown }> }).cases.map((example) => {
      const validator: ValidatorName = example.endpoint === 'compensation' ? 'compensationRequest' : 'eligibilityRequest';
      return { name: `${file}: ${example.name}`, validator, request: example.request };
    }),
  );

describe('generated and run-time compiled validators agree', () => {
  it('the bundled rules have files of every kind and requests of both endpoints', () => {
    expect(new Set(RULE_FILES.map(({ file }) => validatorOfRuleFile(file)))).toEqual(
      new Set(['programmeFile', 'versionFile', 'caseFile', 'calendarFile', 'emergenciesFile']),
    );
    expect(new Set(REQUESTS.map(({ validator }) => validator))).toEqual(new Set(['eligibilityRequest', 'compensationRequest']));
  });

  describe.each(BREAKAGES)('%s', (_breakage, change) => {
    it.each(RULE_FILES.map(({ file, data }) => [file, data] as const))('rule file %s', (file, data) => {
      expectAgreement(validatorOfRuleFile(file), rebuilt(data, change));
    });

    it('every request of the bundled example cases', () => {
      for (const { validator, request } of REQUESTS) expectAgreement(validator, rebuilt(request, change));
    });
  });
});
