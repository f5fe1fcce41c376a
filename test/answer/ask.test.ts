import { describe, expect, it } from 'vitest';
import { endpointOf } from '../../src/answer/ask.js';

describe('endpointOf: which endpoint a request body is for', () => {
  it.each([
    ['an eligibility question on a date', { programme: 'nsk', date: '2019-06-03' }, 'eligibility'],
    ['an eligibility question over a period', { programme: 'di', period: { from: '2016-01-01', to: '2016-01-31' } }, 'eligibility'],
    ['NSK cost lines', { programme: 'nsk', period: { from: '2019-01-01', to: '2019-06-30' }, costs: [] }, 'compensation'],
    ['DI deliveries', { programme: 'di', period: { from: '2016-01-01', to: '2016-01-31' }, deliveries: [] }, 'compensation'],
    ['IBM service lines', { programme: 'ibm', period: { from: '2021-01-01', to: '2021-01-31' }, serviceLines: [] }, 'compensation'],
  ] as const)('%s', (_name, body, endpoint) => {
    expect(endpointOf(body)).toBe(endpoint);
  });
});
