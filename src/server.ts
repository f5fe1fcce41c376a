import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { pino } from 'pino';
import type { TokensReload } from './auth/live-token-registry.js';
import { tokensFromEnvironment } from './auth/tokens-from-environment.js';
import { type DecisionStore, StoreUnavailable } from './decisions/decision-store.js';
import { openDecisionStore } from './decisions/open-store.js';
import { PersonRefKey } from './decisions/person-ref.js';
import { purgeBefore, retentionOf, utcDateOf } from './decisions/retention.js';
import { createApp } from './http/app.js';
import type { AccessControl } from './http/authorization.js';
import { rateLimitFromEnvironment } from './http/rate-limit.js';
import { connectionLimitsFromEnvironment, limitSlowClients } from './http/slow-clients.js';
import { LiveRuleSet } from './reload/live-rule-set.js';
import type { RuleFileProblem } from './rules/model.js';
import { formatProblem } from './rules/yaml-file.js';

const LOOPBACK = '127.0.0.1';

/** How often the records past DECISIONS_RETENTION are purged, after the purge at start. */
const RETENTION_INTERVAL_MILLISECONDS = 24 * 3_600_000;

/*
 * Under load, each request's objects live as long as its answer waits for the decision store's fsync (tens of ms with
 * a hundred clients), so many outlive two young-generation collections and are promoted, dead soon after. V8 lets
 * the old generation grow to several times what is live before it collects it: ~300 MB of a service whose live
 * heap is ~30 MB. Growing it by half of what is live instead keeps the service well under 200 MB at about the same
 * throughput (npm run bench), with no hard limit that a burst of large requests could hit. V8 reads the factor at
 * every collection, so it takes effect when set here.
 */
setFlagsFromString('--heap-growing-percent=50');

/** Start-up refusals go to stderr as plain lines (file:line:column: message), then the process ends. */
function refuse(problems: readonly RuleFileProblem[] | readonly string[], summary: string): never {
  for (const found of problems) process.stderr.write(`${typeof found === 'string' ? found : formatProblem(found)}\n`);
  process.stderr.write(`sbsp-rules: ${summary}; not starting\n`);
  process.exit(1);
}

