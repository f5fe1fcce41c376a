import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { parseCalendarDate } from '../calendar/calendar-date.js';

/**
 * The string formats the schemas may name. The schema compiler checks against them and the generated validators
 * import them from here at run time, so both read dates with the service's own parser.
 */
export const schemaFormats = {
  date: fullFormats.date,
  // A calendar date as the service reads it: YYYY-MM-DD, a real day, years 0001–9999.
  'calendar-date': { type: 'string', validate: (text: string) => parseCalendarDate(text) !== null },
} satisfies Record<string, Format>;
