import { closest, distance } from 'fastest-levenshtein';
import { isFactValue, isParamValue } from './condition-value.js';
import {
  allowedValues,
  closedFieldNames,
  fieldSchema,
  itemSchema,
  jsonTypes,
  lineFactValues,
  programmeFactValues,
  type FactValueScope,
  type PlacedSchema,
} from './fact-values.js';
import type { Condition, FactCondition, Programme, RuleFileProblem, RuleVersion } from './model.js';
import { problemAt, type JsonPath, type YamlFile } from './yaml-file.js';

/** "disabilityGroup" → "disability group": a field's name as a noun in a sentence. */
function nounOf(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The allowed value a typo most likely meant, compared as written ("very_sever" → "very_severe", "true" → true);
 * none when every allowed value is further than half the word away.
 */
export function nearestValue(value: unknown, allowed: readonly unknown[]): unknown {
  const written = shown(value);
  const candidates = allowed.filter((candidate) => candidate !== null);
  if (candidates.length === 0) return undefined;
  const best = closest(written, candidates.map(shown));
  const limit = Math.max(2, Math.floor(Math.max(written.length, best.length) / 2));
  return distance(written, best) <= limit ? candidates.find((candidate) => shown(candidate) === best) : undefined;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/** Why a request can never send `value` for a field named `name` with this schema, or null when it can. */
export function valueProblem(value: unknown, name: string, schema: PlacedSchema): string | null {
  // An absent optional fact is null: comparing with null asks whether it was sent.
  if (value === null) return null;
  const allowed = allowedValues(schema);
  if (allowed) {
    if (allowed.includes(value)) return null;
    const nearest = nearestValue(value, allowed);
    const hint = nearest === undefined ? '' : `: did you mean ${JSON.stringify(nearest)}?`;
    const what = allowed.every((item) => typeof item === 'boolean' || item === null) ? `a value of ${name}` : withArticle(nounOf(name));
    return `value ${JSON.stringify(value)} is not ${what} a request can send (${allowed.map(shown).join(', ')})${hint}`;
  }
  const types = (jsonTypes(schema) ?? []).filter((type) => type !== 'null');
  if (types.length === 0 || types.some((type) => hasType(value, type))) return null;
  return `value ${JSON.stringify(value)} is not a value of ${name} a request can send (${types.map((type) => TYPE_WORDS[type] ?? type).join(' or ')})`;
}

/** A literal compared with a fact, and where it is written: in the condition, or in the parameter it names. */
interface WrittenValue {
  value: unknown;
  path: JsonPath;
}

/** The value a condition compares with as written, a parameter read from its declaration; null for another fact. */
function writtenValue(version: RuleVersion, leaf: FactCondition, path: JsonPath): WrittenValue | null {
  if (isFactValue(leaf.value)) return null;
  if (isParamValue(leaf.value)) {
    const parameter = version.parameters.get(leaf.value.param);
    return parameter ? { value: parameter.value, path: ['parameters', parameter.name, 'value'] } : null;
  }
  return { value: leaf.value, path: [...path, 'value'] };
}

const SINGLE = new Set(['equal', 'notEqual']);
const LISTED = new Set(['in', 'notIn']);
const ITEM_PATTERNS = new Set(['hasItemMatching', 'hasNoItemMatching']);

function leafProblems(yaml: YamlFile, version: RuleVersion, leaf: FactCondition, path: JsonPath, scope: FactValueScope): RuleFileProblem[] {
  const schema = scope.schemaOf(leaf.fact);
  const written = schema ? writtenValue(version, leaf, path) : null;
  if (!schema || !written) return [];
  const problems: RuleFileProblem[] = [];
  const check = (value: unknown, name: string, valueSchema: PlacedSchema, at: JsonPath): void => {
    if (Array.isArray(value) || (value !== null && typeof value === 'object')) return;
    const problem = valueProblem(value, name, valueSchema);
    if (problem) problems.push(problemAt(yaml, at, problem));
  };
  const name = leaf.fact;
  if (SINGLE.has(leaf.operator)) check(written.value, name, schema, written.path);
  else if (LISTED.has(leaf.operator) && Array.isArray(written.value)) {
    for (const [index, item] of written.value.entries()) check(item, name, schema, [...written.path, index]);
  } else if (ITEM_PATTERNS.has(leaf.operator) && !isParamValue(leaf.value)) {
    const item = itemSchema(schema);
    const pattern = written.value;
    if (!item || pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) return [];
    const fields = closedFieldNames(item);
    for (const [field, allowed] of Object.entries(pattern)) {
      const itemField = fieldSchema(item, field);
      if (!itemField) {
        if (fields) problems.push(problemAt(yaml, [...written.path, field], unknownField(field, leaf.fact, fields), true));
        continue;
      }
      const negated = allowed !== null && typeof allowed === 'object' && !Array.isArray(allowed);
      const listed: unknown = negated ? (allowed as { notIn?: unknown }).notIn : allowed;
      const at = negated ? [...written.path, field, 'notIn'] : [...written.path, field];
      if (Array.isArray(listed)) for (const [index, value] of listed.entries()) check(value, field, itemField, [...at, index]);
    }
  }
  return problems;
}

function unknownField(field: string, fact: string, fields: readonly string[]): string {
  const nearest = nearestValue(field, fields);
  const hint = nearest === undefined ? '' : `: did you mean "${String(nearest)}"?`;
  return `"${field}" is not a field of the ${fact} items a request can send (${fields.join(', ')})${hint}`;
}

function conditionProblems(yaml: YamlFile, version: RuleVersion, condition: Condition, path: JsonPath, scope: FactValueScope): RuleFileProblem[] {
  if ('all' in condition) return condition.all.flatMap((child, index) => conditionProblems(yaml, version, child, [...path, 'all', index], scope));
  if ('any' in condition) return condition.any.flatMap((child, index) => conditionProblems(yaml, version, child, [...path, 'any', index], scope));
  if ('not' in condition) return conditionProblems(yaml, version, condition.not, [...path, 'not'], scope);
  // A named condition is checked where it is written.
  if ('condition' in condition) return [];
  return leafProblems(yaml, version, condition, path, scope);
}

/**
 * Values conditions compare facts with that no request can send, at the value itself (in the condition, or in the
 * parameter it names): `severity: [very_sever]`, `residence in [..., group_hme]`, `funding: { notIn: [stat] }`.
 */
export function checkFactValues(programme: Programme, version: RuleVersion, yaml: YamlFile): RuleFileProblem[] {
  const facts = programmeFactValues(programme);
  const problems = [
    ...[...version.namedConditions].flatMap(([name, condition]) => conditionProblems(yaml, version, condition, ['conditions', name], facts)),
    ...version.rules.flatMap((rule, index) => conditionProblems(yaml, version, rule.conditions, ['rules', index, 'conditions'], facts)),
  ];
  const compensation = version.compensation;
  if (compensation) {
    const lines = lineFactValues(compensation.kind);
    problems.push(
      ...compensation.lineRules.flatMap((rule, index) =>
        conditionProblems(yaml, version, rule.conditions, ['compensation', 'lineRules', index, 'conditions'], lines),
      ),
    );
  }
  // A parameter compared in several conditions is reported once.
  const unique = new Map(problems.map((problem) => [`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`, problem]));
  return [...unique.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
