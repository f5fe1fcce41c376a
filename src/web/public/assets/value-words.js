// @ts-check
import { WORDS } from './dictionary.js';
import { dateWords, decimalWords, isIsoDate } from './display-formats.js';
import { FACT_PART_WORDS } from './fact-words.js';
import { same } from './language.js';
import { valueLabel } from './value-labels.js';

/**
 * Any value a rule, a parameter or an explanation holds, in words: dates as dates, contract values by their names,
 * lists and item patterns ({ type: [mental_disorder], severity: [severe, very_severe] }) spelt out.
 */

/** @typedef {import('./language.js').Localised} Localised */

/** @param {Localised[]} parts @param {string | Localised} separator */
export function joinWords(parts, separator = ', ') {
  const between = typeof separator === 'string' ? { lv: separator, en: separator } : separator;
  return { lv: parts.map((part) => part.lv).join(between.lv), en: parts.map((part) => part.en).join(between.en) };
}

/**
 * @param {unknown} value
 * @param {string} [field] the fact or field the value belongs to, to pick its vocabulary
 * @returns {Localised}
 */
export function valueWords(value, field) {
  if (value === null || value === undefined) return WORDS.nothing;
  if (typeof value === 'boolean') return value ? WORDS.yes : WORDS.no;
  if (typeof value === 'number') return decimalWords(value);
  if (isIsoDate(value)) return dateWords(value);
  if (typeof value === 'string') return valueLabel(value, field) ?? same(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return WORDS.emptyList;
    return joinWords(
      value.map((item) => valueWords(item, field)),
      value.some((item) => typeof item === 'object' && item !== null) ? '; ' : ', ',
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return joinWords(
      entries.map(([key, part]) => {
        const name = (field ? FACT_PART_WORDS[`${field}.${key}`]?.label : undefined) ?? same(key);
        // An item pattern lists the values a field may have; { notIn: [...] } the ones it may not.
        if (key === 'notIn') return { lv: `nav neviens no: ${valueWords(part, field).lv}`, en: `none of: ${valueWords(part, field).en}` };
        const words = Array.isArray(part)
          ? joinWords(
              part.map((item) => valueWords(item, field ? `${field}.${key}` : key)),
              WORDS.orWord,
            )
          : valueWords(part, field ? `${field}.${key}` : key);
        return { lv: `${name.lv}: ${words.lv}`, en: `${name.en}: ${words.en}` };
      }),
      '; ',
    );
  }
  return same(String(value));
}
