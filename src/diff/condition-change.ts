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
      Array.isArray(value)
        ? { list: value, negated: false }
        : value && typeof value === 'object' && Array.isArray((value as { notIn?: unknown }).notIn)
          ? { list: (value as { notIn: unknown[] }).notIn, negated: true }
          : null;
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
  if ((oldCondition.ref ?? null) !== (newCondition.ref ?? null))
    lines.push(`${oldWords}: clause id ${oldCondition.ref ?? '(none)'} → ${newCondition.ref ?? '(none)'}`);
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

/** Where a clause sits: the all/any/not around it, outermost first, each with its place among its siblings. */
type Place = ReadonlyArray<{ kind: 'all' | 'any' | 'not'; index: number }>;

/** A change found while walking both sides: a line of words, or a clause removed or added that may have moved. */
type Change = { line: string } | { side: 'removed' | 'added'; key: string; words: string; place: Place };

function compareChildren(kind: 'all' | 'any', oldChildren: Condition[], newChildren: Condition[], sides: ConditionSides, place: Place): Change[] {
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
  const inside = (children: Condition[], child: Condition): Place => [...place, { kind, index: children.indexOf(child) }];
  return [
    ...pairs.flatMap(([oldChild, newChild]) => compare(oldChild, newChild, sides, [...place, { kind, index: newChildren.indexOf(newChild) }])),
    ...oldLeft.map(
      (child): Change => ({ side: 'removed', key: canonicalJson(child), words: words(child, sides.oldParameters), place: inside(oldChildren, child) }),
    ),
    ...newLeft.map(
      (child): Change => ({ side: 'added', key: canonicalJson(child), words: words(child, sides.newParameters), place: inside(newChildren, child) }),
    ),
  ];
}

function compare(oldCondition: Condition, newCondition: Condition, sides: ConditionSides, place: Place): Change[] {
  if (sameValue(oldCondition, newCondition)) return [];
  if (isFactCondition(oldCondition) && isFactCondition(newCondition)) return compareFactConditions(oldCondition, newCondition, sides).map((line) => ({ line }));
  const oldKind = compositeKind(oldCondition);
  const newKind = compositeKind(newCondition);
  if (oldKind === 'not' && newKind === 'not') {
    return compare((oldCondition as { not: Condition }).not, (newCondition as { not: Condition }).not, sides, [...place, { kind: 'not', index: 0 }]).map(
      (change) => ('line' in change ? { line: `inside not: ${change.line}` } : change),
    );
  }
  if (oldKind !== null && oldKind !== 'not' && oldKind === newKind) {
    return compareChildren(oldKind, childrenOf(oldCondition as Composite), childrenOf(newCondition as Composite), sides, place);
  }
  // A single condition wrapped in all/any with others beside it reads as conditions added (or, unwrapped, removed).
  if (newKind === 'all' || newKind === 'any') {
    const children = childrenOf(newCondition as Composite);
    if (children.some((child) => sameValue(child, oldCondition))) return compareChildren(newKind, [oldCondition], children, sides, place);
  }
  if (oldKind === 'all' || oldKind === 'any') {
    const children = childrenOf(oldCondition as Composite);
    if (children.some((child) => sameValue(child, newCondition))) return compareChildren(oldKind, children, [newCondition], sides, place);
  }
  return [{ line: became(oldCondition, newCondition, sides) }];
}

/** "the any inside the all": where a clause sits, in words, innermost first. */
function placeWords(place: Place): string {
  const kinds = place.map((level) => (level.kind === 'not' ? 'not' : `the ${level.kind}`)).reverse();
  return kinds.length === 0 ? 'the top' : kinds.join(' inside ');
}

/** What a clause's move means for when the rule holds: the innermost all/any decides whether it is required. */
function moveMeaning(from: Place, to: Place): string {
  const negations = (place: Place): number => place.filter((level) => level.kind === 'not').length;
  if (negations(from) % 2 !== negations(to) % 2) return `: it is now ${negations(to) % 2 === 1 ? 'negated' : 'no longer negated'}`;
  const kindAround = (place: Place): 'all' | 'any' | 'not' | undefined => place[place.length - 1]?.kind;
  const before = kindAround(from);
  const after = kindAround(to);
  if (before === 'any' && after === 'all') return ': it was one of the alternatives, now it is required';
  if (before === 'all' && after === 'any') return ': it was required, now it is one of the alternatives';
  return '';
}

function samePlace(a: Place, b: Place): boolean {
  return a.length === b.length && a.every((level, index) => level.kind === b[index]?.kind && level.index === b[index]?.index);
}

/**
 * Two conditions compared as a reviewer reads them: each edited clause in words ("age < adultAge (18) became
 * age < 19", "residence in [...] gained foster_family", "condition `x` added to all"). A clause taken out of one
 * all/any and put into another — as a line indented one step too far or too little does — reads as moved, and
 * says what that means ("moved from the any inside the all to the all: it was one of the alternatives, now it is
 * required"). Empty when the same.
 */
export function compareConditions(oldCondition: Condition, newCondition: Condition, sides: ConditionSides): string[] {
  const changes = compare(oldCondition, newCondition, sides, []);
  const added = changes.filter((change): change is Extract<Change, { side: string }> => 'side' in change && change.side === 'added');
  const movedTo = new Map<Change, Extract<Change, { side: string }>>();
  for (const change of changes) {
    if (!('side' in change) || change.side !== 'removed') continue;
    const target = added.find(
      (candidate) => candidate.key === change.key && !samePlace(candidate.place, change.place) && ![...movedTo.values()].includes(candidate),
    );
    if (target) movedTo.set(change, target);
  }
  const moved = new Set(movedTo.values());
  return changes.flatMap((change): string[] => {
    if ('line' in change) return [change.line];
    const kind = change.place[change.place.length - 1]?.kind ?? 'all';
    if (change.side === 'added') return moved.has(change) ? [] : [`condition \`${change.words}\` added to ${kind}`];
    const target = movedTo.get(change);
    if (!target) return [`condition \`${change.words}\` removed from ${kind}`];
    const from = placeWords(change.place);
    const to = placeWords(target.place);
    const where = from === to ? `to another ${to.replace(/^the /, '')}` : `from ${from} to ${to}`;
    return [`condition \`${change.words}\` moved ${where}${moveMeaning(change.place, target.place)}`];
  });
}
