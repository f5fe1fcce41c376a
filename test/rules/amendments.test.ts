import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { answerEligibility } from '../../src/answer/eligibility-answer.js';
import { calendarDate } from '../../src/calendar/calendar-date.js';
import { describeProgramme } from '../../src/answer/programme-description.js';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import type { RuleSet } from '../../src/rules/model.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';

/**
 * Amendment files: a version that `extends` the one before it and states only what the amending act changes. The
 * FICTIONAL amendment test/fixtures/amendments/nsk/versions/2027-01-01-fictional.yaml is laid over a copy of the
 * fixture rules: it changes annualAmount, rewords E1 and repeals X2.
 */

const AMENDMENT = 'nsk/versions/2027-01-01-fictional.yaml';
const AMENDMENT_TEXT = readFileSync(join(FIXTURE_RULES, '..', 'amendments', AMENDMENT), 'utf8');
const BASE = 'nsk/versions/2023-04-01-fictional.yaml';

function rulesWith(amendment: string | null, edits: Record<string, (text: string) => string> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-amendment-'));
  cpSync(FIXTURE_RULES, directory, { recursive: true });
  if (amendment !== null) writeFileSync(join(directory, AMENDMENT), amendment);
  for (const [file, edit] of Object.entries(edits)) writeFileSync(join(directory, file), edit(readFileSync(join(directory, file), 'utf8')));
  return directory;
}

function loaded(directory: string): RuleSet {
  const result = loadRuleSet(directory, { displayRoot: directory });
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.ruleSet;
}

