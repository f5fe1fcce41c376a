import type { RequestProblem } from '../answer/problem.js';
import { parseCalendarDate } from '../calendar/calendar-date.js';
import { isDecisionId } from './decision-id.js';
import type { DecisionQuery } from './decision-store.js';

/** The page size of a search that names none, and the largest one allowed (contract v2). */
export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 500;

/** The parameters of a decision search, as `GET /v1/decisions` and `sbsp-rules decisions search` take them. */
export const SEARCH_PARAMETERS = ['programme', 'municipality', 'from', 'to', 'eligible', 'limit', 'cursor'] as const;
export type SearchParameter = (typeof SEARCH_PARAMETERS)[number];

/** Longer than any programme id or municipality name a token may carry: a typing slip, not a search. */
const MAX_NAME_LENGTH = 100;

export type SearchParametersResult = { ok: true; query: DecisionQuery } | { ok: false; problems: RequestProblem[] };

/**
 * A search's parameters as text (a URL's query, a command's options) checked all at once: every problem is named
 * at its parameter (`/from`, as the API names a query parameter), none is left for a second round. A parameter
 * given twice arrives as a list and is refused, so that no one has to guess which of the two counted.
 */
export function searchParametersOf(parameters: Readonly<Record<string, unknown>>): SearchParametersResult {
  const problems: RequestProblem[] = [];
  const text = (name: SearchParameter): string | undefined => {
    const value = parameters[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push({ path: `/${name}`, message: 'give it once, as one value' });
      return undefined;
    }
    return value;
  };
  const name = (parameter: 'programme' | 'municipality'): string | undefined => {
    const value = text(parameter);
    if (value !== undefined && (value.trim() === '' || value.length > MAX_NAME_LENGTH))
      problems.push({
        path: `/${parameter}`,
        message: `must be a ${parameter === 'programme' ? 'programme id' : 'municipality'} of 1 to ${MAX_NAME_LENGTH} characters`,
      });
    return value;
  };
  const date = (parameter: 'from' | 'to'): string | undefined => {
    const value = text(parameter);
    if (value === undefined) return undefined;
    if (parseCalendarDate(value) !== null) return value;
    problems.push({ path: `/${parameter}`, message: 'must be a real date (YYYY-MM-DD, years 0001–9999)' });
    return undefined;
  };

  for (const given of Object.keys(parameters)) {
    if (!(SEARCH_PARAMETERS as readonly string[]).includes(given))
      problems.push({ path: `/${given}`, message: `unknown parameter; a search takes ${SEARCH_PARAMETERS.join(', ')}` });
  }
  const programme = name('programme');
  const municipality = name('municipality');
  const from = date('from');
  const to = date('to');
  if (from !== undefined && to !== undefined && to < from) problems.push({ path: '/to', message: `is before from (${from})` });
  const eligibleText = text('eligible');
  if (eligibleText !== undefined && eligibleText !== 'true' && eligibleText !== 'false') problems.push({ path: '/eligible', message: 'must be true or false' });
  const limitText = text('limit');
  const limit = limitText === undefined ? DEFAULT_SEARCH_LIMIT : /^[1-9]\d{0,2}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!(limit <= MAX_SEARCH_LIMIT)) problems.push({ path: '/limit', message: `must be a whole number from 1 to ${MAX_SEARCH_LIMIT}` });
  const cursor = text('cursor');
  if (cursor !== undefined && !isDecisionId(cursor)) problems.push({ path: '/cursor', message: 'must be the next of an earlier page of this search' });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    query: {
      limit,
      ...(programme === undefined ? {} : { programme }),
      ...(municipality === undefined ? {} : { municipality }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(eligibleText === undefined ? {} : { eligible: eligibleText === 'true' }),
      ...(cursor === undefined ? {} : { cursor }),
    },
  };
}
