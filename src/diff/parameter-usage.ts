import type { Condition, Rule, RuleVersion, TopLevelCondition } from '../rules/model.js';

/** The parameters and named conditions one condition reads directly (not through the named ones). */
function directReads(condition: Condition, reads: { parameters: Set<string>; conditions: Set<string> }): void {
  if ('all' in condition) {
    for (const child of condition.all) directReads(child, reads);
  } else if ('any' in condition) {
    for (const child of condition.any) directReads(child, reads);
  } else if ('not' in condition) directReads(condition.not, reads);
  else if ('condition' in condition) reads.conditions.add(condition.condition);
  else readsInValue(condition.value, reads.parameters);
}

function readsInValue(value: unknown, parameters: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (!Array.isArray(value) && typeof (value as { param?: unknown }).param === 'string') parameters.add((value as { param: string }).param);
}

/** Every named condition a condition reaches, through named conditions that use others. */
export function namedConditionsReached(condition: TopLevelCondition, version: RuleVersion): Set<string> {
  const reached = new Set<string>();
  const pending: Condition[] = [condition];
  while (pending.length > 0) {
    const reads = { parameters: new Set<string>(), conditions: new Set<string>() };
    directReads(pending.pop() as Condition, reads);
    for (const name of reads.conditions) {
      if (reached.has(name)) continue;
      reached.add(name);
      const named = version.namedConditions.get(name);
      if (named) pending.push(named);
    }
  }
  return reached;
}

function parametersRead(condition: TopLevelCondition, version: RuleVersion): Set<string> {
  const parameters = new Set<string>();
  for (const source of [condition, ...[...namedConditionsReached(condition, version)].flatMap((name) => version.namedConditions.get(name) ?? [])]) {
    directReads(source, { parameters, conditions: new Set() });
  }
  return parameters;
}

function ruleLabel(rule: Rule, lineRule: boolean): string {
  return lineRule ? `line rule ${rule.id}` : rule.id;
}

function allRules(version: RuleVersion): Array<{ rule: Rule; label: string }> {
  return [
    ...version.rules.map((rule) => ({ rule, label: ruleLabel(rule, false) })),
    ...(version.compensation?.lineRules ?? []).map((rule) => ({ rule, label: ruleLabel(rule, true) })),
  ];
}

/** The compensation settings that name a parameter, as `compensation.reportDue.dayOfMonth`. */
function compensationReads(value: unknown, path: string, found: Map<string, string[]>): void {
  if (value === null || typeof value !== 'object') return;
  const param = (value as { param?: unknown }).param;
  if (!Array.isArray(value) && typeof param === 'string') {
    found.set(param, [...(found.get(param) ?? []), path]);
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key !== 'lineRules') compensationReads(child, `${path}.${key}`, found);
  }
}

/** For each parameter, what reads it: rules (through named conditions too), line rules, compensation settings. */
export function parameterUsers(version: RuleVersion): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const { rule, label } of allRules(version)) {
    for (const parameter of parametersRead(rule.conditions, version)) users.set(parameter, [...(users.get(parameter) ?? []), label]);
  }
  const settings = new Map<string, string[]>();
  if (version.compensation) compensationReads(version.compensation, 'compensation', settings);
  for (const [parameter, paths] of settings) users.set(parameter, [...(users.get(parameter) ?? []), ...paths]);
  return users;
}

/** For each named condition, the rules that reach it. */
export function namedConditionUsers(version: RuleVersion): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const { rule, label } of allRules(version)) {
    for (const name of namedConditionsReached(rule.conditions, version)) users.set(name, [...(users.get(name) ?? []), label]);
  }
  return users;
}
