// @ts-check
import { put, putAttribute } from './language.js';

/** @typedef {import('./language.js').Localised} Localised */
/** @typedef {Node | string | number | Localised | null | undefined | false | Child[]} Child */
/**
 * @typedef {object} Properties
 * @property {string} [class]
 * @property {Localised} [text] words in both languages (shown in the current one)
 * @property {Record<string, Localised>} [labels] attributes in both languages (aria-label, placeholder …)
 * @property {Record<string, (event: Event) => void>} [on]
 * @property {Record<string, string | number | boolean | null | undefined>} [attributes]
 */

let nextId = 0;

/** A unique id for label/for, aria-describedby and error links. */
/** @param {string} prefix @returns {string} */
export function newId(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** @param {unknown} value @returns {value is Localised} */
function isLocalised(value) {
  return typeof value === 'object' && value !== null && !(value instanceof Node) && !Array.isArray(value) && 'lv' in value && 'en' in value;
}

/** @param {HTMLElement} parent @param {Child} child */
function append(parent, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const item of child) append(parent, item);
  } else if (child instanceof Node) {
    parent.append(child);
  } else if (isLocalised(child)) {
    const span = document.createElement('span');
    put(span, child);
    parent.append(span);
  } else {
    parent.append(String(child));
  }
}

/**
 * An element with its attributes and children; a child in both languages becomes a span that follows the switch.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Properties} [properties]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  if (properties.class) node.className = properties.class;
  for (const [name, value] of Object.entries(properties.attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, text] of Object.entries(properties.labels ?? {})) putAttribute(node, name, text);
  for (const [name, handler] of Object.entries(properties.on ?? {})) node.addEventListener(name, handler);
  if (properties.text) put(node, properties.text);
  for (const child of children) append(node, child);
  return node;
}
