// @ts-check
/**
 * How dates, money and day counts read in each language. The API's values stay exact: dates are ISO calendar dates
 * and money is a decimal string; the page only reformats the text and never computes with floating point.
 */

/** @typedef {import('./language.js').Localised} Localised */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** @param {unknown} value @returns {value is string} */
export function isIsoDate(value) {
  return typeof value === 'string' && ISO_DATE.test(value);
}

/** 2024-03-15 → "15.03.2024." (lv), "15 Mar 2024" (en). @param {string} iso @returns {Localised} */
export function dateWords(iso) {
  const match = ISO_DATE.exec(iso);
  if (!match) return { lv: iso, en: iso };
  const [, year, month, day] = match;
  return { lv: `${day}.${month}.${year}.`, en: `${Number(day)} ${MONTHS_EN[Number(month) - 1]} ${year}` };
}

/**
 * An instant as a day and time in UTC, the clock decision searches count days by: 2024-07-01T08:05:09.123Z →
 * "01.07.2024. 08:05 UTC" (lv), "1 Jul 2024 08:05 UTC" (en). @param {string} iso @returns {Localised}
 */
export function instantWords(iso) {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return { lv: iso, en: iso };
  const day = dateWords(instant.toISOString().slice(0, 10));
  const time = `${instant.toISOString().slice(11, 16)} UTC`;
  return { lv: `${day.lv} ${time}`, en: `${day.en} ${time}` };
}

/** @param {string} from @param {string | null} to @returns {Localised} */
export function periodWords(from, to) {
  const start = dateWords(from);
  if (to === null) return { lv: `no ${start.lv}`, en: `from ${start.en}` };
  const end = dateWords(to);
  return { lv: `${start.lv}–${end.lv}`, en: `${start.en} – ${end.en}` };
}

/** A decimal number as written: "0.5" → "0,5" (lv), "0.5" (en). @param {string | number} value @returns {Localised} */
export function decimalWords(value) {
  const text = String(value);
  return { lv: text.replace('.', ','), en: text };
}

/** @param {string} digits @param {string} separator */
function groupThousands(digits, separator) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * A decimal string to cents, half-up, exact (BigInt, never a float): "12.345678" → "12.35", "100.5" → "100.50".
 * Money the service gives to cents is unchanged; a part of a calculation it gives more exactly (a month of the cap) is
 * shown to cents, as money is read.
 * @param {string} amount
 * @returns {string | null} null when it is not a decimal number
 */
export function toCents(amount) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const kept = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
  const cents = kept + ((fraction[2] ?? '0') >= '5' ? 1n : 0n);
  return `${sign && cents > 0n ? '-' : ''}${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/** "1234.50" → "1 234,50 €" (lv), "€1,234.50" (en), always to cents. @param {string} amount @returns {Localised} */
export function moneyWords(amount) {
  const cents = toCents(amount);
  if (cents === null) return { lv: amount, en: amount };
  const [, sign = '', whole = '0', fraction = '00'] = /^(-?)(\d+)\.(\d{2})$/.exec(cents) ?? [];
  return { lv: `${sign}${groupThousands(whole, '\u00a0')},${fraction}\u00a0€`, en: `${sign}€${groupThousands(whole, ',')}.${fraction}` };
}

/** Days in an inclusive run of ISO dates, counted in UTC so no clock or time zone can shift it. */
/** @param {string} from @param {string} to @returns {number} */
export function daysBetween(from, to) {
  const [a, b] = [from, to].map((iso) => {
    const [year, month, day] = iso.split('-').map(Number);
    return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1);
  });
  return Math.round(((b ?? 0) - (a ?? 0)) / 86_400_000) + 1;
}

/** An ISO date `days` later (earlier when negative), counted in UTC. @param {string} iso @param {number} days @returns {string} */
export function addDays(iso, days) {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

/** @param {number} count @returns {Localised} */
export function dayCount(count) {
  // Latvian: 1, 21, 31 … take the singular "diena"; 11 does not.
  const singular = count % 10 === 1 && count % 100 !== 11;
  return { lv: `${count} ${singular ? 'diena' : 'dienas'}`, en: `${count} ${count === 1 ? 'day' : 'days'}` };
}

/**
 * The sum of money strings, exact: each is read as whole cents (BigInt), never as a float.
 * @param {string[]} amounts
 * @returns {string}
 */
export function sumMoney(amounts) {
  let cents = 0n;
  for (const amount of amounts) {
    const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
    if (!match) continue;
    const [, sign, whole = '0', fraction = ''] = match;
    const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
    cents += sign === '-' ? -value : value;
  }
  const negative = cents < 0n;
  const absolute = negative ? -cents : cents;
  return `${negative ? '-' : ''}${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}`;
}
