import { Router } from 'express';
import { describeProgramme, listProgrammes } from '../../answer/programme-description.js';
import { problem, sendProblem } from '../problem.js';
import type { RuleSetSource } from '../rule-set-source.js';

/** The rules as data: programmes, their versions, parameters, rules and sources. */
export function programmesRouter(rules: RuleSetSource): Router {
  const router = Router();
  router.get('/v1/programmes', (_request, response) => {
    response.json({ programmes: listProgrammes(rules.current()) });
  });
  router.get('/v1/programmes/:id', (request, response) => {
    const programme = rules.current().programmes.get(request.params.id);
    if (!programme) return sendProblem(response, { ...problem(404, `unknown programme "${request.params.id}"`), errors: [{ path: '', message: 'no such programme' }] });
    response.json(describeProgramme(programme));
  });
  return router;
}
