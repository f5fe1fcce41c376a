import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_TYPES } from '../support/openapi-document.js';
import { compensationResponse, eligibilityResponse } from '../../src/answer/ask.js';
import { addDays, type CalendarDate } from '../../src/calendar/calendar-date.js';
import { declaredFacts, factsOn } from '../../src/evaluate/facts.js';
import { createReferenceEngine, type ReferenceEngine } from '../../src/evaluate/reference-engine.js';
import type { BlockerChanges } from '../../src/explain/fact-change.js';
import type { Programme, RuleSet, RuleVersion } from '../../src/rules/model.js';
import { isNoVersion, resolveVersion, versionsInForce } from '../../src/versions/resolve-version.js';
import { answerData } from '../../src/wire/answer-json.js';
import { applyChanges, seededRandom } from '../support/apply-changes.js';
import { dateBetween, personArbitrary, servicesArbitrary } from '../support/arbitraries.js';
import { seeded } from '../support/property-seed.js';
import { bundledRuleSet, FICTIONAL_PROGRAMMES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { editedCopy, removeCopies, replace } from '../diff/fictional-edits.js';
import { readmeJsonBlocks } from '../support/readme-examples.js';
import { DI_PERSON, T1_PERSON, T1_SERVICES } from '../support/requests.js';

interface Answer {
  eligible: boolean;
  basis: string[];
  blockers: string[];
  whatWouldChange?: BlockerChanges[];
}

type Body = Record<string, unknown>;

const bundled = bundledRuleSet();

function askOf(ruleSet: RuleSet, body: Body): Answer {
  const response = eligibilityResponse(ruleSet, body);
  if (response.status !== 200) throw new Error(`${response.status}: ${JSON.stringify(response.body)} for ${JSON.stringify(body)}`);
  return answerData(response.body, 'none') as unknown as Answer;
}

const ask = (body: Body): Answer => askOf(bundled, body);

const references = new Map<RuleVersion, ReferenceEngine>();

/** json-rules-engine's answer to a request on its day: the reference for what the rules say of the changed request. */
async function referenceAnswer(programme: Programme, body: Body): Promise<Omit<Answer, 'whatWouldChange'>> {
  const inForce = resolveVersion(programme, body.date as CalendarDate);
  if (isNoVersion(inForce)) throw new Error(`no version on ${String(body.date)}`);
  let reference = references.get(inForce.version);
  if (!reference) {
    reference = createReferenceEngine(programme, inForce.version);
    references.set(inForce.version, reference);
  }
  const { person, ...request } = body;
  const facts = factsOn(programme, declaredFacts(programme, { person: person as Body, request }), body.date as CalendarDate);
  const { eligible, basis, blockers } = await reference.evaluate(facts);
  return { eligible, basis, blockers };
}

/** Where a fixed fact is in a request: no change may touch it, or anything in it. */
function fixedPaths(programme: Programme): string[] {
  return [...programme.facts.values()].filter((fact) => fact.fixed).map((fact) => (fact.in === 'person' ? `/person/${fact.name}` : `/${fact.name}`));
}

/** The facts an option changes: its paths, an item added counting as its list. */
function changedFacts(option: BlockerChanges['options'][number]): Set<string> {
  return new Set(option.changes.map((change) => change.path.replace(/\/-$/, '')));
}

function daysOf(programme: Programme): [CalendarDate, CalendarDate] {
  const ranges = versionsInForce(programme);
  const latest = ranges.at(-1);
  return [ranges[0]?.effectiveFrom as CalendarDate, (latest?.effectiveTo ?? addDays(latest?.effectiveFrom as CalendarDate, 3 * 365)) as CalendarDate];
}

const ageInDays = fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 0, max: 20 * 366 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 90 * 366 }) });

/** A generated request for a day, its birth date `age` days before it. */
const requestArbitrary = (programme: Programme) =>
  fc.record({ person: personArbitrary, services: servicesArbitrary, date: dateBetween(...daysOf(programme)), age: ageInDays }).map(
    ({ person, services, date, age }): Body => ({
      programme: programme.id,
      date,
      explain: 'none',
      person: { ...person, birthDate: addDays(date, -age) as string },
      services,
    }),
  );

