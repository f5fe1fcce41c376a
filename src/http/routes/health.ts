import { Router } from 'express';
import { problem } from '../../answer/problem.js';
import type { DecisionStore } from '../../decisions/decision-store.js';
import { versionsInForce } from '../../versions/resolve-version.js';
import { formatProblem } from '../../rules/yaml-file.js';
import type { RuleSetSource } from '../../reload/rule-set-source.js';
import { sendProblem } from '../send-problem.js';

/**
 * `mode`: "tokens" (API tokens required) or "open-development" (no tokens, loopback only). A service whose decision
 * store cannot keep a decision cannot answer a question either (every answer is recorded first): 503, saying why.
 */
export function healthRouter(rules: RuleSetSource, mode: 'tokens' | 'open-development', decisions: DecisionStore): Router {
  const router = Router();
  router.get('/health', async (_request, response) => {
    const store = await decisions.health();
    if (!store.ok) return sendProblem(response, problem(503, `decisions cannot be recorded: ${store.reason}`));
    const ruleSet = rules.current();
    const status = rules.status();
    response.json({
      status: status.state,
      mode,
      generation: status.generation,
      ...(status.state === 'degraded'
        ? { problems: status.problems.map(formatProblem), detail: 'the last change to the rules was refused; the last good rules are serving' }
        : {}),
      decisions: { ok: true },
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
