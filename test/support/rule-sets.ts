import { fileURLToPath } from 'node:url';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import type { RuleSet } from '../../src/rules/model.js';
import { formatProblem } from '../../src/rules/yaml-file.js';

export const BUNDLED_RULES = fileURLToPath(new URL('../../rules', import.meta.url));
export const FIXTURE_RULES = fileURLToPath(new URL('../fixtures/rules', import.meta.url));

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
