import { DI_PERSON, T1_PERSON, T1_SERVICES } from '../support/requests.js';
/** Valid request bodies, one per programme and endpoint, that each get a 200: the starting points of these tests. */
const nskPerson = T1_PERSON;
const nskServices = T1_SERVICES;
const diPerson = DI_PERSON;
const ibmPerson = { birthDate: '1980-05-10', conditions: [{ type: 'mental_disorder', severity: 'moderate' }] };

export interface ExampleRequest {
  name: string;
  endpoint: '/v1/eligibility' | '/v1/compensation';
  body: Record<string, unknown>;
}

export const EXAMPLE_REQUESTS: readonly ExampleRequest[] = [
  { name: 'NSK eligibility on a date', endpoint: '/v1/eligibility', body: { programme: 'nsk', date: '2024-03-15', person: nskPerson, services: nskServices } },
  {
    name: 'NSK eligibility over a period',
    endpoint: '/v1/eligibility',
    body: { programme: 'nsk', period: { from: '2020-01-01', to: '2020-12-31' }, person: nskPerson, services: nskServices },
  },
  {
    name: 'NSK compensation',
    endpoint: '/v1/compensation',
    body: {
      programme: 'nsk',
      period: { from: '2024-01-01', to: '2024-06-30' },
      approvedOn: '2024-07-20',
      person: nskPerson,
      services: nskServices,
      costs: [{ service: 'day_care_centre', from: '2024-01-01', to: '2024-01-31', amount: '620.00', funding: 'municipality', inPlan: true }],
    },
  },
  { name: 'DI eligibility on a date', endpoint: '/v1/eligibility', body: { programme: 'di', date: '2017-03-15', person: diPerson } },
  {
    name: 'DI compensation',
    endpoint: '/v1/compensation',
    body: {
      programme: 'di',
      period: { from: '2017-03-01', to: '2017-03-31' },
      person: diPerson,
      deliveries: [
        { service: 'day_care_centre', from: '2017-03-01', to: '2017-03-31', units: '21', rateTier: 'higher', provision: 'municipal' },
        { service: 'short_term_care', from: '2017-03-01', to: '2017-03-10', units: '10', provision: 'procured', actualCost: '150.00' },
      ],
    },
  },
  { name: 'IBM eligibility on a date', endpoint: '/v1/eligibility', body: { programme: 'ibm', date: '2020-06-15', person: ibmPerson } },
  {
    name: 'IBM compensation (remote delivery during a declared emergency)',
    endpoint: '/v1/compensation',
    body: {
      programme: 'ibm',
      period: { from: '2020-05-01', to: '2020-05-31' },
      person: ibmPerson,
      serviceLines: [
        { service: 'day_care_centre', from: '2020-05-04', to: '2020-05-08', units: '5', funding: 'municipality', price: '18.00' },
        {
          service: 'psychosocial_rehabilitation',
          from: '2020-05-11',
          to: '2020-05-11',
          units: '1',
          funding: 'municipality',
          remote: true,
          provider: 'psychologist',
        },
        // Priced at the DI programme's unit cost: the record must hold the DI files too, to replay it.
        { service: 'home_care', from: '2020-05-04', to: '2020-05-29', units: '12', funding: 'municipality', diPaidAtUnitCost: true },
      ],
    },
  },
];
