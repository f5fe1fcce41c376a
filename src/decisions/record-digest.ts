import { canonicalJson } from '../diff/canonical-json.js';
import type { DecisionRecord } from './decision-record.js';
import { sha256Of } from './sha256.js';

/** Whether a record read back is the record written: its digest matches what it holds now. */
export type RecordCheck = { intact: true } | { intact: false; detail: string };

/**
 * sha256 of the record's canonical JSON (keys sorted), its own `recordSha256` left out: the same whatever order a
 * store gives the members back in (SQLite keeps the rule file list apart and puts it back last).
 */
export function recordSha256Of(record: DecisionRecord): string {
  const { recordSha256: _digest, ...digested } = record;
  return sha256Of(canonicalJson(digested));
}

/** The record with its digest: what DecisionRecorder appends. */
export function sealed(record: DecisionRecord): DecisionRecord {
  return { ...record, recordSha256: recordSha256Of(record) };
}

export function recordCheckOf(record: DecisionRecord): RecordCheck {
  if (record.recordSha256 === undefined) return { intact: false, detail: 'the record carries no recordSha256: it cannot be checked' };
  if (recordSha256Of(record) !== record.recordSha256)
    return { intact: false, detail: 'the record does not match its recordSha256: it was changed after it was written' };
  return { intact: true };
}
