import { readableCitation } from '../rules/citations.js';
import type { Rule, RuleVersion } from '../rules/model.js';
import { compareConditions, type ConditionSides } from './condition-change.js';
import { describeCondition } from './condition-words.js';
import type { NamedConditionChange, RuleChange } from './diff-report.js';
import { listChange } from './list-change.js';
import { namedConditionsReached, namedConditionUsers } from './parameter-usage.js';

/** Both versions, for the rules' named conditions and the parameters their conditions read. */
export interface VersionSides {
  old: RuleVersion;
  new: RuleVersion;
  conditions: ConditionSides;
}

/** Named conditions added, removed or changed, each change in words, with the rules that reach them. */
export function compareNamedConditions(sides: VersionSides): NamedConditionChange[] {
  const changes: NamedConditionChange[] = [];
  const newUsers = namedConditionUsers(sides.new);
  const oldUsers = namedConditionUsers(sides.old);
  for (const [name, after] of sides.new.namedConditions) {
    const before = sides.old.namedConditions.get(name);
    const usedBy = newUsers.get(name) ?? [];
    if (!before) changes.push({ name, change: 'added', details: [describeCondition(after, sides.conditions.newParameters)], usedBy });
    else {
      const details = compareConditions(before, after, sides.conditions);
      if (details.length > 0) changes.push({ name, change: 'changed', details, usedBy });
    }
  }
  for (const [name, before] of sides.old.namedConditions) {
    if (!sides.new.namedConditions.has(name))
      changes.push({ name, change: 'removed', details: [describeCondition(before, sides.conditions.oldParameters)], usedBy: oldUsers.get(name) ?? [] });
  }
  return changes;
}

function ruleDetails(before: Rule, after: Rule, sides: VersionSides, namedChanges: ReadonlyMap<string, string[]>): string[] {
  const details: string[] = [];
  if (before.kind !== after.kind) details.push(`kind ${before.kind} → ${after.kind}`);
  if (before.title.en !== after.title.en) details.push(`title "${before.title.en}" → "${after.title.en}"`);
  if (before.title.lv !== after.title.lv) details.push(`Latvian title "${before.title.lv}" → "${after.title.lv}"`);
  if (before.source !== after.source)
    details.push(`source "${readableCitation(sides.old.sources, before.source)}" → "${readableCitation(sides.new.sources, after.source)}"`);
  const assumptions = listChange(before.assumptions, after.assumptions);
  if (assumptions.gained.length > 0) details.push(`assumptions gained ${assumptions.gained.join(', ')}`);
  if (assumptions.lost.length > 0) details.push(`assumptions lost ${assumptions.lost.join(', ')}`);
  details.push(...compareConditions(before.conditions, after.conditions, sides.conditions));
  // A rule that reads a named condition changes when that condition does, though its own text is the same.
  const reachedBefore = namedConditionsReached(before.conditions, sides.old);
  for (const name of namedConditionsReached(after.conditions, sides.new)) {
    if (!reachedBefore.has(name)) continue;
    for (const line of namedChanges.get(name) ?? []) details.push(`through ${name}: ${line}`);
  }
  return details;
}

/**
 * Rules compared by id: added (with their conditions in words), removed, and changed — kind, title, source,
 * assumptions and each edited condition, including those in the named conditions the rule reads.
 */
export function compareRules(
  oldRules: readonly Rule[],
  newRules: readonly Rule[],
  sides: VersionSides,
  namedConditions: readonly NamedConditionChange[],
): RuleChange[] {
  const namedChanges = new Map(namedConditions.filter((change) => change.change === 'changed').map((change) => [change.name, change.details]));
  const changes: RuleChange[] = [];
  for (const after of newRules) {
    const before = oldRules.find((rule) => rule.id === after.id);
    if (!before) {
      changes.push({
        id: after.id,
        change: 'added',
        kind: after.kind,
        title: after.title.en,
        details: [`conditions: ${describeCondition(after.conditions, sides.conditions.newParameters)}`],
      });
      continue;
    }
    const details = ruleDetails(before, after, sides, namedChanges);
    if (details.length > 0) changes.push({ id: after.id, change: 'changed', kind: after.kind, title: after.title.en, details });
  }
  for (const before of oldRules) {
    if (!newRules.some((rule) => rule.id === before.id))
      changes.push({ id: before.id, change: 'removed', kind: before.kind, title: before.title.en, details: [] });
  }
  return changes;
}
