import { Router } from 'express';
import type { Caller } from '../../auth/caller.js';
import { newDecisionId } from '../../decisions/decision-id.js';
import type { DecisionEndpoint } from '../../decisions/decision-record.js';
import type { DecisionRecorder } from '../../decisions/record-decision.js';
import type { RuleSet } from '../../rules/model.js';
import { jsonBytes } from '../../evaluate/raw-json.js';
import { compensationResponse, eligibilityResponse, type ApiResponse, type ResponseOptions } from '../../answer/ask.js';
import { callerOf, requirePermission } from '../authorization.js';
import type { Problem } from '../../answer/problem.js';
import type { RuleSetSource } from '../../reload/rule-set-source.js';
import { sendProblem } from '../send-problem.js';

/**
 * The evaluating routes: each maps a body to an answer through the pure core. An answer is a decision: it is
 * recorded, durably, before it is sent — a client never holds a decisionId the store does not.
 */
export function evaluationRouter(rules: RuleSetSource, decisions: DecisionRecorder): Router {
  const router = Router();
  // Each route's last answer size: the next one's buffer is sized from it, so it is rarely grown while written.
  const lastBytes = new Map<string, number>();
  const route = (path: string, endpoint: DecisionEndpoint, respond: (ruleSet: RuleSet, body: unknown, options: ResponseOptions) => ApiResponse): void => {
    router.post(path, requirePermission('evaluate'), async (request, response) => {
      const ruleSet = rules.current();
      // Explanations come as JSON bytes: the answer is written once, for the record and for the response alike.
      const answer = respond(ruleSet, request.body, { explanation: 'json' });
      if (answer.status !== 200) return sendProblem(response, answer.body as Problem);
      const decisionId = newDecisionId();
      const body = { ...answer.body, decisionId };
      const bytes = jsonBytes(body, (lastBytes.get(path) ?? 4096) + 1024);
      lastBytes.set(path, bytes.length);
      await decisions.record({
        decisionId,
        endpoint,
        ruleSet,
        body: request.body as Record<string, unknown>,
        caller: callerOf(response) as Caller,
        answer: body,
        answerBytes: bytes,
      });
      response.locals.decisionId = decisionId;
      response.type('application/json').send(bytes);
    });
  };
  route('/v1/eligibility', 'eligibility', eligibilityResponse);
  route('/v1/compensation', 'compensation', compensationResponse);
  return router;
}
