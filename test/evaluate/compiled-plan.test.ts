import { describe, expect, it } from 'vitest';
import { explanationPlan, type PlanNode } from '../../src/evaluate/explanation-plan.js';
import type { RuleVersion } from '../../src/rules/model.js';
import { bundledRuleSet, everyOperatorProgramme } from '../support/rule-sets.js';

/**
 * Which conditions the compiled rule function tests inline, and which call the operator's own function: a
 * performance contract (README "How it is built"; the in-process benchmark) that no answer shows, since both give the same result — so the
 * differential tests cannot see a fast path lost, or taken where it would be wrong. Written here as the rule: a
 * comparison with another fact calls the operator with both values; a number compared with a finite number, a date
 * with a date, `equal`/`notEqual` with a single value, `in`/`notIn` with at most 12 single values (no NaN), and an item
 * pattern whose every field lists at most 12 single values are tested inline; anything else calls the operator.
 */
type Kind = 'fact' | 'numeric' | 'date' | 'equal' | 'membership' | 'pattern' | 'operator';

const NUMERIC = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];
const DATES = ['dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter'];

const single = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);
const shortList = (value: unknown): boolean => Array.isArray(value) && value.length <= 12 && value.every((item) => single(item) && !Number.isNaN(item));

function expectedKind(leaf: Extract<PlanNode, { kind: 'leaf' }>): Kind {
  const { operator, value } = leaf;
  if (leaf.otherFact !== null) return 'fact';
  if (NUMERIC.includes(operator) && typeof value === 'number' && Number.isFinite(value)) return 'numeric';
  if (DATES.includes(operator) && typeof value === 'string') return 'date';
  if ((operator === 'equal' || operator === 'notEqual') && single(value)) return 'equal';
  if ((operator === 'in' || operator === 'notIn') && shortList(value)) return 'membership';
  if (
    (operator === 'hasItemMatching' || operator === 'hasNoItemMatching') &&
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((allowed) => shortList(Array.isArray(allowed) ? allowed : (allowed as { notIn?: unknown }).notIn))
  )
    return 'pattern';
  return 'operator';
}

/** What the compiled line of a leaf looks like, for each kind. */
const SHAPES: Record<Kind, RegExp> = {
  fact: /^o\[\d+\]\(f\["\w+"\], f\["\w+"\]\)$/,
  numeric: /^\(typeof \(v = f\["\w+"\]\) === "number" \? v (<|<=|>|>=) -?[\d.e+-]+ : p\[\d+\]\(v\)\)$/,
  date: /^\(typeof \(v = f\["\w+"\]\) === "string" && v\.length === 10 && v (<|<=|>|>=) "\d{4}-\d\d-\d\d"\)$/,
  equal: /^\(f\["\w+"\] (===|!==) [^()]+\)$/,
  membership: /^\(\(v = f\["\w+"\]\), !?(false|\(v === .+\))\)$/,
  pattern:
    /^(\(\(a = f\["\w+"\]\), Array\.isArray\(a\) && a\.some\(m\d+\)\)|\(Array\.isArray\(f\["\w+"\]\) && !\(\(a = f\["\w+"\]\), Array\.isArray\(a\) && a\.some\(m\d+\)\)\))$/,
  operator: /^p\[\d+\]\(f\["\w+"\]\)$/,
};

/** Each leaf's compiled test, read from the generated function's source: `r[i] = <test> ? 2 : 1;`. */
function compiledLeaves(version: RuleVersion): Array<{ leaf: Extract<PlanNode, { kind: 'leaf' }>; test: string }> {
  const plan = explanationPlan(version);
  const source = plan.evaluate.toString();
  const lines = new Map([...source.matchAll(/r\[(\d+)\] = (.*) \? 2 : 1;/g)].map((match) => [Number(match[1]), match[2] as string]));
  return plan.nodes.flatMap((node, index) => (node.kind === 'leaf' ? [{ leaf: node, test: lines.get(index) ?? '(not compiled)' }] : []));
}

const synthetic = everyOperatorProgramme();

describe('the compiled rule function', () => {
  it('tests inline exactly the conditions the rule above says, on the synthetic every-operator version (every kind met)', () => {
    const seen = new Set<Kind>();
    for (const { leaf, test } of compiledLeaves(synthetic.versions[0] as RuleVersion)) {
      const kind = expectedKind(leaf);
      seen.add(kind);
      expect(test, `${leaf.fact} ${leaf.operator} ${JSON.stringify(leaf.value ?? leaf.otherFact)}: ${kind}`).toMatch(SHAPES[kind]);
    }
    expect([...seen].sort()).toEqual(Object.keys(SHAPES).sort());
  });

  it.each(
    [...bundledRuleSet().programmes.values()].flatMap((programme) =>
      programme.versions.map((version) => [`${programme.id} ${version.version}`, version] as const),
    ),
  )('%s: the same rule', (_name, version) => {
    for (const { leaf, test } of compiledLeaves(version)) expect(test, `${leaf.fact} ${leaf.operator}`).toMatch(SHAPES[expectedKind(leaf)]);
  });
});

describe('the plan of a rule list', () => {
  const version = synthetic.versions[0] as RuleVersion;

  it('is made once per version and per rule list: asked again, the same plan; another list, another plan', () => {
    const own = explanationPlan(version);
    expect(explanationPlan(version)).toBe(own);
    expect(explanationPlan(version, version.rules)).toBe(own);
    const lineRules = version.rules.slice(1);
    const forLines = explanationPlan(version, lineRules);
    expect(forLines).not.toBe(own);
    expect(explanationPlan(version, lineRules)).toBe(forLines);
    expect(forLines.rules.map(({ rule }) => rule.id)).toEqual(lineRules.map((rule) => rule.id));
  });

  it('holds each named condition once, however many conditions refer to it, and computes every node once', () => {
    const plan = explanationPlan(version);
    const bodies = new Map<string, Set<number>>();
    for (const node of plan.nodes) if (node.kind === 'named') bodies.set(node.name, (bodies.get(node.name) ?? new Set()).add(node.body));
    const references = plan.nodes.filter((node) => node.kind === 'named').length;
    expect(references, 'the synthetic version refers to one named condition more than once').toBeGreaterThan(bodies.size);
    for (const [name, body] of bodies) expect([...body], name).toHaveLength(1);

    const computed = [...plan.evaluate.toString().matchAll(/r\[(\d+)\] = /g)].map((match) => Number(match[1]));
    expect([...computed].sort((a, b) => a - b)).toEqual(plan.nodes.map((_node, index) => index));
  });
});
