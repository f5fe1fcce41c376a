import type { Condition, FactCondition, Rule, RuleVersion } from './model.js';
import type { JsonPath } from './yaml-file.js';

/** Which list of a version file a rule sits in: the eligibility rules, or a compensation kind's line rules. */
export type RuleList = 'rules' | 'lineRules';

/** A rule with the JSON path of its entry in the version file. */
export interface PlacedRule {
  rule: Rule;
  list: RuleList;
  path: JsonPath;
}

/** A fact condition with the JSON path where it is written (inside a named condition, if it is reached through one). */
export interface PlacedLeaf {
  leaf: FactCondition;
  path: JsonPath;
}

export function rulesOf(version: RuleVersion): PlacedRule[] {
  return [
    ...version.rules.map((rule, index): PlacedRule => ({ rule, list: 'rules', path: ['rules', index] })),
    ...(version.compensation?.lineRules ?? []).map((rule, index): PlacedRule => ({ rule, list: 'lineRules', path: ['compensation', 'lineRules', index] })),
  ];
}

/** Every fact condition `condition` reaches, following named conditions to where they are written. */
export function leavesOf(version: RuleVersion, condition: Condition, path: JsonPath): PlacedLeaf[] {
  if ('all' in condition) return condition.all.flatMap((child, index) => leavesOf(version, child, [...path, 'all', index]));
  if ('any' in condition) return condition.any.flatMap((child, index) => leavesOf(version, child, [...path, 'any', index]));
  if ('not' in condition) return leavesOf(version, condition.not, [...path, 'not']);
  if ('condition' in condition) {
    const named = version.namedConditions.get(condition.condition);
    return named ? leavesOf(version, named, ['conditions', condition.condition]) : [];
  }
  return [{ leaf: condition, path }];
}

/** The named conditions `condition` refers to itself, without following them. */
export function namedConditionsIn(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(namedConditionsIn);
  if ('any' in condition) return condition.any.flatMap(namedConditionsIn);
  if ('not' in condition) return namedConditionsIn(condition.not);
  if ('condition' in condition) return [condition.condition];
  return [];
}
