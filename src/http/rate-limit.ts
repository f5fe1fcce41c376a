import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { problem } from '../answer/problem.js';
import type { Caller } from '../auth/caller.js';
import { callerOf } from './authorization.js';
import { refuseUnread } from './request-body.js';

/**
 * Requests a token may make in a minute when RATE_LIMIT_PER_MINUTE is not set: ten a second on average, far beyond
 * what a caseworker's page asks, and few enough that one token cannot fill the disk with records (each about its
 * request's size, at most 1 MiB).
 */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/**
 * RATE_LIMIT_PER_MINUTE: a whole number of requests a token may make in a minute, or `off`. Unset, it is
 * DEFAULT_RATE_LIMIT_PER_MINUTE with tokens, and off in open development mode, where there is no token to count by.
 */
export function rateLimitFromEnvironment(
  environment: NodeJS.ProcessEnv,
  mode: 'tokens' | 'open-development',
): { perMinute: number | null } | { problem: string } {
  const value = environment.RATE_LIMIT_PER_MINUTE;
  if (value === undefined) return { perMinute: mode === 'tokens' ? DEFAULT_RATE_LIMIT_PER_MINUTE : null };
  if (value === 'off') return { perMinute: null };
  if (/^[1-9][0-9]{0,8}$/.test(value)) return { perMinute: Number(value) };
  return { problem: `RATE_LIMIT_PER_MINUTE=${JSON.stringify(value)}: give a whole number of requests a token may make in a minute (1 or more), or off` };
}

/**
 * At most `perMinute` requests a minute for each API token (a fixed window of a minute, kept in this process); past
 * it, 429 problem+json with Retry-After (the seconds until the window ends) and RateLimit headers. Requests without
 * a token are not counted: the routes that need one refuse them unread, and the public ones are cheap.
 */
export function perTokenRateLimit(perMinute: number): RequestHandler {
  const tokenOf = (caller: Caller | null): string | null => (caller?.kind === 'token' ? caller.tokenId : null);
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (_request, response) => tokenOf(callerOf(response)) === null,
    keyGenerator: (_request, response) => tokenOf(callerOf(response)) as string,
    // The key is the token, never the address: the checks of how addresses are read do not apply.
    validate: { ip: false, trustProxy: false, xForwardedForHeader: false, keyGeneratorIpFallback: false },
    handler: (request, response) => {
      refuseUnread(
        request,
        response,
        problem(429, `this token may make ${perMinute} requests a minute; try again after ${response.getHeader('Retry-After')} s`),
      );
    },
  });
}
