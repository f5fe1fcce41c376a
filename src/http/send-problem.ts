import type { Response } from 'express';
import type { Problem } from '../answer/problem.js';

/** Writes a problem document as the answer: the one problem+json writer every route uses. */
export function sendProblem(response: Response, body: Problem): void {
  response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
