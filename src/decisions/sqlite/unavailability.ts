import { StoreUnavailable } from '../decision-store.js';

/** The code of the failure a write meets when the database file is no longer the one opened (write-connection.ts). */
export const DATABASE_MOVED = 'SBSP_DATABASE_MOVED';

/**
 * SQLite's result codes that say the database cannot serve now for a reason outside the request — the disk, the
 * file, another process — each with the reason a client is told (no path: the detail goes out in a 503).
 */
const REASONS: Array<[prefix: string, reason: string]> = [
  ['SQLITE_FULL', 'the disk of the decision database is full'],
  ['SQLITE_READONLY_DBMOVED', 'the decision database file was moved or deleted while the service had it open'],
  [DATABASE_MOVED, 'the decision database file was moved or deleted while the service had it open'],
  ['SQLITE_READONLY', 'the decision database is read-only'],
  ['SQLITE_BUSY', 'the decision database is locked by another process'],
  ['SQLITE_LOCKED', 'the decision database is locked by another process'],
  ['SQLITE_IOERR', 'the disk of the decision database failed to read or write'],
  ['SQLITE_CANTOPEN', 'the decision database cannot be opened'],
  ['SQLITE_CORRUPT', 'the decision database is damaged'],
  ['SQLITE_NOTADB', 'the decision database is damaged'],
  ['SQLITE_PERM', 'the decision database may not be written'],
];

/** The reason a client is told, when SQLite's code is one of the store's unavailability; otherwise null. */
export function unavailableReason(code: string | null | undefined): string | null {
  if (!code) return null;
  return REASONS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))?.[1] ?? null;
}

/** A failure as the store reports it: StoreUnavailable for the disk, the file, a lock; the error itself otherwise. */
export function storeFailure(failure: { code?: string | null; message: string }): Error {
  const reason = unavailableReason(failure.code);
  return reason === null ? Object.assign(new Error(failure.message), { code: failure.code ?? undefined }) : new StoreUnavailable(reason);
}
