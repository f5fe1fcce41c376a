/** What a token may do is decided by its role (see access-policy.ts). */
export const ROLES = ['caseworker', 'officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who asked: the holder of an API token, or anyone at all while the service runs in open development mode. */
export type Caller = { kind: 'token'; tokenId: string; role: Role; municipality: string } | { kind: 'open-development' };

export const OPEN_DEVELOPMENT_CALLER: Caller = { kind: 'open-development' };

/** The caller as a decision record keeps it: never the secret, only which token, its role and municipality. */
export type RecordedCaller = { tokenId: string; role: Role; municipality: string } | { tokenId: null; role: 'open-development'; municipality: null };

export function recordedCaller(caller: Caller): RecordedCaller {
  return caller.kind === 'token'
    ? { tokenId: caller.tokenId, role: caller.role, municipality: caller.municipality }
    : { tokenId: null, role: 'open-development', municipality: null };
}
