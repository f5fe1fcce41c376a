import type { Condition, Programme, Rule, RuleVersion } from '../rules/model.js';
import { isFactValue, isParamValue, type ConditionTrace, type Facts, type LeafTrace, type ValueSource } from './condition-trace.js';
import { outcomeOf, type DayResult, type RuleTrace } from './evaluate-day.js';
import { OPERATORS, prepareOperator } from './operators.js';

/**
 * A rule version flattened once into an array of condition nodes (each named condition once), so that one day's
 * evaluation is a single backwards pass that writes every node's result into a byte array. That array and the
 * day's facts (never changed after they are built) are the whole explanation: which condition held, what fact value
 * it saw, what it was compared with, what short-circuiting would have skipped. `materialise` turns them into the
 * JSON tree an answer shows, only when an answer is shown.
 */
type PlanNode =
  | { kind: 'all' | 'any'; children: number[] }
  | { kind: 'not'; child: number }
  | { kind: 'named'; name: string; body: number }
  | { kind: 'leaf'; fact: string; operator: string; evaluate: (factValue: unknown, compareTo: unknown) => boolean; value: unknown; otherFact: string | null; valueFrom: ValueSource | undefined; ref: string | undefined; note: LeafTrace['note'] };

export interface ExplanationPlan {
  nodes: PlanNode[];
  rules: Array<{ rule: Rule; root: number }>;
  evaluators: Array<(facts: Facts, results: Uint8Array) => boolean>;
}

/** One day's evaluation: every node's result (1 = holds), and the facts it was evaluated on. */
export interface ExplanationRecord {
  plan: ExplanationPlan;
  facts: Facts;
  results: Uint8Array;
}

const plans = new WeakMap<RuleVersion, WeakMap<readonly Rule[], ExplanationPlan>>();

/** Result slots: 0 = not yet evaluated today, 1 = does not hold, 2 = holds. */
const UNKNOWN = 0;
const FALSE = 1;
const TRUE = 2;

type NodeEvaluator = (facts: Facts, results: Uint8Array) => boolean;

/** The plan of a list of rules of `version` (its rules, or a compensation's line rules), made once. */
export function explanationPlan(version: RuleVersion, ruleList: readonly Rule[] = version.rules): ExplanationPlan {
  let byList = plans.get(version);
  if (!byList) {
    byList = new WeakMap();
    plans.set(version, byList);
  }
  const cached = byList.get(ruleList);
  if (cached) return cached;
  const nodes: PlanNode[] = [];
  const evaluators: NodeEvaluator[] = [];
  const namedBodies = new Map<string, number>();
  const add = (condition: Condition): number => {
    const index = nodes.length;
    if ('all' in condition || 'any' in condition) {
      const kind = 'all' in condition ? 'all' : 'any';
      const node: PlanNode = { kind, children: [] };
      nodes.push(node);
      evaluators.push(() => false);
      for (const child of 'all' in condition ? condition.all : condition.any) node.children.push(add(child));
      const children = node.children.map((child) => evaluators[child] as NodeEvaluator);
      const count = children.length;
      // Every child is evaluated, also those short-circuiting would skip: the explanation shows them all.
      evaluators[index] =
        kind === 'all'
          ? (facts, results) => {
              let holds = true;
              for (let child = 0; child < count; child += 1) if (!(children[child] as NodeEvaluator)(facts, results)) holds = false;
              results[index] = holds ? TRUE : FALSE;
              return holds;
            }
          : (facts, results) => {
              let holds = false;
              for (let child = 0; child < count; child += 1) if ((children[child] as NodeEvaluator)(facts, results)) holds = true;
              results[index] = holds ? TRUE : FALSE;
              return holds;
            };
    } else if ('not' in condition) {
      const node: PlanNode = { kind: 'not', child: -1 };
      nodes.push(node);
      evaluators.push(() => false);
      node.child = add(condition.not);
      const child = evaluators[node.child] as NodeEvaluator;
      evaluators[index] = (facts, results) => {
        const holds = !child(facts, results);
        results[index] = holds ? TRUE : FALSE;
        return holds;
      };
    } else if ('condition' in condition) {
      const node: PlanNode = { kind: 'named', name: condition.condition, body: -1 };
      nodes.push(node);
      evaluators.push(() => false);
      let body = namedBodies.get(condition.condition);
      if (body === undefined) {
        const definition = version.namedConditions.get(condition.condition);
        if (!definition) throw new Error(`condition ${condition.condition} was not checked at load`);
        body = add(definition);
        namedBodies.set(condition.condition, body);
      }
      node.body = body;
      const bodyIndex = body;
      const bodyEvaluator = (facts: Facts, results: Uint8Array): boolean => {
        const known = results[bodyIndex];
        if (known !== UNKNOWN) return known === TRUE;
        return (evaluators[bodyIndex] as NodeEvaluator)(facts, results);
      };
      evaluators[index] = (facts, results) => {
        const holds = bodyEvaluator(facts, results);
        results[index] = holds ? TRUE : FALSE;
        return holds;
      };
    } else {
      const operator = OPERATORS.get(condition.operator);
      if (!operator) throw new Error(`operator ${condition.operator} was not checked at load`);
      const evaluate = operator.evaluate;
      const fact = condition.fact;
      const otherFact = isFactValue(condition.value) ? condition.value.fact : null;
      const value = isParamValue(condition.value) ? version.parameters.get(condition.value.param)?.value : isFactValue(condition.value) ? undefined : condition.value;
      const test = prepareOperator(operator, value);
      nodes.push({
        kind: 'leaf',
        fact,
        operator: condition.operator,
        evaluate,
        value,
        otherFact,
        valueFrom: isParamValue(condition.value) ? { param: condition.value.param } : otherFact !== null ? { fact: otherFact } : undefined,
        ref: condition.ref,
        note: condition.note,
      });
      evaluators.push(
        otherFact !== null
          ? (facts, results) => {
              const holds = evaluate(facts[fact], facts[otherFact]);
              results[index] = holds ? TRUE : FALSE;
              return holds;
            }
          : (facts, results) => {
              const holds = test(facts[fact]);
              results[index] = holds ? TRUE : FALSE;
              return holds;
            },
      );
    }
    return index;
  };
  const rules = ruleList.map((rule) => ({ rule, root: add(rule.conditions) }));
  const plan: ExplanationPlan = { nodes, rules, evaluators };
  byList.set(ruleList, plan);
  return plan;
}

