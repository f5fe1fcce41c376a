import type { Request, RequestHandler } from 'express';
import { problem, type Problem } from '../answer/problem.js';
import type { AccessControl } from './authorization.js';
import { refuseUnread, rootProblem, SAFE_METHODS } from './request-body.js';

/** The names of this machine a request to a service listening on loopback is addressed to. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `Host: name` or `Host: name:port`, the name lowercased; null when the header is missing or not of that form. */
function hostName(host: string | undefined): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[^\s:[\]]+)(?::[0-9]{1,5})?$/i.exec(host ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

/** How browsers mark a request another site made them send (Fetch Metadata); `same-origin` and `none` are the user's own. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/** The content types an HTML form sends, which a page of any site can make a browser POST here without asking. */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** The host (name and port) of an Origin header; null for `null` (an opaque origin) or a value that is not a URL. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Why a state-changing request looks made by a page of another site; null when it does not. */
function crossSiteProblem(request: Request): Problem | null {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && !OWN_FETCH_SITES.has(fetchSite))
    return problem(403, `a ${request.method} that a page of another site made the browser send (by its Sec-Fetch-Site) is refused`);
  const origin = request.headers.origin;
  if (origin !== undefined && originHost(origin) !== request.headers.host) return problem(403, `a ${request.method} from a page of another origin is refused`);
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && FORM_TYPES.has(type))
    return rootProblem(415, `a ${request.method} with the content type of a form (${type}) is refused; send application/json`);
  return null;
}

/**
 * Open development mode has no token to tell a caller by, so whatever reaches it may do anything: it listens on
 * loopback only, and this keeps browsers from being a way in. It answers only requests addressed to a loopback name
 * (421 otherwise: a page on a rebinding DNS name reaches 127.0.0.1 with its own name as the Host), and refuses a
 * state-changing request that a page of another site could make a browser send — a form's POST (its content types),
 * one marked cross-site or same-site by Sec-Fetch-Site, one whose Origin is not this service. With tokens none of this
 * is needed: a browser never adds the bearer token to a request on its own.
 */
export function openDevelopmentGuard(access: AccessControl): RequestHandler {
  return (request, response, next) => {
    if (access.mode !== 'open-development') return next();
    const name = hostName(request.headers.host);
    if (name === null || !LOOPBACK_NAMES.has(name))
      return refuseUnread(request, response, problem(421, 'in open development mode the service answers only requests to 127.0.0.1, localhost or [::1]'));
    const crossSite = SAFE_METHODS.has(request.method) ? null : crossSiteProblem(request);
    if (crossSite !== null) return refuseUnread(request, response, crossSite);
    next();
  };
}
