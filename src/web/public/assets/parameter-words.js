// @ts-check
import { decimalWords, moneyWords } from './display-formats.js';
import { same } from './language.js';
import { valueWords } from './value-words.js';

/** @typedef {import('./language.js').Localised} Localised */

/**
 * The fact each parameter is compared with in a version's conditions (adultResidences → residence), so its values
 * are named in that fact's words: group_home is a group home as a residence, not the VSAC-run one.
 * @param {any} version
 * @param {import('./checklist.js').RuleContext} context
 * @returns {Map<string, string>}
 */
export function parameterFields(version, context) {
  /** @type {Map<string, string>} */
  const fields = new Map();
  /** @param {any} node */
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node.fact === 'string' && node.value?.param && !fields.has(node.value.param))
      fields.set(node.value.param, context.fieldOf.get(node.fact) ?? node.fact);
    for (const child of Object.values(node)) walk(child);
  };
  walk(version.rules);
  walk(version.conditions);
  walk(version.compensation?.lineRules);
  return fields;
}

/** A parameter's value in words by its type: money as euros, dates as dates, lists item by item. */
/** @param {any} parameter { type, value } @param {string} [field] the fact it is compared with @returns {Localised} */
export function parameterValueWords(parameter, field) {
  if (!parameter) return same('—');
  if (parameter.type === 'money' && typeof parameter.value === 'string') return moneyWords(parameter.value);
  if (parameter.type === 'decimal' && typeof parameter.value === 'string') return decimalWords(parameter.value);
  return valueWords(parameter.value, field);
}
