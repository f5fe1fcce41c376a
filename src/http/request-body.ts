import express, { type Request, type RequestHandler, type Response } from 'express';
import { type Problem, problem } from '../answer/problem.js';
import { MAX_REQUEST_BYTES } from '../answer/request-size.js';
import { sendProblem } from './send-problem.js';

/**
 * The largest request body accepted, after decoding; larger bodies are answered 413 before they are parsed. The one
 * limit of a request, whether it comes over HTTP or as a batch line.
 */
export const MAX_BODY_BYTES = MAX_REQUEST_BYTES;

const TOO_LARGE = `the body is larger than ${MAX_BODY_BYTES} bytes`;

/** body-parser's error types, each a client mistake with its own status. */
const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  'entity.parse.failed': { status: 400, detail: 'the body is not valid JSON' },
  'entity.too.large': { status: 413, detail: TOO_LARGE },
  'entity.verify.failed': { status: 400, detail: 'the body could not be verified' },
  'request.aborted': { status: 400, detail: 'the request was aborted' },
  'request.size.invalid': { status: 400, detail: 'the body is shorter or longer than its Content-Length' },
  'encoding.unsupported': { status: 415, detail: 'unsupported content encoding; send gzip, deflate, br or none' },
  'charset.unsupported': { status: 415, detail: 'unsupported charset; send UTF-8' },
};

/** Whether a request carries content (RFC 9112 §6.3): a Transfer-Encoding, or a Content-Length above 0. */
export function hasContent(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/**
 * Answers a request without reading its body. Node then drains a body the client said is no larger than the service
 * takes (reads it off the connection and drops it, never parsing it), so the connection serves the client's next
 * request; a larger one, or one whose length is not said, is not waited for: the connection closes after the answer.
 */
export function refuseUnread(request: Request, response: Response, body: Problem): void {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (request.headers['transfer-encoding'] !== undefined || declared > MAX_BODY_BYTES) response.setHeader('Connection', 'close');
  sendProblem(response, body);
}

/** What went wrong with a body that could not be read, as the client's mistake; null for the service's own fault. */
function bodyProblem(request: Request, error: unknown): Problem | null {
  const { type, status } = error as { type?: unknown; status?: unknown };
  const known = typeof type === 'string' ? CLIENT_ERRORS[type] : undefined;
  const encoding = request.headers['content-encoding'] ?? 'identity';
  // body-parser passes a failure of the decompressor on as a 400 of no type: the body is not what its encoding says.
  const mistake =
    known ??
    (typeof status === 'number' && status >= 400 && status < 500 && encoding !== 'identity'
      ? { status: 400, detail: `the body is not valid ${encoding}, as its Content-Encoding says it is` }
      : undefined);
  return mistake ? rootProblem(mistake.status, mistake.detail) : null;
}

/** A problem with the body as a whole: its one problem is at the root path "". */
export function rootProblem(status: number, detail: string): Problem {
  return problem(status, detail, [{ path: '', message: detail }]);
}

const JSON_TYPES = ['application/json', 'application/*+json'];

// Not strict: a JSON scalar such as "x" is valid JSON, so it is parsed and then refused as not an object, at path "".
const parseJson = express.json({ limit: MAX_BODY_BYTES, strict: false, type: JSON_TYPES });

/**
 * Parses a JSON body (gzip, deflate and br decoded, the limit applying to the decoded bytes); a body that cannot be
 * read is answered 400, 413 or 415 problem+json at the root path "", never 500.
 */
export const jsonBody: RequestHandler = (request, response, next) => {
  // Only JSON is read: other content (a form's, text) is refused unread rather than taken for no body at all.
  if (hasContent(request) && !request.is(JSON_TYPES))
    return refuseUnread(request, response, rootProblem(415, 'the body must be JSON: send Content-Type: application/json'));
  // body-parser reads a body it refuses to the end before it answers: a body declared too large is refused unread.
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuseUnread(request, response, rootProblem(413, TOO_LARGE));
  parseJson(request, response, (error?: unknown) => {
    if (error === undefined) return next();
    const mistake = bodyProblem(request, error);
    if (mistake === null) return next(error);
    refuseUnread(request, response, mistake);
  });
};

/** Methods that change nothing (RFC 9110 §9.2.1); no route of the service reads a body of theirs. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A GET (or HEAD, OPTIONS) with content is refused, unread: its content has no meaning (RFC 9110 §9.3.1), and a
 * public route must not be a way to make the service read or decode what anyone sends.
 */
export const noContentOnSafeMethods: RequestHandler = (request, response, next) => {
  if (!SAFE_METHODS.has(request.method) || !hasContent(request)) return next();
  refuseUnread(request, response, rootProblem(400, `a ${request.method} request carries no content here; send no body`));
};
