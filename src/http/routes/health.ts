import { Router } from 'express';
import { versionsInForce } from '../../versions/resolve-version.js';
import type { RuleSetSource } from '../rule-set-source.js';

export function healthRouter(rules: RuleSetSource): Router {
  const router = Router();
  router.get('/health', (_request, response) => {
    const ruleSet = rules.current();
    response.json({
      status: 'ok',
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
