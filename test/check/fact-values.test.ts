import { describe, expect, it } from 'vitest';
import { nearestValue } from '../../src/rules/check-fact-values.js';
import { factDomain, programmeFactValues, lineFactValues } from '../../src/rules/fact-values.js';
import { ruleSetAt, FIXTURE_RULES } from '../support/rule-sets.js';
import { loadProblemsAfter, placeOf, PROGRAMME, replaceOnce, VERSION } from './fixture-copies.js';

const SEVERITIES = 'mild, moderate, severe, very_severe';
const RESIDENCES = 'own_home, social_house, group_home, family, guardian, foster_family, institution';
const FUNDING = 'municipality, state, state_cofunded, di_project, ngo, donation, own';

interface TypoCase {
  name: string;
  from: string;
  to: string;
  /** The literal the error points at, and a text on its line when the literal alone is not unique. */
  at: [literal: string, needle?: string];
  message: string;
}

const TYPOS: TypoCase[] = [
  {
    name: 'T1 an item pattern value (severity of conditions)',
    from: '{ type: [mental_disorder], severity: [severe, very_severe] }',
    to: '{ type: [mental_disorder], severity: [severe, very_sever] }',
    at: ['very_sever', 'mental_disorder'],
    message: `value "very_sever" is not a severity a request can send (${SEVERITIES}): did you mean "very_severe"?`,
  },
  {
    name: 'E2 a { notIn } item pattern value (funding of services)',
    from: 'funding: { notIn: [state, state_cofunded] }, type',
    to: 'funding: { notIn: [stat, state_cofunded] }, type',
    at: ['stat,'],
    message: `value "stat" is not a funding a request can send (${FUNDING}): did you mean "state"?`,
  },
  {
    name: 'E1 an equal value (residence)',
    from: 'value: institution\n',
    to: 'value: institutionn\n',
    at: ['institutionn'],
    message: `value "institutionn" is not a residence a request can send (${RESIDENCES}): did you mean "institution"?`,
  },
  {
    name: 'R2 a list parameter compared with residence: at its item in the parameter',
    from: 'value: [own_home, social_house, group_home]',
    to: 'value: [own_home, social_house, group_hme]',
    at: ['group_hme'],
    message: `value "group_hme" is not a residence a request can send (${RESIDENCES}): did you mean "group_home"?`,
  },
  {
    name: 'X2 a derived field fact takes the values of its object fact field (vsacExit.service)',
    from: 'value: group_home\n',
    to: 'value: grouphome\n',
    at: ['grouphome'],
    message: 'value "grouphome" is not a vsac exit service a request can send (institutional_care, group_home): did you mean "group_home"?',
  },
  {
    name: 'E3 an itemsByDate fact has the items of its list fact (services)',
    from: '- fact: servicesUnderDi\n          operator: hasItemMatching\n          value: { inPlan: [true] }',
    to: '- fact: servicesUnderDi\n          operator: hasItemMatching\n          value: { inPlan: [true], type: [day_care_center] }',
    at: ['day_care_center'],
    message:
      'value "day_care_center" is not a type a request can send (home_care, day_centre, day_care_centre, group_home, specialised_workshop, respite, short_term_care, social_rehabilitation, psychosocial_rehabilitation, specialist_consultation, individual_support, support_group, group_sessions, family_assistant, assistant, other): did you mean "day_care_centre"?',
  },
  {
    name: 'line E2 an in-list item (funding of a cost line)',
    from: 'value: [state, state_cofunded]',
    to: 'value: [state, state_cofundd]',
    at: ['state_cofundd'],
    message: `value "state_cofundd" is not a funding a request can send (${FUNDING}): did you mean "state_cofunded"?`,
  },
  {
    name: 'line R3 a flag compared with text (inPlan of a cost line)',
    from: '- fact: inPlan\n            operator: equal\n            value: true',
    to: '- fact: inPlan\n            operator: equal\n            value: "true"',
    at: ['"true"'],
    message: 'value "true" is not a value of inPlan a request can send (true, false): did you mean true?',
  },
  {
    name: 'no near value: no guess',
    from: '{ type: [mental_disorder], severity: [severe, very_severe] }',
    to: '{ type: [mental_disorder], severity: [severe, catastrophic] }',
    at: ['catastrophic'],
    message: `value "catastrophic" is not a severity a request can send (${SEVERITIES})`,
  },
  {
    name: 'a fact without listed values is checked for its type (vsacExit.date is a string)',
    from: '- fact: vsacExitService\n        operator: equal\n        value: group_home',
    to: '- fact: vsacExitDate\n        operator: equal\n        value: 3',
    at: ['3', 'value: 3'],
    message: 'value 3 is not a value of vsacExitDate a request can send (a string)',
  },
  {
    name: 'T1 an item pattern field no item has, at its key',
    from: '{ type: [mental_disorder], severity: [severe, very_severe] }',
    to: '{ type: [mental_disorder], sevrity: [severe, very_severe] }',
    at: ['sevrity'],
    message: '"sevrity" is not a field of the conditions items a request can send (type, severity): did you mean "severity"?',
  },
];

