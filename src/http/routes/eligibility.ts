import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { eligibilityResponse } from '../eligibility-response.js';
import { sendProblem, type Problem } from '../problem.js';
import type { RuleSetSource } from '../rule-set-source.js';

export function eligibilityRouter(rules: RuleSetSource): Router {
  const router = Router();
  router.post('/v1/eligibility', (request, response) => {
    const answer = eligibilityResponse(rules.current(), request.body);
    if (answer.status !== 200) return sendProblem(response, answer.body as Problem);
    response.json({ ...answer.body, decisionId: randomUUID() });
  });
  return router;
}
