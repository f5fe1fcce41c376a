import type { DecisionRecord } from './decision-record.js';

/**
 * The record a store kept under `decisionId`, as `read` parses it — or null, reported through `notice`, when what is
 * kept there is damage: text that is no longer JSON, or another decision's record (a read never returns a different
 * decision's record). Null, not an error: the other records are still served, and the log says which one is lost.
 */
export function recordKeptUnder(decisionId: string, read: () => DecisionRecord | null, notice: (message: string) => void): DecisionRecord | null {
  let record: DecisionRecord | null;
  try {
    record = read();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    notice(`the record kept under decision ${decisionId} is not JSON any more: not returned`);
    return null;
  }
  if (record === null || record.decisionId === decisionId) return record;
  notice(`the record kept under decision ${decisionId} names decision ${String(record.decisionId)}: not returned`);
  return null;
}
