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

// ---------------------------------------------------------------------------------------------------------------
// Boundaries: the days on which an answer changes, put where a cut or a pro-rata share is easiest to get wrong.

export interface Period {
  from: CalendarDate;
  to: CalendarDate;
}

const plusDays = (date: CalendarDate, days: number): CalendarDate => fromDayNumber(dayNumber(date) + days);

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The day someone born on `birthDate` reaches `years`, worked out here rather than taken from src/calendar: the same
 * month and day, and for a birthday on 29 February, 1 March of a common year (A4).
 */
export function birthdayAt(birthDate: CalendarDate, years: number): CalendarDate {
  const year = Number(birthDate.slice(0, 4)) + years;
  const monthDay = birthDate.slice(5) === '02-29' && !isLeap(year) ? '03-01' : birthDate.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}` as CalendarDate;
}

/** The day after `date`: the first day a VSAC exit (A3) or the end of a service's DI compensation (E3) counts. */
export function dayAfter(date: CalendarDate): CalendarDate {
  return plusDays(date, 1);
}

/** Where a period lies against a boundary day: its last day most often, the day before it, its first day, or the day after it. */
export type Placement = 'endsOn' | 'endsTheDayBefore' | 'startsOn' | 'startsTheDayAfter';

/** A period of 1 to `maxDays` days placed at `day`; its placement says where. */
export function periodAt(day: CalendarDate, maxDays = 60): fc.Arbitrary<Period & { placement: Placement }> {
  const placement = fc.oneof(
    { weight: 4, arbitrary: fc.constant<Placement>('endsOn') },
    { weight: 1, arbitrary: fc.constantFrom<Placement>('endsTheDayBefore', 'startsOn', 'startsTheDayAfter') },
  );
  const periods: Record<Placement, (length: number) => Period> = {
    endsOn: (length) => ({ from: plusDays(day, -length), to: day }),
    endsTheDayBefore: (length) => ({ from: plusDays(day, -1 - length), to: plusDays(day, -1) }),
    startsOn: (length) => ({ from: day, to: plusDays(day, length) }),
    startsTheDayAfter: (length) => ({ from: plusDays(day, 1), to: plusDays(day, 1 + length) }),
  };
  return fc.tuple(placement, fc.integer({ min: 0, max: maxDays - 1 })).map(([where, length]) => ({ ...periods[where](length), placement: where }));
}

/**
 * A birth date (or any date an age counts from) whose anniversary of `years` falls on a day of `days`, births on
 * 29 February among them often; with that anniversary, the boundary day.
 */
export function reachingAge(years: number, days: Period): fc.Arbitrary<{ from: CalendarDate; birthday: CalendarDate }> {
  const first = Number(days.from.slice(0, 4)) - years;
  const last = Number(days.to.slice(0, 4)) - years;
  const leapYears = Array.from({ length: last - first + 1 }, (_, index) => first + index).filter(isLeap);
  const leapBirths = leapYears.map((year) => `${String(year).padStart(4, '0')}-02-29` as CalendarDate);
  const shifted = (date: CalendarDate): CalendarDate => `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}` as CalendarDate;
  const anyBirth = dateBetween(days.from, days.to)
    .filter((date) => date.slice(5) !== '02-29')
    .map(shifted);
  const births = leapBirths.length > 0 ? fc.oneof({ weight: 5, arbitrary: anyBirth }, { weight: 1, arbitrary: fc.constantFrom(...leapBirths) }) : anyBirth;
  return births.map((from) => ({ from, birthday: birthdayAt(from, years) })).filter(({ birthday }) => birthday >= days.from && birthday <= days.to);
}

/**
 * A line of days that runs past `period`: it starts before it, ends after it, or both, and has at least one day in it.
 * `before` and `after` are its days outside the period on each side.
 */
export function lineRunningPast(period: Period, maxOutside = 45): fc.Arbitrary<Period & { before: number; after: number }> {
  const periodDays = dayNumber(period.to) - dayNumber(period.from) + 1;
  const outside = fc.integer({ min: 1, max: maxOutside });
  const inside = fc.integer({ min: 0, max: periodDays - 1 });
  return fc.oneof(
    fc.tuple(outside, inside).map(([before, last]) => ({ before, after: 0, from: plusDays(period.from, -before), to: plusDays(period.from, last) })),
    fc.tuple(inside, outside).map(([first, after]) => ({ before: 0, after, from: plusDays(period.from, first), to: plusDays(period.to, after) })),
    fc.tuple(outside, outside).map(([before, after]) => ({ before, after, from: plusDays(period.from, -before), to: plusDays(period.to, after) })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The SYNTHETIC programme of test/fixtures/every-operator.

const SYNTHETIC_RESIDENCES = ['own_home', 'social_house', 'group_home', 'family', 'guardian', 'foster_family', 'institution'] as const;
const SYNTHETIC_SERVICES = [
  'home_care',
  'day_care_centre',
  'group_home',
  'specialist_consultation',
  'respite',
  'family_assistant',
  'assistant',
  'other',
] as const;

/** A date `years` whole years before `date` (29 February from 28 February of a common year). */
function yearsBefore(date: CalendarDate, years: number): CalendarDate {
  const year = Number(date.slice(0, 4)) - years;
  const monthDay = date.slice(5) === '02-29' && !isLeap(year) ? '02-28' : date.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}` as CalendarDate;
}

