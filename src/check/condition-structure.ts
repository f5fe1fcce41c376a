import type { Condition, RuleVersion } from '../rules/model.js';
import { rulesOf } from '../rules/rule-conditions.js';
import type { JsonPath } from '../rules/yaml-file.js';
import { findingAt, type Finding } from './finding.js';

type Kind = 'all' | 'any';

const SAME_KIND_INSIDE: Record<Kind, string> = {
  all: 'an all directly inside an all: its conditions are simply more conditions of the outer all. Was it meant to be an any, or is a line indented too far?',
  any: 'an any directly inside an any: its conditions are simply more alternatives of the outer any. Was it meant to be an all, or is a line indented too far?',
};

function kindOf(condition: Condition): Kind | null {
  if ('all' in condition) return 'all';
  if ('any' in condition) return 'any';
  return null;
}

function childrenOf(condition: Condition): Condition[] {
  if ('all' in condition) return condition.all;
  if ('any' in condition) return condition.any;
  if ('not' in condition) return [condition.not];
  return [];
}

/**
 * Structure that says less than it seems to, as a mis-indented line leaves it: an `all` or `any` with one condition
 * (it is that condition alone), and an `all` directly inside an `all` (or `any` inside `any`). A rule or named
 * condition whose only condition compares a fact needs its `all` (a bare fact condition cannot stand there).
 */
export function conditionStructure(version: RuleVersion): Finding[] {
  const findings: Finding[] = [];
  const visit = (condition: Condition, path: JsonPath, parent: Kind | 'not' | 'top'): void => {
    const kind = kindOf(condition);
    if (kind !== null) {
      const children = childrenOf(condition);
      const [only] = children;
      const needed = parent === 'top' && only !== undefined && 'fact' in only;
      if (children.length === 1 && !needed) {
        findings.push(
          findingAt(
            version,
            [...path, kind],
            'warning',
            'structure',
            `an ${kind} with one condition is that condition alone: was another condition meant to be in it, or is a line indented wrongly?`,
            true,
          ),
        );
      } else if (kind === parent) {
        findings.push(findingAt(version, [...path, kind], 'warning', 'structure', SAME_KIND_INSIDE[kind], true));
      }
      for (const [index, child] of children.entries()) visit(child, [...path, kind, index], kind);
    } else if ('not' in condition) {
      visit(condition.not, [...path, 'not'], 'not');
    }
  };
  for (const [name, condition] of version.namedConditions) visit(condition, ['conditions', name], 'top');
  for (const { rule, path } of rulesOf(version)) visit(rule.conditions, [...path, 'conditions'], 'top');
  return findings;
}
