import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { type DecisionStore, StoreUnavailable } from '../decisions/decision-store.js';
import { MemoryDecisionStore } from '../decisions/memory-decision-store.js';
import { PersonRefKey } from '../decisions/person-ref.js';
import { DecisionRecorder } from '../decisions/record-decision.js';
import { identifyCaller, OPEN_DEVELOPMENT, type AccessControl } from './authorization.js';
import { openDevelopmentGuard } from './open-development-guard.js';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, perTokenRateLimit } from './rate-limit.js';
import { jsonBody, noContentOnSafeMethods } from './request-body.js';
import { requestLog } from './request-log.js';
import { adminRouter, type RulesReload } from './routes/admin.js';
import { decisionsRouter } from './routes/decisions.js';
import { openApiRouter } from './routes/openapi.js';
import { problem } from '../answer/problem.js';
import type { RuleSetSource } from '../reload/rule-set-source.js';
import { evaluationRouter } from './routes/evaluation.js';
import { programmesRouter } from './routes/programmes.js';
import { healthRouter } from './routes/health.js';
import { webPageRouter } from '../web/web-page.js';
import { sendProblem } from './send-problem.js';

export interface AppOptions {
  /** Called with unexpected errors (never with client mistakes), so they can be logged. */
  onUnexpectedError?: (error: unknown) => void;
  /** Where decisions are recorded (default: in memory, gone with the process). */
  decisions?: DecisionStore;
  /** The key personRefs are digested with (default: a random one for this process). */
  personRefKey?: PersonRefKey;
  /** API tokens; without them the app is in open development mode (everything allowed, for loopback use). */
  auth?: AccessControl;
  /** One line a request goes here (default: nowhere). */
  logger?: Logger;
  /** What POST /v1/admin/reload does (default: the rule source's own reload(), if it has one). */
  reload?: RulesReload;
  /**
   * `POST /bench/noop`: an Express route that answers `{}` behind the same middleware (helmet, log, caller, JSON
   * body): the anchor `npm run bench` measures the evaluating routes (at each `explain` level) against. Off unless
   * asked for.
   */
  benchNoopRoute?: boolean;
  /**
   * Requests an API token may make in a minute (rate-limit.ts); null for no limit. Default: the service's default
   * with tokens, none in open development mode.
   */
  rateLimitPerMinute?: number | null;
}

function defaultRateLimit(auth: AccessControl): number | null {
  return auth.mode === 'tokens' ? DEFAULT_RATE_LIMIT_PER_MINUTE : null;
}

function reloadOf(rules: RuleSetSource): RulesReload | null {
  const reloadable = rules as RuleSetSource & { reload?: RulesReload };
  return typeof reloadable.reload === 'function' ? () => (reloadable.reload as RulesReload).call(rules) : null;
}

/** A thin shell around the pure core: parse, ask, answer; every error is problem+json. */
export function createApp(rules: RuleSetSource, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // Answers are decisions made for one request, never re-validated by a client: an ETag (a hash of every body
  // sent) would cost time and say nothing.
  app.set('etag', false);
  app.set('json escape', true);
  const auth = options.auth ?? OPEN_DEVELOPMENT;
  const decisions = options.decisions ?? new MemoryDecisionStore();
  app.use(helmet());
  app.use(requestLog(options.logger ?? pino({ level: 'silent' })));
  app.use(identifyCaller(auth));
  // What anyone can send is refused before any body is read: a request to a name other than loopback or from
  // another site in open development mode, content on a route that takes none, a token past its rate limit. Each
  // route that reads a body checks the caller first, then parses it (jsonBody).
  app.use(openDevelopmentGuard(auth));
  app.use(noContentOnSafeMethods);
  const perMinute = options.rateLimitPerMinute === undefined ? defaultRateLimit(auth) : options.rateLimitPerMinute;
  if (perMinute !== null) app.use(perTokenRateLimit(perMinute));
  // The questions first: the routes nearly every request is for pass no other route on their way. The bench's
  // no-op sits at the same depth, so it measures the same way there.
  if (options.benchNoopRoute) app.post('/bench/noop', jsonBody, (_request, response) => void response.json({}));
  app.use(evaluationRouter(rules, new DecisionRecorder(decisions, options.personRefKey ?? PersonRefKey.random())));
  app.use(openApiRouter()); // GET /openapi.yaml and /openapi.json: one document
  app.use(healthRouter(rules, auth.mode, decisions));
  app.use(decisionsRouter(decisions));
  app.use(adminRouter(options.reload ?? reloadOf(rules)));
  app.use(programmesRouter(rules));
  app.use(webPageRouter()); // the caseworkers' page: GET / and /assets/… (src/web)
  app.use((request, response) => {
    sendProblem(response, problem(404, `no route ${request.method} ${request.path}`));
  });
  const onError: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
    // The decision store cannot serve now (a disk full or read-only, a database down): nothing was acknowledged.
    if (error instanceof StoreUnavailable && !response.headersSent) return sendProblem(response, problem(503, error.reason));
    options.onUnexpectedError?.(error);
    if (response.headersSent) return;
    sendProblem(response, problem(500, 'internal error'));
  };
  app.use(onError);
  return app;
}
