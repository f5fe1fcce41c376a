// @ts-check
/**
 * The page speaks Latvian by default and English on a switch. Every element that shows words keeps both texts
 * (data-lv / data-en), so switching relabels the page in place: what a caseworker typed and the answers shown stay.
 */

import { dateForTyping, typedDate } from './typed-values.js';

/** @typedef {'lv' | 'en'} Language */
/** @typedef {{ lv: string, en: string }} Localised */

const STORAGE_KEY = 'sbsp-rules.language';
const ATTRIBUTES_KEY = 'i18nAttributes';

/** @returns {Language} */
function storedLanguage() {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'lv';
  } catch {
    // Storage may be switched off (private mode, policy): the page still works, it only forgets the choice.
    return 'lv';
  }
}

/** @type {Language} */
let current = storedLanguage();

/** @returns {Language} */
export function language() {
  return current;
}

/** The same words in both languages, for names, numbers and ids that need no translation. */
/** @param {string} text @returns {Localised} */
export function same(text) {
  return { lv: text, en: text };
}

/** Shows text in the current language and remembers both, for the switch. */
/** @param {HTMLElement} node @param {Localised} text */
export function put(node, text) {
  node.dataset.lv = text.lv;
  node.dataset.en = text.en;
  node.textContent = text[current];
}

/** Like put, for an attribute such as aria-label or placeholder. */
/** @param {HTMLElement} node @param {string} name @param {Localised} text */
export function putAttribute(node, name, text) {
  /** @type {Record<string, Localised>} */
  const attributes = JSON.parse(node.dataset[ATTRIBUTES_KEY] ?? '{}');
  attributes[name] = text;
  node.dataset[ATTRIBUTES_KEY] = JSON.stringify(attributes);
  node.setAttribute(name, text[current]);
}

/** @param {ParentNode} root */
function relabel(root) {
  for (const node of root.querySelectorAll('[data-lv]')) {
    if (node instanceof HTMLElement) node.textContent = node.dataset[current] ?? node.textContent;
  }
  for (const node of root.querySelectorAll('[data-i18n-attributes]')) {
    if (!(node instanceof HTMLElement)) continue;
    /** @type {Record<string, Localised>} */
    const attributes = JSON.parse(node.dataset[ATTRIBUTES_KEY] ?? '{}');
    for (const [name, text] of Object.entries(attributes)) node.setAttribute(name, text[current]);
  }
  // A date typed on the page is shown as the new language types it (15.03.2024 ↔ 15/03/2024), its day unchanged.
  for (const node of root.querySelectorAll('input[data-kind="date"]')) {
    if (node instanceof HTMLInputElement) node.value = dateForTyping(typedDate(node.value), current);
  }
}

/** @param {Language} next */
export function setLanguage(next) {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // See storedLanguage: not remembering is acceptable.
  }
  document.documentElement.lang = next;
  relabel(document);
}
