/** One problem in a request, at a JSON path (RFC 6901 pointer into the body). */
export interface RequestProblem {
  path: string;
  message: string;
}

/** An RFC 9457 problem document; the one shape every error answer of the service takes. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: RequestProblem[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Unsupported media type',
  421: 'Misdirected request',
  422: 'No rule version in force',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

const TYPES: Record<number, string> = {
  400: 'urn:sbsp-rules:problem:invalid-request',
  401: 'urn:sbsp-rules:problem:unauthenticated',
  403: 'urn:sbsp-rules:problem:forbidden',
  404: 'urn:sbsp-rules:problem:not-found',
  413: 'urn:sbsp-rules:problem:body-too-large',
  415: 'urn:sbsp-rules:problem:unsupported-media-type',
  421: 'urn:sbsp-rules:problem:misdirected-request',
  422: 'urn:sbsp-rules:problem:no-rule-version',
  429: 'urn:sbsp-rules:problem:rate-limited',
  503: 'urn:sbsp-rules:problem:decisions-unavailable',
};

export function problem(status: number, detail: string, errors?: RequestProblem[]): Problem {
  const body: Problem = { type: TYPES[status] ?? 'about:blank', title: TITLES[status] ?? 'Error', status, detail };
  if (errors !== undefined) body.errors = errors;
  return body;
}

export function invalidRequest(errors: RequestProblem[]): Problem {
  const detail = errors.length === 1 ? `${errors[0]?.path || '/'}: ${errors[0]?.message}` : `${errors.length} problems in the request`;
  return problem(400, detail, errors);
}
