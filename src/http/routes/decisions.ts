import { type Response, Router } from 'express';
import { invalidRequest, problem } from '../../answer/problem.js';
import { mayDo, mayReadDecision, mayReadSomeDecisions } from '../../auth/access-policy.js';
import type { Caller } from '../../auth/caller.js';
import { isDecisionId } from '../../decisions/decision-id.js';
import type { DecisionRecord } from '../../decisions/decision-record.js';
import type { DecisionQuery, DecisionStore } from '../../decisions/decision-store.js';
import { recordCheckOf } from '../../decisions/record-digest.js';
import { DecisionReplayer } from '../../decisions/replay.js';
import { searchParametersOf } from '../../decisions/search-parameters.js';
import { callerOf, requireCaller, sendForbidden } from '../authorization.js';
import { jsonBody } from '../request-body.js';
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

/**
 * A search scoped as reads are (access-policy.ts): whoever may read every decision searches them all; a caller who
 * reads only their municipality's searches that municipality, and naming another one is refused, not quietly
 * answered with nothing.
 */
function scopedQuery(caller: Caller, query: DecisionQuery): { query: DecisionQuery } | { refused: string } {
  if (mayDo(caller, 'read-all-decisions')) return { query };
  if (caller.kind !== 'token' || !mayDo(caller, 'read-own-municipality-decisions')) return { refused: 'search decisions' };
  if (query.municipality !== undefined && query.municipality !== caller.municipality)
    return { refused: `search the decisions of municipality "${query.municipality}", only those of ${caller.municipality}` };
  return { query: { ...query, municipality: caller.municipality } };
}

/** Decision records: search them, read one, or make it again with the rules it was made with and compare. */
export function decisionsRouter(store: DecisionStore): Router {
  const router = Router();
  const replayer = new DecisionReplayer(store.archive);
  const mayRead = requireCaller(mayReadSomeDecisions, 'read decisions');
  router.get('/v1/decisions', mayRead, async (request, response) => {
    const parsed = searchParametersOf(request.query);
    if (!parsed.ok) return sendProblem(response, invalidRequest(parsed.problems));
    const caller = callerOf(response) as Caller;
    const scoped = scopedQuery(caller, parsed.query);
    if ('refused' in scoped) return sendForbidden(response, caller, scoped.refused);
    response.json(await store.search(scoped.query));
  });
  // The record, whether it is the record written (recordCheck: its recordSha256), and its answer made again from the
  // recorded request and rule files, checked against the sha256 of the answer sent: `answer` only when it is that answer.
  router.get('/v1/decisions/:id', mayRead, async (request, response) => {
    const record = await readableDecision(store, request.params.id as string, response);
    if (!record) return;
    const recordCheck = recordCheckOf(record);
    const made = await replayer.regenerate(record);
    if (!made.regenerated) {
      response.json({ ...record, recordCheck, answerCheck: { regenerated: false, detail: made.detail, problems: made.problems } });
      return;
    }
    if (made.identical) {
      response.json({ ...record, recordCheck, answer: made.answer, answerCheck: { regenerated: true, identical: true } });
      return;
    }
    response.json({
      ...record,
      recordCheck,
      answerCheck: { regenerated: true, identical: false, detail: 'the answer made again differs from the answer sent', differences: made.differences },
      answerMadeAgain: made.answer,
    });
  });
  // The decision made again with its rules: whether it is the answer sent, and the answer with the full explanation.
  router.post('/v1/decisions/:id/replay', mayRead, jsonBody, async (request, response) => {
    const record = await readableDecision(store, request.params.id as string, response);
    if (!record) return;
    const made = await replayer.regenerate(record);
    if (!made.regenerated) {
      return sendProblem(response, {
        ...problem(409, `${made.detail}: the decision cannot be made again`),
        errors: made.problems.map((message) => ({ path: '', message })),
      });
    }
    response.json({
      identical: made.identical,
      ...(made.identical ? {} : { differences: made.differences }),
      answer: made.fullAnswer,
      recordCheck: recordCheckOf(record),
    });
  });
  return router;
}
