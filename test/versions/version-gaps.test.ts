import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import type { Programme, RuleVersion } from '../../src/rules/model.js';
import { describeNoVersion, isNoVersion, resolveVersion, versionSpans, versionsInForce } from '../../src/versions/resolve-version.js';
import { FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';

/**
 * Days no version covers, and what the answer says about them: the nearest version on each side, the versions adopted
 * after asOf, and a programme with none. Fixture nsk: 2019-01-01 (adopted 2018-12-18), 2022-01-01-fictional (adopted
 * 2021-06-01), 2023-04-01-fictional (adopted 2023-02-01); "with a gap" gives its first version an effectiveTo of
 * 2020-12-31, as an act with its own end would, so that nothing is in force in 2021.
 */
const programme = ruleSetAt(FIXTURE_RULES).programmes.get('nsk') as Programme;
const [first, second, third] = programme.versions as [RuleVersion, RuleVersion, RuleVersion];
const withGap: Programme = { ...programme, versions: [{ ...first, effectiveTo: '2020-12-31' as CalendarDate }, second, third] };
const withoutVersions: Programme = { ...programme, versions: [] };
const day = (text: string) => text as CalendarDate;

function missing(of: Programme, on: string, asOf?: string) {
  const found = resolveVersion(of, day(on), asOf === undefined ? undefined : day(asOf));
  if (!isNoVersion(found)) throw new Error(`${found.version.version} is in force on ${on}`);
  return found;
}

describe('a version with its own effectiveTo, before the next one starts', () => {
  it('is in force to its own last day; the next one from its first', () => {
    expect(versionsInForce(withGap).map((range) => [range.version.version, range.effectiveFrom, range.effectiveTo])).toEqual([
      ['2019-01-01', '2019-01-01', '2020-12-31'],
      ['2022-01-01-fictional', '2022-01-01', '2023-03-31'],
      ['2023-04-01-fictional', '2023-04-01', null],
    ]);
  });

  it('a period across the gap stops at its first day without a version', () => {
    const spans = versionSpans(withGap, day('2020-12-01'), day('2022-01-31'));
    expect(isNoVersion(spans) ? spans.date : spans).toBe('2021-01-01');
  });

  it('a period inside a version with its own end is one span to the period’s end', () => {
    const spans = versionSpans(withGap, day('2020-06-01'), day('2020-12-31'));
    expect(isNoVersion(spans) ? spans : spans.map((span) => [span.version.version, span.from, span.to, span.effectiveTo])).toEqual([
      ['2019-01-01', '2020-06-01', '2020-12-31', '2020-12-31'],
    ]);
  });
});

describe('the nearest versions of a day no version covers', () => {
  it('in the gap: the version that ended before it, and the one that starts after it', () => {
    const found = missing(withGap, '2021-06-01');
    expect([found.before?.version.version, found.before?.effectiveTo, found.after?.version.version]).toEqual([
      '2019-01-01',
      '2020-12-31',
      '2022-01-01-fictional',
    ]);
  });

  it('before the first version: none before, the first after', () => {
    const found = missing(programme, '2018-12-31');
    expect([found.before, found.after?.version.version]).toEqual([null, '2019-01-01']);
  });
});

describe('what the answer says of a day no version covers', () => {
  it.each([
    [
      'before the first version',
      programme,
      '2018-12-31',
      undefined,
      'No version of nsk is in force on 2018-12-31. Nearest after: 2019-01-01 (in force from 2019-01-01, adopted 2018-12-18).',
    ],
    [
      'in a gap',
      withGap,
      '2021-06-01',
      undefined,
      'No version of nsk is in force on 2021-06-01. Nearest before: 2019-01-01 (in force 2019-01-01 to 2020-12-31). Nearest after: 2022-01-01-fictional (in force from 2022-01-01, adopted 2021-06-01).',
    ],
    [
      'as of a day before any version was adopted: every one adopted after it',
      programme,
      '2019-06-01',
      '2018-12-17',
      'No version of nsk adopted by 2018-12-17 is in force on 2019-06-01. Adopted after 2018-12-17: 2019-01-01 (adopted 2018-12-18), 2022-01-01-fictional (adopted 2021-06-01), 2023-04-01-fictional (adopted 2023-02-01).',
    ],
    [
      'as of the day a version was adopted: that one is known, not listed as adopted after',
      programme,
      '2018-06-01',
      '2021-06-01',
      'No version of nsk adopted by 2021-06-01 is in force on 2018-06-01. Nearest after: 2019-01-01 (in force from 2019-01-01, adopted 2018-12-18). Adopted after 2021-06-01: 2023-04-01-fictional (adopted 2023-02-01).',
    ],
    ['a programme without versions', withoutVersions, '2024-01-01', undefined, 'No version of nsk is in force on 2024-01-01. The programme has no versions.'],
  ])('%s', (_name, of, on, asOf, expected) => {
    expect(describeNoVersion(of, missing(of, on, asOf), asOf === undefined ? undefined : day(asOf))).toBe(expected);
  });
});
