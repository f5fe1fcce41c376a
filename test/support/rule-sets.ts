import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import type { Programme, RuleSet } from '../../src/rules/model.js';
import { formatProblem } from '../../src/rules/yaml-file.js';

export const BUNDLED_RULES = fileURLToPath(new URL('../../rules', import.meta.url));
export const FIXTURE_RULES = fileURLToPath(new URL('../fixtures/rules', import.meta.url));
/**
 * FICTIONAL copies of the DI, IBM and VSAC admission programmes with made-up dates and figures (and made-up declared
 * emergencies), for engineering tests that need a programme test/fixtures/rules does not have.
 */
/**
 * The SYNTHETIC every-operator programme: one version that uses every operator the loader accepts, with literal,
 * parameter and fact values, and `not` (test/fixtures/every-operator/every-operator/programme.yaml says more).
 */
export const EVERY_OPERATOR_RULES = fileURLToPath(new URL('../fixtures/every-operator', import.meta.url));
export const FICTIONAL_PROGRAMMES = fileURLToPath(new URL('../fixtures/fictional-programmes', import.meta.url));

const cache = new Map<string, RuleSet>();

/** A rule set that must load; a problem in it fails the test that asked, with every located message. */
export function ruleSetAt(directory: string): RuleSet {
  const cached = cache.get(directory);
  if (cached) return cached;
  const loaded = loadRuleSet(directory);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  cache.set(directory, loaded.ruleSet);
  return loaded.ruleSet;
}

export function bundledRuleSet(): RuleSet {
  return ruleSetAt(BUNDLED_RULES);
}

export function everyOperatorProgramme(): Programme {
  return ruleSetAt(EVERY_OPERATOR_RULES).programmes.get('every-operator') as Programme;
}

/** The problems of loading the rules folder `directory`, each `file:line:column: message` with files named relative to it. */
export function loadProblems(directory: string): string[] {
  const loaded = loadRuleSet(directory, { displayRoot: directory });
  return loaded.ok ? [] : loaded.problems.map(formatProblem);
}

/**
 * A copy of a rules folder in a temp directory, with some files edited, added or removed (path → new text, an edit of
 * the copied text, or null to remove the file or folder).
 */
export function rulesCopy(from: string, edits: Record<string, string | ((text: string) => string) | null> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-copy-'));
  cpSync(from, directory, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(directory, file);
    if (edit === null) {
      rmSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof edit === 'string' ? edit : edit(readFileSync(path, 'utf8')));
  }
  return directory;
}
