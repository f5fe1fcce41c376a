import { describe, expect, it } from 'vitest';
import { answerOf, combineOutcomes, outcomeOf, sameAnswer } from '../../src/evaluate/day-result.js';
import type { Programme } from '../../src/rules/model.js';

/**
 * How rule results make an answer (evaluate/day-result.ts). The reference engine of the differential tests combines
 * its rule results with these same functions, so they are pinned here by hand: a met basis rule is a basis, an unmet
 * requirement or a met exclusion is a blocker, and a person is eligible exactly when some basis holds and nothing
 * blocks — with the programme's no-basis blocker first when no basis holds.
 */
const programme = { noBasisBlocker: { ref: 'T', title: { lv: 'Nav pamata', en: 'No basis' } } } as unknown as Programme;

describe('a rule result and the answer', () => {
  it('outcomeOf: basis, requirement and exclusion rules, held and not', () => {
    expect([outcomeOf('basis', true), outcomeOf('basis', false)]).toEqual(['basis', 'neutral']);
    expect([outcomeOf('requirement', true), outcomeOf('requirement', false)]).toEqual(['neutral', 'blocker']);
    expect([outcomeOf('exclusion', true), outcomeOf('exclusion', false)]).toEqual(['blocker', 'neutral']);
  });

  it('answerOf: eligible only with a basis and no blocker; no basis is itself the first blocker', () => {
    expect(answerOf(programme, ['T1'], [])).toEqual({ eligible: true, basis: ['T1'], blockers: [] });
    expect(answerOf(programme, ['T1', 'T2'], ['E1'])).toEqual({ eligible: false, basis: ['T1', 'T2'], blockers: ['E1'] });
    expect(answerOf(programme, [], [])).toEqual({ eligible: false, basis: [], blockers: ['T'] });
    expect(answerOf(programme, [], ['R1', 'E2'])).toEqual({ eligible: false, basis: [], blockers: ['T', 'R1', 'E2'] });
  });

  it('combineOutcomes: the bases and blockers in rule order, neutral rules in neither', () => {
    const outcomes = [
      { ref: 'R1', outcome: 'neutral' as const },
      { ref: 'T2', outcome: 'basis' as const },
      { ref: 'E1', outcome: 'blocker' as const },
      { ref: 'T1', outcome: 'basis' as const },
      { ref: 'R2', outcome: 'blocker' as const },
    ];
    expect(combineOutcomes(programme, outcomes)).toEqual({ eligible: false, basis: ['T2', 'T1'], blockers: ['E1', 'R2'] });
    expect(
      combineOutcomes(
        programme,
        outcomes.filter((rule) => rule.outcome !== 'blocker'),
      ),
    ).toEqual({ eligible: true, basis: ['T2', 'T1'], blockers: [] });
    expect(combineOutcomes(programme, [])).toEqual({ eligible: false, basis: [], blockers: ['T'] });
  });

  it('sameAnswer: alike in eligible, basis and blockers, in order', () => {
    const answer = { eligible: false, basis: ['T1'], blockers: ['E1', 'R2'] };
    expect(sameAnswer(answer, { eligible: false, basis: ['T1'], blockers: ['E1', 'R2'] })).toBe(true);
    expect(sameAnswer(answer, { ...answer, eligible: true })).toBe(false);
    expect(sameAnswer(answer, { ...answer, basis: ['T2'] })).toBe(false);
    expect(sameAnswer(answer, { ...answer, basis: [] })).toBe(false);
    expect(sameAnswer(answer, { ...answer, blockers: ['E1'] })).toBe(false);
    expect(sameAnswer(answer, { ...answer, blockers: ['R2', 'E1'] })).toBe(false);
  });
});
