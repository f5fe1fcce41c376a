import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseImpact, distinctCases, type CaseToRun } from '../../src/diff/case-impact.js';
import { loadSide, sideCases, type RuleSide } from '../../src/diff/load-side.js';
import { parseRecordedRequests } from '../../src/diff/recorded-requests.js';
import { renderMarkdown } from '../../src/diff/render-markdown.js';
import { diffRuleSets } from '../../src/diff/rule-set-diff.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';
import { editedCopy, NSK_2019, removeCopies, replace, scratchDirectory, type Edit } from './fictional-edits.js';

afterAll(removeCopies);

const PERSON = {
  birthDate: '1985-04-02',
  conditions: [{ type: 'mental_disorder', severity: 'severe' }],
  disabilityGroup: 'II',
  vsacExit: { date: '2018-12-31', service: 'institutional_care' },
  receivedDiServices: false,
  nskAsChild: false,
  residence: 'group_home',
};
const SERVICES = [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }];

/** A FICTIONAL officer's case, written into the copy's nsk/tests/ as an officer would. */
const CASE_FILE = `cases:
  - name: R2 an adult in a group home is eligible in T1
    covers: [R2, T1]
    request:
      programme: nsk
      date: "2019-06-03"
      person: ${JSON.stringify(PERSON)}
      services: ${JSON.stringify(SERVICES)}
    expect: { eligible: true, basis: [T1], blockers: [] }
`;

function side(directory: string, label: string): RuleSide {
  const loaded = loadSide(directory, { label, workDirectory: scratchDirectory() });
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.side;
}

function withCase(edit?: Edit): string {
  const copy = editedCopy(FIXTURE_RULES, edit ? { [NSK_2019]: edit } : {});
  mkdirSync(join(copy, 'nsk', 'tests'));
  writeFileSync(join(copy, 'nsk', 'tests', 'impact.yaml'), CASE_FILE);
  return copy;
}

const recorded = (request: Record<string, unknown>): CaseToRun => ({
  origin: 'recorded',
  name: 'recorded',
  where: 'requests.jsonl:1',
  endpoint: 'costs' in request ? 'compensation' : 'eligibility',
  request,
});

const HALF_YEAR_COSTS = {
  programme: 'nsk',
  period: { from: '2019-01-01', to: '2019-06-30' },
  person: PERSON,
  services: SERVICES,
  costs: [{ service: 'day_care_centre', from: '2019-01-01', to: '2019-06-30', amount: '4000.00', funding: 'municipality', inPlan: true }],
};

const CASES: Array<{ name: string; edit: Edit; request?: Record<string, unknown>; expected: string[] }> = [
  {
    name: 'R2: adultResidences lost group_home, so the case gains the blocker R2',
    edit: replace('value: [own_home, social_house, group_home]', 'value: [own_home, social_house]'),
    expected: ['eligible true → false', 'blockers [] → [R2]'],
  },
  {
    name: 'A1: a higher annualAmount raises the half-year cap and the compensation',
    edit: replace('value: "7085.20"', 'value: "7500.00"'),
    request: HALF_YEAR_COSTS,
    expected: ['compensation 3542.60 → 3750.00 (+5.85%)', 'cap 3542.60 → 3750.00 (+5.85%)'],
  },
  {
    name: 'effectiveFrom moved: a day only the old rules answer',
    edit: replace('effectiveFrom: "2019-01-01"', 'effectiveFrom: "2019-07-01"'),
    expected: [
      'only the old rules answer: status 200 → 422 (No version of nsk is in force on 2019-06-03. Nearest after: 2019-01-01 (in force from 2019-07-01, adopted 2018-12-18).)',
    ],
  },
  {
    name: 'a period cut at a new place: segments old → new',
    edit: replace('value: [own_home, social_house, group_home]', 'value: [own_home, social_house]'),
    request: { programme: 'nsk', period: { from: '2019-06-01', to: '2019-06-30' }, person: PERSON, services: SERVICES },
    expected: [
      'eligible true → false',
      'eligibleDays 30 → 0',
      'segments 2019-06-01…2019-06-30 eligible basis [T1] blockers [] → 2019-06-01…2019-06-30 not eligible basis [T1] blockers [R2]',
    ],
  },
];

