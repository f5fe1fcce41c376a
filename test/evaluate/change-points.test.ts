import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { decideDay } from '../../src/evaluate/evaluate-day.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { evaluateSpans } from '../../src/evaluate/segments.js';
import { versionChangeDays } from '../../src/evaluate/version-change-days.js';
import type { Programme, RuleVersion } from '../../src/rules/model.js';
import { isNoVersion, versionSpans, versionsInForce } from '../../src/versions/resolve-version.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';
import { seeded } from '../support/property-seed.js';
import { bundledRuleSet, everyOperatorProgramme } from '../support/rule-sets.js';

/**
 * A period is cut only on the days an answer can change: a version's first day, a date in the facts and the day
 * after it, and a birthday only where an age reaches a limit the rules compare it with. Checked against the answer
 * of every day, for every bundled programme.
 */
const bundled = bundledRuleSet();

function daysOf(programme: Programme): [CalendarDate, CalendarDate] {
  const ranges = versionsInForce(programme);
  const latest = ranges.at(-1);
  return [ranges[0]?.effectiveFrom as CalendarDate, (latest?.effectiveTo ?? addDays(latest?.effectiveFrom as CalendarDate, 3 * 365)) as CalendarDate];
}

const ageInDays = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 20 * 366 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 90 * 366 }) });

describe.each([...bundled.programmes.values()].map((programme) => [programme.id, programme] as const))('segments of %s', (_id, programme) => {
  it('equal the answers of every day, joined into runs', () => {
    const [first, last] = daysOf(programme);
    fc.assert(
      fc.property(
        personArbitrary,
        servicesArbitrary,
        dateBetween(first, last),
        fc.integer({ min: 0, max: 900 }),
        ageInDays,
        (person, services, from, length, age) => {
          const to = (addDays(from, length) as CalendarDate) > last ? last : (addDays(from, length) as CalendarDate);
          const declared = declaredFacts(programme, { person: { ...person, birthDate: addDays(from, -age) as string }, request: { services } });
          const spans = versionSpans(programme, from, to);
          if (isNoVersion(spans)) throw new Error('no version');
          const cut = evaluateSpans(programme, declared, spans).map((segment) => [
            segment.from,
            segment.to,
            segment.span.version.version,
            segment.blockers.join(),
            segment.basis.join(),
          ]);
          const runs: string[][] = [];
          for (const span of spans) {
            for (let day = dayNumber(span.from); day <= dayNumber(span.to); day += 1) {
              const date = fromDayNumber(day);
              const answer = decideDay(programme, span.version, factsOn(programme, declared, date));
              const key = [span.version.version, answer.blockers.join(), answer.basis.join()];
              const run = runs.at(-1);
              if (run && run.slice(2).join('|') === key.join('|')) run[1] = date;
              else runs.push([date, date, ...key]);
            }
          }
          expect(cut).toEqual(runs);
        },
      ),
      seeded(80),
    );
  });
});

/** The ages a version compares an age fact with, as its conditions write them (literals and parameters). */
function comparedAges(programme: Programme, version: RuleVersion, fact: string): number[] {
  const ages = new Set<number>();
  const visit = (condition: unknown): void => {
    if (condition === null || typeof condition !== 'object') return;
    const node = condition as Record<string, unknown>;
    for (const key of ['all', 'any']) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(visit);
    if (node.not) visit(node.not);
    if (node.fact !== fact) return;
    const value = node.value as { param?: string } | number;
    const compared = typeof value === 'object' && value.param !== undefined ? version.parameters.get(value.param)?.value : value;
    if (typeof compared === 'number') ages.add(compared);
  };
  for (const rule of version.rules) visit(rule.conditions);
  for (const condition of version.namedConditions.values()) visit(condition);
  expect(programme.derivedFacts.get(fact)?.kind).toBe('wholeYearsOn');
  return [...ages].sort((a, b) => a - b);
}

describe('the birthdays that can change an answer', () => {
  it.each(
    [...bundled.programmes.values()].flatMap((programme) =>
      programme.versions.flatMap((version) =>
        [...programme.derivedFacts.values()]
          .filter((fact) => fact.kind === 'wholeYearsOn')
          .map((fact) => [`${programme.id} ${version.version} ${fact.name}`, programme, version, fact.name] as const),
      ),
    ),
  )('%s: only those on which the age reaches a limit the rules compare it with', (_name, programme, version, fact) => {
    // Every comparison the bundled rules make is `age >= limit` or `age < limit`: it changes on reaching the limit.
    const limits = comparedAges(programme, version, fact);
    const ages = versionChangeDays(programme, version).ages.get(fact);
    expect(ages === undefined ? [] : [...(ages as number[])].sort((a, b) => a - b)).toEqual(limits);
  });

  it('every birthday where an age is compared with another fact (the synthetic every-operator programme)', () => {
    const synthetic = everyOperatorProgramme();
    const days = versionChangeDays(synthetic, synthetic.versions[0] as RuleVersion);
    expect(days.ages.get('age')).toBe('everyBirthday');
    expect(days.ages.get('planYears')).toBe('everyBirthday');
  });
});
