import { Router } from 'express';
import type { DecisionStore } from '../../decisions/decision-store.js';
import { versionsInForce } from '../../versions/resolve-version.js';
import type { RuleSetSource } from '../../reload/rule-set-source.js';

/**
 * `mode`: "tokens" (API tokens required) or "open-development" (no tokens, loopback only). `status` is "ok", or
 * "degraded" with 503 and each reason: the decision store cannot keep a decision (then no question can be answered:
 * every answer is recorded first), or the rules on disk have problems the live rules do not (the last good rules keep
 * serving). The route is public, so it says how many problems the rules have and never what they are: their files,
 * keys and values are an officer's to see, on POST /v1/admin/reload.
 */
export function healthRouter(rules: RuleSetSource, mode: 'tokens' | 'open-development', decisions: DecisionStore): Router {
  const router = Router();
  router.get('/health', async (_request, response) => {
    const store = await decisions.health();
    const ruleSet = rules.current();
    const status = rules.status();
    const reasons = [
      ...(store.ok ? [] : [`decisions cannot be recorded: ${store.reason}`]),
      ...(status.state === 'ok'
        ? []
        : [
            `the rules on disk have ${status.problems.length} problem(s) the live rules do not; the last good rules keep serving, and an officer sees the problems on POST /v1/admin/reload`,
          ]),
    ];
    response.status(reasons.length === 0 ? 200 : 503).json({
      status: reasons.length === 0 ? 'ok' : 'degraded',
      mode,
      generation: status.generation,
      ...(reasons.length === 0 ? {} : { detail: reasons.join('; ') }),
      decisions: store.ok ? { ok: true } : { ok: false, reason: store.reason },
      rules: status.state === 'ok' ? { ok: true } : { ok: false, problems: status.problems.length },
      programmes: [...ruleSet.programmes.values()].map((programme) => ({
        id: programme.id,
        title: programme.title,
        versions: versionsInForce(programme).map((range) => ({
          version: range.version.version,
          effectiveFrom: range.effectiveFrom,
          effectiveTo: range.effectiveTo,
          adopted: range.version.adopted,
          sha256: range.version.sha256,
        })),
      })),
    });
  });
  return router;
}
