import type { Condition, Programme, RuleVersion } from '../rules/model.js';
import { leavesOf, namedConditionsIn } from '../rules/rule-conditions.js';
import { isFactValue } from '../rules/condition-value.js';
import { findingAt, type Finding } from './finding.js';

/** Every `{ param: name }` written anywhere in `value` (conditions, compensation settings). */
function parametersNamedIn(value: unknown, names: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) parametersNamedIn(item, names);
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first?.[0] === 'param' && typeof first[1] === 'string') names.add(first[1]);
    else for (const [, child] of entries) parametersNamedIn(child, names);
  }
}

/**
 * Parameters no condition or compensation setting names (a condition no rule reaches does not count), and named
 * conditions no rule reaches.
 */
export function unusedDeclarations(version: RuleVersion): Finding[] {
  const reached = new Set<string>();
  const reach = (condition: Condition): void => {
    for (const name of namedConditionsIn(condition)) {
      if (reached.has(name)) continue;
      reached.add(name);
      const body = version.namedConditions.get(name);
      if (body) reach(body);
    }
  };
  for (const rule of [...version.rules, ...(version.compensation?.lineRules ?? [])]) reach(rule.conditions);

  const used = new Set<string>();
  parametersNamedIn(
    [...reached].map((name) => version.namedConditions.get(name)),
    used,
  );
  parametersNamedIn(
    version.rules.map((rule) => rule.conditions),
    used,
  );
  parametersNamedIn(version.compensation, used);
  const usedOnlyByUnreached = new Map<string, string>();
  for (const [name, condition] of version.namedConditions) {
    if (reached.has(name)) continue;
    const names = new Set<string>();
    parametersNamedIn(condition, names);
    for (const parameter of names) if (!used.has(parameter) && !usedOnlyByUnreached.has(parameter)) usedOnlyByUnreached.set(parameter, name);
  }
  const findings = [...version.parameters.keys()]
    .filter((name) => !used.has(name))
    .map((name) => {
      const condition = usedOnlyByUnreached.get(name);
      const message =
        condition === undefined
          ? `parameter "${name}" is used by no condition or compensation setting`
          : `parameter "${name}" is used only by condition "${condition}", which no rule uses`;
      return findingAt(version, ['parameters', name], 'warning', 'unused', message, true);
    });
  for (const name of version.namedConditions.keys()) {
    if (!reached.has(name)) findings.push(findingAt(version, ['conditions', name], 'warning', 'unused', `condition "${name}" is used by no rule`, true));
  }
  return findings;
}

/**
 * Declared and derived facts that no condition of any version reads (a derived fact read counts as reading the
 * fact it is derived from). A required fact nobody reads still makes every request send it.
 */
export function unreadFacts(programme: Programme): Finding[] {
  const read = new Set<string>();
  for (const version of programme.versions) {
    for (const rule of version.rules) {
      for (const { leaf } of leavesOf(version, rule.conditions, [])) {
        read.add(leaf.fact);
        if (isFactValue(leaf.value)) read.add(leaf.value.fact);
      }
    }
  }
  // Derived facts may be derived from derived facts: follow until nothing new is read.
  let size = -1;
  while (size !== read.size) {
    size = read.size;
    for (const derived of programme.derivedFacts.values()) if (read.has(derived.name)) read.add(derived.of);
  }
  return [
    ...[...programme.facts.keys()]
      .filter((name) => !read.has(name))
      .map((name) => findingAt(programme, ['facts', name], 'warning', 'unused', `fact "${name}" is read by no condition of any version`, true)),
    ...[...programme.derivedFacts.keys()]
      .filter((name) => !read.has(name))
      .map((name) => findingAt(programme, ['derivedFacts', name], 'warning', 'unused', `derived fact "${name}" is read by no condition of any version`, true)),
  ];
}
