import { afterAll, describe, expect, it } from 'vitest';
import type { VersionDiff } from '../../src/diff/diff-report.js';
import { diffRuleSets } from '../../src/diff/rule-set-diff.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import type { RuleSet } from '../../src/rules/model.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { editedCopy, inOrder, NSK_2019, removeCopies, replace, type Edit } from './fictional-edits.js';

afterAll(removeCopies);

function loaded(directory: string): RuleSet {
  const result = loadRuleSet(directory);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.ruleSet;
}

/** The diff of NSK version 2019-01-01 after one FICTIONAL edit of a copy of the test fixture. */
function diffAfter(edit: Edit): VersionDiff {
  const diff = diffRuleSets(ruleSetAt(FIXTURE_RULES), loaded(editedCopy(FIXTURE_RULES, { [NSK_2019]: edit })), { old: 'fixture', new: 'edited' });
  const version = diff.programmes.find((programme) => programme.programme === 'nsk')?.versions.find((candidate) => candidate.version === '2019-01-01');
  if (!version) throw new Error('no diff of nsk 2019-01-01');
  return version;
}

const NEW_RULE = `
  - id: E4
    kind: exclusion
    title: { lv: Izdomāts izslēgums, en: Fictional exclusion }
    source: 000_23e6dbc396def2aa.txt — Personu loks un pakalpojumi (fictional)
    conditions:
      all:
        - fact: residence
          operator: equal
          value: foster_family

compensation:`;

type Section = 'parameters' | 'rules' | 'conditions' | 'dates' | 'assumptions' | 'sources' | 'compensation' | 'lineRules' | 'title';

