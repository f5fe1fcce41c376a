import { answerEligibility, type EligibilityAnswer, type EligibilityFailure } from './eligibility-answer.js';
import type { RuleSet } from '../rules/model.js';
import { answerCompensation, type CompensationAnswer } from './compensation-answer.js';
import type { ExplainLevel } from './explain-level.js';
import { parseCompensationRequest } from './compensation-request.js';
import { parseEligibilityRequest } from './eligibility-request.js';
import { invalidRequest, problem, type Problem } from './problem.js';

/** An eligibility answer (a date's or a period's) as the API gives it. */
export type EligibilityAnswerBody = DistributiveOmit<EligibilityAnswer, 'kind'>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the API answers to a request: an answer with the explain level asked for, or a refusal. */
export type AnsweredBody = EligibilityAnswerBody | CompensationAnswer;

/**
 * What the API answers to a body, before transport: a status and a body — an answer (its explanations as values,
 * written at `level` by wire/answer-json.ts) or a problem. No Express, no clock.
 */
export type ApiResponse = { status: 200; body: AnsweredBody; level: ExplainLevel } | { status: 400 | 404 | 422; body: Problem };

export function failureProblem(failure: EligibilityFailure | { kind: 'no-compensation'; detail: string }): Problem {
  switch (failure.kind) {
    case 'no-compensation':
      return problem(422, failure.detail);
    case 'unknown-programme':
      return { ...problem(404, `unknown programme "${failure.programme}"`), errors: [{ path: '/programme', message: 'no such programme' }] };
    case 'invalid-request':
      return invalidRequest(failure.problems);
    case 'no-version':
      return problem(422, failure.detail);
  }
}

function refusal(problem: Problem): ApiResponse {
  return { status: problem.status as 400 | 404 | 422, body: problem };
}

export function eligibilityResponse(ruleSet: RuleSet, body: unknown): ApiResponse {
  const parsed = parseEligibilityRequest(body, ruleSet);
  if ('problems' in parsed) return refusal(invalidRequest(parsed.problems));
  const answer: EligibilityAnswer | EligibilityFailure = answerEligibility(ruleSet, parsed.question);
  if (answer.kind !== 'date' && answer.kind !== 'period') return refusal(failureProblem(answer));
  const { kind: _kind, ...answerBody } = answer;
  return { status: 200, body: answerBody, level: parsed.question.explain ?? 'full' };
}

export function compensationResponse(ruleSet: RuleSet, body: unknown): ApiResponse {
  const parsed = parseCompensationRequest(body, ruleSet);
  if ('problems' in parsed) return refusal(invalidRequest(parsed.problems));
  const outcome = answerCompensation(ruleSet, parsed.question);
  if (outcome.kind !== 'answer') return refusal(failureProblem(outcome));
  return { status: 200, body: outcome.body, level: parsed.question.explain ?? 'full' };
}

/** The two questions the service answers, named as the API's routes name them (/v1/eligibility, /v1/compensation). */
export type Endpoint = 'eligibility' | 'compensation';

/** Which endpoint a request body is for: one with cost lines (NSK), deliveries (DI) or service lines (IBM) claims compensation. */
export function endpointOf(body: Record<string, unknown>): Endpoint {
  return 'costs' in body || 'deliveries' in body || 'serviceLines' in body ? 'compensation' : 'eligibility';
}

/** A request body answered as `endpoint` answers it: parsed, answered, and every refusal a problem document. */
export function ask(ruleSet: RuleSet, endpoint: Endpoint, body: unknown): ApiResponse {
  return endpoint === 'compensation' ? compensationResponse(ruleSet, body) : eligibilityResponse(ruleSet, body);
}
