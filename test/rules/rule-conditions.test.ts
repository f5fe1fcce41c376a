import { describe, expect, it } from 'vitest';
import { isFactValue, isParamValue } from '../../src/rules/condition-value.js';
import type { Condition, ConditionValue, FactCondition, IndividualBudgetLines, NamedCondition, Rule, RuleVersion } from '../../src/rules/model.js';
import { leavesOf, namedConditionsIn, rulesOf } from '../../src/rules/rule-conditions.js';

/** The parts of a version these functions read; nothing else of a version matters to them. */
type ConditionParts = Pick<RuleVersion, 'rules' | 'namedConditions' | 'compensation'>;

function versionOf(parts: Partial<ConditionParts>): RuleVersion {
  return { rules: [], namedConditions: new Map(), compensation: null, ...parts } as RuleVersion;
}

function fact(name: string, value: ConditionValue = 1): FactCondition {
  return { fact: name, operator: 'equal', value };
}

function rule(id: string, conditions: Rule['conditions']): Rule {
  return { id, kind: 'requirement', title: { lv: id, en: id }, source: 'MK 1', assumptions: [], conditions };
}

function lineRules(rules: Rule[]): IndividualBudgetLines {
  return {
    kind: 'individualBudgetLines',
    emergencies: 'MK 2',
    proRataAssumption: 'A1',
    diUnitCostRef: 'DI1',
    diUnitCosts: { programme: 'di', source: 'MK 3' },
    lineRules: rules,
  };
}

/** Each leaf as [fact, ...path]: what is reached and where it is written. */
function placedFacts(version: RuleVersion, condition: Condition, path: (string | number)[]): (string | number)[][] {
  return leavesOf(version, condition, path).map(({ leaf, path: at }) => [leaf.fact, ...at]);
}

describe('rulesOf: the rules of a version with their list and path', () => {
  it('R1, R2 eligibility rules sit in list "rules" at rules/<index>; line rule L1 in "lineRules"', () => {
    const r1 = rule('R1', { all: [fact('age')] });
    const r2 = rule('R2', { any: [fact('residence')] });
    const l1 = rule('L1', { not: fact('emergency') });
    const placed = rulesOf(versionOf({ rules: [r1, r2], compensation: lineRules([l1]) }));
    expect(placed).toEqual([
      { rule: r1, list: 'rules', path: ['rules', 0] },
      { rule: r2, list: 'rules', path: ['rules', 1] },
      { rule: l1, list: 'lineRules', path: ['compensation', 'lineRules', 0] },
    ]);
  });

  it('a version without compensation places only its eligibility rules, all in list "rules"', () => {
    const placed = rulesOf(versionOf({ rules: [rule('R1', { condition: 'adult' })] }));
    expect(placed.map(({ list, path }) => [list, ...path])).toEqual([['rules', 'rules', 0]]);
  });
});

describe('leavesOf: every fact condition reached, placed where it is written', () => {
  it('leaves inside all are placed at <path>/all/<index>', () => {
    const placed = placedFacts(versionOf({}), { all: [fact('age'), fact('residence')] }, ['rules', 2, 'conditions']);
    expect(placed).toEqual([
      ['age', 'rules', 2, 'conditions', 'all', 0],
      ['residence', 'rules', 2, 'conditions', 'all', 1],
    ]);
  });

  it('leaves inside any are placed at <path>/any/<index>, not taken for a leaf themselves', () => {
    const placed = placedFacts(versionOf({}), { any: [fact('careLevel'), fact('disability')] }, ['rules', 0, 'conditions']);
    expect(placed).toEqual([
      ['careLevel', 'rules', 0, 'conditions', 'any', 0],
      ['disability', 'rules', 0, 'conditions', 'any', 1],
    ]);
  });

  it('a leaf under not is placed at <path>/not, and the not itself is not a leaf', () => {
    const leaves = leavesOf(versionOf({}), { not: fact('emergency', true) }, ['rules', 1, 'conditions']);
    expect(leaves).toEqual([{ leaf: fact('emergency', true), path: ['rules', 1, 'conditions', 'not'] }]);
  });

  it('a named condition is followed, its leaves placed in conditions/<name>, not in the rule that names it', () => {
    const named = new Map<string, NamedCondition>([['adult', { all: [fact('age', 18)] }]]);
    const placed = placedFacts(versionOf({ namedConditions: named }), { condition: 'adult' }, ['rules', 4, 'conditions']);
    expect(placed).toEqual([['age', 'conditions', 'adult', 'all', 0]]);
  });

  it('a named condition the version does not declare reaches no leaf at all', () => {
    expect(leavesOf(versionOf({}), { condition: 'missing' }, ['rules', 0, 'conditions'])).toEqual([]);
  });

  it('a bare fact condition is its own leaf at the given path', () => {
    expect(leavesOf(versionOf({}), fact('age'), ['conditions', 'adult'])).toEqual([{ leaf: fact('age'), path: ['conditions', 'adult'] }]);
  });
});

describe('namedConditionsIn: the names a condition refers to itself', () => {
  it('a name under not is found', () => {
    expect(namedConditionsIn({ not: { condition: 'adult' } })).toEqual(['adult']);
  });

  it('names inside all and any are found in order, without following them', () => {
    expect(namedConditionsIn({ all: [{ condition: 'adult' }, { any: [fact('age'), { condition: 'resident' }] }] })).toEqual(['adult', 'resident']);
  });

  it('a fact condition names nothing', () => {
    expect(namedConditionsIn(fact('age'))).toEqual([]);
    expect(namedConditionsIn({ all: [fact('age'), { not: fact('residence') }] })).toEqual([]);
  });
});

describe('isParamValue and isFactValue: a value that names a parameter or a fact', () => {
  it.each<{ name: string; value: ConditionValue; param: boolean; fact: boolean }>([
    { name: 'a parameter reference', value: { param: 'adultAge' }, param: true, fact: false },
    { name: 'a fact reference', value: { fact: 'approvalDate' }, param: false, fact: true },
    { name: 'an object with param and fact', value: { param: 'adultAge', fact: 'age' }, param: false, fact: false },
    { name: 'a param with another key', value: { param: 'adultAge', unit: 'years' }, param: false, fact: false },
    { name: 'a fact with another key', value: { fact: 'approvalDate', unit: 'days' }, param: false, fact: false },
    { name: 'an object with another key only', value: { other: 'adultAge' }, param: false, fact: false },
    { name: 'an empty object', value: {}, param: false, fact: false },
    { name: 'a one-letter literal', value: 'A', param: false, fact: false },
    { name: 'a literal word', value: 'param', param: false, fact: false },
    { name: 'null', value: null, param: false, fact: false },
    { name: 'a number', value: 18, param: false, fact: false },
    { name: 'a list of one word', value: ['param'], param: false, fact: false },
  ])('$name: a parameter $param, a fact $fact', ({ value, param, fact: isFact }) => {
    expect([isParamValue(value), isFactValue(value)]).toEqual([param, isFact]);
  });
});
