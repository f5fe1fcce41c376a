import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import { describeNoVersion, isNoVersion, resolveVersion, versionSpans, versionsInForce } from '../../src/versions/resolve-version.js';
import { FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';

/** Fixture nsk: 2019-01-01 (adopted 2018-12-18), fictional 2022-01-01 (adopted 2021-06-01) and 2023-04-01 (adopted 2023-02-01). */
const programme = ruleSetAt(FIXTURE_RULES).programmes.get('nsk');
if (!programme) throw new Error('fixture nsk missing');
const date = (text: string) => text as CalendarDate;

describe('the version in force on a day, as known on asOf', () => {
  it.each([
    ['2019-01-01', undefined, '2019-01-01'],
    ['2021-12-31', undefined, '2019-01-01'],
    ['2022-01-01', undefined, '2022-01-01-fictional'],
    ['2023-03-31', undefined, '2022-01-01-fictional'],
    ['2030-06-01', undefined, '2023-04-01-fictional'],
    ['2030-06-01', '2023-01-31', '2022-01-01-fictional'],
    ['2022-01-01', '2021-05-31', '2019-01-01'],
    ['2022-01-01', '2021-06-01', '2022-01-01-fictional'],
    ['2019-01-01', '2018-12-18', '2019-01-01'],
  ])('on %s as of %s: %s', (day, asOf, expected) => {
    const found = resolveVersion(programme, date(day), asOf === undefined ? undefined : date(asOf));
    expect(isNoVersion(found) ? null : found.version.version).toBe(expected);
  });

  it.each([
    ['2018-12-31', undefined],
    ['2019-06-01', '2018-12-17'],
  ])('none on %s as of %s, and the answer names the nearest versions', (day, asOf) => {
    const found = resolveVersion(programme, date(day), asOf === undefined ? undefined : date(asOf));
    if (!isNoVersion(found)) throw new Error(`expected no version, got ${found.version.version}`);
    const detail = describeNoVersion(programme, found, asOf === undefined ? undefined : date(asOf));
    expect(detail).toContain('2019-01-01');
    if (asOf) expect(detail).toContain('adopted 2018-12-18');
  });

  it('an open-ended version ends where the next known version starts, and only for those who know it', () => {
    expect(versionsInForce(programme).map((range) => [range.version.version, range.effectiveFrom, range.effectiveTo])).toEqual([
      ['2019-01-01', '2019-01-01', '2021-12-31'],
      ['2022-01-01-fictional', '2022-01-01', '2023-03-31'],
      ['2023-04-01-fictional', '2023-04-01', null],
    ]);
    expect(versionsInForce(programme, date('2021-01-01')).map((range) => [range.version.version, range.effectiveTo])).toEqual([['2019-01-01', null]]);
  });

  it('a period is cut at every version boundary', () => {
    const spans = versionSpans(programme, date('2021-12-01'), date('2022-01-31'));
    if (isNoVersion(spans)) throw new Error('no version');
    expect(spans.map((span) => [span.version.version, span.from, span.to])).toEqual([
      ['2019-01-01', '2021-12-01', '2021-12-31'],
      ['2022-01-01-fictional', '2022-01-01', '2022-01-31'],
    ]);
  });

  it('a period that begins before the first version names its first uncovered day', () => {
    const spans = versionSpans(programme, date('2018-12-01'), date('2019-01-31'));
    expect(isNoVersion(spans) ? spans.date : null).toBe('2018-12-01');
  });
});