const CASES: Array<{ name: string; edit: Edit; section: Section; expected: unknown }> = [
  {
    name: 'annualAmount (money) changed: old → new with its % change, read by compensation',
    edit: replace('value: "7085.20"', 'value: "7500.00"'),
    section: 'parameters',
    expected: {
      name: 'annualAmount',
      change: 'changed',
      title: 'Annual amount per person',
      type: 'money',
      old: '7085.20',
      new: '7500.00',
      percent: '+5.85%',
      usedBy: ['compensation.annualAmount'],
      notes: [],
    },
  },
  {
    name: 'youngChildAge (number) changed: +25.00%, read by T3, T4 and X3 through named conditions',
    edit: replace(/(youngChildAge:\n\s+type: number\n\s+)value: 4/, '$1value: 5'),
    section: 'parameters',
    expected: expect.objectContaining({ name: 'youngChildAge', old: 4, new: 5, percent: '+25.00%', usedBy: ['T3', 'T4', 'X3'] }),
  },
  {
    name: 'adultResidences (list) gained a residence',
    edit: replace('value: [own_home, social_house, group_home]', 'value: [own_home, social_house, group_home, family]'),
    section: 'parameters',
    expected: expect.objectContaining({ name: 'adultResidences', gained: ['family'], lost: [], usedBy: ['R2'] }),
  },
  {
    name: 'exitCutoff (date) moved two months later',
    edit: replace('value: "2018-07-01"', 'value: "2018-09-01"'),
    section: 'parameters',
    expected: expect.objectContaining({ name: 'exitCutoff', old: '2018-07-01', new: '2018-09-01', moved: '62 days later' }),
  },
  {
    name: 'parameter added',
    edit: replace(
      '\nassumptions:\n',
      '\n  fictionalLimit:\n    type: number\n    value: 3\n    title: { lv: Izdomāts, en: Fictional limit }\n    source: 000_23e6dbc396def2aa.txt — fictional\n\nassumptions:\n',
    ),
    section: 'parameters',
    expected: { name: 'fictionalLimit', change: 'added', title: 'Fictional limit', type: 'number', new: 3, notes: [], usedBy: [] },
  },
  {
    name: 'parameter removed (x1DisabilityGroups written into X1 instead)',
    edit: inOrder(replace(/\n {2}x1DisabilityGroups:\n( {4}.*\n){4}/, '\n'), replace('value: { param: x1DisabilityGroups }', 'value: [I, II]')),
    section: 'parameters',
    expected: expect.objectContaining({ name: 'x1DisabilityGroups', change: 'removed', old: ['I', 'II'], usedBy: ['X1', 'X3'] }),
  },
  {
    name: 'rule E4 added, its conditions in words',
    edit: replace('\ncompensation:', NEW_RULE),
    section: 'rules',
    expected: { id: 'E4', change: 'added', kind: 'exclusion', title: 'Fictional exclusion', details: ['conditions: all of (residence = foster_family)'] },
  },
  {
    name: 'rule E3 removed',
    edit: replace(/\n {2}- id: E3\n[\s\S]*?(?=\ncompensation:)/, '\n'),
    section: 'rules',
    expected: { id: 'E3', change: 'removed', kind: 'exclusion', title: "A DI project compensates the municipality for the person's services", details: [] },
  },
  {
    name: 'T4: age < 18 became age < 19 (in its named condition t4Group)',
    edit: replace(/(operator: lessThan\n\s+)value: \{ param: adultAge \}(\n\s+- condition: severeMentalDisorder)/, '$1value: 19$2'),
    section: 'rules',
    expected: expect.objectContaining({ id: 'T4', change: 'changed', details: ['through t4Group: age < adultAge (18) became age < 19'] }),
  },
  {
    name: 'R2: residence in [own_home, social_house, group_home] gained foster_family',
    edit: replace('value: { param: adultResidences }', 'value: [own_home, social_house, group_home, foster_family]'),
    section: 'rules',
    expected: expect.objectContaining({ id: 'R2', details: ['residence in adultResidences ([own_home, social_house, group_home]) gained foster_family'] }),
  },
  {
    name: 'R3: a condition added to all',
    edit: replace('          ref: E2\n', '          ref: E2\n        - fact: residence\n          operator: notEqual\n          value: foster_family\n'),
    section: 'rules',
    expected: expect.objectContaining({ id: 'R3', details: ['condition `residence ≠ foster_family` added to all'] }),
  },
  {
    name: 'E1: a single condition wrapped in all with another reads as a condition added',
    edit: replace(
      '          operator: equal\n          value: institution\n',
      '          operator: equal\n          value: institution\n        - fact: receivedDiServices\n          operator: equal\n          value: false\n',
    ),
    section: 'rules',
    expected: expect.objectContaining({ id: 'E1', details: ['condition `receivedDiServices = false` added to all'] }),
  },
  {
    name: 'E1: kind and title changed',
    edit: inOrder(
      replace(/(- id: E1\n\s+)kind: exclusion/, '$1kind: requirement'),
      replace('en: After leaving the VSAC the person receives a service in another long-term care institution', 'en: Fictional title'),
    ),
    section: 'rules',
    expected: expect.objectContaining({
      id: 'E1',
      details: [
        'kind exclusion → requirement',
        'title "After leaving the VSAC the person receives a service in another long-term care institution" → "Fictional title"',
      ],
    }),
  },
  {
    name: 'severeMentalDisorder: an item pattern lost a severity, and T1 changes through it',
    edit: replace('value: { type: [mental_disorder], severity: [severe, very_severe] }', 'value: { type: [mental_disorder], severity: [very_severe] }'),
    section: 'rules',
    expected: expect.objectContaining({
      id: 'T1',
      details: [
        'through severeMentalDisorder: conditions has an item with {type in [mental_disorder], severity in [severe, very_severe]}: severity lost severe',
      ],
    }),
  },
  {
    name: 'named condition t4Group changed, with the rules that read it',
    edit: replace(/(operator: lessThan\n\s+)value: \{ param: adultAge \}(\n\s+- condition: severeMentalDisorder)/, '$1value: 19$2'),
    section: 'conditions',
    expected: { name: 't4Group', change: 'changed', details: ['age < adultAge (18) became age < 19'], usedBy: ['T4', 'X3'] },
  },
  {
    name: 'effectiveFrom and adopted moved',
    edit: inOrder(replace('effectiveFrom: "2019-01-01"', 'effectiveFrom: "2019-03-01"'), replace('adopted: "2018-12-18"', 'adopted: "2018-12-20"')),
    section: 'dates',
    expected: 'effectiveFrom 2019-01-01 → 2019-03-01 (59 days later)',
  },
  {
    name: 'adopted moved earlier',
    edit: replace('adopted: "2018-12-18"', 'adopted: "2018-12-01"'),
    section: 'dates',
    expected: 'adopted 2018-12-18 → 2018-12-01 (17 days earlier)',
  },
  {
    name: 'effectiveTo set where there was none',
    edit: replace('adopted: "2018-12-18"', 'adopted: "2018-12-18"\neffectiveTo: "2021-12-31"'),
    section: 'dates',
    expected: 'effectiveTo (open) → 2021-12-31',
  },
  {
    name: 'assumption A2 text changed',
    edit: replace(
      'en: A cost line that straddles an eligibility boundary counts pro rata by days.',
      'en: A cost line that straddles an eligibility boundary counts pro rata by calendar days.',
    ),
    section: 'assumptions',
    expected: {
      id: 'A2',
      change: 'changed',
      details: [
        'en: "A cost line that straddles an eligibility boundary counts pro rata by days." → "A cost line that straddles an eligibility boundary counts pro rata by calendar days."',
      ],
    },
  },
  {
    name: 'assumption A9 added',
    edit: replace('\nconditions:\n', '\n  - id: A9\n    text: { lv: Izdomāts, en: A fictional assumption }\n\nconditions:\n'),
    section: 'assumptions',
    expected: { id: 'A9', change: 'added', details: ['A fictional assumption'] },
  },
  {
    name: 'assumption A17 (an open question) other reading changed',
    edit: replace('      en: E3 per service.', '      en: E3 per service, from the day after its DI compensation ends.'),
    section: 'assumptions',
    expected: {
      id: 'A17',
      change: 'changed',
      details: ['other reading (en): "E3 per service." → "E3 per service, from the day after its DI compensation ends."'],
    },
  },
  {
    name: 'assumption A2 becomes an open question: other reading and passage added',
    edit: replace(
      'en: A cost line that straddles an eligibility boundary counts pro rata by days.\n',
      'en: A cost line that straddles an eligibility boundary counts pro rata by days.\n    otherReading: { lv: Izdomāts, en: A fictional other reading }\n    passage: 000_23e6dbc396def2aa.txt — fictional\n',
    ),
    section: 'assumptions',
    expected: {
      id: 'A2',
      change: 'changed',
      details: [
        'other reading (en): "(none)" → "A fictional other reading"',
        'other reading (lv): "(none)" → "Izdomāts"',
        'passage: "(none)" → "000_23e6dbc396def2aa.txt — fictional"',
      ],
    },
  },
  {
    name: 'source mk797 citation changed',
    edit: replace('citation: Ministru kabineta 2018. gada 18. decembra noteikumi Nr. 797', 'citation: MK 2018. gada 18. decembra noteikumi Nr. 797'),
    section: 'sources',
    expected: expect.objectContaining({ id: 'mk797', change: 'changed' }),
  },
  {
    name: 'compensation reportDue reads another parameter',
    edit: inOrder(
      replace(
        '\nassumptions:\n',
        '\n  reportDay:\n    type: number\n    value: 20\n    title: { lv: Izdomāts, en: Fictional report day }\n    source: 000_23e6dbc396def2aa.txt — fictional\n\nassumptions:\n',
      ),
      replace('dayOfMonth: { param: reportDayOfMonth }', 'dayOfMonth: { param: reportDay }'),
    ),
    section: 'compensation',
    expected: 'reportDue.dayOfMonth: reportDayOfMonth (15) → reportDay (20)',
  },
  {
    name: 'compensation line rule E2 lost a funding',
    edit: replace('value: [state, state_cofunded]', 'value: [state]'),
    section: 'lineRules',
    expected: expect.objectContaining({ id: 'E2', change: 'changed', details: ['funding in [state, state_cofunded] lost state_cofunded'] }),
  },
  {
    name: 'version title changed',
    edit: replace('en: Cabinet Regulation No 797 of 18 December 2018', 'en: Cabinet Regulation No 797 (fictional title)'),
    section: 'title',
    expected: 'title: "Cabinet Regulation No 797 of 18 December 2018" → "Cabinet Regulation No 797 (fictional title)"',
  },
];

describe('diff of NSK 2019-01-01 after one fictional edit', () => {
  it.each(CASES)('$name', ({ edit, section, expected }) => {
    const version = diffAfter(edit);
    expect(version.change).toBe('changed');
    expect(version[section]).toContainEqual(expected);
  });

  it('an untouched copy has no differences', () => {
    const diff = diffRuleSets(ruleSetAt(FIXTURE_RULES), loaded(editedCopy(FIXTURE_RULES)), { old: 'a', new: 'b' });
    expect(diff.programmes.map((programme) => programme.change)).toEqual(['unchanged']);
    expect(diff.programmes[0]?.versions.map((version) => version.change)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('a rule whose conditions did not change is not listed when a parameter it reads changes', () => {
    const version = diffAfter(replace('value: "7085.20"', 'value: "7500.00"'));
    expect(version.rules).toEqual([]);
    expect(version.parameters).toHaveLength(1);
  });
});
