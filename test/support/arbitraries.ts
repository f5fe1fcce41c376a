import fc from 'fast-check';
import { fromDayNumber, dayNumber, type CalendarDate } from '../../src/calendar/calendar-date.js';

/** Generators of contract-shaped requests, for property and differential tests. */
export function dateBetween(from: string, to: string): fc.Arbitrary<CalendarDate> {
  return fc.integer({ min: dayNumber(from as CalendarDate), max: dayNumber(to as CalendarDate) }).map(fromDayNumber);
}

const conditionArbitrary = fc.record(
  {
    type: fc.constantFrom('mental_disorder', 'developmental_disorder', 'blindness', 'functional_impairment', 'dementia'),
    severity: fc.constantFrom('mild', 'moderate', 'severe', 'very_severe'),
  },
  { requiredKeys: ['type', 'severity'] },
);

export const serviceArbitrary = fc.record({
  type: fc.constantFrom('home_care', 'day_centre', 'day_care_centre', 'group_home', 'specialised_workshop', 'respite', 'assistant', 'other'),
  inPlan: fc.boolean(),
  funding: fc.constantFrom('municipality', 'state', 'state_cofunded', 'di_project', 'ngo', 'donation', 'own'),
  diCompensatedUntil: fc.option(dateBetween('2018-01-01', '2030-12-31'), { nil: null }),
});

/** Persons spread so that every target group, extension and exclusion is hit often: births near the evaluated years. */
export const personArbitrary = fc.record({
  birthDate: dateBetween('1940-01-01', '2020-12-31'),
  conditions: fc.array(conditionArbitrary, { maxLength: 3 }),
  disabilityGroup: fc.constantFrom('I', 'II', 'III', 'child', null),
  // Dates reach to 2030, the last year the differential tests evaluate: a version an officer adds from a future date
  // meets exits before and after its days too.
  vsacExit: fc.option(fc.record({ date: dateBetween('2015-06-01', '2030-06-30'), service: fc.constantFrom('institutional_care', 'group_home') }), {
    nil: null,
  }),
  receivedDiServices: fc.boolean(),
  nskAsChild: fc.boolean(),
  residence: fc.constantFrom('own_home', 'social_house', 'group_home', 'family', 'guardian', 'foster_family', 'institution'),
  inVsac: fc.boolean(),
  supportPlanDate: fc.option(dateBetween('2015-01-01', '2030-12-31'), { nil: null }),
  diServicesStartedOn: fc.option(dateBetween('2015-01-01', '2030-12-31'), { nil: null }),
  careLevel: fc.constantFrom(1, 2, 3, 4, null),
  pensionAgeReached: fc.boolean(),
});

export const servicesArbitrary = fc.array(serviceArbitrary, { maxLength: 3 });