/** Evaluates every node of every rule on one day's facts (or one line's fields): the compact, complete explanation. */
export function recordRules(version: RuleVersion, facts: Facts, ruleList: readonly Rule[] = version.rules): ExplanationRecord {
  const plan = explanationPlan(version, ruleList);
  const results = new Uint8Array(plan.nodes.length);
  for (const { root } of plan.rules) (plan.evaluators[root] as NodeEvaluator)(facts, results);
  return { plan, facts, results };
}

/** The ids of the rules whose outcome is `basis`, and of those whose outcome is `blocker`. */
export function recordOutcomes(record: ExplanationRecord): { basis: string[]; blockers: string[] } {
  const basis: string[] = [];
  const blockers: string[] = [];
  for (const { rule, root } of record.plan.rules) {
    const holds = record.results[root] === TRUE;
    if (rule.kind === 'basis') {
      if (holds) basis.push(rule.id);
    } else if (holds === (rule.kind === 'exclusion')) blockers.push(rule.id);
  }
  return { basis, blockers };
}

/** The answer a record gives: eligible exactly when some basis holds and nothing blocks. */
export function decideRecord(programme: Programme, record: ExplanationRecord): Omit<DayResult, 'explanation'> {
  const { basis, blockers } = recordOutcomes(record);
  if (basis.length === 0) blockers.unshift(programme.noBasisBlocker.ref);
  return { eligible: basis.length > 0 && blockers.length === 0, basis, blockers };
}

function materialiseNode(record: ExplanationRecord, index: number, skipped: boolean): ConditionTrace {
  const node = record.plan.nodes[index] as PlanNode;
  const result = record.results[index] === TRUE;
  switch (node.kind) {
    case 'all':
    case 'any': {
      let decided = false;
      const children = node.children.map((child) => {
        const trace = materialiseNode(record, child, skipped || decided);
        if (trace.result === (node.kind === 'any')) decided = true;
        return trace;
      });
      return node.kind === 'all' ? { all: children, result, skipped } : { any: children, result, skipped };
    }
    case 'not':
      return { not: materialiseNode(record, node.child, skipped), result, skipped };
    case 'named':
      return { condition: node.name, result, skipped, conditions: materialiseNode(record, node.body, skipped) };
    case 'leaf': {
      const factValue = record.facts[node.fact];
      const value = node.otherFact === null ? node.value : record.facts[node.otherFact];
      return { fact: node.fact, operator: node.operator, value, valueFrom: node.valueFrom, factValue, result, skipped, ref: node.ref, note: node.note };
    }
  }
}

/** The explanation as an answer shows it: every rule in file order, every condition with what it saw. */
export function materialise(record: ExplanationRecord): RuleTrace[] {
  return record.plan.rules.map(({ rule, root }): RuleTrace => {
    const conditions = materialiseNode(record, root, false);
    return { ref: rule.id, kind: rule.kind, title: rule.title, source: rule.source, assumptions: rule.assumptions, result: conditions.result, outcome: outcomeOf(rule.kind, conditions.result), conditions };
  });
}
