import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { RuleSet } from '../../rules/model.js';
import { compensationResponse, eligibilityResponse, type ApiResponse } from '../api-response.js';
import { sendProblem, type Problem } from '../problem.js';
import type { RuleSetSource } from '../rule-set-source.js';

/** The evaluating routes: each maps a body to an answer through the pure core and adds a decision id. */
export function evaluationRouter(rules: RuleSetSource): Router {
  const router = Router();
  const route = (path: string, respond: (ruleSet: RuleSet, body: unknown) => ApiResponse): void => {
    router.post(path, (request, response) => {
      const answer = respond(rules.current(), request.body);
      if (answer.status !== 200) return sendProblem(response, answer.body as Problem);
      response.json({ ...answer.body, decisionId: randomUUID() });
    });
  };
  route('/v1/eligibility', eligibilityResponse);
  route('/v1/compensation', compensationResponse);
  return router;
}