describe.each([...bundled.programmes.values()].map((programme) => [programme.id, programme] as const))('whatWouldChange of %s', (_id, programme) => {
  it('each option, applied to the request, lifts its blocker and brings no other (json-rules-engine agrees)', async () => {
    const fixed = fixedPaths(programme);
    const seen = { notEligible: 0, applied: 0, lifted: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(requestArbitrary(programme), fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (body, seed) => {
        const answer = ask(body);
        if (answer.eligible) {
          expect(answer.whatWouldChange).toBeUndefined();
          return;
        }
        seen.notEligible += 1;
        const entries = answer.whatWouldChange ?? [];
        expect(entries.map((entry) => entry.blocker)).toEqual(answer.blockers);
        const random = seededRandom(seed);
        for (const entry of entries) {
          for (const option of entry.options) {
            // Never a fixed fact, and no option that changes more facts than another one does.
            for (const change of option.changes) expect(fixed.filter((path) => change.path === path || change.path.startsWith(`${path}/`))).toEqual([]);
            const mine = changedFacts(option);
            for (const other of entry.options) {
              const theirs = changedFacts(other);
              if (theirs.size < mine.size) expect([...theirs].every((path) => mine.has(path))).toBe(false);
            }
            expect(option.words.lv.length).toBeGreaterThan(0);
            expect(option.words.en.length).toBeGreaterThan(0);

            const changed = applyChanges(programme, body, option.changes, random);
            const after = ask(changed);
            const context = `${entry.blocker} by ${JSON.stringify(option.changes)}: ${JSON.stringify(changed)}`;
            expect(after.blockers, context).not.toContain(entry.blocker);
            expect(
              after.blockers.filter((blocker) => !answer.blockers.includes(blocker)),
              context,
            ).toEqual([]);
            if (answer.blockers.length === 1) expect(after.eligible, context).toBe(true);
            expect({ eligible: after.eligible, basis: after.basis, blockers: after.blockers }).toEqual(await referenceAnswer(programme, changed));
            seen.applied += 1;
            seen.lifted.add(entry.blocker);
          }
        }
      }),
      seeded(150),
    );
    // Not vacuous: many answers not eligible, many options applied, for more than one blocker where there are several.
    expect(seen.notEligible).toBeGreaterThan(50);
    expect(seen.applied).toBeGreaterThan(20);
    expect(seen.lifted.size).toBeGreaterThan(0);
  });

  it('each not-eligible segment of a period says what the answer on its first day says; an eligible one says nothing', () => {
    fc.assert(
      fc.property(requestArbitrary(programme), fc.integer({ min: 0, max: 400 }), (body, length) => {
        const from = body.date as CalendarDate;
        const to = addDays(from, length) as CalendarDate;
        const { date: _date, ...rest } = body;
        const response = eligibilityResponse(bundled, { ...rest, period: { from, to } });
        fc.pre(response.status === 200);
        const segments = (answerData(response.body, 'none') as { segments: Array<Answer & { from: string }> }).segments;
        for (const segment of segments) {
          if (segment.eligible) expect(segment.whatWouldChange).toBeUndefined();
          else expect(segment.whatWouldChange).toEqual(ask({ ...body, date: segment.from }).whatWouldChange);
        }
      }),
      seeded(40),
    );
  });
});

/** The options of one blocker, as the changes they make. */
function optionsOf(answer: Answer, blocker: string): unknown[] {
  return (answer.whatWouldChange?.find((entry) => entry.blocker === blocker)?.options ?? []).map((option) => option.changes);
}

/**
 * The cases ask FICTIONAL rules, never today's law: NSK with test/fixtures/rules (on 2024-03-15 2023-04-01-fictional:
 * VSAC exits count from 2018-01-01, E3 per person), DI and VSAC admission with a copy of
 * test/fixtures/fictional-programmes whose programme files declare fixed the facts rules/ declares fixed (a birth date,
 * the first DI-compensated day).
 */
afterAll(removeCopies);

const FIXED_FACTS = editedCopy(FICTIONAL_PROGRAMMES, {
  'vsac-admission/programme.yaml': replace(
    '  birthDate:\n    type: date\n    in: person\n    required: true\n',
    '  birthDate:\n    type: date\n    in: person\n    required: true\n    fixed: true\n',
  ),
  'di/programme.yaml': replace(
    '  diServicesStartedOn:\n    type: date\n    in: person\n    required: false\n',
    '  diServicesStartedOn:\n    type: date\n    in: person\n    required: false\n    fixed: true\n',
  ),
});
const askNsk = (body: Body): Answer => askOf(ruleSetAt(FIXTURE_RULES), body);

/** Every service type a request may name but the assistant (which R3 leaves out), as the request schema lists them. */
const SERVICES_BUT_ASSISTANT = SERVICE_TYPES.filter((type) => type !== 'assistant');

