import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { type DecisionStore, StoreUnavailable } from '../decisions/decision-store.js';
import { MemoryDecisionStore } from '../decisions/memory-decision-store.js';
import { PersonRefKey } from '../decisions/person-ref.js';
import { DecisionRecorder } from '../decisions/record-decision.js';
import { identifyCaller, OPEN_DEVELOPMENT, type AccessControl } from './authorization.js';
import { requestLog } from './request-log.js';
import { adminRouter, type RulesReload } from './routes/admin.js';
import { decisionsRouter } from './routes/decisions.js';
import { schemaPath } from '../rules/schema-location.js';
import { problem } from '../answer/problem.js';
import type { RuleSetSource } from '../reload/rule-set-source.js';
import { evaluationRouter } from './routes/evaluation.js';
import { programmesRouter } from './routes/programmes.js';
import { healthRouter } from './routes/health.js';
import { webPageRouter } from '../web/web-page.js';
import { sendProblem } from './send-problem.js';

/** The largest request body accepted; larger bodies are answered 413 before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** body-parser's error types, each a client mistake with its own status. */
const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  'entity.parse.failed': { status: 400, detail: 'the body is not valid JSON' },
  'entity.too.large': { status: 413, detail: `the body is larger than ${MAX_BODY_BYTES} bytes` },
  'entity.verify.failed': { status: 400, detail: 'the body could not be verified' },
  'request.aborted': { status: 400, detail: 'the request was aborted' },
  'request.size.invalid': { status: 400, detail: 'the body is shorter or longer than its Content-Length' },
  'encoding.unsupported': { status: 415, detail: 'unsupported content encoding' },
  'charset.unsupported': { status: 415, detail: 'unsupported charset; send UTF-8' },
  'stream.encoding.set': { status: 500, detail: 'internal error' },
};

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
  // Not strict: a JSON scalar such as "x" is valid JSON, so it is parsed and then refused as not an object, at path "".
  app.use(express.json({ limit: MAX_BODY_BYTES, strict: false, type: ['application/json', 'application/*+json'] }));
  // The questions first: the routes nearly every request is for pass no other route on their way. The bench's
  // no-op sits at the same depth, so it measures the same way there.
  if (options.benchNoopRoute) app.post('/bench/noop', (_request, response) => void response.json({}));
  app.use(evaluationRouter(rules, new DecisionRecorder(decisions, options.personRefKey ?? PersonRefKey.random())));
  app.get('/openapi.yaml', (_request, response) => {
    response.type('application/yaml').sendFile(schemaPath('openapi.yaml'));
  });
  app.use(healthRouter(rules, auth.mode, decisions));
  app.use(decisionsRouter(decisions));
  app.use(adminRouter(options.reload ?? reloadOf(rules)));
  app.use(programmesRouter(rules));
  app.use(webPageRouter()); // the caseworkers' page: GET / and /assets/… (src/web)
  app.use((request, response) => {
    sendProblem(response, problem(404, `no route ${request.method} ${request.path}`));
  });
  const onError: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
    const type = (error as { type?: unknown }).type;
    const known = typeof type === 'string' ? CLIENT_ERRORS[type] : undefined;
    // Each of these is about the body as a whole, so its one problem is at the root path "".
    if (known && known.status < 500) return sendProblem(response, problem(known.status, known.detail, [{ path: '', message: known.detail }]));
    // The decision store cannot serve now (a disk full or read-only, a database down): nothing was acknowledged.
    if (error instanceof StoreUnavailable && !response.headersSent) return sendProblem(response, problem(503, error.reason));
    options.onUnexpectedError?.(error);
    if (response.headersSent) return;
    sendProblem(response, problem(500, 'internal error'));
  };
  app.use(onError);
  return app;
}
