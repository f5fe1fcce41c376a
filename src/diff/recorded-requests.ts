import { endpointOf } from '../answer/ask.js';
import type { RuleFileProblem } from '../rules/model.js';
import type { CaseToRun } from './case-impact.js';

function nameOf(body: Record<string, unknown>): string {
  const period = body.period as { from?: unknown; to?: unknown } | undefined;
  const when = body.date !== undefined ? String(body.date) : period ? `${String(period.from)}…${String(period.to)}` : '';
  return [String(body.programme ?? '(no programme)'), when].filter(Boolean).join(' ');
}

/**
 * Requests recorded as JSON Lines (one request body a line; blank lines skipped). A line that is not a JSON
 * object is a located problem, `file:line:1: message`; the others are returned to run.
 */
export function parseRecordedRequests(file: string, text: string): { requests: CaseToRun[]; problems: RuleFileProblem[] } {
  const requests: CaseToRun[] = [];
  const problems: RuleFileProblem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    let body: unknown;
    try {
      body = JSON.parse(line);
    } catch (error) {
      problems.push({ file, line: lineNumber, column: 1, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      problems.push({ file, line: lineNumber, column: 1, message: 'not a JSON object (a request body for /v1/eligibility or /v1/compensation)' });
      return;
    }
    const request = body as Record<string, unknown>;
    requests.push({ origin: 'recorded', name: nameOf(request), where: `${file}:${lineNumber}`, endpoint: endpointOf(request), request });
  });
  return { requests, problems };
}
