import type { ResponseData as ApiResponse } from '../wire/answer-json.js';
import { sameValue } from './canonical-json.js';
import { percentChange } from './parameter-change.js';

/** Answer fields compared as written; money among them also gets its % change. */
const SCALAR_FIELDS = ['eligible', 'eligibleDays', 'compensation', 'eligibleCost', 'cap', 'reportDue', 'paymentDue'] as const;
const MONEY_FIELDS = new Set(['compensation', 'eligibleCost', 'cap', 'eligibleAmount', 'amount']);
/** Line fields that explain rather than answer: their changes show in the fields compared. */
const LINE_DETAIL_FIELDS = new Set(['lineRules', 'parts']);

type Body = Record<string, unknown>;

function words(value: unknown): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return `[${value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ')}]`;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function sortedRefs(value: unknown): string[] | undefined {
  return Array.isArray(value) ? [...(value as string[])].sort() : undefined;
}

function fieldChange(field: string, before: unknown, after: unknown): string | null {
  if (sameValue(before, after)) return null;
  const percent = MONEY_FIELDS.has(field.replace(/^.*\./, '')) && typeof before === 'string' && typeof after === 'string' ? percentChange(before, after) : null;
  return `${field} ${words(before)} → ${words(after)}${percent ? ` (${percent})` : ''}`;
}

/** A segment as one comparable line: "<from>…<to> eligible basis [T1] blockers []". */
function segmentWords(segment: Body): string {
  return `${String(segment.from)}…${String(segment.to)} ${segment.eligible === true ? 'eligible' : 'not eligible'} basis ${words(sortedRefs(segment.basis))} blockers ${words(sortedRefs(segment.blockers))}`;
}

function compareLines(before: Body[], after: Body[]): string[] {
  const changes: string[] = [];
  if (before.length !== after.length) changes.push(`lines ${before.length} → ${after.length}`);
  after.forEach((line, index) => {
    const old = before[index];
    if (!old) return;
    for (const field of new Set([...Object.keys(old), ...Object.keys(line)])) {
      if (LINE_DETAIL_FIELDS.has(field)) continue;
      const change = fieldChange(
        `lines[${index}].${field}`,
        field === 'refs' ? sortedRefs(old[field]) : old[field],
        field === 'refs' ? sortedRefs(line[field]) : line[field],
      );
      if (change) changes.push(change);
    }
  });
  return changes;
}

function errorPaths(response: ApiResponse): string[] {
  const errors = (response.body as Body).errors;
  return Array.isArray(errors) ? errors.map((error: { path?: unknown }) => String(error.path)).sort() : [];
}

function problemWords(response: ApiResponse): string {
  const body = response.body as Body;
  return `${response.status} (${String(body.detail ?? body.title ?? '')})`;
}

/**
 * How the answer to one request differs between the sides, in words: status, eligibility, basis, blockers,
 * segments, compensation and its lines. Empty when a reviewer would see the same answer.
 */
export function compareAnswers(before: ApiResponse, after: ApiResponse): string[] {
  if (before.status !== 200 || after.status !== 200) {
    // Two problems with the same status are the same answer unless they point at other parts of the request.
    if (before.status === after.status)
      return sameValue(errorPaths(before), errorPaths(after)) ? [] : [`errors at ${words(errorPaths(before))} → ${words(errorPaths(after))}`];
    if (before.status === 200) return [`only the old rules answer: status 200 → ${problemWords(after)}`];
    if (after.status === 200) return [`only the new rules answer: status ${problemWords(before)} → 200`];
    return [`status ${problemWords(before)} → ${problemWords(after)}`];
  }
  const old = before.body as Body;
  const now = after.body as Body;
  const changes: string[] = [];
  for (const field of SCALAR_FIELDS) {
    const change = fieldChange(field, old[field], now[field]);
    if (change) changes.push(change);
  }
  for (const field of ['basis', 'blockers'] as const) {
    const change = fieldChange(field, sortedRefs(old[field]), sortedRefs(now[field]));
    if (change) changes.push(change);
  }
  const oldSegments = ((old.segments ?? []) as Body[]).map(segmentWords);
  const newSegments = ((now.segments ?? []) as Body[]).map(segmentWords);
  if (!sameValue(oldSegments, newSegments)) changes.push(`segments ${oldSegments.join('; ')} → ${newSegments.join('; ')}`);
  changes.push(...compareLines((old.lines ?? []) as Body[], (now.lines ?? []) as Body[]));
  return changes;
}
