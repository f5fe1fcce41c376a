import type { DecisionEndpoint, DecisionRecord, DecisionSummary } from '../decision-record.js';
import { sha256Of } from '../sha256.js';
import { idTimeApart } from './decision-time-bounds.js';

/** A decision as the `decisions` table holds it, less its rule file list (kept once in `rule_manifests`). */
export interface DecisionRow {
  decision_id: string;
  time: string;
  day: string;
  programme: string;
  endpoint: string;
  municipality: string | null;
  eligible: number | null;
  compensation: string | null;
  ruleset: string | null;
  /** 1 when the record's time is more than a day from its id's (decision-time-bounds.ts). */
  id_time_apart: number;
  /** The personRef's HMAC (personRef.hmacSha256), for the erasure of one person's records. */
  person_ref: string | null;
  record: string;
}

/** A row and the rule file list its record names, by the sha256 of that list's JSON. */
export interface DecisionRowWithFiles {
  row: DecisionRow;
  files: { sha256: string; json: string; shas: string[] };
}

/** The columns of a record, and its JSON without `rules.files`, which every decision of a rule set repeats. */
export function decisionRowOf(record: DecisionRecord): DecisionRowWithFiles {
  const { outcome } = record;
  const filesJson = JSON.stringify(record.rules.files);
  const { files: _kept, ...rules } = record.rules;
  return {
    row: {
      decision_id: record.decisionId,
      time: record.time,
      day: record.time.slice(0, 10),
      programme: outcome.programme,
      endpoint: record.endpoint,
      municipality: record.caller.municipality,
      eligible: outcome.eligible === undefined ? null : Number(outcome.eligible),
      compensation: outcome.compensation ?? null,
      ruleset: outcome.ruleset === null ? null : JSON.stringify(outcome.ruleset),
      id_time_apart: Number(idTimeApart(record.decisionId, record.time)),
      person_ref: record.personRef?.hmacSha256 ?? null,
      record: JSON.stringify({ ...record, rules }),
    },
    files: { sha256: sha256Of(filesJson), json: filesJson, shas: record.rules.files.map((file) => file.sha256) },
  };
}

/** The record again, from its row's JSON and its rule file list. */
export function recordOfRow(recordJson: string, filesJson: string): DecisionRecord {
  const record = JSON.parse(recordJson) as DecisionRecord;
  record.rules.files = JSON.parse(filesJson) as DecisionRecord['rules']['files'];
  return record;
}

export type SummaryRow = Pick<DecisionRow, 'decision_id' | 'time' | 'programme' | 'endpoint' | 'municipality' | 'eligible' | 'compensation' | 'ruleset'>;

/** A search item from the columns alone: no record is parsed to list decisions. */
export function summaryOfRow(row: SummaryRow): DecisionSummary {
  return {
    decisionId: row.decision_id,
    time: row.time,
    programme: row.programme,
    endpoint: row.endpoint as DecisionEndpoint,
    ...(row.eligible === null ? {} : { eligible: row.eligible === 1 }),
    ...(row.compensation === null ? {} : { compensation: row.compensation }),
    municipality: row.municipality,
    ruleset: row.ruleset === null ? null : (JSON.parse(row.ruleset) as DecisionSummary['ruleset']),
  };
}
