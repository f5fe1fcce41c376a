import type { Compensation, Parameter } from '../rules/model.js';
import { sameValue } from './canonical-json.js';
import type { ConditionSides } from './condition-change.js';
import { describeConditionValue } from './condition-words.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A setting in words; a parameter reference with the value it has on that side: "annualAmount (1234.50)". */
function settingWords(value: unknown, parameters: ReadonlyMap<string, Parameter>): string {
  if (isPlainObject(value)) {
    if (typeof value.param === 'string') return describeConditionValue({ param: value.param }, parameters);
    return `{${Object.entries(value)
      .map(([key, child]) => `${key}: ${settingWords(child, parameters)}`)
      .join(', ')}}`;
  }
  if (Array.isArray(value)) return `[${value.map((child) => settingWords(child, parameters)).join(', ')}]`;
  return String(value);
}

function compareSettings(before: unknown, after: unknown, path: string, sides: ConditionSides, lines: string[]): void {
  if (sameValue(before, after)) return;
  const isReference = (value: unknown): boolean => isPlainObject(value) && typeof value.param === 'string';
  if (isPlainObject(before) && isPlainObject(after) && !isReference(before) && !isReference(after)) {
    for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
      const where = path ? `${path}.${key}` : key;
      if (!(key in before)) lines.push(`${where} added: ${settingWords(after[key], sides.newParameters)}`);
      else if (!(key in after)) lines.push(`${where} removed (was ${settingWords(before[key], sides.oldParameters)})`);
      else compareSettings(before[key], after[key], where, sides, lines);
    }
    return;
  }
  lines.push(`${path}: ${settingWords(before, sides.oldParameters)} → ${settingWords(after, sides.newParameters)}`);
}

/**
 * How compensation is computed, compared setting by setting (the line rules are compared as rules elsewhere):
 * its kind, the parameters each setting reads, unit costs added or removed, citations, assumptions.
 */
export function compareCompensation(before: Compensation | null, after: Compensation | null, sides: ConditionSides): string[] {
  if (before === null && after === null) return [];
  if (before === null) return [`compensation added: kind ${(after as Compensation).kind}`];
  if (after === null) return [`compensation removed (was kind ${before.kind})`];
  if (before.kind !== after.kind) return [`kind ${before.kind} → ${after.kind}`];
  const { lineRules: _oldLineRules, ...oldSettings } = before;
  const { lineRules: _newLineRules, ...newSettings } = after;
  const lines: string[] = [];
  compareSettings(oldSettings, newSettings, '', sides, lines);
  return lines;
}
