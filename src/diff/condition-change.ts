import type { Condition, FactCondition, Parameter } from '../rules/model.js';
import { canonicalJson, sameValue } from './canonical-json.js';
import { describeCondition, resolvedConditionValue } from './condition-words.js';
import { listChange, listChangeWords } from './list-change.js';

/** The parameters each side's conditions read, so a `{ param }` is described with the value it has there. */
export interface ConditionSides {
  oldParameters: ReadonlyMap<string, Parameter>;
  newParameters: ReadonlyMap<string, Parameter>;
}

type Composite = { all: Condition[] } | { any: Condition[] } | { not: Condition };

function compositeKind(condition: Condition): 'all' | 'any' | 'not' | null {
  if ('all' in condition) return 'all';
  if ('any' in condition) return 'any';
  if ('not' in condition) return 'not';
  return null;
}

function isFactCondition(condition: Condition): condition is FactCondition {
  return 'fact' in condition;
}

function childrenOf(condition: Composite): Condition[] {
  if ('all' in condition) return condition.all;
  if ('any' in condition) return condition.any;
  return [condition.not];
}

function words(condition: Condition, parameters: ReadonlyMap<string, Parameter>): string {
  return describeCondition(condition, parameters);
}

function became(oldCondition: Condition, newCondition: Condition, sides: ConditionSides): string {
  return `${words(oldCondition, sides.oldParameters)} became ${words(newCondition, sides.newParameters)}`;
}

