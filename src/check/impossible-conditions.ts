import type { ItemPattern } from '../evaluate/operators.js';
import { isParamValue } from '../rules/condition-value.js';
import { factDomain, itemFieldDomain, lineFactValues, programmeFactValues, type FactValueScope } from '../rules/fact-values.js';
import type { Condition, FactCondition, Programme, RuleKind, RuleVersion } from '../rules/model.js';
import { rulesOf } from '../rules/rule-conditions.js';
import { ruleFileOf } from '../rules/rule-files.js';
import { positionOf, type JsonPath } from '../rules/yaml-file.js';
import { alwaysHolds, constraintOf, satisfiable, type FactConstraint } from './fact-constraints.js';
import { findingAt, type Finding } from './finding.js';
import { patternReach } from './item-patterns.js';

/** A constraint with the place to point at: where it enters the condition being analysed. */
interface PlacedConstraint extends FactConstraint {
  path: JsonPath;
}

/** What is known of a condition: whether it can never hold, and the constraints that hold whenever it does. */
interface Analysis {
  impossible: boolean;
  constraints: PlacedConstraint[];
}

const POSSIBLE: Analysis = { impossible: false, constraints: [] };

const CONSEQUENCE: Record<RuleKind, string> = {
  basis: 'it is never a basis',
  requirement: 'it blocks every answer',
  exclusion: 'it never excludes anyone',
};

/** The first constraint that no value can meet together with those before it on the same fact, and which ones. */
function firstContradiction(constraints: readonly PlacedConstraint[]): { culprit: PlacedConstraint; others: PlacedConstraint[] } | null {
  for (const [index, culprit] of constraints.entries()) {
    const earlier = constraints.slice(0, index).filter((constraint) => constraint.fact === culprit.fact);
    if (earlier.length === 0 || satisfiable([...earlier, culprit])) continue;
    const partner = earlier.find((constraint) => !satisfiable([constraint, culprit]));
    return { culprit, others: partner ? [partner] : earlier };
  }
  return null;
}

function listed(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
}

/**
 * Conditions that can never hold: a comparison no value meets (`in: []`, `notIn` every value a request can send),
 * an `all` whose parts contradict on the same fact once parameters are read (age < 4 and age ≥ 18; equal to two
 * values; `in` lists that share nothing), an item pattern no item meets, followed through nested `all`s and named
 * conditions; and each rule that is then never met. Also, as warnings, comparisons every value a request can send
 * meets (`in` every value, `notIn: []`) and item pattern fields that narrow nothing.
 */
