import type { ExampleCase } from '../cases/example-cases.js';
import type { RuleSet } from '../rules/model.js';
import { bareCitations } from './bare-citations.js';
import { conditionStructure } from './condition-structure.js';
import type { Finding } from './finding.js';
import { impossibleConditions } from './impossible-conditions.js';
import { untestedVersions } from './untested-versions.js';
import { unreadFacts, unusedDeclarations } from './unused-declarations.js';
import { versionGaps } from './version-gaps.js';

/**
 * What loading cannot see, over a rule set that loaded: gaps between versions, conditions that never or always hold,
 * all/any that say less than they seem to, unused parameters and facts, citations without a section, versions no
 * example case reaches. Pure but for reading the request schemas once (what facts can hold).
 */
export function staticChecks(ruleSet: RuleSet, cases: readonly ExampleCase[]): Finding[] {
  const findings: Finding[] = [];
  for (const programme of ruleSet.programmes.values()) {
    findings.push(...versionGaps(programme), ...unreadFacts(programme), ...untestedVersions(programme, cases));
    for (const version of programme.versions)
      findings.push(...impossibleConditions(programme, version), ...conditionStructure(version), ...unusedDeclarations(version), ...bareCitations(version));
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
