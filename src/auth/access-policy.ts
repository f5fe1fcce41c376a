import type { Caller, RecordedCaller, Role } from './caller.js';

/** What a caller may ask of the service; public routes (health, OpenAPI, the page, programmes) need none. */
export type Permission = 'evaluate' | 'read-own-municipality-decisions' | 'read-all-decisions' | 'administer-rules';

/**
 * Caseworkers evaluate and read their municipality's decisions; officers may also reload the rules; auditors read
 * every decision but may not make one (whoever checks decisions does not take them).
 */
const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  caseworker: new Set(['evaluate', 'read-own-municipality-decisions']),
  officer: new Set(['evaluate', 'read-own-municipality-decisions', 'administer-rules']),
  auditor: new Set(['read-all-decisions']),
};

/** Open development mode allows everything: it runs only on loopback, without tokens, and says so. */
export function mayDo(caller: Caller, permission: Permission): boolean {
  return caller.kind === 'open-development' || PERMISSIONS[caller.role].has(permission);
}

export function mayReadSomeDecisions(caller: Caller): boolean {
  return mayDo(caller, 'read-all-decisions') || mayDo(caller, 'read-own-municipality-decisions');
}

/** A decision is read by auditors, and by caseworkers and officers of the municipality whose token made it. */
export function mayReadDecision(caller: Caller, madeBy: RecordedCaller): boolean {
  if (mayDo(caller, 'read-all-decisions')) return true;
  if (caller.kind !== 'token' || !mayDo(caller, 'read-own-municipality-decisions')) return false;
  return madeBy.municipality !== null && madeBy.municipality === caller.municipality;
}
