import { answerEligibility, type EligibilityAnswer, type EligibilityFailure } from './eligibility-answer.js';
import type { ExplanationForm } from '../evaluate/explanation-json.js';
import type { RuleSet } from '../rules/model.js';
import { answerCompensation } from './compensation-answer.js';
import { atExplainLevel, explanationFormFor } from './explain-level.js';
import { parseCompensationRequest } from './compensation-request.js';
import { parseEligibilityRequest } from './eligibility-request.js';
import { invalidRequest, problem, type Problem } from './problem.js';

/** What the API answers to a body, before transport: a status and a JSON body. No Express, no clock. */
export type ApiResponse = { status: 200; body: Record<string, unknown> } | { status: number; body: Problem };

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

/**
 * How an answer carries its explanation: objects by default; JSON text for the HTTP route, which writes the
 * answer once for the decision record and the response; none for a batch's summary.
 */
export interface ResponseOptions {
  explanation?: ExplanationForm;
}

export function eligibilityResponse(ruleSet: RuleSet, body: unknown, options: ResponseOptions = {}): ApiResponse {
  const parsed = parseEligibilityRequest(body);
  if ('problems' in parsed) return { status: 400, body: invalidRequest(parsed.problems) };
  const level = parsed.question.explain ?? 'full';
  const answer: EligibilityAnswer | EligibilityFailure = answerEligibility(
    ruleSet,
    parsed.question,
    explanationFormFor(level, options.explanation ?? 'objects'),
  );
  if (answer.kind !== 'date' && answer.kind !== 'period') {
    const failure = failureProblem(answer);
    return { status: failure.status, body: failure };
  }
  const { kind: _kind, ...answerBody } = answer;
  return { status: 200, body: atExplainLevel(answerBody, level) };
}

export function compensationResponse(ruleSet: RuleSet, body: unknown, options: ResponseOptions = {}): ApiResponse {
  const parsed = parseCompensationRequest(body);
  if ('problems' in parsed) return { status: 400, body: invalidRequest(parsed.problems) };
  const level = parsed.question.explain ?? 'full';
  const outcome = answerCompensation(ruleSet, { ...parsed.question, explanation: explanationFormFor(level, options.explanation ?? 'objects') });
  if (outcome.kind !== 'answer') {
    const failure = failureProblem(outcome);
    return { status: failure.status, body: failure };
  }
  return { status: 200, body: atExplainLevel(outcome.body, level) };
}

/** The two questions the service answers, named as the API's routes name them (/v1/eligibility, /v1/compensation). */
export type Endpoint = 'eligibility' | 'compensation';

/** Which endpoint a request body is for: one with cost lines (NSK), deliveries (DI) or service lines (IBM) claims compensation. */
export function endpointOf(body: Record<string, unknown>): Endpoint {
  return 'costs' in body || 'deliveries' in body || 'serviceLines' in body ? 'compensation' : 'eligibility';
}

/** A request body answered as `endpoint` answers it: parsed, answered, and every refusal a problem document. */
export function ask(ruleSet: RuleSet, endpoint: Endpoint, body: unknown, options: ResponseOptions = {}): ApiResponse {
  return endpoint === 'compensation' ? compensationResponse(ruleSet, body, options) : eligibilityResponse(ruleSet, body, options);
}
