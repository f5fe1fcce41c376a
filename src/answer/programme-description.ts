import { readableCitation, sourceName } from '../rules/citations.js';
import type { Assumption, Programme, RuleSet, RuleVersion } from '../rules/model.js';
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
    openQuestions: openQuestions(programme),
  };
}

/**
 * The questions the sources leave open: every assumption with another possible reading, once per text, with the
 * versions that state it and the rules, parameters and settings that rest on it.
 */
export function openQuestions(programme: Programme): Array<Record<string, unknown>> {
  const questions = new Map<string, Record<string, unknown> & { versions: string[]; usedBy: string[] }>();
  for (const version of programme.versions) {
    for (const assumption of version.assumptions) {
      if (assumption.otherReading === undefined) continue;
      const key = `${assumption.id} ${JSON.stringify(assumption.text)} ${JSON.stringify(assumption.otherReading)}`;
      const question = questions.get(key) ?? { ...(readable(version, assumption) as Assumption), versions: [], usedBy: [] };
      question.versions.push(version.version);
      for (const user of usersOf(version, assumption.id)) if (!question.usedBy.includes(user)) question.usedBy.push(user);
      questions.set(key, question);
    }
  }
  return [...questions.values()];
}

/** Where a version rests on an assumption: its rules and line rules by id, its parameters by name, its settings. */
function usersOf(version: RuleVersion, id: string): string[] {
  const compensation = version.compensation;
  const settings =
    compensation === null
      ? []
      : Object.entries(compensation)
          .filter(([key, value]) => key.endsWith('Assumption') && value === id)
          .map(([key]) => `compensation.${key}`);
  const unitCosts =
    compensation?.kind === 'unitCostDeliveries'
      ? Object.entries(compensation.unitCosts)
          .filter(([, cost]) => cost.tierAssumption === id || (cost.assumptions ?? []).includes(id))
          .map(([service]) => `unitCosts.${service}`)
      : [];
  return [
    ...version.rules.filter((rule) => rule.assumptions.includes(id)).map((rule) => rule.id),
    ...(compensation?.lineRules ?? []).filter((rule) => rule.assumptions.includes(id)).map((rule) => rule.id),
    ...[...version.parameters.values()].filter((parameter) => parameter.assumptions.includes(id)).map((parameter) => parameter.name),
    ...settings,
    ...unitCosts,
  ];
}

function describeVersion(range: VersionInForce): Record<string, unknown> {
  const version = range.version;
  return {
    ...rulesetReference(range),
    title: version.title,
    ...(version.extends === undefined ? {} : { extends: version.extends }),
    effectiveToAsWritten: version.effectiveTo,
    file: version.file,
    sources: version.sources.map((source) => ({ ...source, title: sourceName(source) })),
    ...(readable(version, {
      parameters: [...version.parameters.values()],
      assumptions: version.assumptions,
      conditions: Object.fromEntries(version.namedConditions),
      rules: version.rules,
      compensation: version.compensation,
    }) as Record<string, unknown>),
  };
}

/** The keys whose values cite a source: source, passage, claimPeriodSource … */
const CITATION_KEY = /^(source|passage)$|Source$/;

/** A version's parts with every `source` and `passage` as a reader reads it: sources by title, never a file name. */
function readable(version: RuleVersion, value: unknown, key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && CITATION_KEY.test(key) ? readableCitation(version.sources, value) : value;
  if (Array.isArray(value)) return value.map((item) => readable(version, item));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, readable(version, child, name)]));
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
