import { maxDate, type CalendarDate } from '../calendar/calendar-date.js';
import { isNoVersion, versionSpans, versionsInForce } from '../versions/resolve-version.js';
import type { Programme, RuleFileProblem, RuleVersion } from './model.js';
import { ruleFileOf } from './rule-files.js';
import { problemAt, type JsonPath } from './yaml-file.js';

/** A version's reference to another programme's rules, and where it is written. */
interface ProgrammeReference {
  version: RuleVersion;
  programme: string;
  path: JsonPath;
  /** What the referenced versions must offer, in words, and whether a version does. */
  needs: string;
  offers: (referenced: RuleVersion) => boolean;
}

function referencesOf(version: RuleVersion): ProgrammeReference[] {
  const compensation = version.compensation;
  if (compensation?.kind !== 'individualBudgetLines') return [];
  return [
    {
      version,
      programme: compensation.diUnitCosts.programme,
      path: ['compensation', 'diUnitCosts', 'programme'],
      needs: 'unit costs (a unitCostDeliveries compensation)',
      offers: (referenced) => referenced.compensation?.kind === 'unitCostDeliveries',
    },
  ];
}

/** The programmes whose rules a programme's versions read (e.g. IBM pricing a line at DI's unit cost). */
export function referencedProgrammes(programme: Programme): string[] {
  return [...new Set(programme.versions.flatMap((version) => referencesOf(version).map((reference) => reference.programme)))];
}

function problemFor(reference: ProgrammeReference, message: string): RuleFileProblem {
  const yaml = ruleFileOf(reference.version);
  return yaml ? problemAt(yaml, reference.path, message) : { file: reference.version.file, line: 1, column: 1, message };
}

/**
 * Every reference from one programme's version to another programme resolves: the programme exists, and on every
 * day the referring version is in force a version of it is in force that offers what is read. An open-ended
 * referring version needs an open-ended referenced one.
 */
export function checkProgrammeReferences(programmes: ReadonlyMap<string, Programme>): RuleFileProblem[] {
  const problems: RuleFileProblem[] = [];
  for (const programme of programmes.values()) {
    for (const range of versionsInForce(programme)) {
      for (const reference of referencesOf(range.version)) {
        const referenced = programmes.get(reference.programme);
        if (!referenced) {
          problems.push(problemFor(reference, `no programme "${reference.programme}" in this rules folder (known: ${[...programmes.keys()].join(', ')})`));
          continue;
        }
        const ranges = versionsInForce(referenced);
        const lastStart = ranges.reduce<CalendarDate>((latest, candidate) => maxDate(latest, candidate.effectiveFrom), range.effectiveFrom);
        const to = range.effectiveTo ?? lastStart;
        const spans = versionSpans(referenced, range.effectiveFrom, to);
        if (isNoVersion(spans)) {
          problems.push(
            problemFor(
              reference,
              `${reference.programme} has no version in force on ${spans.date}, a day this version (${range.effectiveFrom}…${range.effectiveTo ?? 'open'}) reads its ${reference.needs}`,
            ),
          );
          continue;
        }
        if (range.effectiveTo === null && ranges.at(-1)?.effectiveTo !== null) {
          problems.push(problemFor(reference, `this version is open-ended, but ${reference.programme}'s last version ends on ${ranges.at(-1)?.effectiveTo}`));
        }
        for (const span of spans) {
          if (!reference.offers(span.version))
            problems.push(problemFor(reference, `${reference.programme} version ${span.version.version} (${span.from}…${span.to}) has no ${reference.needs}`));
        }
      }
    }
  }
  return problems;
}
