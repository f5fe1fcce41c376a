import { parseCalendarDate } from '../calendar/calendar-date.js';
import { OPERATOR_DEFINITIONS, type OperatorDefinition } from './operator-definitions.js';
import { isFactValue, isParamValue } from './condition-value.js';
import {
  BUILT_IN_FACTS,
  type Condition,
  type FactType,
  type ParameterType,
  type ParamRef,
  type Programme,
  type Rule,
  type RuleFileProblem,
  type RuleVersion,
} from './model.js';
import { checkFactValues } from './check-fact-values.js';
import { LINE_FACTS } from './line-facts.js';
import { problemAt, type JsonPath, type YamlFile } from './yaml-file.js';

/** The type of every fact a condition may name in this programme. */
export function factTypes(programme: Programme): Map<string, FactType> {
  const types = new Map<string, FactType>(BUILT_IN_FACTS);
  for (const fact of programme.facts.values()) types.set(fact.name, fact.type);
  for (const derived of programme.derivedFacts.values()) types.set(derived.name, derived.type);
  return types;
}

const MONEY = /^(0|[1-9][0-9]*)\.[0-9]{2}$/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

function valueFitsType(value: unknown, type: ParameterType): boolean {
  switch (type) {
    case 'money':
      return typeof value === 'string' && MONEY.test(value);
    case 'decimal':
      return typeof value === 'string' && DECIMAL.test(value);
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
        ([, allowed]) =>
          !Array.isArray(allowed) &&
          !(allowed !== null && typeof allowed === 'object' && Object.keys(allowed).join() === 'notIn' && Array.isArray((allowed as { notIn: unknown }).notIn)),
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

/** Names of the data files beside the rules that a version may refer to. */
export interface DataFileNames {
  calendars: ReadonlySet<string>;
  emergencies: ReadonlySet<string>;
}

/**
 * What JSON Schema cannot see in a version file: names that do not resolve, operators that do not fit their
 * fact, parameters whose value is not of their type, duplicate ids, unknown assumptions, circular conditions, and
 * values compared with a fact that no request can send (check-fact-values.ts).
 */
export function checkVersion(programme: Programme, version: RuleVersion, yaml: YamlFile, dataFiles: DataFileNames): RuleFileProblem[] {
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
    if (!citesASource(parameter.source))
      problems.push(problemAt(yaml, [...path, 'source'], `source must name one of this version's sources (${sourceNames.join(', ')})`));
    parameter.assumptions.forEach((id, index) => {
      if (!assumptionIds.has(id))
        problems.push(problemAt(yaml, [...path, 'assumptions', index], `assumption ${id} is not stated in this version's assumptions`));
    });
  }

  interface FactScope {
    types: ReadonlyMap<string, FactType>;
    where: string;
  }
  const programmeFacts: FactScope = { types, where: `declared in ${programme.id}/programme.yaml` };
  const checkCondition = (condition: Condition, path: JsonPath, trail: readonly string[], scope: FactScope = programmeFacts): void => {
    if ('all' in condition) {
      for (const [index, child] of condition.all.entries()) checkCondition(child, [...path, 'all', index], trail, scope);
    } else if ('any' in condition) {
      for (const [index, child] of condition.any.entries()) checkCondition(child, [...path, 'any', index], trail, scope);
    } else if ('not' in condition) checkCondition(condition.not, [...path, 'not'], trail, scope);
    else if ('condition' in condition) {
      const named = version.namedConditions.get(condition.condition);
      if (!named) problems.push(problemAt(yaml, [...path, 'condition'], `no condition named "${condition.condition}" in this version's conditions`));
      else if (trail.length > 0) {
        const cycle = cycleThrough(version, condition.condition, trail);
        if (cycle) problems.push(problemAt(yaml, [...path, 'condition'], `named conditions refer to each other in a circle: ${cycle.join(' → ')}`));
      }
    } else {
      const factType = scope.types.get(condition.fact);
      const operator = OPERATOR_DEFINITIONS.get(condition.operator);
      if (factType === undefined) problems.push(problemAt(yaml, [...path, 'fact'], `fact "${condition.fact}" is not ${scope.where}`));
      if (!operator)
        problems.push(
          problemAt(yaml, [...path, 'operator'], `unknown operator "${condition.operator}" (known: ${[...OPERATOR_DEFINITIONS.keys()].join(', ')})`),
        );
      let valueType: FactType | null = null;
      if (isParamValue(condition.value)) {
        const parameter = version.parameters.get(condition.value.param);
        if (!parameter) problems.push(problemAt(yaml, [...path, 'value', 'param'], `parameter "${condition.value.param}" is not declared in this version`));
        else if (parameter.type === 'money' || parameter.type === 'decimal') {
          problems.push(
            problemAt(yaml, [...path, 'value', 'param'], `parameter "${parameter.name}" is ${parameter.type}; conditions compare facts, not amounts`),
          );
        } else valueType = parameter.type;
      } else if (isFactValue(condition.value)) {
        valueType = scope.types.get(condition.value.fact) ?? null;
        if (valueType === null) problems.push(problemAt(yaml, [...path, 'value', 'fact'], `fact "${condition.value.fact}" is not ${scope.where}`));
      }
      if (operator && factType !== undefined) {
        if (!operator.factTypes.includes(factType)) {
          problems.push(
            problemAt(
              yaml,
              [...path, 'operator'],
              `${operator.name} does not apply to ${condition.fact}, a ${factType} (it takes ${operator.factTypes.join(' or ')})`,
            ),
          );
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

  const checkRules = (rules: readonly Rule[], path: JsonPath, scope: FactScope): void => {
    const seenRules = new Set<string>();
    rules.forEach((rule, index) => {
      const rulePath = [...path, index];
      if (seenRules.has(rule.id)) problems.push(problemAt(yaml, [...rulePath, 'id'], `duplicate rule id ${rule.id}`));
      seenRules.add(rule.id);
      if (!citesASource(rule.source))
        problems.push(problemAt(yaml, [...rulePath, 'source'], `source must name one of this version's sources (${sourceNames.join(', ')})`));
      rule.assumptions.forEach((id, assumptionIndex) => {
        if (!assumptionIds.has(id))
          problems.push(problemAt(yaml, [...rulePath, 'assumptions', assumptionIndex], `assumption ${id} is not stated in this version's assumptions`));
      });
      checkCondition(rule.conditions, [...rulePath, 'conditions'], [], scope);
    });
  };
  checkRules(version.rules, ['rules'], programmeFacts);

  const compensation = version.compensation;
  if (compensation) {
    const checkParam = (reference: ParamRef, path: JsonPath, expected: ParameterType): void => {
      const parameter = version.parameters.get(reference.param);
      if (!parameter) problems.push(problemAt(yaml, [...path, 'param'], `parameter "${reference.param}" is not declared in this version`));
      else if (parameter.type !== expected)
        problems.push(problemAt(yaml, [...path, 'param'], `parameter "${reference.param}" is a ${parameter.type}; this needs a ${expected}`));
    };
    const checkAssumption = (id: string | undefined, path: JsonPath): void => {
      if (id !== undefined && !assumptionIds.has(id)) problems.push(problemAt(yaml, path, `assumption ${id} is not stated in this version's assumptions`));
    };
    const checkCitation = (citation: string, path: JsonPath): void => {
      if (!citesASource(citation)) problems.push(problemAt(yaml, path, `source must name one of this version's sources (${sourceNames.join(', ')})`));
    };
    const base = ['compensation'];
    checkRules(compensation.lineRules, [...base, 'lineRules'], {
      types: LINE_FACTS[compensation.kind],
      where: `a field of a ${compensation.kind} line (${[...LINE_FACTS[compensation.kind].keys()].join(', ')})`,
    });
    if (compensation.kind === 'cappedActualCost') {
      checkParam(compensation.annualAmount, [...base, 'annualAmount'], 'money');
      checkParam(compensation.periodShare, [...base, 'periodShare'], 'decimal');
      checkParam(compensation.reportDue.monthsAfterPeriod, [...base, 'reportDue', 'monthsAfterPeriod'], 'number');
      checkParam(compensation.reportDue.dayOfMonth, [...base, 'reportDue', 'dayOfMonth'], 'number');
      checkParam(compensation.paymentDue.workingDays, [...base, 'paymentDue', 'workingDays'], 'number');
      if (!dataFiles.calendars.has(compensation.paymentDue.calendar)) {
        problems.push(
          problemAt(
            yaml,
            [...base, 'paymentDue', 'calendar'],
            `no calendar "${compensation.paymentDue.calendar}" in rules/calendar/ (known: ${[...dataFiles.calendars].join(', ') || 'none'})`,
          ),
        );
      }
      checkAssumption(compensation.capAssumption, [...base, 'capAssumption']);
      checkAssumption(compensation.proRataAssumption, [...base, 'proRataAssumption']);
      checkAssumption(compensation.paymentDue.workingDayAssumption, [...base, 'paymentDue', 'workingDayAssumption']);
      checkCitation(compensation.reportDue.source, [...base, 'reportDue', 'source']);
      checkCitation(compensation.paymentDue.source, [...base, 'paymentDue', 'source']);
      if (compensation.claimPeriodSource !== undefined) checkCitation(compensation.claimPeriodSource, [...base, 'claimPeriodSource']);
    } else if (compensation.kind === 'individualBudgetLines') {
      checkAssumption(compensation.proRataAssumption, [...base, 'proRataAssumption']);
      checkCitation(compensation.diUnitCosts.source, [...base, 'diUnitCosts', 'source']);
      if (!dataFiles.emergencies.has(compensation.emergencies)) {
        problems.push(
          problemAt(
            yaml,
            [...base, 'emergencies'],
            `no emergency periods "${compensation.emergencies}" in rules/emergencies/ (known: ${[...dataFiles.emergencies].join(', ') || 'none'})`,
          ),
        );
      }
    } else {
      checkAssumption(compensation.proRataAssumption, [...base, 'proRataAssumption']);
      for (const [service, unitCost] of Object.entries(compensation.unitCosts)) {
        const path = [...base, 'unitCosts', service];
        if (unitCost.rate) checkParam(unitCost.rate, [...path, 'rate'], 'money');
        if (unitCost.rates) {
          checkParam(unitCost.rates.lower, [...path, 'rates', 'lower'], 'money');
          checkParam(unitCost.rates.higher, [...path, 'rates', 'higher'], 'money');
        }
        checkAssumption(unitCost.tierAssumption, [...path, 'tierAssumption']);
        for (const [index, id] of (unitCost.assumptions ?? []).entries()) checkAssumption(id, [...path, 'assumptions', index]);
        checkCitation(unitCost.source, [...path, 'source']);
      }
      for (const key of ['unitCost', 'actualCostUpToUnitCost'] as const)
        checkCitation(compensation.provision[key].source, [...base, 'provision', key, 'source']);
    }
  }
  problems.push(...checkFactValues(programme, version, yaml));
  return problems;
}
