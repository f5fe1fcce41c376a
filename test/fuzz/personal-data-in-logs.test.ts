import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { tokensFromText } from '../../src/auth/api-tokens.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { EXAMPLE_REQUESTS } from '../decisions/example-requests.js';

const SECRET = 'riga-caseworker-secret-0123456789';
const PERSON_REF = 'LV-010185-12345';
const BIRTH_DATE = '1985-04-02';
/** What identifies or describes the person, or opens the door: none of it may reach a log line. */
const PERSONAL = [PERSON_REF, '010185', BIRTH_DATE, 'mental_disorder', 'group_home', 'institutional_care', SECRET];
const FIELDS = ['level', 'time', 'pid', 'hostname', 'msg', 'method', 'route', 'status', 'durationMs', 'decisionId', 'tokenId'];

function capturedApp(): { app: ReturnType<typeof createApp>; lines: Array<Record<string, unknown>>; text: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const tokens = tokensFromText('tokens.yaml', `- { id: riga-caseworker, role: caseworker, municipality: riga, secret: ${SECRET} }`);
  if (!tokens.ok) throw new Error('tokens');
  const app = createApp(fixedRuleSet(bundledRuleSet()), { auth: { mode: 'tokens', tokens: tokens.registry }, logger: pino(sink) });
  const text = (): string => chunks.join('');
  return {
    app,
    text,
    get lines() {
      return text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

describe('request logs carry no personal data', () => {
  it('one line a request — method, route, status, duration, decisionId, token id — and nothing of the person', async () => {
    const captured = capturedApp();
    const { app } = captured;
    const body: Record<string, unknown> = { ...EXAMPLE_REQUESTS[0]?.body, personRef: PERSON_REF };
    const bearer = `Bearer ${SECRET}`;

    const answered = await request(app).post(`/v1/eligibility?personRef=${PERSON_REF}`).set('authorization', bearer).send(body).expect(200);
    await request(app)
      .post('/v1/eligibility')
      .set('authorization', bearer)
      .send({ ...body, person: { ...(body.person as object), residence: `${PERSON_REF} ${BIRTH_DATE}` } })
      .expect(400);
    await request(app)
      .post('/v1/compensation')
      .set('authorization', bearer)
      .set('content-type', 'application/json')
      .send(`{"personRef": "${PERSON_REF}", "person": {"birthDate": "${BIRTH_DATE}"`)
      .expect(400);
    await request(app).get(`/v1/decisions/${answered.body.decisionId}`).set('authorization', bearer).expect(200);
    await request(app).get(`/v1/persons/${PERSON_REF}/${BIRTH_DATE}`).set('authorization', bearer).expect(404);
    await request(app).post('/v1/eligibility').set('authorization', `Bearer ${PERSON_REF}`).send(body).expect(401);

    const lines = captured.lines;
    expect(lines.map((line) => [line.method, line.route, line.status, line.decisionId, line.tokenId])).toEqual([
      ['POST', '/v1/eligibility', 200, answered.body.decisionId, 'riga-caseworker'],
      ['POST', '/v1/eligibility', 400, null, 'riga-caseworker'],
      // The body is parsed by the route, after the token is checked: a body that is not JSON is logged at its route.
      ['POST', '/v1/compensation', 400, null, 'riga-caseworker'],
      ['GET', '/v1/decisions/:id', 200, answered.body.decisionId, 'riga-caseworker'],
      ['GET', '(no route)', 404, null, 'riga-caseworker'],
      ['POST', '/v1/eligibility', 401, null, null],
    ]);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual([...FIELDS].sort());
      expect(line.durationMs).toEqual(expect.any(Number));
    }
    for (const personal of PERSONAL) expect(captured.text()).not.toContain(personal);
  });
});
