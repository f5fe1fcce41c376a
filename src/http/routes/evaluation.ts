import { Router } from 'express';
import { ask, type Endpoint } from '../../answer/ask.js';
import type { Caller } from '../../auth/caller.js';
import { newDecisionId } from '../../decisions/decision-id.js';
import type { DecisionRecorder } from '../../decisions/record-decision.js';
import type { RuleSetSource } from '../../reload/rule-set-source.js';
import { answerJson } from '../../wire/answer-json.js';
import { callerOf, requirePermission } from '../authorization.js';
import { jsonBody } from '../request-body.js';
import { sendProblem } from '../send-problem.js';

/**
 * The evaluating routes: each maps a body to an answer through the pure core. An answer is a decision: it is
 * recorded, durably, before it is sent — a client never holds a decisionId the store does not. The answer is
 * written once, at the explain level asked for; the record keeps its sha256.
 */
export function evaluationRouter(rules: RuleSetSource, decisions: DecisionRecorder): Router {
  const router = Router();
  // Each route's last answer size: the next one's buffer is sized from it, so it is rarely grown while written.
  const lastBytes = new Map<string, number>();
  const route = (path: string, endpoint: Endpoint): void => {
    router.post(path, requirePermission('evaluate'), jsonBody, async (request, response) => {
      const ruleSet = rules.current();
      const answered = ask(ruleSet, endpoint, request.body);
      if (answered.status !== 200) return sendProblem(response, answered.body);
      const decisionId = newDecisionId();
      const json = answerJson(answered.body, answered.level, decisionId, (lastBytes.get(path) ?? 4096) + 256);
      lastBytes.set(path, json.bytes.length);
      await decisions.record({
        decisionId,
        endpoint,
        ruleSet,
        body: request.body as Record<string, unknown>,
        caller: callerOf(response) as Caller,
        answer: answered.body,
        answerSha256: json.sha256,
      });
      response.locals.decisionId = decisionId;
      response.type('application/json').send(json.bytes);
    });
  };
  route('/v1/eligibility', 'eligibility');
  route('/v1/compensation', 'compensation');
  return router;
}