/** An item pattern whose fields stayed the same but whose allowed values moved: "severity gained very_severe". */
function itemPatternChange(oldPattern: unknown, newPattern: unknown): string | null {
  if (oldPattern === null || newPattern === null || typeof oldPattern !== 'object' || typeof newPattern !== 'object') return null;
  const oldFields = oldPattern as Record<string, unknown>;
  const newFields = newPattern as Record<string, unknown>;
  if (canonicalJson(Object.keys(oldFields).sort()) !== canonicalJson(Object.keys(newFields).sort())) return null;
  const parts: string[] = [];
  for (const field of Object.keys(oldFields)) {
    const before = oldFields[field];
    const after = newFields[field];
    if (sameValue(before, after)) continue;
    const listOf = (value: unknown): { list: unknown[]; negated: boolean } | null =>
      Array.isArray(value) ? { list: value, negated: false } : value && typeof value === 'object' && Array.isArray((value as { notIn?: unknown }).notIn) ? { list: (value as { notIn: unknown[] }).notIn, negated: true } : null;
    const oldList = listOf(before);
    const newList = listOf(after);
    if (!oldList || !newList || oldList.negated !== newList.negated) return null;
    const change = listChangeWords(listChange(oldList.list, newList.list));
    if (change) parts.push(`${field}${oldList.negated ? ' (not in)' : ''} ${change}`);
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

function compareFactConditions(oldCondition: FactCondition, newCondition: FactCondition, sides: ConditionSides): string[] {
  const lines: string[] = [];
  const oldWords = words(oldCondition, sides.oldParameters);
  if (oldCondition.fact !== newCondition.fact || oldCondition.operator !== newCondition.operator) {
    lines.push(became(oldCondition, newCondition, sides));
  } else if (!sameValue(oldCondition.value, newCondition.value)) {
    const oldValue = resolvedConditionValue(oldCondition.value, sides.oldParameters);
    const newValue = resolvedConditionValue(newCondition.value, sides.newParameters);
    if (Array.isArray(oldValue) && Array.isArray(newValue)) {
      const change = listChangeWords(listChange(oldValue, newValue));
      lines.push(change ? `${oldWords} ${change}` : `${became(oldCondition, newCondition, sides)} (same values)`);
    } else if (sameValue(oldValue, newValue)) {
      lines.push(`${became(oldCondition, newCondition, sides)} (same value)`);
    } else {
      const patternChange = oldCondition.operator.endsWith('ItemMatching') ? itemPatternChange(oldValue, newValue) : null;
      lines.push(patternChange ? `${oldWords}: ${patternChange}` : became(oldCondition, newCondition, sides));
    }
  }
  if ((oldCondition.ref ?? null) !== (newCondition.ref ?? null)) lines.push(`${oldWords}: clause id ${oldCondition.ref ?? '(none)'} → ${newCondition.ref ?? '(none)'}`);
  if (!sameValue(oldCondition.note, newCondition.note)) lines.push(`${oldWords}: note changed`);
  return lines;
}

/** Keys that say two written conditions are the same clause, edited: strongest first. */
function pairKeys(condition: Condition): [string | null, string | null] {
  if (isFactCondition(condition)) return [`fact ${condition.fact} ${condition.operator}`, `fact ${condition.fact}`];
  const kind = compositeKind(condition);
  return kind ? [`composite ${kind}`, null] : [null, null];
}

/** How many children two composites share exactly: the better pairing of edited nested blocks. */
function overlap(a: Condition, b: Condition): number {
  if (!compositeKind(a) || !compositeKind(b)) return 0;
  const keys = new Set(childrenOf(a as Composite).map(canonicalJson));
  return childrenOf(b as Composite).filter((child) => keys.has(canonicalJson(child))).length;
}

function compareChildren(kind: 'all' | 'any', oldChildren: Condition[], newChildren: Condition[], sides: ConditionSides): string[] {
  const oldLeft = [...oldChildren];
  const newLeft = [...newChildren];
  for (const child of newChildren) {
    const index = oldLeft.findIndex((candidate) => sameValue(candidate, child));
    if (index >= 0) {
      oldLeft.splice(index, 1);
      newLeft.splice(newLeft.indexOf(child), 1);
    }
  }
  const pairs: Array<[Condition, Condition]> = [];
  for (const strength of [0, 1] as const) {
    for (const oldChild of [...oldLeft]) {
      const key = pairKeys(oldChild)[strength];
      if (key === null) continue;
      const candidates = newLeft.filter((candidate) => pairKeys(candidate)[strength] === key);
      const [best] = candidates.sort((a, b) => overlap(oldChild, b) - overlap(oldChild, a));
      if (!best) continue;
      pairs.push([oldChild, best]);
      oldLeft.splice(oldLeft.indexOf(oldChild), 1);
      newLeft.splice(newLeft.indexOf(best), 1);
    }
  }
  return [
    ...pairs.flatMap(([oldChild, newChild]) => compareConditions(oldChild, newChild, sides)),
    ...oldLeft.map((child) => `condition \`${words(child, sides.oldParameters)}\` removed from ${kind}`),
    ...newLeft.map((child) => `condition \`${words(child, sides.newParameters)}\` added to ${kind}`),
  ];
}

/**
 * Two conditions compared as a reviewer reads them: each edited clause in words ("age < adultAge (18) became
 * age < 19", "residence in [...] gained foster_family", "condition `x` added to all"). Empty when the same.
 */
export function compareConditions(oldCondition: Condition, newCondition: Condition, sides: ConditionSides): string[] {
  if (sameValue(oldCondition, newCondition)) return [];
  if (isFactCondition(oldCondition) && isFactCondition(newCondition)) return compareFactConditions(oldCondition, newCondition, sides);
  const oldKind = compositeKind(oldCondition);
  const newKind = compositeKind(newCondition);
  if (oldKind === 'not' && newKind === 'not') {
    return compareConditions((oldCondition as { not: Condition }).not, (newCondition as { not: Condition }).not, sides).map((line) => `inside not: ${line}`);
  }
  if (oldKind !== null && oldKind !== 'not' && oldKind === newKind) {
    return compareChildren(oldKind, childrenOf(oldCondition as Composite), childrenOf(newCondition as Composite), sides);
  }
  // A single condition wrapped in all/any with others beside it reads as conditions added (or, unwrapped, removed).
  if (newKind === 'all' || newKind === 'any') {
    const children = childrenOf(newCondition as Composite);
    if (children.some((child) => sameValue(child, oldCondition))) return compareChildren(newKind, [oldCondition], children, sides);
  }
  if (oldKind === 'all' || oldKind === 'any') {
    const children = childrenOf(oldCondition as Composite);
    if (children.some((child) => sameValue(child, newCondition))) return compareChildren(oldKind, children, [newCondition], sides);
  }
  return [became(oldCondition, newCondition, sides)];
}
