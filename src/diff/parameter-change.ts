import { Money } from '../money/money.js';
import type { Parameter, ParameterValue } from '../rules/model.js';
import { sameValue } from './canonical-json.js';
import { dateMove } from './date-move.js';
import type { ParameterChange } from './diff-report.js';
import { listChange } from './list-change.js';

const NUMERIC_TYPES = new Set(['number', 'money', 'decimal']);

/** (new − old) ÷ |old| in per cent, exact, rounded half-up to two decimals and signed: "+5.85%"; null from zero. */
export function percentChange(oldValue: ParameterValue, newValue: ParameterValue): string | null {
  let before: Money;
  let after: Money;
  try {
    before = new Money(oldValue as string | number);
    after = new Money(newValue as string | number);
  } catch {
    return null;
  }
  if (before.isZero()) return null;
  const percent = after.minus(before).div(before.abs()).times(100).toDecimalPlaces(2, Money.ROUND_HALF_UP);
  return `${percent.isPositive() && !percent.isZero() ? '+' : ''}${percent.toFixed(2)}%`;
}

/** How each side shows a citation: by its sources' titles (rules/citations.ts). */
export interface CitationWords {
  old: (citation: string) => string;
  new: (citation: string) => string;
}

const AS_WRITTEN: CitationWords = { old: (citation) => citation, new: (citation) => citation };

function notesOn(before: Parameter, after: Parameter, cite: CitationWords): string[] {
  const notes: string[] = [];
  if (before.type !== after.type) notes.push(`type ${before.type} → ${after.type}`);
  if (before.title.en !== after.title.en) notes.push(`title "${before.title.en}" → "${after.title.en}"`);
  if (before.title.lv !== after.title.lv) notes.push(`Latvian title "${before.title.lv}" → "${after.title.lv}"`);
  if (before.source !== after.source) notes.push(`source "${cite.old(before.source)}" → "${cite.new(after.source)}"`);
  const assumptions = listChange(before.assumptions, after.assumptions);
  if (assumptions.gained.length > 0) notes.push(`assumptions gained ${assumptions.gained.join(', ')}`);
  if (assumptions.lost.length > 0) notes.push(`assumptions lost ${assumptions.lost.join(', ')}`);
  return notes;
}

function changed(before: Parameter, after: Parameter, usedBy: string[], cite: CitationWords): ParameterChange | null {
  const notes = notesOn(before, after, cite);
  const valueChanged = !sameValue(before.value, after.value);
  if (!valueChanged && notes.length === 0) return null;
  const change: ParameterChange = {
    name: after.name,
    change: 'changed',
    title: after.title.en,
    type: after.type,
    old: before.value,
    new: after.value,
    notes,
    usedBy,
  };
  if (!valueChanged) return change;
  if (NUMERIC_TYPES.has(before.type) && NUMERIC_TYPES.has(after.type)) change.percent = percentChange(before.value, after.value);
  if (Array.isArray(before.value) && Array.isArray(after.value)) Object.assign(change, listChange<string | number>(before.value, after.value));
  if (before.type === 'date' && after.type === 'date') {
    const moved = dateMove(before.value, after.value);
    if (moved) change.moved = moved;
  }
  return change;
}

/**
 * Parameters compared by name: value old → new (with the % change for numbers and money, what a list gained
 * and lost, how far a date moved), added and removed ones, and changes to their type, title, source, assumptions.
 */
export function compareParameters(
  oldParameters: ReadonlyMap<string, Parameter>,
  newParameters: ReadonlyMap<string, Parameter>,
  users: { old: ReadonlyMap<string, string[]>; new: ReadonlyMap<string, string[]> },
  cite: CitationWords = AS_WRITTEN,
): ParameterChange[] {
  const changes: ParameterChange[] = [];
  for (const [name, after] of newParameters) {
    const before = oldParameters.get(name);
    const usedBy = users.new.get(name) ?? [];
    if (!before) {
      changes.push({ name, change: 'added', title: after.title.en, type: after.type, new: after.value, notes: [], usedBy });
      continue;
    }
    const change = changed(before, after, usedBy, cite);
    if (change) changes.push(change);
  }
  for (const [name, before] of oldParameters) {
    if (!newParameters.has(name))
      changes.push({ name, change: 'removed', title: before.title.en, type: before.type, old: before.value, notes: [], usedBy: users.old.get(name) ?? [] });
  }
  return changes;
}
