import { parseCalendarDate } from '../calendar/calendar-date.js';
import { OPERATORS, type OperatorDefinition } from '../evaluate/operators.js';
import { isFactValue, isParamValue } from '../evaluate/condition-trace.js';
import { BUILT_IN_FACTS, type Condition, type FactType, type Programme, type RuleFileProblem, type RuleVersion } from './model.js';
import { problemAt, type JsonPath, type YamlFile } from './yaml-file.js';

/** The type of every fact a condition may name in this programme. */
export function factTypes(programme: Programme): Map<string, FactType> {
  const types = new Map<string, FactType>(BUILT_IN_FACTS);
  for (const fact of programme.facts.values()) types.set(fact.name, fact.type);
  for (const derived of programme.derivedFacts.values()) types.set(derived.name, derived.type);
  return types;
}

function valueFitsType(value: unknown, type: FactType): boolean {
  switch (type) {
    case 'date':
      return parseCalendarDate(value) !== null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

function checkComparedValue(operator: OperatorDefinition, factType: FactType, value: unknown, valueType: FactType | null): string | null {
  switch (operator.value) {
    case 'number':
      return valueType === 'number' || (valueType === null && typeof value === 'number') ? null : `${operator.name} compares with a number`;
    case 'date':
      return valueType === 'date' || (valueType === null && parseCalendarDate(value) !== null) ? null : `${operator.name} compares with a date (YYYY-MM-DD)`;
    case 'list':
      return valueType === 'list' || (valueType === null && Array.isArray(value)) ? null : `${operator.name} compares with a list`;
    case 'scalar':
      if (valueType !== null) return valueType === factType || factType === 'list' ? null : `compares a ${factType} fact with a ${valueType}`;
      return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? null : `${operator.name} compares with a single value`;
    case 'itemPattern': {
      if (valueType !== null || value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
        return `${operator.name} compares with an item pattern such as { type: [mental_disorder] }`;
      }
      const bad = Object.entries(value).find(
        ([, allowed]) => !Array.isArray(allowed) && !(allowed !== null && typeof allowed === 'object' && Object.keys(allowed).join() === 'notIn' && Array.isArray((allowed as { notIn: unknown }).notIn)),
      );
      return bad ? `item pattern field "${bad[0]}" must list its values or be { notIn: [...] }` : null;
    }
  }
}

function referencesIn(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(referencesIn);
  if ('any' in condition) return condition.any.flatMap(referencesIn);
  if ('not' in condition) return referencesIn(condition.not);
  if ('condition' in condition) return [condition.condition];
  return [];
}

/** The circle of named conditions that leads from `name` back to the start of `trail`, if there is one. */
function cycleThrough(version: RuleVersion, name: string, trail: readonly string[]): string[] | null {
  if (name === trail[0]) return [...trail, name];
  if (trail.includes(name)) return null;
  const named = version.namedConditions.get(name);
  if (!named) return null;
  for (const next of referencesIn(named)) {
    const cycle = cycleThrough(version, next, [...trail, name]);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * What JSON Schema cannot see in a version file: names that do not resolve, operators that do not fit their
 * fact, parameters whose value is not of their type, duplicate ids, unknown assumptions, circular conditions.
 */
export function checkVersion(programme: Programme, version: RuleVersion, yaml: YamlFile): RuleFileProblem[] {
  const problems: RuleFileProblem[] = [];
  const types = factTypes(programme);
  const assumptionIds = new Set(version.assumptions.map((assumption) => assumption.id));
  const sourceNames = version.sources.flatMap((source) => [source.id, source.document]);

  const seenAssumptions = new Set<string>();
  version.assumptions.forEach((assumption, index) => {
    if (seenAssumptions.has(assumption.id)) problems.push(problemAt(yaml, ['assumptions', index, 'id'], `duplicate assumption id ${assumption.id}`));
    seenAssumptions.add(assumption.id);
  });

  if (version.effectiveTo !== null && version.effectiveTo < version.effectiveFrom) {
    problems.push(problemAt(yaml, ['effectiveTo'], `effectiveTo ${version.effectiveTo} is before effectiveFrom ${version.effectiveFrom}`));
  }

  const citesASource = (citation: string): boolean => sourceNames.some((name) => citation.includes(name));

  for (const parameter of version.parameters.values()) {
    const path = ['parameters', parameter.name];
    if (!valueFitsType(parameter.value, parameter.type)) problems.push(problemAt(yaml, [...path, 'value'], `value is not a ${parameter.type}`));
    if (!citesASource(parameter.source)) problems.push(problemAt(yaml, [...path, 'source'], `source must name one of this version's sources (${sourceNames.join(', ')})`));
    parameter.assumptions.forEach((id, index) => {
      if (!assumptionIds.has(id)) problems.push(problemAt(yaml, [...path, 'assumptions', index], `assumption ${id} is not stated in this version's assumptions`));
    });
  }

  const checkCondition = (condition: Condition, path: JsonPath, trail: readonly string[]): void => {
    if ('all' in condition) condition.all.forEach((child, index) => checkCondition(child, [...path, 'all', index], trail));
    else if ('any' in condition) condition.any.forEach((child, index) => checkCondition(child, [...path, 'any', index], trail));
    else if ('not' in condition) checkCondition(condition.not, [...path, 'not'], trail);
    else if ('condition' in condition) {
      const named = version.namedConditions.get(condition.condition);
      if (!named) problems.push(problemAt(yaml, [...path, 'condition'], `no condition named "${condition.condition}" in this version's conditions`));
      else if (trail.length > 0) {
        const cycle = cycleThrough(version, condition.condition, trail);
        if (cycle) problems.push(problemAt(yaml, [...path, 'condition'], `named conditions refer to each other in a circle: ${cycle.join(' → ')}`));
      }
    } else {
      const factType = types.get(condition.fact);
      const operator = OPERATORS.get(condition.operator);
      if (factType === undefined) problems.push(problemAt(yaml, [...path, 'fact'], `fact "${condition.fact}" is not declared in ${programme.id}/programme.yaml`));
      if (!operator) problems.push(problemAt(yaml, [...path, 'operator'], `unknown operator "${condition.operator}" (known: ${[...OPERATORS.keys()].join(', ')})`));
      let valueType: FactType | null = null;
      if (isParamValue(condition.value)) {
        const parameter = version.parameters.get(condition.value.param);
        if (!parameter) problems.push(problemAt(yaml, [...path, 'value', 'param'], `parameter "${condition.value.param}" is not declared in this version`));
        else valueType = parameter.type;
      } else if (isFactValue(condition.value)) {
        valueType = types.get(condition.value.fact) ?? null;
        if (valueType === null) problems.push(problemAt(yaml, [...path, 'value', 'fact'], `fact "${condition.value.fact}" is not declared in ${programme.id}/programme.yaml`));
      }
      if (operator && factType !== undefined) {
        if (!operator.factTypes.includes(factType)) {
          problems.push(problemAt(yaml, [...path, 'operator'], `${operator.name} does not apply to ${condition.fact}, a ${factType} (it takes ${operator.factTypes.join(' or ')})`));
        } else if (!isFactValue(condition.value) || valueType !== null) {
          if (!isParamValue(condition.value) || valueType !== null) {
            const mismatch = checkComparedValue(operator, factType, condition.value, valueType);
            if (mismatch) problems.push(problemAt(yaml, [...path, 'value'], mismatch));
          }
        }
      }
    }
  };

  for (const [name, condition] of version.namedConditions) checkCondition(condition, ['conditions', name], [name]);

  const seenRules = new Set<string>();
  version.rules.forEach((rule, index) => {
    const path = ['rules', index];
    if (seenRules.has(rule.id)) problems.push(problemAt(yaml, [...path, 'id'], `duplicate rule id ${rule.id}`));
    seenRules.add(rule.id);
    if (!citesASource(rule.source)) problems.push(problemAt(yaml, [...path, 'source'], `source must name one of this version's sources (${sourceNames.join(', ')})`));
    rule.assumptions.forEach((id, assumptionIndex) => {
      if (!assumptionIds.has(id)) problems.push(problemAt(yaml, [...path, 'assumptions', assumptionIndex], `assumption ${id} is not stated in this version's assumptions`));
    });
    checkCondition(rule.conditions, [...path, 'conditions'], []);
  });
  return problems;
}
