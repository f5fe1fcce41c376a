// @ts-check
import { el } from './element.js';

/** @typedef {import('./language.js').Localised} Localised */

/**
 * A table named by its caption for screen readers (on screen, the heading above it names it). Wide tables scroll on
 * small screens; the region can take focus so a keyboard can scroll it too.
 * @param {Localised} caption
 * @param {Localised[]} headings
 * @param {HTMLElement[]} rows
 * @returns {HTMLDivElement}
 */
export function dataTable(caption, headings, rows) {
  return el(
    'div',
    { class: 'table-scroll', attributes: { tabindex: '0', role: 'region' }, labels: { 'aria-label': caption } },
    el(
      'table',
      {},
      el('caption', { class: 'visually-hidden', text: caption }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          headings.map((heading) => el('th', { attributes: { scope: 'col' }, text: heading })),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
}