function problemsOf(directory: string): string[] {
  const result = loadRuleSet(directory, { displayRoot: directory });
  return result.ok ? [] : result.problems.map(formatProblem);
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('an amendment file resolved against the version it extends', () => {
  const directory = rulesWith(AMENDMENT_TEXT);
  const programme = loaded(directory).programmes.get('nsk');
  const base = programme?.versions.find((version) => version.version === '2023-04-01-fictional');
  const amended = programme?.versions.find((version) => version.version === '2027-01-01-fictional');

  it('is a complete version: what it states, and everything else of the version it extends', () => {
    expect(amended).toBeDefined();
    expect(amended?.extends).toBe('2023-04-01-fictional');
    expect(amended?.parameters.get('annualAmount')).toMatchObject({
      value: '9000.00',
      source: 'MK 999 — 1. punkts (izdomāts)',
      type: 'money',
      title: base?.parameters.get('annualAmount')?.title,
    });
    expect([...(amended?.parameters.keys() ?? [])]).toEqual([...(base?.parameters.keys() ?? [])]);
    expect(amended?.rules.map((rule) => rule.id)).toEqual(base?.rules.map((rule) => rule.id).filter((id) => id !== 'X2'));
    expect(amended?.rules.find((rule) => rule.id === 'E1')?.title.en).toBe(
      'The person receives a service in another long-term care institution (fictional wording)',
    );
    expect(amended?.namedConditions).toEqual(base?.namedConditions);
    expect(amended?.compensation).toEqual(base?.compensation);
    expect(amended?.sources.map((source) => source.id)).toEqual([...(base?.sources.map((source) => source.id) ?? []), 'mk999']);
  });

  it('has a sha256 over every file it is made of, and the version before it ends the day before it starts', () => {
    expect(amended?.sha256).toBe(sha256(`${base?.sha256}\n${sha256(AMENDMENT_TEXT)}`));
    const answer = answerEligibility(loaded(directory), {
      programme: 'nsk',
      period: { from: calendarDate('2026-12-31'), to: calendarDate('2027-01-01') },
      input: { person: T1_PERSON, request: { services: T1_SERVICES } },
    });
    expect(answer.kind).toBe('period');
    if (answer.kind !== 'period') return;
    expect(answer.segments.map((segment) => [segment.from, segment.ruleset.version])).toEqual([
      ['2026-12-31', '2023-04-01-fictional'],
      ['2027-01-01', '2027-01-01-fictional'],
    ]);
    expect(answer.segments[1]?.ruleset.sha256).toBe(amended?.sha256);
  });

  it('asOf before its adoption sees the version it extends on its days', () => {
    const question = { programme: 'nsk', date: calendarDate('2027-03-01'), input: { person: T1_PERSON, request: { services: T1_SERVICES } } };
    const before = answerEligibility(loaded(directory), { ...question, asOf: calendarDate('2026-10-19') });
    const after = answerEligibility(loaded(directory), { ...question, asOf: calendarDate('2026-10-20') });
    expect(before.kind === 'date' && before.ruleset.version).toBe('2023-04-01-fictional');
    expect(after.kind === 'date' && after.ruleset.version).toBe('2027-01-01-fictional');
  });

  it('is described as an amendment of its version (rules browser, GET /v1/programmes/{id})', () => {
    const described = describeProgramme(programme as never) as { versions: Array<{ version: string; extends?: string }> };
    expect(described.versions.find((version) => version.version === '2027-01-01-fictional')?.extends).toBe('2023-04-01-fictional');
  });

  it('replays identically from its decision record (the archive holds every file it is made of)', async () => {
    const app = createApp(fixedRuleSet(loaded(directory)), { decisions: new MemoryDecisionStore() });
    const answered = await request(app)
      .post('/v1/compensation')
      .send({
        programme: 'nsk',
        period: { from: '2027-01-01', to: '2027-06-30' },
        person: T1_PERSON,
        services: T1_SERVICES,
        costs: [{ service: 'day_care_centre', from: '2027-01-01', to: '2027-06-30', amount: '100.00', funding: 'municipality', inPlan: true }],
      })
      .expect(200);
    const record = (await request(app).get(`/v1/decisions/${answered.body.decisionId}`).expect(200)).body as { rules: { files: Array<{ path: string }> } };
    expect(record.rules.files.map((file) => file.path)).toEqual(expect.arrayContaining([AMENDMENT, BASE]));
    expect((await request(app).post(`/v1/decisions/${answered.body.decisionId}/replay`).expect(200)).body.identical).toBe(true);
  });
});

describe('an amendment file with a mistake names its file, line and column', () => {
  it('a changed value of the wrong type is located in the amendment, not in the version it extends', () => {
    const text = AMENDMENT_TEXT.replace('value: "9000.00"', 'value: "9000"');
    expect(problemsOf(rulesWith(text))).toEqual([`${AMENDMENT}:${lineOf(text, 'value: "9000"')}:12: value is not a money`]);
  });

  it('extends a version the programme does not have', () => {
    const text = AMENDMENT_TEXT.replace('extends: "2023-04-01-fictional"', 'extends: "2023-04-01"');
    expect(problemsOf(rulesWith(text))).toEqual([
      `${AMENDMENT}:${lineOf(text, 'extends:')}:10: no version "2023-04-01" in this programme to amend (versions: 2019-01-01, 2022-01-01-fictional, 2023-04-01-fictional, 2027-01-01-fictional)`,
    ]);
  });

  it('repeals a rule the version it extends does not have, and gives a new parameter without its type and title', () => {
    const text = AMENDMENT_TEXT.replace('rules: [X2]', 'rules: [X9]').replace(
      'parameters:\n',
      'parameters:\n  fictionalLimit:\n    value: 3\n    source: MK 999 — 4. punkts (izdomāts)\n',
    );
    expect(problemsOf(rulesWith(text))).toEqual(
      expect.arrayContaining([
        `${AMENDMENT}:${lineOf(text, 'rules: [X9]')}:11: X9 is not in version 2023-04-01-fictional's rules, so it cannot be removed`,
        `${AMENDMENT}:${lineOf(text, 'fictionalLimit:')}:3: fictionalLimit is a new parameter (not in version 2023-04-01-fictional): give its type and title too`,
      ]),
    );
  });

  it('a problem in the version it extends is named once, in that version’s file', () => {
    const directory = rulesWith(AMENDMENT_TEXT, {
      [BASE]: (text) =>
        text.replace(
          'operator: greaterThanInclusive\n        value: { param: adultAge }',
          'operator: greaterThanInclusive\n        value: { param: adultAgeLimit }',
        ),
    });
    const problems = problemsOf(directory);
    expect(problems.filter((problem) => problem.includes('adultAgeLimit'))).toEqual([
      expect.stringMatching(new RegExp(`^${BASE}:\\d+:\\d+: parameter "adultAgeLimit" is not declared in this version$`)),
    ]);
  });

  it('amendments that extend each other in a circle', () => {
    const directory = rulesWith(AMENDMENT_TEXT.replace('extends: "2023-04-01-fictional"', 'extends: "2028-01-01-fictional"'));
    writeFileSync(
      join(directory, 'nsk/versions/2028-01-01-fictional.yaml'),
      AMENDMENT_TEXT.replace('version: "2027-01-01-fictional"', 'version: "2028-01-01-fictional"')
        .replace('effectiveFrom: "2027-01-01"', 'effectiveFrom: "2028-01-01"')
        .replace('extends: "2023-04-01-fictional"', 'extends: "2027-01-01-fictional"'),
    );
    expect(problemsOf(directory)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('amendments extend each other in a circle: 2027-01-01-fictional → 2028-01-01-fictional → 2027-01-01-fictional'),
      ]),
    );
  });
});