describe('values a condition compares with are checked against what a request can send (load errors)', () => {
  it.each(TYPOS)('$name', ({ from, to, at, message }) => {
    const { problems, text } = loadProblemsAfter({ [VERSION]: (written) => replaceOnce(written, from, to) });
    expect(problems).toEqual([`${VERSION}:${placeOf(text(VERSION), ...at)}: ${message}`]);
  });

  it('a typo in a parameter two conditions compare is reported once, at the parameter', () => {
    const { problems, text } = loadProblemsAfter({
      [VERSION]: (written) =>
        replaceOnce(
          replaceOnce(written, 'value: [I, II]', 'value: [I, chlid]'),
          '        value: institution\n',
          '        value: institution\n        - fact: disabilityGroup\n          operator: notIn\n          value: { param: x1DisabilityGroups }\n',
        ),
    });
    expect(problems).toEqual([
      `${VERSION}:${placeOf(text(VERSION), 'chlid')}: value "chlid" is not a disability group a request can send (I, II, III, child, null): did you mean "child"?`,
    ]);
  });

  it('facts the request schemas do not describe, and facts without listed values, are not checked', () => {
    const { problems } = loadProblemsAfter({
      [PROGRAMME]: (written) =>
        replaceOnce(
          written,
          '  services:\n',
          '  favouriteColour:\n    type: string\n    in: person\n    required: false\n    title: { lv: Krāsa, en: Colour }\n  services:\n',
        ),
      [VERSION]: (written) =>
        replaceOnce(
          written,
          '        value: institution\n',
          '        value: institution\n        - fact: favouriteColour\n          operator: notEqual\n          value: blue\n        - fact: age\n          operator: notEqual\n          value: 200\n',
        ),
    });
    expect(problems).toEqual([]);
  });

  it('null (a fact left out) is always a value to compare with', () => {
    expect(loadProblemsAfter({ [VERSION]: (written) => replaceOnce(written, 'value: institution\n', 'value: null\n') }).problems).toEqual([]);
  });
});

describe('what a fact can hold, from the request schemas', () => {
  const programme = ruleSetAt(FIXTURE_RULES).programmes.get('nsk');
  if (!programme) throw new Error(`no nsk programme in ${FIXTURE_RULES}`);
  it.each([
    ['residence, required', 'residence', ['own_home', 'social_house', 'group_home', 'family', 'guardian', 'foster_family', 'institution']],
    ['disabilityGroup, optional and nullable', 'disabilityGroup', ['I', 'II', 'III', 'child', null]],
    ['nskAsChild, a required flag', 'nskAsChild', [true, false]],
    ['vsacExitService, the field of an optional object', 'vsacExitService', ['institutional_care', 'group_home', null]],
    ['age, worked out by the service', 'age', null],
    ['birthDate, a date', 'birthDate', null],
  ])('%s', (_name, fact, expected) => {
    expect(factDomain(programmeFactValues(programme), fact)).toEqual(expected);
  });

  it('a cost line: its funding is required, a flag the service works out is not in the schema', () => {
    expect(factDomain(lineFactValues('cappedActualCost'), 'funding')).toEqual([
      'municipality',
      'state',
      'state_cofunded',
      'di_project',
      'ngo',
      'donation',
      'own',
    ]);
    expect(factDomain(lineFactValues('individualBudgetLines'), 'provider')).toEqual([
      'medical',
      'psychologist',
      'family_assistant',
      'social_worker',
      'other',
      null,
    ]);
    expect(factDomain(lineFactValues('individualBudgetLines'), 'remoteSuitabilityAssessed')).toEqual([true, false, null]);
    expect(factDomain(lineFactValues('individualBudgetLines'), 'duringEmergency')).toBeNull();
  });
});

describe('the nearest allowed value', () => {
  it.each([
    ['very_sever', ['mild', 'moderate', 'severe', 'very_severe'], 'very_severe'],
    ['true', [true, false], true],
    ['3', [1, 2, 3, 4, null], 3],
    ['xyz', ['mild', 'moderate', 'severe', 'very_severe'], undefined],
    ['anything', [null], undefined],
  ])('%s', (value, allowed, expected) => {
    expect(nearestValue(value, allowed)).toBe(expected);
  });
});
