import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { evaluateDay } from '../../src/evaluate/evaluate-day.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { evaluateSpans } from '../../src/evaluate/segments.js';
import type { Programme } from '../../src/rules/model.js';
import { isNoVersion, versionSpans, versionsInForce } from '../../src/versions/resolve-version.js';
import { bundledRuleSet, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';
import { seeded } from '../support/property-seed.js';

/** The answer of every single day, joined into runs: the slow, obviously right way to cut a period. */
function dayByDay(programme: Parameters<typeof evaluateDay>[0], declared: Record<string, unknown>, from: CalendarDate, to: CalendarDate) {
  const spans = versionSpans(programme, from, to);
  if (isNoVersion(spans)) throw new Error('no version');
  const runs: Array<{ from: string; to: string; key: string }> = [];
  for (const span of spans) {
    for (let day = dayNumber(span.from); day <= dayNumber(span.to); day += 1) {
      const date = fromDayNumber(day);
      const result = evaluateDay(programme, span.version, factsOn(programme, declared, date));
      const key = `${span.version.version}|${result.eligible}|${result.basis.join()}|${result.blockers.join()}`;
      const last = runs.at(-1);
      if (last && last.key === key) last.to = date;
      else runs.push({ from: date, to: date, key });
    }
  }
  return runs;
}

const cases = [
  ['bundled nsk', () => bundledRuleSet()],
  ['fixture nsk with a second version', () => ruleSetAt(FIXTURE_RULES)],
] as const;

/**
 * The days the periods are drawn from, read from the programme: from its first version's first day for eight years,
 * and at least three years past its latest version's first day (so an officer's new version is crossed too), but not
 * past the end its act sets, if it has one (an officer may end it).
 */
function daysOf(programme: Programme): [CalendarDate, CalendarDate] {
  const first = programme.versions[0]?.effectiveFrom as CalendarDate;
  const latest = versionsInForce(programme).at(-1);
  const last = [addDays(first, 8 * 365), addDays(latest?.effectiveFrom as CalendarDate, 3 * 365)]
    .map((day) => day as CalendarDate)
    .sort()
    .at(-1) as CalendarDate;
  return [first, latest?.effectiveTo && latest.effectiveTo < last ? latest.effectiveTo : last];
}

describe.each(cases)('segments of %s', (_name, ruleSetOf) => {
  it('equal the day-by-day answers, cut only where the answer or the version changes', () => {
    const programme = ruleSetOf().programmes.get('nsk');
    if (!programme) throw new Error('nsk missing');
    const [first, last] = daysOf(programme);
    expect(programme.versions.every((version) => version.effectiveFrom >= first && version.effectiveFrom <= last)).toBe(true);
    fc.assert(
      fc.property(personArbitrary, servicesArbitrary, dateBetween(first, last), fc.integer({ min: 0, max: 800 }), (person, services, from, length) => {
        const to = (addDays(from, length) as CalendarDate) > last ? (last as CalendarDate) : (addDays(from, length) as CalendarDate);
        const declared = declaredFacts(programme, { person, request: { services } });
        const spans = versionSpans(programme, from, to);
        if (isNoVersion(spans)) throw new Error('no version');
        const segments = evaluateSpans(programme, declared, spans).map((segment) => ({
          from: segment.from,
          to: segment.to,
          key: `${segment.span.version.version}|${segment.eligible}|${segment.basis.join()}|${segment.blockers.join()}`,
        }));
        expect(segments).toEqual(dayByDay(programme, declared, from, to));
      }),
      seeded(300),
    );
  });
});
