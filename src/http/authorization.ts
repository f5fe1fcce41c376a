import type { RequestHandler, Response } from 'express';
import type { TokenRegistry } from '../auth/api-tokens.js';
import { mayDo, type Permission } from '../auth/access-policy.js';
import { OPEN_DEVELOPMENT_CALLER, type Caller } from '../auth/caller.js';
import { problem } from '../answer/problem.js';
import { sendProblem } from './send-problem.js';

/** How callers are known: by API token, or not at all (open development mode: loopback only, and it says so). */
export type AccessControl = { mode: 'tokens'; tokens: TokenRegistry } | { mode: 'open-development' };

export const OPEN_DEVELOPMENT: AccessControl = { mode: 'open-development' };

/** `Authorization: Bearer <secret>`; the scheme is case-insensitive (RFC 9110), the secret is taken as sent. */
function bearerSecret(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Finds out who is asking, for every request: routes that need a caller ask callerOf(); public ones never do. Only
 * the token's id, role and municipality are kept for the rest of the request, never the secret.
 */
export function identifyCaller(access: AccessControl): RequestHandler {
  return (request, response, next) => {
    if (access.mode === 'open-development') response.locals.caller = OPEN_DEVELOPMENT_CALLER;
    else {
      const secret = bearerSecret(request.headers.authorization);
      const token = secret === null ? null : access.tokens.authenticate(secret);
      response.locals.caller = token ? ({ kind: 'token', tokenId: token.id, role: token.role, municipality: token.municipality } satisfies Caller) : null;
      response.locals.credentials = secret === null ? 'missing' : token ? 'valid' : 'invalid';
    }
    next();
  };
}

export function callerOf(response: Response): Caller | null {
  return (response.locals.caller as Caller | undefined) ?? null;
}

const DOING: Record<Permission, string> = {
  evaluate: 'evaluate requests',
  'read-own-municipality-decisions': "read its municipality's decisions",
  'read-all-decisions': 'read decisions',
  'administer-rules': 'administer the rules',
};

export function sendUnauthenticated(response: Response): void {
  const detail =
    response.locals.credentials === 'invalid' ? 'the bearer token is not valid' : 'this route needs an API token: send Authorization: Bearer <token>';
  response.setHeader('WWW-Authenticate', 'Bearer realm="sbsp-rules"');
  sendProblem(response, problem(401, detail));
}

export function sendForbidden(response: Response, caller: Caller, what: string): void {
  const who = caller.kind === 'token' ? `token "${caller.tokenId}" (${caller.role}, ${caller.municipality})` : 'this caller';
  sendProblem(response, problem(403, `${who} may not ${what}`));
}

/** 401 without a valid token; 403 when the token's role does not allow what the route does. */
export function requireCaller(allowed: (caller: Caller) => boolean, what: string): RequestHandler {
  return (_request, response, next) => {
    const caller = callerOf(response);
    if (caller === null) return sendUnauthenticated(response);
    if (!allowed(caller)) return sendForbidden(response, caller, what);
    next();
  };
}

export function requirePermission(permission: Permission): RequestHandler {
  return requireCaller((caller) => mayDo(caller, permission), DOING[permission]);
}
