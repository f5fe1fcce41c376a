// @ts-check
/**
 * What a caseworker types, read as the API wants it. Dates are typed day first, as the page shows them
 * (15.03.2024 in Latvian, 15/03/2024 in English; an ISO date 2024-03-15 pasted from another system is read too), and
 * sent as ISO dates; money and units are typed with a decimal comma or point (620,00 or 620.00, spaces between
 * thousands, a euro sign) and sent with a point. Text that is not one of these is sent as typed: the service judges
 * it and names the problem at its field, with every other problem of the request.
 */

/** @typedef {import('./language.js').Language} Language */

const DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** How a date is typed in each language, for the field's hint. @type {Record<Language, string>} */
export const DATE_PATTERN = { lv: 'dd.mm.gggg', en: 'dd/mm/yyyy' };

/**
 * A typed date as an ISO date (2024-03-15), or the text as typed when it is not a date the page can read; an
 * impossible day (31.02.2024) becomes 2024-02-31 for the service to refuse as "not a real date".
 * @param {string} text
 * @returns {string}
 */
export function typedDate(text) {
  const trimmed = text.trim();
  const dayFirst = DAY_FIRST.exec(trimmed);
  if (dayFirst) {
    const [, day = '', month = '', year = ''] = dayFirst;
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  const iso = ISO.exec(trimmed);
  if (iso) {
    const [, year = '', month = '', day = ''] = iso;
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return trimmed;
}

/**
 * An ISO date as it is typed in a language: 15.03.2024 (lv), 15/03/2024 (en). Anything else is left as it is.
 * @param {string} iso
 * @param {Language} language
 * @returns {string}
 */
export function dateForTyping(iso, language) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return language === 'en' ? `${day}/${month}/${year}` : `${day}.${month}.${year}`;
}

/**
 * A typed amount or number of units as the API writes it: "1 234,50 €" → "1234.50", "620,00" → "620.00",
 * "21,5" → "21.5". Text with more than one decimal mark, or anything else, is sent as typed.
 * @param {string} text
 * @returns {string}
 */
export function typedDecimal(text) {
  const bare = text
    .trim()
    .replace(/^€\s*|\s*(€|EUR|eur)$/g, '')
    .replace(/[\s\u00a0\u202f]/g, '');
  return /^\d+([.,]\d+)?$/.test(bare) ? bare.replace(',', '.') : text.trim();
}