/** Why the service cannot listen, in one line: the port in use, not allowed, or an address this machine lacks. */
function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `port ${port} on ${host}`;
  if (error.code === 'EADDRINUSE') return `${where} is in use (EADDRINUSE): another service listens there; stop it or set PORT`;
  if (error.code === 'EACCES') return `${where} is not allowed to this user (EACCES); choose a PORT above 1023`;
  if (error.code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine (EADDRNOTAVAIL); set HOST to one`;
  return `cannot listen on ${where}: ${error.code ?? error.name}: ${error.message}`;
}

/** An unexpected error's type, code and stack frames; not its message, which may quote what a client sent. */
function describeError(error: unknown): Record<string, unknown> {
  const failure = error as { name?: unknown; code?: unknown; stack?: unknown };
  return {
    errorType: String(failure?.name ?? typeof error),
    code: failure?.code ?? null,
    frames:
      typeof failure?.stack === 'string'
        ? failure.stack
            .split('\n')
            .slice(1)
            .map((frame) => frame.trim())
        : [],
  };
}

/**
 * Starts the service with the rules in RULES_DIR (default ./rules) on PORT (default 3000). The rules are watched
 * and reloaded on change, on SIGHUP and on POST /v1/admin/reload; a change with problems is refused and the last
 * good rules keep serving. API tokens come from one of: the registry TOKENS_DB (read again on change and on
 * SIGHUP), TOKENS_FILE or SBSP_TOKENS; with none, the service runs in open development mode on 127.0.0.1 only. Decisions are recorded in SQLite under DECISIONS_DIR (default ./data), or in
 * the PostgreSQL of DATABASE_URL, and those older than DECISIONS_RETENTION (unset: none) are purged at start and daily.
 */
async function main(): Promise<void> {
  const logger = pino({ base: { service: 'sbsp-rules' } });
  // The store opens (its writer thread starting on another core) while the rules load: start-up is the longer of the two.
  const opening = openDecisionStore(process.env, logger).then(
    (store) => ({ store }),
    (error: unknown) => ({ error }),
  );
  const rulesDirectory = resolve(process.env.RULES_DIR ?? 'rules');
  const loaded = LiveRuleSet.load(rulesDirectory);
  if (!loaded.ok) refuse(loaded.problems, `${loaded.problems.length} problem(s) in ${rulesDirectory}`);
  const live = loaded.live;

  const tokens = tokensFromEnvironment(process.env);
  if (!tokens.ok) refuse(tokens.problems, `${tokens.problems.length} problem(s) in the API tokens`);
  const auth: AccessControl = tokens.registry ? { mode: 'tokens', tokens: tokens.registry } : { mode: 'open-development' };
  if (auth.mode === 'open-development' && process.env.HOST && process.env.HOST !== LOOPBACK && process.env.HOST !== 'localhost') {
    refuse([`HOST=${process.env.HOST}`], 'without API tokens (TOKENS_FILE or SBSP_TOKENS) the service listens on 127.0.0.1 only');
  }
  const host = auth.mode === 'open-development' ? LOOPBACK : process.env.HOST;
  const rateLimit = rateLimitFromEnvironment(process.env, auth.mode);
  if ('problem' in rateLimit) refuse([rateLimit.problem], 'the rate limit is not valid');
  const connectionLimits = connectionLimitsFromEnvironment(process.env);
  if ('problems' in connectionLimits) refuse(connectionLimits.problems, 'the limits on connections are not valid');

  let personRefKey: PersonRefKey;
  if (process.env.DECISION_HMAC_KEY) {
    const fromSecret = PersonRefKey.fromSecret(process.env.DECISION_HMAC_KEY);
    if (!(fromSecret instanceof PersonRefKey)) refuse([fromSecret.problem], 'the personRef key is too short');
    personRefKey = fromSecret;
  } else if (auth.mode === 'open-development') {
    personRefKey = PersonRefKey.random();
    logger.warn(
      { personRefKeyId: personRefKey.id },
      'DECISION_HMAC_KEY is not set: personRefs are digested with a random key of this process, which dies with it',
    );
  } else {
    refuse(['DECISION_HMAC_KEY is not set'], 'with API tokens, decision records need a key from the environment for personRefs');
  }
  const retention = retentionOf(process.env.DECISIONS_RETENTION);
  if ('problem' in retention) refuse([retention.problem], 'the retention of decision records is not valid');

  const opened = await opening;
  if ('error' in opened) refuse([(opened.error as Error).message], 'the decision store cannot be opened');
  const decisions: DecisionStore = opened.store;
  logger.info({ decisions: decisions.describe() }, 'decision store open');
  // Retention: the records past it go at start and then once a day. The log says how many, never which.
  if (retention.kind === 'forever') logger.info({ retention: 'forever' }, 'DECISIONS_RETENTION is not set: decision records are kept for ever');
  else {
    const expire = (): void => {
      const before = purgeBefore(retention, utcDateOf(new Date()));
      if (before === null) return;
      decisions.purge(before).then(
        (purged) =>
          logger.info({ retention: retention.text, before, purged }, `retention ${retention.text}: ${purged} decision record(s) made before ${before} deleted`),
        (error: unknown) =>
          logger.warn(
            { retention: retention.text, before, ...(error instanceof StoreUnavailable ? { reason: error.reason } : describeError(error)) },
            'retention: the purge of expired decision records failed; it is tried again in a day',
          ),
      );
    };
    expire();
    setInterval(expire, RETENTION_INTERVAL_MILLISECONDS).unref();
  }

  // A refused change is logged with where each problem is, never what it says: a message may quote a file's text.
  const report = (outcome: ReturnType<LiveRuleSet['reload']>): ReturnType<LiveRuleSet['reload']> => {
    if (outcome.reloaded) logger.info({ generation: outcome.generation }, `sbsp-rules: rules reloaded (generation ${outcome.generation})`);
    else
      logger.warn(
        { problems: outcome.problems.length, at: outcome.problems.map((found) => `${found.file}:${found.line}:${found.column}`) },
        `sbsp-rules: the change to the rules was refused (${outcome.problems.length} problem(s)); the last good rules keep serving; sbsp-rules validate (or POST /v1/admin/reload) says what they are`,
      );
    return outcome;
  };
  if (process.env.RULES_WATCH !== 'off') live.watch(report);
  process.on('SIGHUP', () => report(live.reload()));
  const tokenRegistry = tokens.live;
  if (tokenRegistry) {
    const reportTokens = (trigger: 'change' | 'SIGHUP') => (outcome: TokensReload) => {
      if (outcome.reloaded) logger.info({ trigger, tokens: outcome.active }, `sbsp-rules: API tokens reloaded (${outcome.active} active)`);
      else
        logger.warn(
          { trigger, problems: outcome.problems.length, at: outcome.problems.map((found) => `${found.file}:${found.line}:${found.column}`) },
          `sbsp-rules: the change to the API tokens was refused (${outcome.problems.length} problem(s)); the last good tokens keep serving; sbsp-rules tokens list says what they hold`,
        );
    };
    tokenRegistry.watch(reportTokens('change'));
    process.on('SIGHUP', () => reportTokens('SIGHUP')(tokenRegistry.reload()));
  }

  const port = Number(process.env.PORT ?? 3000);
  const app = createApp(live, {
    auth,
    decisions,
    personRefKey,
    logger,
    reload: () => report(live.reload()),
    benchNoopRoute: process.env.SBSP_BENCH_NOOP === '1',
    rateLimitPerMinute: rateLimit.perMinute,
    onUnexpectedError: (error) => logger.error(describeError(error), 'unexpected error'),
  });
  // Express calls this with the error when the port cannot be had (in use, not allowed, no such address).
  const listening = (error?: Error): void => {
    if (error) refuse([], listenProblem(error as NodeJS.ErrnoException, host ?? '(all interfaces)', port));
    const address = server.address();
    const bound = typeof address === 'object' && address !== null ? address : { address: host ?? '(all)', port };
    const programmes = [...live.current().programmes.values()].map((programme) => `${programme.id} (${programme.versions.length} version(s))`);
    if (auth.mode === 'open-development')
      logger.warn(
        { mode: 'open-development', host: LOOPBACK },
        'no API tokens configured: OPEN DEVELOPMENT MODE — every route is open, listening on 127.0.0.1 only',
      );
    else logger.info({ mode: 'tokens', tokens: tokens.registry?.tokens.length }, 'API tokens required');
    logger.info({ mode: auth.mode, address: bound.address }, `sbsp-rules listening on port ${bound.port} with ${programmes.join(', ')}`);
  };
  const server = host === undefined ? app.listen(port, listening) : app.listen(port, host, listening);
  limitSlowClients(server, connectionLimits.limits);
  const stop = (): void => {
    live.close();
    server.close(() => {
      decisions.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sbsp-rules: cannot start: ${(error as Error).message}\n`);
  process.exit(1);
});
