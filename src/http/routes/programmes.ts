import { Router } from 'express';
import { describeProgramme, listProgrammes } from '../../answer/programme-description.js';
import { predecessorOf } from '../../diff/rule-set-diff.js';
import { diffVersions, oneSidedVersion } from '../../diff/version-diff.js';
import { invalidRequest, problem, type RequestProblem } from '../../answer/problem.js';
import type { RuleSetSource } from '../../reload/rule-set-source.js';
import { sendProblem } from '../send-problem.js';

/** The rules as data: programmes, their versions, parameters, rules and sources, and what changed between versions. */
export function programmesRouter(rules: RuleSetSource): Router {
  const router = Router();
  const unknownProgramme = (id: string) => ({ ...problem(404, `unknown programme "${id}"`), errors: [{ path: '', message: 'no such programme' }] });
  router.get('/v1/programmes', (_request, response) => {
    response.json({ programmes: listProgrammes(rules.current()) });
  });
  router.get('/v1/programmes/:id', (request, response) => {
    const programme = rules.current().programmes.get(request.params.id);
    if (!programme) return sendProblem(response, unknownProgramme(request.params.id));
    response.json(describeProgramme(programme));
  });
  /**
   * The meaning-level diff of two versions (the one `sbsp-rules diff` prints): ?from=<version>&to=<version>. With
   * `to` alone, what that version changes against the version before it; with neither, the last version's.
   */
  router.get('/v1/programmes/:id/diff', (request, response) => {
    const programme = rules.current().programmes.get(request.params.id);
    if (!programme) return sendProblem(response, unknownProgramme(request.params.id));
    const problems: RequestProblem[] = [];
    const known = programme.versions.map((candidate) => candidate.version).join(', ');
    const versionNamed = (parameter: 'from' | 'to') => {
      const value = request.query[parameter];
      const version = typeof value === 'string' ? programme.versions.find((candidate) => candidate.version === value) : undefined;
      if (!version) problems.push({ path: `/${parameter}`, message: `must name a version of ${programme.id} (${known})` });
      return version;
    };
    if (request.query.from === undefined) {
      const to = request.query.to === undefined ? programme.versions.at(-1) : versionNamed('to');
      if (!to) return sendProblem(response, invalidRequest(problems));
      return response.json({ ...oneSidedVersion(to, 'added', predecessorOf(to, programme.versions)), effectiveFrom: to.effectiveFrom });
    }
    const from = versionNamed('from');
    const to = versionNamed('to');
    if (!from || !to) return sendProblem(response, invalidRequest(problems));
    response.json(diffVersions(from, to));
  });
  return router;
}
