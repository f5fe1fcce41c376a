import { readableCitation } from '../rules/citations.js';
import { isFactValue, isParamValue } from '../rules/condition-value.js';
import type { Condition, Programme, Rule, RuleVersion } from '../rules/model.js';
import type { LocalisedText } from '../language/localised-text.js';
import type { ConditionTrace, Facts, LeafTrace, ValueSource } from './condition-trace.js';
import { answerOf, outcomeOf, type DayResult, type RuleTrace } from './day-result.js';
import { OPERATORS, prepareOperator } from './operators.js';

/**
 * A rule version flattened once into an array of condition nodes (each named condition once) and compiled into one
 * generated function, so that one day's evaluation writes every node's result into a byte array. That array and the
 * day's facts (never changed after they are built) are the whole explanation: which condition held, what fact value
 * it saw, what it was compared with, what short-circuiting would have skipped. `materialise` turns them into the
 * JSON tree an answer shows, only when an answer is shown.
 */
export type PlanNode =
  | { kind: 'all' | 'any'; children: number[] }
  | { kind: 'not'; child: number }
  | { kind: 'named'; name: string; title: LocalisedText | undefined; body: number }
  | {
      kind: 'leaf';
      fact: string;
      operator: string;
      value: unknown;
      otherFact: string | null;
      valueFrom: ValueSource | undefined;
      ref: string | undefined;
      note: LeafTrace['note'];
    };

export interface ExplanationPlan {
  nodes: PlanNode[];
  /** Each rule with its root node and its source as a reader reads it. */
  rules: Array<{ rule: Rule; root: number; source: string }>;
  /** Writes every node's result (TRUE or FALSE) for one day's facts. */
  evaluate: (facts: Facts, results: number[]) => void;
}

/** One day's evaluation: every node's result (1 = holds), and the facts it was evaluated on. */
export interface Evaluation {
  plan: ExplanationPlan;
  facts: Facts;
  /** One slot per node: TRUE or FALSE. A plain array of small integers: cheaper to make than a typed array. */
  results: number[];
}

const plans = new WeakMap<RuleVersion, WeakMap<readonly Rule[], ExplanationPlan>>();
/** The plan of each version's own rules, asked for on every evaluated day: one lookup. */
const rulePlans = new WeakMap<RuleVersion, ExplanationPlan>();

/** Result slots: 1 = does not hold, 2 = holds. */
const FALSE = 1;
const TRUE = 2;

/** The nodes of a list of rules, each named condition once (a reference points at its one body). */
function flatten(version: RuleVersion, ruleList: readonly Rule[]): { nodes: PlanNode[]; rules: ExplanationPlan['rules'] } {
  const nodes: PlanNode[] = [];
  const namedBodies = new Map<string, number>();
  const add = (condition: Condition): number => {
    const index = nodes.length;
    if ('all' in condition || 'any' in condition) {
      const node: PlanNode = { kind: 'all' in condition ? 'all' : 'any', children: [] };
      nodes.push(node);
      for (const child of 'all' in condition ? condition.all : condition.any) node.children.push(add(child));
    } else if ('not' in condition) {
      const node: PlanNode = { kind: 'not', child: -1 };
      nodes.push(node);
      node.child = add(condition.not);
    } else if ('condition' in condition) {
      const node: PlanNode = { kind: 'named', name: condition.condition, title: version.namedConditions.get(condition.condition)?.title, body: -1 };
      nodes.push(node);
      let body = namedBodies.get(condition.condition);
      if (body === undefined) {
        const definition = version.namedConditions.get(condition.condition);
        if (!definition) throw new Error(`condition ${condition.condition} was not checked at load`);
        body = add(definition);
        namedBodies.set(condition.condition, body);
      }
      node.body = body;
    } else {
      const otherFact = isFactValue(condition.value) ? condition.value.fact : null;
      nodes.push({
        kind: 'leaf',
        fact: condition.fact,
        operator: condition.operator,
        value: isParamValue(condition.value) ? version.parameters.get(condition.value.param)?.value : otherFact !== null ? undefined : condition.value,
        otherFact,
        valueFrom: isParamValue(condition.value) ? { param: condition.value.param } : otherFact !== null ? { fact: otherFact } : undefined,
        ref: condition.ref,
        note: condition.note,
      });
    }
    return index;
  };
  const rules = ruleList.map((rule) => ({ rule, root: add(rule.conditions), source: readableCitation(version.sources, rule.source) }));
  return { nodes, rules };
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** indexOf and === agree on everything but NaN. */
function isPrimitiveNotNaN(value: unknown): boolean {
  return isPrimitive(value) && !Number.isNaN(value);
}

function isSimplePattern(value: unknown): value is Record<string, unknown[] | { notIn: unknown[] }> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((allowed) => {
    const values = Array.isArray(allowed) ? allowed : (allowed as { notIn?: unknown }).notIn;
    return Array.isArray(values) && values.length <= 12 && values.every(isPrimitiveNotNaN);
  });
}

