import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import type { ConditionTrace, Facts } from '../../src/evaluate/condition-trace.js';
import type { RuleOutcome, RuleTrace } from '../../src/evaluate/day-result.js';
import { Explanation, NO_EXPLANATION } from '../../src/evaluate/explanation.js';
import { evaluateRules } from '../../src/evaluate/explanation-plan.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { OPERATORS } from '../../src/evaluate/operators.js';
import { isFactValue, isParamValue } from '../../src/rules/condition-value.js';
import type { Condition, Programme, RuleVersion } from '../../src/rules/model.js';
import { addDays } from '../../src/calendar/calendar-date.js';
import { dateBetween, everyOperatorCase, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';
import { seeded } from '../support/property-seed.js';
import { bundledRuleSet, everyOperatorProgramme } from '../support/rule-sets.js';

/**
 * The explanation tree an answer shows, built from the compiled plan's results (explanation-plan.ts `materialise`),
 * against a plain recursive reading of the rule file's conditions written here: each condition's result, the fact
 * value it saw and what it was compared with (and where that came from), `skipped` exactly on what left-to-right
 * evaluation would not have needed, and — in the compact form — each named condition in full where it first appears
 * and by `explainedIn` after. The reference engine tests compare rule results only; this compares the trees.
 */

type Explained = Map<string, string> | null;

type Leaf = Extract<Condition, { fact: string }>;

/** What a leaf compares its fact with: a literal, a parameter's value, or another fact's value. */
function compared(condition: Leaf, version: RuleVersion, facts: Facts): unknown {
  if (isParamValue(condition.value)) return version.parameters.get(condition.value.param)?.value;
  return isFactValue(condition.value) ? facts[condition.value.fact] : condition.value;
}

function holds(condition: Condition, version: RuleVersion, facts: Facts): boolean {
  if ('all' in condition) return condition.all.every((child) => holds(child, version, facts));
  if ('any' in condition) return condition.any.some((child) => holds(child, version, facts));
  if ('not' in condition) return !holds(condition.not, version, facts);
  if ('condition' in condition) return holds(version.namedConditions.get(condition.condition) as Condition, version, facts);
  const operator = OPERATORS.get(condition.operator);
  if (!operator) throw new Error(`no operator ${condition.operator}`);
  return operator.evaluate(facts[condition.fact], compared(condition, version, facts));
}

function expectedTrace(condition: Condition, version: RuleVersion, facts: Facts, skipped: boolean, explained: Explained, rule: string): ConditionTrace {
  const result = holds(condition, version, facts);
  const skip = skipped ? { skipped: true as const } : {};
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const children = isAll ? condition.all : condition.any;
    const traces: ConditionTrace[] = [];
    let decided = false;
    for (const child of children) {
      const trace = expectedTrace(child, version, facts, skipped || decided, explained, rule);
      traces.push(trace);
      // `all` is decided by a child that fails, `any` by one that holds.
      if (trace.result !== isAll) decided = true;
    }
    return isAll ? { all: traces, result, ...skip } : { any: traces, result, ...skip };
  }
  if ('not' in condition) return { not: expectedTrace(condition.not, version, facts, skipped, explained, rule), result, ...skip };
  if ('condition' in condition) {
    const name = condition.condition;
    const title = version.namedConditions.get(name)?.title;
    const titled = title === undefined ? {} : { title };
    const earlier = explained?.get(name);
    if (earlier !== undefined) return { condition: name, ...titled, result, ...skip, explainedIn: earlier };
    explained?.set(name, rule);
    const body = expectedTrace(version.namedConditions.get(name) as Condition, version, facts, skipped, explained, rule);
    return { condition: name, ...titled, result, ...skip, conditions: body };
  }
  return {
    fact: condition.fact,
    operator: condition.operator,
    value: compared(condition, version, facts),
    valueFrom: isParamValue(condition.value) ? { param: condition.value.param } : isFactValue(condition.value) ? { fact: condition.value.fact } : undefined,
    factValue: facts[condition.fact],
    result,
    ...skip,
    ref: condition.ref,
    note: condition.note,
  };
}

/** What a rule's result means (domain: a met basis is a basis; an unmet requirement or a met exclusion blocks): [fails, holds]. */
const OUTCOMES: Record<RuleTrace['kind'], [RuleOutcome, RuleOutcome]> = {
  basis: ['neutral', 'basis'],
  requirement: ['blocker', 'neutral'],
  exclusion: ['neutral', 'blocker'],
};

function expectedRules(version: RuleVersion, facts: Facts, compact: boolean): Array<Omit<RuleTrace, 'source'>> {
  const explained: Explained = compact ? new Map() : null;
  return version.rules.map((rule) => {
    const conditions = expectedTrace(rule.conditions, version, facts, false, explained, rule.id);
    return {
      ref: rule.id,
      kind: rule.kind,
      title: rule.title,
      assumptions: rule.assumptions,
      result: conditions.result,
      outcome: OUTCOMES[rule.kind][conditions.result ? 1 : 0],
      conditions,
    };
  });
}