export function impossibleConditions(programme: Programme, version: RuleVersion): Finding[] {
  const findings: Finding[] = [];
  const programmeScope = programmeFactValues(programme);
  const lineScope = version.compensation ? lineFactValues(version.compensation.kind) : programmeScope;
  const named = new Map<string, Analysis>();
  const lineOf = (path: JsonPath): number => {
    const yaml = ruleFileOf(version);
    return yaml ? positionOf(yaml, path).line : 1;
  };

  const analyseNamed = (name: string): Analysis => {
    const known = named.get(name);
    if (known) return known;
    const body = version.namedConditions.get(name);
    const analysis = body ? analyse(body, ['conditions', name], programmeScope) : POSSIBLE;
    named.set(name, analysis);
    return analysis;
  };

  /** Whether an item pattern can match some item; warns of fields that narrow nothing. */
  const patternPossible = (leaf: FactCondition, path: JsonPath, scope: FactValueScope): boolean => {
    if (
      !leaf.operator.endsWith('ItemMatching') ||
      isParamValue(leaf.value) ||
      leaf.value === null ||
      typeof leaf.value !== 'object' ||
      Array.isArray(leaf.value)
    )
      return true;
    const pattern = leaf.value as ItemPattern;
    const reach = patternReach(pattern, (field) => itemFieldDomain(scope, leaf.fact, field));
    for (const field of reach.narrowNothing) {
      findings.push(
        findingAt(
          version,
          [...path, 'value', field],
          'warning',
          'always',
          `${field} ${JSON.stringify(pattern[field])} is met by every ${leaf.fact} item a request can send: it narrows nothing`,
          true,
        ),
      );
    }
    if (reach.matchesNothing === null) return true;
    const field = reach.matchesNothing;
    const what = `no ${leaf.fact} item a request can send meets ${field} ${JSON.stringify(pattern[field])}`;
    if (leaf.operator === 'hasNoItemMatching') {
      findings.push(findingAt(version, path, 'warning', 'always', `always holds: ${what}`));
      return true;
    }
    findings.push(findingAt(version, path, 'error', 'impossible', `never holds: ${what}`));
    return false;
  };

  const analyse = (condition: Condition, path: JsonPath, scope: FactValueScope): Analysis => {
    if ('condition' in condition) {
      const analysis = analyseNamed(condition.condition);
      // Point at the reference: the contradiction is in how this condition combines with its neighbours.
      return { impossible: analysis.impossible, constraints: analysis.constraints.map((constraint) => ({ ...constraint, path })) };
    }
    if ('not' in condition) {
      analyse(condition.not, [...path, 'not'], scope);
      return POSSIBLE;
    }
    if ('any' in condition) {
      const possible = condition.any.map((child, index) => analyse(child, [...path, 'any', index], scope)).filter((child) => !child.impossible);
      if (possible.length === 0) return { impossible: true, constraints: [] };
      return { impossible: false, constraints: possible.length === 1 ? (possible[0] as Analysis).constraints : [] };
    }
    if ('all' in condition) {
      const children = condition.all.map((child, index) => analyse(child, [...path, 'all', index], scope));
      // A part that never holds has been reported where it is.
      if (children.some((child) => child.impossible)) return { impossible: true, constraints: [] };
      const constraints = children.flatMap((child) => child.constraints);
      const contradiction = firstContradiction(constraints);
      if (!contradiction) return { impossible: false, constraints };
      const others = contradiction.others.map((other) => `${other.text} (line ${lineOf(other.path)})`).join(' and ');
      findings.push(
        findingAt(
          version,
          contradiction.culprit.path,
          'error',
          'impossible',
          `never holds: ${contradiction.culprit.text} contradicts ${others} in the same all`,
        ),
      );
      return { impossible: true, constraints };
    }
    if (!patternPossible(condition, path, scope)) return { impossible: true, constraints: [] };
    const domain = factDomain(scope, condition.fact);
    const constraint = constraintOf(condition, version, domain);
    if (!constraint) return POSSIBLE;
    if (!satisfiable([constraint])) {
      const known = domain !== null && satisfiable([{ ...constraint, domain: null }]);
      findings.push(
        findingAt(
          version,
          path,
          'error',
          'impossible',
          known
            ? `never holds: no value a request can send meets ${constraint.text} (${condition.fact} is one of ${listed(domain)})`
            : `never holds: no value meets ${constraint.text}`,
        ),
      );
      return { impossible: true, constraints: [] };
    }
    if (alwaysHolds(constraint)) {
      const why = domain ? `every value a request can send meets it (${condition.fact} is one of ${listed(domain)})` : 'it excludes nothing';
      findings.push(findingAt(version, path, 'warning', 'always', `always holds: ${constraint.text}: ${why}`));
    }
    return { impossible: false, constraints: [{ ...constraint, path }] };
  };

  for (const name of version.namedConditions.keys()) analyseNamed(name);
  for (const { rule, path, list } of rulesOf(version)) {
    if (analyse(rule.conditions, [...path, 'conditions'], list === 'lineRules' ? lineScope : programmeScope).impossible) {
      findings.push(findingAt(version, [...path, 'id'], 'error', 'impossible', `rule ${rule.id} can never hold, so ${CONSEQUENCE[rule.kind]}`));
    }
  }
  return findings;
}
