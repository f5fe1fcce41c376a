import type { ConditionTrace } from '../evaluate/condition-trace.js';
import type { RuleTrace } from '../evaluate/day-result.js';
import type { Condition, Programme, RuleSet, RuleVersion, SourcePosition } from '../rules/model.js';
import { leavesOf, rulesOf, type RuleList } from '../rules/rule-conditions.js';
import { ruleFileOf } from '../rules/rule-files.js';
import { positionOf, type JsonPath } from '../rules/yaml-file.js';
import type { CaseOutcome } from './example-cases.js';

interface Sides {
  seenTrue: boolean;
  seenFalse: boolean;
}

/** A rule of a version, and whether some case saw it hold and some case saw it not hold. */
export interface RuleCoverage extends Sides {
  programme: string;
  version: string;
  list: RuleList;
  rule: string;
  position: SourcePosition;
}

/**
 * A fact condition as one rule reaches it (a named condition's condition counts once for each rule that uses
 * it), and whether a case needed it true and one needed it false; skipped conditions do not count.
 */
export interface ConditionCoverage extends RuleCoverage {
  /** The JSON path where the condition is written in the version file, e.g. conditions/adult/all/0. */
  path: string;
  condition: string;
}

export interface CaseCoverage {
  rules: RuleCoverage[];
  conditions: ConditionCoverage[];
}

function key(...parts: ReadonlyArray<string | number>): string {
  return parts.join('\u0000');
}

function positionIn(version: RuleVersion, path: JsonPath): SourcePosition {
  const yaml = ruleFileOf(version);
  return yaml ? positionOf(yaml, path) : { file: version.file, line: 1, column: 1 };
}

/** Every rule and every fact condition each rule reaches, none seen yet. */
function everythingToCover(programmes: readonly Programme[]): { rules: Map<string, RuleCoverage>; conditions: Map<string, ConditionCoverage> } {
  const rules = new Map<string, RuleCoverage>();
  const conditions = new Map<string, ConditionCoverage>();
  for (const programme of programmes) {
    for (const version of programme.versions) {
      for (const { rule, list, path } of rulesOf(version)) {
        const item: RuleCoverage = {
          programme: programme.id,
          version: version.version,
          list,
          rule: rule.id,
          position: positionIn(version, path),
          seenTrue: false,
          seenFalse: false,
        };
        rules.set(key(programme.id, version.version, list, rule.id), item);
        for (const leaf of leavesOf(version, rule.conditions, [...path, 'conditions'])) {
          const written = `${leaf.leaf.fact} ${leaf.leaf.operator} ${JSON.stringify(leaf.leaf.value)}`;
          conditions.set(key(programme.id, version.version, list, rule.id, leaf.path.join('/')), {
            ...item,
            path: leaf.path.join('/'),
            condition: written,
            position: positionIn(version, leaf.path),
          });
        }
      }
    }
  }
  return { rules, conditions };
}

/** Walks a rule's written conditions beside their trace, calling `see` for each fact condition that was needed. */
function seeLeaves(version: RuleVersion, condition: Condition, trace: ConditionTrace, path: JsonPath, see: (path: JsonPath, result: boolean) => void): void {
  const children = (written: Condition[], traced: ConditionTrace[], operator: 'all' | 'any'): void => {
    written.forEach((child, index) => {
      const childTrace = traced[index];
      if (childTrace) seeLeaves(version, child, childTrace, [...path, operator, index], see);
    });
  };
  if ('all' in condition && 'all' in trace) children(condition.all, trace.all, 'all');
  else if ('any' in condition && 'any' in trace) children(condition.any, trace.any, 'any');
  else if ('not' in condition && 'not' in trace) seeLeaves(version, condition.not, trace.not, [...path, 'not'], see);
  else if ('condition' in condition && 'conditions' in trace) {
    const named = version.namedConditions.get(condition.condition);
    if (named) seeLeaves(version, named, trace.conditions, ['conditions', condition.condition], see);
  } else if ('fact' in trace && !trace.skipped) see(path, trace.result);
}

function mark(sides: Sides | undefined, result: boolean): void {
  if (!sides) return;
  if (result) sides.seenTrue = true;
  else sides.seenFalse = true;
}

/** The explanations in an answer body, each with the version and rule list it came from. */
function explanationsIn(body: Record<string, unknown>): Array<{ version: string; list: RuleList; traces: RuleTrace[] }> {
  const found: Array<{ version: string; list: RuleList; traces: RuleTrace[] }> = [];
  const eligibility = (answer: Record<string, unknown>): void => {
    const version = (answer.ruleset as { version?: unknown } | undefined)?.version;
    if (typeof version === 'string' && Array.isArray(answer.explanation)) found.push({ version, list: 'rules', traces: answer.explanation as RuleTrace[] });
  };
  eligibility(body);
  for (const segment of (body.segments ?? []) as Array<Record<string, unknown>>) eligibility(segment);
  for (const line of (body.lines ?? []) as Array<Record<string, unknown>>) {
    // A line's rules are explained once, as the version of its first part decided them.
    const version = ((line.parts ?? []) as Array<{ version?: unknown }>)[0]?.version;
    if (typeof version === 'string' && Array.isArray(line.lineRules)) found.push({ version, list: 'lineRules', traces: line.lineRules as RuleTrace[] });
  }
  return found;
}

/** Which rules and which sides of which conditions the example cases' answers exercised. Pure. */
export function caseCoverage(ruleSet: RuleSet, programmeIds: readonly string[], outcomes: readonly CaseOutcome[]): CaseCoverage {
  const programmes = programmeIds.flatMap((id) => ruleSet.programmes.get(id) ?? []);
  const { rules, conditions } = everythingToCover(programmes);
  for (const outcome of outcomes) {
    if (outcome.response.status !== 200) continue;
    const body = outcome.response.body as Record<string, unknown>;
    const programme = ruleSet.programmes.get(String(body.programme));
    if (!programme || !programmeIds.includes(programme.id)) continue;
    for (const { version: versionId, list, traces } of explanationsIn(body)) {
      const version = programme.versions.find((candidate) => candidate.version === versionId);
      if (!version) continue;
      const placed = rulesOf(version).filter((rule) => rule.list === list);
      for (const trace of traces) {
        const rule = placed.find((candidate) => candidate.rule.id === trace.ref);
        if (!rule) continue;
        mark(rules.get(key(programme.id, versionId, list, trace.ref)), trace.result);
        seeLeaves(version, rule.rule.conditions, trace.conditions, [...rule.path, 'conditions'], (path, result) =>
          mark(conditions.get(key(programme.id, versionId, list, trace.ref, path.join('/'))), result),
        );
      }
    }
  }
  return { rules: [...rules.values()], conditions: [...conditions.values()] };
}

export interface CoverageCount {
  covered: number;
  total: number;
  /** 100 when there is nothing to cover. */
  percent: number;
}

function count(covered: number, total: number): CoverageCount {
  return { covered, total, percent: total === 0 ? 100 : (100 * covered) / total };
}

/** Rules seen both ways, and condition sides seen, out of all. */
export function coverageCounts(coverage: CaseCoverage): { rules: CoverageCount; conditionSides: CoverageCount } {
  const sides = coverage.conditions.reduce((seen, item) => seen + Number(item.seenTrue) + Number(item.seenFalse), 0);
  return {
    rules: count(coverage.rules.filter((item) => item.seenTrue && item.seenFalse).length, coverage.rules.length),
    conditionSides: count(sides, 2 * coverage.conditions.length),
  };
}
