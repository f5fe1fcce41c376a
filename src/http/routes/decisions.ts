import { Router, type Response } from 'express';
import { mayReadDecision, mayReadSomeDecisions } from '../../auth/access-policy.js';
import type { Caller } from '../../auth/caller.js';
import { isDecisionId } from '../../decisions/decision-id.js';
import type { DecisionRecord } from '../../decisions/decision-record.js';
import type { DecisionStore } from '../../decisions/decision-store.js';
import { DecisionReplayer } from '../../decisions/replay.js';
import { callerOf, requireCaller, sendForbidden } from '../authorization.js';
import { problem } from '../../answer/problem.js';
import { sendProblem } from '../send-problem.js';

/** The decision with this id if the caller may read it; otherwise the 404 or 403 has been sent. */
async function readableDecision(store: DecisionStore, id: string, response: Response): Promise<DecisionRecord | null> {
  const record = isDecisionId(id) ? await store.read(id) : null;
  if (record === null) {
    sendProblem(response, problem(404, `no decision "${id}"`));
    return null;
  }
  response.locals.decisionId = record.decisionId;
  if (!mayReadDecision(callerOf(response) as Caller, record.caller)) {
    sendForbidden(response, callerOf(response) as Caller, "read another municipality's decisions");
    return null;
  }
  return record;
}

/** Decision records: read one, or make it again with the rules it was made with and compare. */
export function decisionsRouter(store: DecisionStore): Router {
  const router = Router();
  const replayer = new DecisionReplayer(store.archive);
  const mayRead = requireCaller(mayReadSomeDecisions, 'read decisions');
  router.get('/v1/decisions/:id', mayRead, async (request, response) => {
    const record = await readableDecision(store, request.params.id as string, response);
    if (record) response.json(record);
  });
  router.post('/v1/decisions/:id/replay', mayRead, async (request, response) => {
    const record = await readableDecision(store, request.params.id as string, response);
    if (!record) return;
    const outcome = await replayer.replay(record);
    if (!outcome.replayed) {
      return sendProblem(response, {
        ...problem(409, `${outcome.detail}: the decision cannot be made again`),
        errors: outcome.problems.map((message) => ({ path: '', message })),
      });
    }
    const { replayed: _replayed, ...answer } = outcome;
    response.json(answer);
  });
  return router;
}