describe('whatWouldChange, case by case', () => {
  const exitIn2017 = { ...T1_PERSON, vsacExit: { date: '2017-05-31', service: 'institutional_care' } };

  it('R1: the VSAC exit on or after the cut-off (2018-01-01 in the fictional version) and before the day, or DI project services received (X3)', () => {
    const answer = askNsk({ programme: 'nsk', date: '2024-03-15', person: exitIn2017, services: T1_SERVICES });
    expect(answer.blockers).toEqual(['R1']);
    expect(optionsOf(answer, 'R1')).toEqual([
      [{ path: '/person/vsacExit/date', now: '2017-05-31', needs: { onOrAfter: '2018-01-01', before: '2024-03-15' } }],
      [{ path: '/person/receivedDiServices', now: false, needs: { equals: true } }],
    ]);
    const words = answer.whatWouldChange?.[0]?.options.map((option) => option.words.en);
    expect(words).toEqual(['Last day of the VSAC service: on or after 2018-01-01 and before 2024-03-15', 'Received services in a DI project: yes']);
  });

  it("the README's example is the service's answer with the bundled rules (README.md documents them: it changes with them)", () => {
    const [example] = readmeJsonBlocks('- **`whatWouldChange`**') as [BlockerChanges];
    const answer = ask({ programme: 'nsk', date: '2024-03-15', person: exitIn2017, services: T1_SERVICES });
    expect(answer.whatWouldChange?.find((entry) => entry.blocker === example.blocker)?.options).toEqual(example.options);
  });

  it('R3: a service in the plan, funded by the municipality, not the assistant, and (E3 per person) not DI-compensated on the day', () => {
    const answer = askNsk({
      programme: 'nsk',
      date: '2024-03-15',
      person: T1_PERSON,
      services: [{ type: 'day_care_centre', inPlan: false, funding: 'municipality' }],
    });
    expect(answer.blockers).toEqual(['R3']);
    expect(optionsOf(answer, 'R3')).toEqual([
      [
        {
          path: '/services/-',
          needs: {
            item: {
              inPlan: { equals: true },
              funding: { equals: 'municipality' },
              type: { oneOf: SERVICES_BUT_ASSISTANT },
              diCompensatedUntil: { before: '2024-03-15', orAbsent: true },
            },
          },
        },
      ],
    ]);
  });

  it('a VSAC exit recorded for the first time comes with its service', () => {
    const answer = askNsk({ programme: 'nsk', date: '2024-03-15', person: { ...T1_PERSON, vsacExit: null }, services: T1_SERVICES });
    expect(optionsOf(answer, 'R1')).toEqual([
      [
        { path: '/person/vsacExit/date', needs: { onOrAfter: '2018-01-01', before: '2024-03-15' } },
        { path: '/person/vsacExit/service', needs: {} },
      ],
    ]);
  });

  it.each([
    ['C3: the two-year limit rests on a fixed fact (diServicesStartedOn)', { programme: 'di', date: '2019-03-15', person: DI_PERSON }, 'C3'],
    [
      'VA: a child does not grow up by a change of facts (birthDate is fixed)',
      { programme: 'vsac-admission', date: '2020-03-15', person: { birthDate: '2010-01-01', conditions: [{ type: 'blindness' }], careLevel: 3 } },
      'VA',
    ],
  ])('%s: no option', (_name, body, blocker) => {
    const answer = askOf(ruleSetAt(FIXED_FACTS), body);
    expect(answer.blockers).toContain(blocker);
    expect(optionsOf(answer, blocker)).toEqual([]);
  });

  it('T: each target group the person could join by facts that can change, with the basis it gives', () => {
    const answer = askNsk({ programme: 'nsk', date: '2024-03-15', person: { ...T1_PERSON, conditions: [] }, services: T1_SERVICES });
    expect(answer.blockers).toEqual(['T']);
    const options = answer.whatWouldChange?.[0]?.options ?? [];
    // T1 by a severe mental disorder, T2 by blindness; X2 would need a group home the person did not leave.
    expect(options.map((option) => option.basis)).toEqual(['T1', 'T2']);
    expect(options.every((option) => option.changes.every((change) => change.path === '/person/conditions/-'))).toBe(true);
  });

  it('an eligible answer has none, also at explain none', () => {
    const answer = askNsk({ programme: 'nsk', date: '2024-03-15', person: T1_PERSON, services: T1_SERVICES });
    expect(answer.eligible).toBe(true);
    expect(Object.keys(answer)).not.toContain('whatWouldChange');
  });

  it('a compensation answer carries it on its not-eligible segments', () => {
    const response = compensationResponse(ruleSetAt(FIXTURE_RULES), {
      programme: 'nsk',
      period: { from: '2024-01-01', to: '2024-06-30' },
      person: { ...T1_PERSON, vsacExit: { date: '2024-03-15', service: 'institutional_care' } },
      services: T1_SERVICES,
      costs: [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-06-30', amount: '600.00', funding: 'municipality', inPlan: true }],
    });
    expect(response.status).toBe(200);
    const segments = (answerData(response.status === 200 ? response.body : {}, 'none') as { segments: Array<Answer> }).segments;
    expect(segments.map((segment) => [segment.eligible, segment.whatWouldChange?.map((entry) => entry.blocker)])).toEqual([
      [false, ['R1']],
      [true, undefined],
    ]);
  });
});
