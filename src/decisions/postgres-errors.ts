import { StoreUnavailable } from './decision-store.js';

/**
 * Why PostgreSQL cannot serve now, by the error's code: a socket that cannot be reached or went away, or a
 * SQLSTATE of a database that cannot serve whatever is asked — connection exceptions (class 08), the server
 * shutting down, crashed or starting (57P01–57P03), insufficient resources (class 53), system errors (class 58)
 * and a read-only database (25006, a standby). Each with what a client is told: no host, path or message.
 */
const REASONS: Array<[code: string | RegExp, reason: string]> = [
  ['ECONNREFUSED', 'no server is listening'],
  ['ENOENT', 'no server is listening'],
  ['ENOTFOUND', 'its host is not found'],
  ['EAI_AGAIN', 'its host is not found'],
  ['ECONNRESET', 'the connection was lost'],
  ['EPIPE', 'the connection was lost'],
  ['ETIMEDOUT', 'it does not answer'],
  ['EHOSTUNREACH', 'its host cannot be reached'],
  ['ENETUNREACH', 'its host cannot be reached'],
  ['57P01', 'the server was shut down'],
  ['57P02', 'the server crashed'],
  ['57P03', 'the server is starting or shutting down'],
  ['53100', 'its disk is full'],
  ['53300', 'it has too many connections'],
  [/^53/, 'it lacks the resources'],
  [/^58/, 'its disk failed to read or write'],
  [/^08/, 'the connection failed'],
  ['25006', 'it is read-only'],
];

/** What node-postgres says, without a code, when a connection ended or could not be made in time. */
const MESSAGES: Array<[message: RegExp, reason: string]> = [
  [/Connection terminated|Connection ended|not queryable/i, 'the connection was lost'],
  [/timeout exceeded when trying to connect|connection timeout|Query read timeout/i, 'it does not answer'],
];

/** Why the database cannot be used now, if `error` says so; null for an error of the statement or of the code. */
export function unavailabilityOf(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    const known = REASONS.find(([pattern]) => (typeof pattern === 'string' ? pattern === code : pattern.test(code)));
    if (known) return `${known[1]} (${code})`;
  }
  return MESSAGES.find(([pattern]) => pattern.test(error.message))?.[1] ?? null;
}

/** What a client (a 503) and /health are told: the database by name, never where it is. */
export function unavailableDatabase(database: string, reason: string): string {
  return `the decision database (PostgreSQL database "${database}") is unavailable: ${reason}`;
}

/** `error` as the service should see it: StoreUnavailable (503) when the database cannot be used, else as it is. */
export function storeErrorOf(error: unknown, database: string): unknown {
  if (error instanceof StoreUnavailable) return error;
  const reason = unavailabilityOf(error);
  return reason === null ? error : new StoreUnavailable(unavailableDatabase(database, reason));
}