/**
 * A person, their services and tags for the synthetic programme, evaluated on `date`: dates fall on that day, the
 * days either side of it and the version's own literal and parameter dates often, so that every date comparison meets
 * both of its sides and its equality; ages and years since the plan are small numbers often, and exact anniversaries.
 */
export function everyOperatorCase(date: CalendarDate) {
  const nearDate = fc.oneof(
    fc.constantFrom(plusDays(date, -1), date, plusDays(date, 1)),
    fc.constantFrom('2020-06-14', '2020-06-15', '2020-06-16', '2020-06-30', '2020-07-01', '2020-07-02') as fc.Arbitrary<CalendarDate>,
    dateBetween('2019-01-01', '2022-12-31'),
  );
  return fc.record({
    person: fc.record({
      birthDate: fc.oneof(
        fc.integer({ min: 0, max: 20 * 366 }).map((days) => plusDays(date, -days)),
        fc.integer({ min: 16, max: 19 }).map((years) => yearsBefore(date, years)),
      ),
      conditions: fc.array(
        fc.record({
          type: fc.constantFrom('mental_disorder', 'developmental_disorder', 'blindness', 'dementia'),
          severity: fc.constantFrom('mild', 'moderate', 'severe', 'very_severe'),
        }),
        { maxLength: 3 },
      ),
      disabilityGroup: fc.constantFrom('I', 'II', 'III', 'child', null),
      careLevel: fc.constantFrom(1, 2, 3, 4, null),
      vsacExit: fc.option(fc.record({ date: nearDate, service: fc.constantFrom('institutional_care', 'group_home') }), { nil: null }),
      receivedDiServices: fc.boolean(),
      residence: fc.constantFrom(...SYNTHETIC_RESIDENCES),
      supportPlanDate: fc.option(
        fc.oneof(
          nearDate,
          fc.integer({ min: 0, max: 6 }).map((years) => yearsBefore(date, years)),
        ),
        { nil: null },
      ),
      diServicesStartedOn: fc.option(nearDate, { nil: null }),
    }),
    services: fc.array(
      fc.record({
        type: fc.constantFrom(...SYNTHETIC_SERVICES),
        inPlan: fc.boolean(),
        funding: fc.constantFrom('municipality', 'state', 'state_cofunded', 'ngo'),
        diCompensatedUntil: fc.option(nearDate, { nil: null }),
      }),
      { maxLength: 3 },
    ),
    tags: fc.array(fc.constantFrom('urgent', 'family', 'own_home', 'group_home', 'I', 'II', 'other'), { maxLength: 4 }),
  });
}
