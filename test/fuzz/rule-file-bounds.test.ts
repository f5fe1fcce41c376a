import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { formatProblem, MAX_YAML_FILE_BYTES } from '../../src/rules/yaml-file.js';
import { FICTIONAL_PROGRAMMES } from '../support/rule-sets.js';

/** The FICTIONAL DI of test/fixtures/fictional-programmes: one programme file and one version file. */
const VERSION = 'di/versions/2015-07-01-fictional.yaml';
const original = readFileSync(join(FICTIONAL_PROGRAMMES, VERSION), 'utf8');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The DI programme with its version file replaced by `text`: loaded, timed, and every problem formatted. */
function loadWithVersion(text: string): { ok: boolean; problems: string[]; milliseconds: number } {
  const folder = mkdtempSync(join(tmpdir(), 'sbsp-bounds-'));
  folders.push(folder);
  mkdirSync(join(folder, 'di'));
  cpSync(join(FICTIONAL_PROGRAMMES, 'di/programme.yaml'), join(folder, 'di/programme.yaml'));
  mkdirSync(join(folder, 'di/versions'));
  writeFileSync(join(folder, VERSION), text);
  const started = performance.now();
  const loaded = loadRuleSet(folder, { displayRoot: folder });
  return { ok: loaded.ok, problems: loaded.ok ? [] : loaded.problems.map(formatProblem), milliseconds: performance.now() - started };
}

const aliasBomb = [
  'lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...Array.from({ length: 8 }, (_, level) => `lol${level + 1}: &l${level + 1} [${Array(9).fill(`*l${level}`).join(', ')}]`),
].join('\n');
const blockNesting = (depth: number): string => Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}deeper:`).join('\n');

describe('rule files that try to exhaust the loader are refused quickly, at a place', () => {
  it.each([
    {
      name: 'an alias bomb ("billion laughs")',
      text: `${original}\n${aliasBomb}\n`,
      expected: /^di\/versions\/2015-07-01-fictional\.yaml:1:1: cannot expand the file: Excessive alias count/,
    },
    {
      name: 'flow nesting 100,000 deep',
      text: `${original}\nnested: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      expected: /^di\/versions\/2015-07-01-fictional\.yaml:\d+:\d+: /,
    },
    { name: 'block nesting 700 deep', text: `${original}\n${blockNesting(700)} x\n`, expected: /^di\/versions\/2015-07-01-fictional\.yaml:\d+:\d+: / },
    {
      name: 'nesting 65 deep, just past the limit',
      text: `${original}\n${blockNesting(66)} x\n`,
      expected: /^di\/versions\/2015-07-01-fictional\.yaml:\d+:\d+: nesting deeper than 64 levels$/,
    },
    {
      name: 'an array of 150,000 items',
      text: `${original}\nsources2: [${Array(150_000).fill('x').join(',')}]\n`,
      expected: /^di\/versions\/2015-07-01-fictional\.yaml:\d+:\d+: unknown field "sources2"/,
    },
    {
      name: 'a file over the size limit',
      text: `${original}\n# ${'x'.repeat(MAX_YAML_FILE_BYTES)}\n`,
      expected: new RegExp(`^di/versions/2015-07-01-fictional\\.yaml:1:1: the file has \\d+ bytes; at most ${MAX_YAML_FILE_BYTES} are read$`),
    },
  ])('$name', ({ text, expected }) => {
    const loaded = loadWithVersion(text);
    expect(loaded.ok).toBe(false);
    expect(loaded.problems).toContainEqual(expect.stringMatching(expected));
    expect(loaded.milliseconds).toBeLessThan(10_000);
  });

  it('the unmodified file loads (the cases above fail for what was added, not for the setup)', () => {
    expect(loadWithVersion(original)).toMatchObject({ ok: true, problems: [] });
  });
});
