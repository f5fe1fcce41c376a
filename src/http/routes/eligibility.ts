import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { answerEligibility, type EligibilityAnswer, type EligibilityFailure } from '../../answer/eligibility-answer.js';
import type { RuleSetSource } from '../rule-set-source.js';
import { parseEligibilityRequest } from '../eligibility-request.js';
import { invalidRequest, problem, sendProblem, type Problem } from '../problem.js';

export function failureProblem(failure: EligibilityFailure): Problem {
  switch (failure.kind) {
    case 'unknown-programme':
      return { ...problem(404, `unknown programme "${failure.programme}"`), errors: [{ path: '/programme', message: 'no such programme' }] };
    case 'missing-facts':
      return invalidRequest(failure.problems);
    case 'no-version':
      return problem(422, failure.detail);
  }
}

function responseBody(answer: EligibilityAnswer): Record<string, unknown> {
  const { kind: _kind, ...body } = answer;
  return { ...body, decisionId: randomUUID() };
}

export function eligibilityRouter(rules: RuleSetSource): Router {
  const router = Router();
  router.post('/v1/eligibility', (request, response) => {
    const parsed = parseEligibilityRequest(request.body);
    if ('problems' in parsed) return sendProblem(response, invalidRequest(parsed.problems));
    const answer = answerEligibility(rules.current(), parsed.question);
    if (answer.kind !== 'date' && answer.kind !== 'period') return sendProblem(response, failureProblem(answer));
    response.json(responseBody(answer));
  });
  return router;
}
