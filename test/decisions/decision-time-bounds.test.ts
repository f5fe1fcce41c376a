import { describe, expect, it } from 'vitest';
import { newDecisionId } from '../../src/decisions/decision-id.js';
import { idRangeOfDays, idTimeApart, idTimeOf } from '../../src/decisions/sqlite/decision-time-bounds.js';

const DAY = 86_400_000;
const at = (instant: string): number => Date.parse(instant);

describe('the time a decision id carries', () => {
  it('is the millisecond it was minted at; an id that is not a lowercase UUID v7 carries none', () => {
    expect(idTimeOf(newDecisionId(at('2024-07-10T12:34:56.789Z')))).toBe(at('2024-07-10T12:34:56.789Z'));
    expect(idTimeOf('0f3c2a9e-5b1d-4c8e-9a7f-2d6b1e0c4a35')).toBeNull();
    expect(idTimeOf(newDecisionId(at('2024-07-10T00:00:00Z')).toUpperCase())).toBeNull();
  });

  it.each([
    ['minted the same millisecond', '2024-07-10T12:00:00.000Z', '2024-07-10T12:00:00.000Z', false],
    ['a day later, to the millisecond', '2024-07-10T12:00:00.000Z', '2024-07-11T12:00:00.000Z', false],
    ['a day and a millisecond later', '2024-07-10T12:00:00.000Z', '2024-07-11T12:00:00.001Z', true],
    ['a day and a millisecond earlier', '2024-07-11T12:00:00.001Z', '2024-07-10T12:00:00.000Z', true],
  ])('a record whose time is %s than its id is apart: %s', (_name, minted, time, apart) => {
    expect(idTimeApart(newDecisionId(at(minted)), time)).toBe(apart);
  });
});

describe('the ids of a span of days', () => {
  const span = idRangeOfDays('2024-07-10', '2024-07-12');

  it('hold every id minted from a day before the first day to a day after the last one ends', () => {
    for (const minted of [at('2024-07-09T00:00:00Z'), at('2024-07-10T00:00:00Z'), at('2024-07-12T23:59:59.999Z'), at('2024-07-14T00:00:00Z') - 1]) {
      const id = newDecisionId(minted);
      expect(id >= (span.from as string) && id < (span.below as string), new Date(minted).toISOString()).toBe(true);
    }
  });

  it('hold no id minted earlier or later than that', () => {
    for (const minted of [at('2024-07-09T00:00:00Z') - 1, at('2024-07-14T00:00:00Z'), at('2024-07-14T00:00:00Z') + DAY]) {
      const id = newDecisionId(minted);
      expect(id >= (span.from as string) && id < (span.below as string), new Date(minted).toISOString()).toBe(false);
    }
  });

  it('have no bound where the query has no date, or a date that is none', () => {
    expect(idRangeOfDays(undefined, undefined)).toEqual({});
    expect(Object.keys(idRangeOfDays('2024-07-10', undefined))).toEqual(['from']);
    expect(Object.keys(idRangeOfDays(undefined, '2024-07-10'))).toEqual(['below']);
    expect(idRangeOfDays('2024-02-30x', 'soon')).toEqual({});
  });
});
