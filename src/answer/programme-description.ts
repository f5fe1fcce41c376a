import type { Programme, RuleSet } from '../rules/model.js';
import { versionsInForce, type VersionInForce } from '../versions/resolve-version.js';
import { rulesetReference } from './eligibility-answer.js';

/** A programme as the rules browser and the diff tool show it: what it reads, and each version in full. */
export function describeProgramme(programme: Programme): Record<string, unknown> {
  return {
    ...summariseProgramme(programme),
    noBasisBlocker: programme.noBasisBlocker,
    facts: [...programme.facts.values()],
    derivedFacts: [...programme.derivedFacts.values()],
    versions: versionsInForce(programme).map(describeVersion),
  };
}

function describeVersion(range: VersionInForce): Record<string, unknown> {
  const version = range.version;
  return {
    ...rulesetReference(range),
    title: version.title,
    effectiveToAsWritten: version.effectiveTo,
    file: version.file,
    sources: version.sources,
    parameters: [...version.parameters.values()],
    assumptions: version.assumptions,
    conditions: Object.fromEntries(version.namedConditions),
    rules: version.rules,
    compensation: version.compensation,
  };
}

export function summariseProgramme(programme: Programme): Record<string, unknown> {
  return {
    id: programme.id,
    title: programme.title,
    ...(programme.description ? { description: programme.description } : {}),
    versions: versionsInForce(programme).map((range) => ({ ...rulesetReference(range), title: range.version.title })),
  };
}

export function listProgrammes(ruleSet: RuleSet): Record<string, unknown>[] {
  return [...ruleSet.programmes.values()].map(summariseProgramme);
}
