import { nextDay, previousDay, type CalendarDate } from '../calendar/calendar-date.js';
import type { Programme } from '../rules/model.js';
import { findingAt, type Finding } from './finding.js';

/**
 * Days between one version's own effectiveTo and the next version's effectiveFrom: on them every question gets
 * a 422. Overlaps are load errors; a gap is a warning, because an act may lapse before the next one starts.
 */
export function versionGaps(programme: Programme): Finding[] {
  const findings: Finding[] = [];
  programme.versions.forEach((version, index) => {
    const next = programme.versions[index + 1];
    if (!next || version.effectiveTo === null) return;
    const firstMissing = nextDay(version.effectiveTo);
    if (firstMissing === null || firstMissing >= next.effectiveFrom) return;
    const lastMissing = previousDay(next.effectiveFrom) as CalendarDate;
    const days = firstMissing === lastMissing ? `on ${firstMissing}` : `from ${firstMissing} to ${lastMissing}`;
    findings.push(
      findingAt(
        version,
        ['effectiveTo'],
        'warning',
        'gap',
        `no version of ${programme.id} is in force ${days}: this version ends on ${version.effectiveTo}, ${next.file} starts on ${next.effectiveFrom}`,
      ),
    );
  });
  return findings;
}
