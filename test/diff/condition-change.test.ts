import { describe, expect, it } from 'vitest';
import { compareConditions } from '../../src/diff/condition-change.js';
import type { Condition, Parameter } from '../../src/rules/model.js';

function parameter(name: string, value: Parameter['value']): [string, Parameter] {
  return [name, { name, type: Array.isArray(value) ? 'list' : 'number', value, title: { lv: name, en: name }, source: 'fictional', assumptions: [] }];
}

/** FICTIONAL parameters: the old side's adult age is 18, the new side's 19. */
const sides = {
  oldParameters: new Map([parameter('adultAge', 18), parameter('adultResidences', ['own_home', 'social_house', 'group_home'])]),
  newParameters: new Map([parameter('adultAge', 19), parameter('adultResidences', ['own_home', 'social_house', 'group_home'])]),
};

const age = (operator: string, value: unknown): Condition => ({ fact: 'age', operator, value }) as Condition;
const residenceIn = (value: unknown): Condition => ({ fact: 'residence', operator: 'in', value }) as Condition;

const CASES: Array<{ name: string; old: Condition; new: Condition; expected: string[] }> = [
  { name: 'same condition: nothing', old: { all: [age('lessThan', 18)] }, new: { all: [age('lessThan', 18)] }, expected: [] },
  {
    name: 'T4 value: age < 18 became age < 19',
    old: { all: [age('lessThan', 18)] },
    new: { all: [age('lessThan', 19)] },
    expected: ['age < 18 became age < 19'],
  },
  {
    name: 'operator: age < 18 became age ≤ 18',
    old: { all: [age('lessThan', 18)] },
    new: { all: [age('lessThanInclusive', 18)] },
    expected: ['age < 18 became age ≤ 18'],
  },
  {
    name: 'parameter to literal',
    old: { all: [age('lessThan', { param: 'adultAge' })] },
    new: { all: [age('lessThan', 19)] },
    expected: ['age < adultAge (18) became age < 19'],
  },
  {
    name: 'parameter written the same, other value: not a condition change',
    old: { all: [age('lessThan', { param: 'adultAge' })] },
    new: { all: [age('lessThan', { param: 'adultAge' })] },
    expected: [],
  },
  {
    name: 'R2 list gained foster_family',
    old: { all: [residenceIn(['own_home', 'social_house', 'group_home'])] },
    new: { all: [residenceIn(['own_home', 'social_house', 'group_home', 'foster_family'])] },
    expected: ['residence in [own_home, social_house, group_home] gained foster_family'],
  },
  {
    name: 'list gained and lost',
    old: { all: [residenceIn(['own_home', 'group_home'])] },
    new: { all: [residenceIn(['own_home', 'foster_family'])] },
    expected: ['residence in [own_home, group_home] gained foster_family and lost group_home'],
  },
  {
    name: 'list parameter written out with the same values',
    old: { all: [residenceIn({ param: 'adultResidences' })] },
    new: { all: [residenceIn(['group_home', 'own_home', 'social_house'])] },
    expected: ['residence in adultResidences ([own_home, social_house, group_home]) became residence in [group_home, own_home, social_house] (same values)'],
  },
  {
    name: 'condition added to all',
    old: { all: [age('greaterThanInclusive', 18)] },
    new: { all: [age('greaterThanInclusive', 18), { fact: 'residence', operator: 'notEqual', value: 'institution' }] },
    expected: ['condition `residence ≠ institution` added to all'],
  },
  {
    name: 'condition removed from any',
    old: { any: [{ condition: 't1Group' }, { condition: 't2Group' }] },
    new: { any: [{ condition: 't1Group' }] },
    expected: ['condition `t2Group` removed from any'],
  },
  {
    name: 'a named condition replaced by another',
    old: { any: [{ condition: 't1Group' }] },
    new: { any: [{ condition: 't5Group' }] },
    expected: ['condition `t1Group` removed from any', 'condition `t5Group` added to any'],
  },
  {
    name: 'a single condition wrapped with another in all',
    old: { condition: 'adult' },
    new: { all: [{ condition: 'adult' }, { fact: 'nskAsChild', operator: 'equal', value: true } as Condition] },
    expected: ['condition `nskAsChild = true` added to all'],
  },
  {
    name: 'all became any',
    old: { all: [{ condition: 'adult' }, { condition: 'blind' }] },
    new: { any: [{ condition: 'adult' }, { condition: 'blind' }] },
    expected: ['all of (adult; blind) became any of (adult; blind)'],
  },
  {
    name: 'nested block edited in place',
    old: { any: [{ all: [{ condition: 'adult' }, residenceIn(['own_home'])] }, { all: [age('lessThan', 18), residenceIn(['family'])] }] },
    new: { any: [{ all: [{ condition: 'adult' }, residenceIn(['own_home', 'group_home'])] }, { all: [age('lessThan', 18), residenceIn(['family'])] }] },
    expected: ['residence in [own_home] gained group_home'],
  },
  {
    name: 'inside not',
    old: { not: { all: [age('lessThan', 4)] } },
    new: { not: { all: [age('lessThan', 5)] } },
    expected: ['inside not: age < 4 became age < 5'],
  },
  {
    name: 'item pattern: a field lost a value',
    old: { all: [{ fact: 'conditions', operator: 'hasItemMatching', value: { type: ['mental_disorder'], severity: ['severe', 'very_severe'] } } as Condition] },
    new: { all: [{ fact: 'conditions', operator: 'hasItemMatching', value: { type: ['mental_disorder'], severity: ['very_severe'] } } as Condition] },
    expected: ['conditions has an item with {type in [mental_disorder], severity in [severe, very_severe]}: severity lost severe'],
  },
  {
    name: 'clause id moved',
    old: { all: [{ fact: 'services', operator: 'hasItemMatching', value: { inPlan: [true] }, ref: 'E2' } as Condition] },
    new: { all: [{ fact: 'services', operator: 'hasItemMatching', value: { inPlan: [true] }, ref: 'E4' } as Condition] },
    expected: ['services has an item with {inPlan in [true]} [E2]: clause id E2 → E4'],
  },
  {
    name: 'R1 a line indented one step too little: moved out of the any into the all',
    old: { all: [age('greaterThanInclusive', 18), { any: [{ condition: 'afterCutoff' }, { condition: 'withDiServices' }] }] },
    new: { all: [age('greaterThanInclusive', 18), { any: [{ condition: 'afterCutoff' }] }, { condition: 'withDiServices' }] },
    expected: ['condition `withDiServices` moved from the any inside the all to the all: it was one of the alternatives, now it is required'],
  },
  {
    name: 'R2 a line indented one step too far: moved out of the all into the any',
    old: { any: [{ all: [{ condition: 'adult' }, residenceIn(['own_home'])] }, { condition: 'child' }] },
    new: { any: [{ all: [{ condition: 'adult' }] }, residenceIn(['own_home']), { condition: 'child' }] },
    expected: ['condition `residence in [own_home]` moved from the all inside the any to the any: it was required, now it is one of the alternatives'],
  },
  {
    name: 'moved between two alls of an any',
    old: { any: [{ all: [{ condition: 'adult' }, { condition: 'blind' }] }, { all: [{ condition: 'child' }, { condition: 'atHome' }] }] },
    new: { any: [{ all: [{ condition: 'adult' }] }, { all: [{ condition: 'child' }, { condition: 'atHome' }, { condition: 'blind' }] }] },
    expected: ['condition `blind` moved to another all inside the any'],
  },
  {
    name: 'moved into a not',
    old: { all: [{ condition: 'adult' }, { condition: 'inVsac' }, { not: { all: [{ condition: 'blind' }, { condition: 'child' }] } }] },
    new: { all: [{ condition: 'adult' }, { not: { all: [{ condition: 'blind' }, { condition: 'child' }, { condition: 'inVsac' }] } }] },
    expected: ['condition `inVsac` moved from the all to the all inside not inside the all: it is now negated'],
  },
  {
    name: 'date compared with a fact',
    old: { all: [{ fact: 'vsacExitDate', operator: 'dateBefore', value: { fact: 'evaluationDate' } } as Condition] },
    new: { all: [{ fact: 'vsacExitDate', operator: 'dateOnOrBefore', value: { fact: 'evaluationDate' } } as Condition] },
    expected: ['vsacExitDate before evaluationDate became vsacExitDate on or before evaluationDate'],
  },
];

describe('conditions compared in words', () => {
  it.each(CASES)('$name', ({ old, new: now, expected }) => {
    expect(compareConditions(old, now, sides)).toEqual(expected);
  });
});