function withoutSource(traces: RuleTrace[]): Array<Omit<RuleTrace, 'source'>> {
  return traces.map(({ source: _source, ...rule }) => rule);
}

/** JSON text, so that a member present with `undefined` and a missing one differ only as the wire would show them. */
function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const synthetic = everyOperatorProgramme();
const syntheticVersion = synthetic.versions[0] as RuleVersion;
const nsk = bundledRuleSet().programmes.get('nsk') as Programme;

/** A generated day's facts for the synthetic programme: dates near the day and the version's own dates often. */
const syntheticDayFacts = dateBetween(syntheticVersion.effectiveFrom, '2021-12-31')
  .chain((date) => fc.tuple(fc.constant(date), everyOperatorCase(date)))
  .map(([date, generated]) =>
    factsOn(synthetic, declaredFacts(synthetic, { person: generated.person, request: { services: generated.services, tags: generated.tags } }), date),
  );

describe('the explanation tree of the synthetic every-operator version', () => {
  it('equals a recursive reading of its conditions, compact and complete, on generated persons and days', () => {
    fc.assert(
      fc.property(syntheticDayFacts, (facts) => {
        const explanation = new Explanation(evaluateRules(syntheticVersion, facts));
        expect(json(withoutSource(explanation.traces()))).toEqual(json(expectedRules(syntheticVersion, facts, true)));
        expect(json(withoutSource(explanation.complete()))).toEqual(json(expectedRules(syntheticVersion, facts, false)));
      }),
      seeded(800),
    );
  });

  it('the generated cases skip conditions and refer to named ones both ways (the comparison is not vacuous)', () => {
    const seen = new Set<string>();
    const visit = (trace: ConditionTrace): void => {
      if ('skipped' in trace) seen.add(`skipped ${'fact' in trace ? 'leaf' : 'combination'}`);
      if ('explainedIn' in trace) seen.add('explainedIn');
      if ('conditions' in trace && 'condition' in trace) {
        seen.add('named in full');
        visit(trace.conditions);
      }
      if ('all' in trace) trace.all.forEach(visit);
      if ('any' in trace) trace.any.forEach(visit);
      if ('not' in trace) visit(trace.not);
    };
    fc.assert(
      fc.property(syntheticDayFacts, (facts) => {
        for (const rule of new Explanation(evaluateRules(syntheticVersion, facts)).traces()) visit(rule.conditions);
      }),
      seeded(300),
    );
    expect([...seen].sort()).toEqual(['explainedIn', 'named in full', 'skipped combination', 'skipped leaf']);
  });
});

describe('the explanation tree of NSK (bundled rules)', () => {
  it.each(nsk.versions.map((version) => [version.version, version] as const))('%s: equals a recursive reading of its conditions', (_name, version) => {
    const lastDay = (version.effectiveTo ?? addDays(version.effectiveFrom, 3 * 365)) as CalendarDate;
    fc.assert(
      fc.property(
        personArbitrary,
        servicesArbitrary,
        dateBetween(version.effectiveFrom, lastDay),
        fc.integer({ min: 0, max: 30 * 366 }),
        (person, services, date, age) => {
          const facts = factsOn(nsk, declaredFacts(nsk, { person: { ...person, birthDate: addDays(date, -age) }, request: { services } }), date);
          const explanation = new Explanation(evaluateRules(version, facts));
          expect(json(withoutSource(explanation.traces()))).toEqual(json(expectedRules(version, facts, true)));
          expect(json(withoutSource(explanation.complete()))).toEqual(json(expectedRules(version, facts, false)));
        },
      ),
      seeded(300),
    );
  });
});

describe('an Explanation', () => {
  const facts = factsOn(nsk, declaredFacts(nsk, { person: { birthDate: '2010-05-09' }, request: { services: [] } }), '2024-01-15' as CalendarDate);
  const version = nsk.versions.at(-1) as RuleVersion;

  it('builds its compact traces once and shows them as its JSON; its rules are those traces without condition trees', () => {
    const explanation = new Explanation(evaluateRules(version, facts));
    expect(explanation.traces()).toBe(explanation.traces());
    expect(explanation.toJSON()).toBe(explanation.traces());
    expect(explanation.rules()).toEqual(explanation.traces().map(({ conditions: _conditions, ...rule }) => rule));
    expect(explanation.rules().every((rule) => !('conditions' in rule))).toBe(true);
    expect(explanation.complete()).not.toBe(explanation.complete());
    expect(explanation.isEmpty).toBe(false);
  });

  it('of nothing evaluated is empty and shows an empty list', () => {
    expect(NO_EXPLANATION.isEmpty).toBe(true);
    expect(JSON.stringify(NO_EXPLANATION)).toBe('[]');
    expect(NO_EXPLANATION.rules()).toEqual([]);
  });
});
