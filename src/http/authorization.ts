import type { RequestHandler, Response } from 'express';
import { B64TOKEN, type TokenRegistry } from '../auth/api-tokens.js';
import { mayDo, type Permission } from '../auth/access-policy.js';
import { OPEN_DEVELOPMENT_CALLER, type Caller } from '../auth/caller.js';
import { type Problem, problem } from '../answer/problem.js';
import { hasContent, refuseUnread } from './request-body.js';
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

export function sendUnauthenticated(response: Response): void {
  sendProblem(response, unauthenticated(response));
}

/**
 * With API tokens, a request with content is refused unread unless its token is valid: every route that reads a body
 * needs a token, and none is parsed (nor decoded) before the token is checked. Public routes take no content
 * (request-body.ts). Which role may do what is still the route's to say, after the body is parsed.
 */
export function authenticateBeforeBody(access: AccessControl): RequestHandler {
  return (request, response, next) => {
    if (access.mode === 'open-development' || callerOf(response) !== null || !hasContent(request)) return next();
    refuseUnread(request, response, unauthenticated(response));
  };
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
