import { Router } from 'express';
import { versionsInForce } from '../../versions/resolve-version.js';
import { formatProblem } from '../../rules/yaml-file.js';
import type { RuleSetSource } from '../../reload/rule-set-source.js';

/** `mode`: "tokens" (API tokens required) or "open-development" (no tokens, loopback only). */
export function healthRouter(rules: RuleSetSource, mode: 'tokens' | 'open-development' = 'open-development'): Router {
  const router = Router();
  router.get('/health', (_request, response) => {
    const ruleSet = rules.current();
    const status = rules.status();
    response.json({
      status: status.state,
      mode,
      generation: status.generation,
      ...(status.state === 'degraded'
        ? { problems: status.problems.map(formatProblem), detail: 'the last change to the rules was refused; the last good rules are serving' }
        : {}),
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