describe('impact of a rule change on cases', () => {
  it.each(CASES)('$name', ({ edit, request, expected }) => {
    const before = side(withCase(), 'old');
    const after = side(withCase(edit), 'new');
    const cases = request ? [recorded(request)] : sideCases(after).cases;
    const impact = caseImpact(cases, before.ruleSet, after.ruleSet);
    expect(impact.ran).toBe(1);
    expect(impact.changed.map((change) => change.changes)).toEqual([expected]);
  });

  it('lists the example case whose blockers change, where it is written, and that its expectation no longer holds', () => {
    const before = side(withCase(), 'old');
    const after = side(withCase(replace('value: [own_home, social_house, group_home]', 'value: [own_home, social_house]')), 'new');
    const { changed } = caseImpact(sideCases(after).cases, before.ruleSet, after.ruleSet);
    expect(changed).toEqual([
      {
        name: 'R2 an adult in a group home is eligible in T1',
        origin: 'example',
        where: 'nsk/tests/impact.yaml:2',
        endpoint: 'eligibility',
        changes: ['eligible true → false', 'blockers [] → [R2]'],
        expectationMet: { old: true, new: false },
      },
    ]);
    const markdown = renderMarkdown({
      diff: diffRuleSets(before.ruleSet, after.ruleSet, { old: 'old', new: 'new' }),
      impact: { ran: 1, changed, problems: [] },
    });
    expect(markdown).toContain(
      '| R2 an adult in a group home is eligible in T1 | `nsk/tests/impact.yaml:2` | eligible true → false<br>blockers \\[\\] → \\[R2\\]<br>**its expectation no longer holds** |',
    );
  });

  it('a change no case sees lists no case', () => {
    const before = side(withCase(), 'old');
    const after = side(withCase(replace('value: [family, guardian, foster_family]', 'value: [family, guardian]')), 'new');
    expect(caseImpact(sideCases(after).cases, before.ruleSet, after.ruleSet)).toEqual({ ran: 1, changed: [] });
  });

  it("the same case on both sides runs once; the new side's is kept", () => {
    const before = sideCases(side(withCase(), 'old')).cases;
    const after = sideCases(side(withCase(), 'new')).cases;
    expect(distinctCases([...after, ...before])).toEqual(after);
  });

  it('recorded requests with the same body on two lines both run', () => {
    const parsed = parseRecordedRequests('requests.jsonl', `${JSON.stringify(HALF_YEAR_COSTS)}\n${JSON.stringify(HALF_YEAR_COSTS)}\n`);
    expect(distinctCases(parsed.requests)).toHaveLength(2);
  });
});

describe('recorded requests (JSON Lines)', () => {
  it('each line is a request, its endpoint told by costs, deliveries or service lines, blank lines skipped', () => {
    const text = [
      JSON.stringify({ programme: 'nsk', date: '2019-06-03' }),
      '',
      JSON.stringify(HALF_YEAR_COSTS),
      JSON.stringify({ programme: 'di', period: { from: '2016-01-01', to: '2016-01-31' }, deliveries: [] }),
      JSON.stringify({ programme: 'ibm', period: { from: '2021-01-01', to: '2021-01-31' }, serviceLines: [] }),
    ].join('\n');
    const { requests, problems } = parseRecordedRequests('requests.jsonl', text);
    expect(problems).toEqual([]);
    expect(requests.map((request) => [request.where, request.origin === 'recorded' ? request.endpoint : null, request.name])).toEqual([
      ['requests.jsonl:1', 'eligibility', 'nsk 2019-06-03'],
      ['requests.jsonl:3', 'compensation', 'nsk 2019-01-01…2019-06-30'],
      ['requests.jsonl:4', 'compensation', 'di 2016-01-01…2016-01-31'],
      ['requests.jsonl:5', 'compensation', 'ibm 2021-01-01…2021-01-31'],
    ]);
  });

  it.each([
    ['not JSON', '{"programme": "nsk",', /^requests\.jsonl:2:1: not JSON: /],
    ['not an object', '[1, 2]', /^requests\.jsonl:2:1: not a JSON object/],
  ])('a line that is %s is a located problem', (_name, line, message) => {
    const { requests, problems } = parseRecordedRequests('requests.jsonl', `{"programme":"nsk","date":"2019-06-03"}\n${line}\n`);
    expect(requests).toHaveLength(1);
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(message)]);
  });

  it('a request the API refuses on both sides alike is no change; one refused only by the new rules is', () => {
    const before = side(withCase(), 'old');
    const after = side(withCase(replace('effectiveFrom: "2019-01-01"', 'effectiveFrom: "2019-07-01"')), 'new');
    const badOnBoth = recorded({ programme: 'nsk', date: 'not a date', person: PERSON, services: SERVICES });
    const unknownProgramme = recorded({ programme: 'nope', date: '2019-06-03', person: PERSON, services: SERVICES });
    expect(caseImpact([badOnBoth, unknownProgramme], before.ruleSet, after.ruleSet).changed).toEqual([]);
  });
});
