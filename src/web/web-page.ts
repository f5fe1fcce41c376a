import type { ServerResponse } from 'node:http';
import express, { Router } from 'express';
import { packagePath } from '../package-directory.js';

/**
 * The page's files are plain HTML, CSS and ES modules in src/web/public, served as they are from there whether the
 * service runs from src (tests, tsx) or from the bundle (npm start): nothing copies static files.
 */
export const WEB_PAGE_DIRECTORY = `${packagePath('src', 'web', 'public')}/`;

/**
 * Nothing on the page may reach beyond this service: caseworkers' machines may have no internet, and personal data
 * must not leak to a CDN. The policy makes the browser refuse anything else, so a slip shows at once in the tests.
 */
export const WEB_PAGE_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setPageHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', WEB_PAGE_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  // The page and its modules change with the rules service; revalidate (ETag) rather than serve a stale copy.
  response.setHeader('Cache-Control', 'no-cache');
}

/** GET / (the page) and /assets/… (its modules and styles); any other path falls through to the API's 404. */
export function webPageRouter(): Router {
  const router = Router();
  router.use(express.static(WEB_PAGE_DIRECTORY, { index: 'index.html', redirect: false, dotfiles: 'ignore', setHeaders: setPageHeaders }));
  return router;
}
