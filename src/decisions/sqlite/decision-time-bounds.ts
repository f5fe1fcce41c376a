/*
 * A decision's id is a UUID v7 minted when the question is answered, its `time` a moment later: the two are
 * milliseconds apart. So the ids of a span of days lie between two ids known without looking — and a search over
 * dates can walk the ids newest first from the top of that range instead of sorting every decision of the span.
 * A record whose time is more than a day from its id's (made by hand, imported, a clock gone wrong) is marked
 * `id_time_apart` and found by its own small index, so the filters keep their meaning exactly for every record.
 */

const DAY = 86_400_000;
const V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The milliseconds a lowercase UUID v7 carries; null for any other id. */
export function idTimeOf(decisionId: string): number | null {
  const match = V7.exec(decisionId);
  return match ? Number.parseInt(`${match[1]}${match[2]}`, 16) : null;
}

/** Whether a record's time is more than a day from its id's, or its id carries none. */
export function idTimeApart(decisionId: string, time: string): boolean {
  const idTime = idTimeOf(decisionId);
  return idTime === null || Math.abs(idTime - Date.parse(time)) > DAY;
}

/** The smallest UUID v7 of a millisecond: every id minted at that millisecond or later sorts at or after it. */
function firstIdOf(milliseconds: number): string {
  const hex = Math.max(0, milliseconds).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/**
 * The ids the decisions of the days `from`…`to` (UTC calendar dates, both included) have, unless marked apart:
 * `from` ≤ id < `below`. A bound is absent when its date is (or is not a date: then the filter alone decides).
 */
export function idRangeOfDays(from: string | undefined, to: string | undefined): { from?: string; below?: string } {
  const first = from === undefined ? Number.NaN : Date.parse(`${from}T00:00:00Z`);
  const last = to === undefined ? Number.NaN : Date.parse(`${to}T00:00:00Z`);
  return {
    ...(Number.isNaN(first) ? {} : { from: firstIdOf(first - DAY) }),
    ...(Number.isNaN(last) ? {} : { below: firstIdOf(last + 2 * DAY) }),
  };
}
