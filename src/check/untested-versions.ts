import { CASES_DIRECTORY, type ExampleCase } from '../cases/example-cases.js';
import type { Programme } from '../rules/model.js';
import { versionsInForce, type VersionInForce } from '../versions/resolve-version.js';
import { findingAt, type Finding } from './finding.js';

/** The days a case asks about, when it expects an answer (a 4xx case never reaches the rules). */
function daysAsked(exampleCase: ExampleCase): { from: string; to: string } | null {
  if ((exampleCase.expect.status ?? 200) !== 200) return null;
  const { date, period } = exampleCase.request as { date?: unknown; period?: { from?: unknown; to?: unknown } };
  if (typeof date === 'string') return { from: date, to: date };
  if (period && typeof period.from === 'string' && typeof period.to === 'string') return { from: period.from, to: period.to };
  return null;
}

function reaches(range: VersionInForce, days: { from: string; to: string }): boolean {
  return days.to >= range.effectiveFrom && (range.effectiveTo === null || days.from <= range.effectiveTo);
}

/** Versions that no example case of the programme asks about a day of (as known today, without asOf). */
export function untestedVersions(programme: Programme, cases: readonly ExampleCase[]): Finding[] {
  const asked = cases.filter((exampleCase) => exampleCase.programme === programme.id).flatMap((exampleCase) => daysAsked(exampleCase) ?? []);
  return versionsInForce(programme)
    .filter((range) => !asked.some((days) => reaches(range, days)))
    .map((range) =>
      findingAt(
        range.version,
        ['version'],
        'warning',
        'untested',
        `no example case asks about a day of version ${range.version.version} (${range.effectiveFrom} to ${range.effectiveTo ?? 'open'}): add one to ${programme.id}/${CASES_DIRECTORY}/`,
      ),
    );
}
