import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';

/**
 * Contract v2: a 400 lists every problem of a request in one answer — schema problems, impossible dates, a reversed
 * period, a person born after the day, missing facts, the lines field a programme needs — not in rounds where each
 * fix reveals the next. Each case below has problems of several kinds, and one answer must name them all.
 */

const ruleSet = bundledRuleSet();
const app = createApp(fixedRuleSet(ruleSet));

type Body = Record<string, unknown>;

/** The paths of the person facts NSK's rules need besides the birth date, read from rules/ (an amendment may add one). */
function neededNskFacts(): string[] {
  const nsk = ruleSet.programmes.get('nsk');
  if (!nsk) throw new Error('no nsk in the bundled rules');
  return [...nsk.facts.values()]
    .filter((fact) => fact.required && fact.name !== 'birthDate')
    .map((fact) => (fact.in === 'person' ? `/person/${fact.name}` : `/${fact.name}`));
}

async function problemPaths(endpoint: string, body: Body): Promise<string[]> {
  const response = await request(app).post(endpoint).send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return (response.body.errors as Array<{ path: string }>).map((error) => error.path);
}

describe('POST /v1/eligibility: every problem in one 400', () => {
  it('an impossible birth date and a reversed period are named together (the period is not held back until the date is fixed)', async () => {
    const paths = await problemPaths('/v1/eligibility', {
      programme: 'nsk',
      period: { from: '2024-05-01', to: '2024-03-01' },
      person: { ...T1_PERSON, birthDate: '1985-02-30' },
      services: T1_SERVICES,
    });
    expect(paths).toEqual(['/person/birthDate', '/period/to']);
  });

  it('a value the schema refuses, a reversed period and every missing fact the rules need, at once', async () => {
    const paths = await problemPaths('/v1/eligibility', {
      programme: 'nsk',
      period: { from: '2024-05-01', to: '2024-03-01' },
      person: { birthDate: '1985-04-02', disabilityGroup: 'IV' },
    });
    const needed = neededNskFacts().filter((path) => path !== '/person/disabilityGroup');
    expect(needed.length).toBeGreaterThan(0);
    expect(paths).toEqual(['/person/disabilityGroup', '/period/to', ...needed]);
  });

  it('a person born after the day, with a missing fact', async () => {
    const { residence: _residence, ...person } = T1_PERSON;
    const paths = await problemPaths('/v1/eligibility', {
      programme: 'nsk',
      date: '2024-03-15',
      person: { ...person, birthDate: '2024-03-16' },
      services: T1_SERVICES,
    });
    expect(paths).toEqual(['/person/birthDate', '/person/residence']);
  });

  it('an impossible date of the question, an unknown field and an unknown programme, at once', async () => {
    const paths = await problemPaths('/v1/eligibility', { programme: 'lottery-fund', date: '2024-02-30', person: { ...T1_PERSON, favouriteColour: 'blue' } });
    expect(paths).toEqual(['/programme', '/date', '/person/favouriteColour']);
  });

  it('a path is named once: a birth date that is missing is not also a missing fact', async () => {
    const { birthDate: _birthDate, ...person } = T1_PERSON;
    const response = await request(app).post('/v1/eligibility').send({ programme: 'nsk', date: '2024-03-15', person, services: T1_SERVICES });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: '/person/birthDate', message: 'is required' }]);
  });
});

describe('POST /v1/compensation: every problem in one 400', () => {
  it('NSK: a line without its in-plan answer, an amount with a comma, a reversed line and the missing facts, at once', async () => {
    const paths = await problemPaths('/v1/compensation', {
      programme: 'nsk',
      period: { from: '2024-01-01', to: '2024-06-30' },
      person: { birthDate: '1985-04-02' },
      costs: [{ service: 'day_care_centre', from: '2024-03-31', to: '2024-03-01', amount: '620,00', funding: 'municipality' }],
    });
    expect(paths.slice(0, 3)).toEqual(['/costs/0/inPlan', '/costs/0/amount', '/costs/0/to']);
    expect(paths.slice(3)).toEqual(neededNskFacts());
  });

  it('DI: a missing fact and the missing deliveries field, at once', async () => {
    const paths = await problemPaths('/v1/compensation', {
      programme: 'di',
      period: { from: '2024-01-01', to: '2024-06-30' },
      person: { birthDate: '1979-09-12', disabilityGroup: 'II', supportPlanDate: '2022-06-20', diServicesStartedOn: '2022-07-01' },
    });
    expect(paths).toEqual(['/person/conditions', '/deliveries']);
  });

  it('a reversed period and a person born after its first day', async () => {
    const paths = await problemPaths('/v1/compensation', {
      programme: 'nsk',
      period: { from: '2024-06-30', to: '2024-01-01' },
      person: { ...T1_PERSON, birthDate: '2024-07-01' },
      services: T1_SERVICES,
      costs: [],
    });
    expect(paths).toEqual(['/period/to', '/person/birthDate']);
  });
});
