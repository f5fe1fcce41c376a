import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { callerOf } from './authorization.js';

/**
 * One log line a request: method, route, status, duration, decision id and token id. Deliberately not the URL
 * (a path or query may carry anything a client typed), nor headers, nor the body: answers concern persons, and
 * what identifies them (personRef, birthDate, …) must not end up in logs. The route is the pattern that matched
 * ("/v1/decisions/:id"), or "(no route)".
 */
export function requestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const caller = callerOf(response);
      const route = request.route ? `${request.baseUrl}${String(request.route.path)}` : '(no route)';
      logger.info(
        {
          method: request.method,
          route,
          status: response.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          decisionId: (response.locals.decisionId as string | undefined) ?? null,
          tokenId: caller?.kind === 'token' ? caller.tokenId : null,
        },
        'request',
      );
    });
    next();
  };
}
