// @ts-check
import { WORDS } from './dictionary.js';
import { el } from './element.js';
import { selectField } from './form-controls.js';
import { put, same } from './language.js';

/**
 * The programme a question is about, with its description under the choice. The programmes offered come from
 * GET /v1/programmes, so a new programme appears here without a change to the page.
 */

/**
 * @param {{ programmes: any[], help?: import('./language.js').Localised }} options
 */
export function programmePicker(options) {
  const field = selectField({
    path: '/programme',
    label: WORDS.programmeLabel,
    help: options.help,
    required: true,
    choices: options.programmes.map((programme) => ({ value: programme.id, label: programme.title ?? same(programme.id) })),
    empty: null,
  });
  const description = el('p', { class: 'programme-description', attributes: { 'aria-live': 'polite' } });
  const describe = () => {
    const chosen = options.programmes.find((programme) => programme.id === field.control.value);
    put(description, chosen?.description ?? same(''));
  };
  field.control.addEventListener('change', describe);
  describe();
  const element = el('fieldset', { class: 'group' }, el('legend', { text: WORDS.programmeLegend }), field.element, description);
  /** Whether a programme is among those offered. @param {string} id */
  const offers = (id) => options.programmes.some((programme) => programme.id === id);
  return { element, control: field.control, offers };
}
