/**
 * The adult of most NSK examples: T1 (severe mental disorder), out of institutional care since 2019-03-31, in a
 * group home, with a municipal day care centre in the plan — eligible on any day from 2019-04-01.
 */
export const T1_PERSON = {
  birthDate: '1985-04-02',
  conditions: [{ type: 'mental_disorder', severity: 'severe' }],
  disabilityGroup: 'II',
  vsacExit: { date: '2019-03-31', service: 'institutional_care' },
  receivedDiServices: false,
  nskAsChild: false,
  residence: 'group_home',
};

export const T1_SERVICES = [{ type: 'day_care_centre', inPlan: true, funding: 'municipality' }];
