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

/**
 * The adult of the DI examples: DI1 (severe mental disorder, disability group II), out of institutional care since
 * 2016-12-31, with a support plan and DI services from 2017-01-10.
 */
export const DI_PERSON = {
  birthDate: '1980-05-10',
  conditions: [{ type: 'mental_disorder', severity: 'severe' }],
  disabilityGroup: 'II',
  vsacExit: { date: '2016-12-31', service: 'institutional_care' },
  supportPlanDate: '2017-01-10',
  diServicesStartedOn: '2017-01-10',
};

/** An adult with a severe mental disorder: the person of the IBM service-line tests (fictional rules). */
export const IBM_ADULT = { birthDate: '1980-05-10', conditions: [{ type: 'mental_disorder', severity: 'severe' }] };

/** Evidence that meets RM2–RM6 for a social worker's remote line: assessed as suitable, client file, attendance sheet, signature, duration. */
export const REMOTE_LINE_DOCUMENTED = {
  remoteSuitabilityAssessed: true,
  recordedInClientFile: true,
  attendanceMarkedRemote: true,
  personSigned: true,
  durationMatchesAgreement: true,
};

/** DI2 on every day: an adult with a mental disorder, disability group I, not in a VSAC, a plan since 2015, no two-year count. */
export const DI2_PERSON = {
  birthDate: '1980-05-10',
  conditions: [{ type: 'mental_disorder', severity: 'severe' }],
  disabilityGroup: 'I',
  inVsac: false,
  supportPlanDate: '2015-01-01',
  diServicesStartedOn: null,
};
