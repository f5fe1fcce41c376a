import { Router } from 'express';
import type { RuleFileProblem } from '../../rules/model.js';
import { formatProblem } from '../../rules/yaml-file.js';
import { requirePermission } from '../authorization.js';
import { problem } from '../../answer/problem.js';
import { jsonBody } from '../request-body.js';
import { sendProblem } from '../send-problem.js';

export type RulesReload = () => { reloaded: true; generation: number } | { reloaded: false; problems: RuleFileProblem[] };

/** Rules administration: POST /v1/admin/reload reads the rules folder again (as SIGHUP does). */
export function adminRouter(reload: RulesReload | null): Router {
  const router = Router();
  router.post('/v1/admin/reload', requirePermission('administer-rules'), jsonBody, (_request, response) => {
    if (reload === null) return sendProblem(response, problem(409, 'this service was started with fixed rules; there is nothing to reload'));
    const outcome = reload();
    if (outcome.reloaded) return response.json({ reloaded: true, generation: outcome.generation });
    sendProblem(response, {
      ...problem(409, `the change to the rules was refused (${outcome.problems.length} problem(s)); the last good rules keep serving`),
      errors: outcome.problems.map((found) => ({ path: '', message: formatProblem(found) })),
    });
  });
  return router;
}