const NUMERIC: Record<string, string> = { lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>=' };
const DATES: Record<string, string> = { dateBefore: '<', dateOnOrBefore: '<=', dateAfter: '>', dateOnOrAfter: '>=' };

/**
 * The test of one leaf as a JavaScript expression over the fact object `f`. Literals are written with
 * JSON.stringify; fact names are checked identifiers, read as f["name"]; anything beyond a comparison calls the
 * operator's own prepared function from `ops`, so every operator means exactly what operators.ts says.
 */
function leafExpression(
  node: Extract<PlanNode, { kind: 'leaf' }>,
  prepared: Array<(factValue: unknown) => boolean>,
  operators: Array<(factValue: unknown, compareTo: unknown) => boolean>,
  matchers: string[],
): string {
  const fact = `f[${JSON.stringify(node.fact)}]`;
  const operator = OPERATORS.get(node.operator);
  if (!operator) throw new Error(`operator ${node.operator} was not checked at load`);
  if (node.otherFact !== null) {
    operators.push(operator.evaluate);
    return `o[${operators.length - 1}](${fact}, f[${JSON.stringify(node.otherFact)}])`;
  }
  const value = node.value;
  const literal = JSON.stringify(value);
  if (NUMERIC[node.operator] && typeof value === 'number' && Number.isFinite(value)) {
    // A number fact compares directly (NaN compares false, as the validator would say); anything else takes the
    // operator's own path, with json-rules-engine's numeric validator.
    prepared.push(prepareOperator(operator, value));
    return `(typeof (v = ${fact}) === "number" ? v ${NUMERIC[node.operator]} ${literal} : p[${prepared.length - 1}](v))`;
  }
  if (DATES[node.operator] && typeof value === 'string')
    return `(typeof (v = ${fact}) === "string" && v.length === 10 && v ${DATES[node.operator]} ${literal})`;
  if ((node.operator === 'equal' || node.operator === 'notEqual') && isPrimitive(value)) {
    return `(${fact} ${node.operator === 'equal' ? '===' : '!=='} ${literal})`;
  }
  if ((node.operator === 'in' || node.operator === 'notIn') && Array.isArray(value) && value.length <= 12 && value.every(isPrimitiveNotNaN)) {
    const membership = value.length === 0 ? 'false' : `(${value.map((item) => `v === ${JSON.stringify(item)}`).join(' || ')})`;
    return `((v = ${fact}), ${node.operator === 'in' ? membership : `!${membership}`})`;
  }
  if ((node.operator === 'hasItemMatching' || node.operator === 'hasNoItemMatching') && isSimplePattern(value)) {
    const item = Object.entries(value)
      .map(([field, allowed]) => {
        const values = Array.isArray(allowed) ? allowed : allowed.notIn;
        const read = `(Object.hasOwn(i, ${JSON.stringify(field)}) ? i[${JSON.stringify(field)}] : undefined)`;
        const isOneOf = values.length === 0 ? 'false' : `((w = ${read}), ${values.map((option) => `w === ${JSON.stringify(option)}`).join(' || ')})`;
        return Array.isArray(allowed) ? isOneOf : `!${isOneOf}`;
      })
      .join(' && ');
    // The same as itemMatcher in operators.ts: any item (an object) whose every named field has an allowed value.
    // The matcher is made once, with the function, not on every run.
    matchers.push(`(i) => { let w; return i !== null && typeof i === "object" && ${item}; }`);
    const some = `((a = ${fact}), Array.isArray(a) && a.some(m${matchers.length - 1}))`;
    return node.operator === 'hasItemMatching' ? some : `(Array.isArray(${fact}) && !${some})`;
  }
  prepared.push(prepareOperator(operator, value));
  return `p[${prepared.length - 1}](${fact})`;
}

/**
 * One function per rule list, generated once: each node's result in post-order (children first, each named
 * condition's body once), every node evaluated — also what short-circuiting would skip, for the explanation.
 */
function compile(nodes: readonly PlanNode[], roots: readonly number[]): ExplanationPlan['evaluate'] {
  const prepared: Array<(factValue: unknown) => boolean> = [];
  const operators: Array<(factValue: unknown, compareTo: unknown) => boolean> = [];
  const matchers: string[] = [];
  const lines: string[] = [];
  const emitted = new Set<number>();
  const emit = (index: number): void => {
    if (emitted.has(index)) return;
    emitted.add(index);
    const node = nodes[index] as PlanNode;
    switch (node.kind) {
      case 'leaf':
        lines.push(`r[${index}] = ${leafExpression(node, prepared, operators, matchers)} ? ${TRUE} : ${FALSE};`);
        return;
      case 'all':
      case 'any':
        node.children.forEach(emit);
        lines.push(
          `r[${index}] = (${node.children.map((child) => `r[${child}] === ${TRUE}`).join(node.kind === 'all' ? ' && ' : ' || ')}) ? ${TRUE} : ${FALSE};`,
        );
        return;
      case 'not':
        emit(node.child);
        lines.push(`r[${index}] = r[${node.child}] === ${TRUE} ? ${FALSE} : ${TRUE};`);
        return;
      case 'named':
        emit(node.body);
        lines.push(`r[${index}] = r[${node.body}];`);
        return;
    }
  };
  roots.forEach(emit);
  const source = `"use strict"; ${matchers.map((matcher, index) => `const m${index} = ${matcher};`).join('\n')}
return (f, r) => { let v, a, w; ${lines.join('\n')} };`;
  return new Function('p', 'o', source)(prepared, operators) as ExplanationPlan['evaluate'];
}

/** The plan of a list of rules of `version` (its rules, or a compensation's line rules), made once. */
export function explanationPlan(version: RuleVersion, ruleList: readonly Rule[] = version.rules): ExplanationPlan {
  if (ruleList === version.rules) {
    const known = rulePlans.get(version);
    if (known) return known;
  }
  let byList = plans.get(version);
  if (!byList) {
    byList = new WeakMap();
    plans.set(version, byList);
  }
  const cached = byList.get(ruleList);
  if (cached) return cached;
  const { nodes, rules } = flatten(version, ruleList);
  const plan: ExplanationPlan = {
    nodes,
    rules,
    evaluate: compile(
      nodes,
      rules.map((rule) => rule.root),
    ),
  };
  byList.set(ruleList, plan);
  if (ruleList === version.rules) rulePlans.set(version, plan);
  return plan;
}

/** Evaluates every node of every rule on one day's facts (or one line's fields): the compact, complete explanation. */
export function evaluateRules(version: RuleVersion, facts: Facts, ruleList: readonly Rule[] = version.rules): Evaluation {
  const plan = explanationPlan(version, ruleList);
  const results: number[] = new Array(plan.nodes.length);
  plan.evaluate(facts, results);
  return { plan, facts, results };
}

/** Whether node `index` held in this evaluation. */
export function nodeHolds(evaluation: Evaluation, index: number): boolean {
  return evaluation.results[index] === TRUE;
}

/** The ids of the rules whose outcome is `basis`, and of those whose outcome is `blocker`. */
export function outcomesOf(evaluation: Evaluation): { basis: string[]; blockers: string[] } {
  const basis: string[] = [];
  const blockers: string[] = [];
  const { rules } = evaluation.plan;
  const results = evaluation.results;
  for (let index = 0; index < rules.length; index += 1) {
    const { rule, root } = rules[index] as ExplanationPlan['rules'][number];
    const holds = results[root] === TRUE;
    if (rule.kind === 'basis') {
      if (holds) basis.push(rule.id);
    } else if (holds === (rule.kind === 'exclusion')) blockers.push(rule.id);
  }
  return { basis, blockers };
}

/** The answer an evaluation gives: eligible exactly when some basis holds and nothing blocks. */
export function decideEvaluation(programme: Programme, evaluation: Evaluation): Omit<DayResult, 'explanation'> {
  const { basis, blockers } = outcomesOf(evaluation);
  return answerOf(programme, basis, blockers);
}

/** `"skipped": true` only on skipped nodes, never `"skipped": false` (contract v2's compact explanation). */
function flag(skipped: boolean): { skipped?: true } {
  return skipped ? { skipped: true } : {};
}

/**
 * Where each named condition was explained in full so far in one explanation (its name → the rule that showed it):
 * a compact explanation shows it there once and refers to it by name after; null for a complete explanation.
 */
type ExplainedAt = Map<string, string> | null;

function materialiseNode(evaluation: Evaluation, index: number, skipped: boolean, explained: ExplainedAt, rule: string): ConditionTrace {
  const node = evaluation.plan.nodes[index] as PlanNode;
  const result = evaluation.results[index] === TRUE;
  switch (node.kind) {
    case 'all':
    case 'any': {
      let decided = false;
      const children = node.children.map((child) => {
        const trace = materialiseNode(evaluation, child, skipped || decided, explained, rule);
        if (trace.result === (node.kind === 'any')) decided = true;
        return trace;
      });
      return node.kind === 'all' ? { all: children, result, ...flag(skipped) } : { any: children, result, ...flag(skipped) };
    }
    case 'not':
      return { not: materialiseNode(evaluation, node.child, skipped, explained, rule), result, ...flag(skipped) };
    case 'named': {
      const title = node.title === undefined ? {} : { title: node.title };
      const explainedIn = explained?.get(node.name);
      if (explainedIn !== undefined) return { condition: node.name, ...title, result, ...flag(skipped), explainedIn };
      explained?.set(node.name, rule);
      return { condition: node.name, ...title, result, ...flag(skipped), conditions: materialiseNode(evaluation, node.body, skipped, explained, rule) };
    }
    case 'leaf': {
      const factValue = evaluation.facts[node.fact];
      const value = node.otherFact === null ? node.value : evaluation.facts[node.otherFact];
      return {
        fact: node.fact,
        operator: node.operator,
        value,
        valueFrom: node.valueFrom,
        factValue,
        result,
        ...flag(skipped),
        ref: node.ref,
        note: node.note,
      };
    }
  }
}

/**
 * The explanation as an answer shows it: every rule in file order, every condition with what it saw. Compact (the
 * default, contract v2): a named condition is explained in full where it first appears and, where it recurs, by
 * its name, title and result with `explainedIn` (the rule that explained it). Complete: in full everywhere, for
 * coverage, which counts each condition as each rule reaches it.
 */
export function materialise(evaluation: Evaluation, compact = true): RuleTrace[] {
  const explained: ExplainedAt = compact ? new Map() : null;
  return evaluation.plan.rules.map(({ rule, root, source }): RuleTrace => {
    const conditions = materialiseNode(evaluation, root, false, explained, rule.id);
    return {
      ref: rule.id,
      kind: rule.kind,
      title: rule.title,
      source,
      assumptions: rule.assumptions,
      result: conditions.result,
      outcome: outcomeOf(rule.kind, conditions.result),
      conditions,
    };
  });
}
