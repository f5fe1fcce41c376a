import { newDecisionId } from '../../src/decisions/decision-id.js';
import type { DecisionRecord, DecisionSummary } from '../../src/decisions/decision-record.js';
import { summaryOf } from '../../src/decisions/decision-record.js';

/** What a search sees of a decision, and when and where it was made: the rest of its record does not matter here. */
export interface DecisionMade {
  /** An ISO instant in UTC. */
  time: string;
  programme: string;
  /** The municipality of the token that made it; null for open development mode. */
  municipality: string | null;
  eligible?: boolean;
  compensation?: string;
}

/**
 * A decision record as a store keeps it, made at `time` (its id a UUID v7 of that instant, as the service makes
 * them), so that a search's newest-first order and date filters can be checked against records of known times.
 */
export function decisionRecord(made: DecisionMade): DecisionRecord {
  const instant = Date.parse(made.time);
  const endpoint = made.compensation === undefined ? 'eligibility' : 'compensation';
  return {
    decisionId: newDecisionId(instant),
    format: 2,
    time: new Date(instant).toISOString(),
    endpoint,
    request: { programme: made.programme, date: made.time.slice(0, 10) },
    rules: { versions: [{ programme: made.programme, version: '2024-01-01', sha256: 'a'.repeat(64) }], files: [] },
    caller:
      made.municipality === null
        ? { tokenId: null, role: 'open-development', municipality: null }
        : { tokenId: `caseworker-${made.municipality}`, role: 'caseworker', municipality: made.municipality },
    outcome: {
      programme: made.programme,
      ...(made.eligible === undefined ? {} : { eligible: made.eligible }),
      ...(made.compensation === undefined ? {} : { compensation: made.compensation }),
      ruleset: { version: '2024-01-01', sha256: 'a'.repeat(64) },
    },
    answerSha256: 'b'.repeat(64),
  };
}

/**
 * Decisions of NSK, DI and IBM in Riga, Liepāja and open development mode, one every 7 hours from 2024-06-25 over
 * 30 days, eligible or not by turns, every fifth a compensation: enough for several pages and every filter.
 */
export function decisionsOverAMonth(): DecisionRecord[] {
  const programmes = ['nsk', 'di', 'ibm'];
  const municipalities = ['riga', 'liepaja', 'riga', null];
  const start = Date.parse('2024-06-25T00:30:00Z');
  return Array.from({ length: 103 }, (_, index) =>
    decisionRecord({
      time: new Date(start + index * 7 * 3_600_000).toISOString(),
      programme: programmes[index % programmes.length] as string,
      municipality: municipalities[index % municipalities.length] ?? null,
      ...(index % 5 === 4 ? { compensation: `${100 + index}.${String(index % 100).padStart(2, '0')}` } : { eligible: index % 2 === 0 }),
    }),
  );
}

/** What a search must answer for these records: the summaries, newest first. */
export function newestFirst(records: readonly DecisionRecord[]): DecisionSummary[] {
  return [...records].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0)).map(summaryOf);
}
