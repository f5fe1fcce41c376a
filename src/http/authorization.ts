import type { RequestHandler, Response } from 'express';
import { B64TOKEN, type TokenRegistry } from '../auth/api-tokens.js';
import { mayDo, type Permission } from '../auth/access-policy.js';
import { OPEN_DEVELOPMENT_CALLER, type Caller } from '../auth/caller.js';
import { type Problem, problem } from '../answer/problem.js';
import { refuseUnread } from './request-body.js';
import { sendProblem } from './send-problem.js';

/** How callers are known: by API token, or not at all (open development mode: loopback only, and it says so). */
export type AccessControl = { mode: 'tokens'; tokens: TokenRegistry } | { mode: 'open-development' };

export const OPEN_DEVELOPMENT: AccessControl = { mode: 'open-development' };

/**
 * `Authorization: Bearer <secret>`: the scheme is case-insensitive (RFC 9110), the secret a b64token (RFC 6750),
 * taken as sent.
 */
function bearerSecret(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  const secret = match?.[1];
  return secret !== undefined && B64TOKEN.test(secret) ? secret : null;
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
      response.locals.credentials = request.headers.authorization === undefined ? 'missing' : token ? 'valid' : 'invalid';
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

function unauthenticated(response: Response): Problem {
  response.setHeader('WWW-Authenticate', 'Bearer realm="sbsp-rules"');
  return problem(
    401,
    response.locals.credentials === 'invalid' ? 'the bearer token is not valid' : 'this route needs an API token: send Authorization: Bearer <token>',
  );
}

function forbidden(caller: Caller, what: string): Problem {
  const who = caller.kind === 'token' ? `token "${caller.tokenId}" (${caller.role}, ${caller.municipality})` : 'this caller';
  return problem(403, `${who} may not ${what}`);
}

export function sendForbidden(response: Response, caller: Caller, what: string): void {
  sendProblem(response, forbidden(caller, what));
}

/**
 * 401 without a valid token; 403 when the token's role does not allow what the route does. A route that reads a body
 * puts this before it (request-body.ts's jsonBody): a request refused here is refused unread, its body never parsed.
 */
export function requireCaller(allowed: (caller: Caller) => boolean, what: string): RequestHandler {
  return (request, response, next) => {
    const caller = callerOf(response);
    if (caller === null) return refuseUnread(request, response, unauthenticated(response));
    if (!allowed(caller)) return refuseUnread(request, response, forbidden(caller, what));
    next();
  };
}

export function requirePermission(permission: Permission): RequestHandler {
  return requireCaller((caller) => mayDo(caller, permission), DOING[permission]);
}
