// @ts-check
import { WORDS } from './dictionary.js';
import { el, newId } from './element.js';
import { language, putAttribute } from './language.js';
import { DATE_PATTERN, dateForTyping, typedDate, typedDecimal } from './typed-values.js';

/**
 * Labelled form controls. Each carries the JSON path of the request value it fills (data-path), so a problem the
 * service reports at that path is shown next to it; help is tied to the control with aria-describedby.
 */

/** @typedef {import('./language.js').Localised} Localised */
/** @typedef {{ value: string, label: Localised }} Choice */
/**
 * @typedef {object} FieldOptions
 * @property {string} path JSON path of the value in the request body
 * @property {Localised} label
 * @property {Localised} [help]
 * @property {boolean} [required]
 */

/** @param {Localised} label @param {boolean | undefined} required @param {Localised} [format] how the value is typed */
function labelWords(label, required, format) {
  return [
    el('span', { text: label }),
    required ? [' ', el('span', { class: 'required-mark', text: WORDS.required })] : null,
    format ? [' ', el('span', { class: 'format-hint', text: format })] : null,
  ];
}

/**
 * @param {FieldOptions & { format?: Localised }} options
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} control
 * @returns {HTMLDivElement}
 */
function wrap(options, control) {
  const id = control.id || newId('field');
  control.id = id;
  control.dataset.path = options.path;
  const help = options.help ? el('p', { class: 'help', text: options.help, attributes: { id: `${id}-help` } }) : null;
  if (help) control.setAttribute('aria-describedby', help.id);
  if (options.required) control.setAttribute('aria-required', 'true');
  return el(
    'div',
    { class: 'field' },
    el('label', { attributes: { for: id } }, labelWords(options.label, options.required, options.format)),
    help,
    el('div', { class: 'field-errors' }),
    control,
  );
}

/**
 * The value of a control as the request carries it: a date typed day first as an ISO date, an amount typed with a
 * decimal comma with a point; other controls as they are. Empty is ''.
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} control
 * @returns {string}
 */
export function controlValue(control) {
  const value = control.value.trim();
  if (value === '') return '';
  if (control.dataset.kind === 'date') return typedDate(value);
  if (control.dataset.kind === 'decimal') return typedDecimal(value);
  return value;
}

/** Shows a date typed in any form the page reads in the form of the page's language (2024-03-15 → 15.03.2024). */
/** @param {HTMLInputElement} input */
export function tidyDate(input) {
  const iso = typedDate(input.value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) input.value = dateForTyping(iso, language());
}

/** @param {FieldOptions & { type?: string, inputmode?: string, placeholder?: string }} options */
export function inputField(options) {
  const input = el('input', {
    attributes: { type: options.type ?? 'text', inputmode: options.inputmode, autocomplete: 'off', placeholder: options.placeholder, spellcheck: 'false' },
  });
  return { element: wrap(options, input), control: input };
}

/** How a date is typed, in words for the label. @type {Localised} */
const DATE_FORMAT = { lv: `(${DATE_PATTERN.lv})`, en: `(${DATE_PATTERN.en})` };

/**
 * A date typed day first in the page's language (dd.mm.gggg, dd/mm/yyyy), never in the browser's own date control,
 * whose order follows the browser's locale (mm/dd/yyyy in many), not the page's.
 * @param {FieldOptions} options
 */
export function dateField(options) {
  const input = el('input', { attributes: { type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', 'data-kind': 'date' } });
  putAttribute(input, 'placeholder', { lv: DATE_PATTERN.lv, en: DATE_PATTERN.en });
  input.addEventListener('change', () => tidyDate(input));
  return { element: wrap({ ...options, format: DATE_FORMAT }, input), control: input };
}

/** An amount in euros or a number of units, typed with a decimal comma or point. @param {FieldOptions & { placeholder?: Localised }} options */
export function decimalField(options) {
  const input = el('input', { attributes: { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', 'data-kind': 'decimal' } });
  if (options.placeholder) putAttribute(input, 'placeholder', options.placeholder);
  return { element: wrap(options, input), control: input };
}

/** @param {Choice[]} choices @param {Localised | null} empty */
function optionElements(choices, empty) {
  return [
    empty ? el('option', { attributes: { value: '' }, text: empty }) : null,
    ...choices.map((choice) => el('option', { attributes: { value: choice.value }, text: choice.label })),
  ];
}

/** @param {FieldOptions & { choices: Choice[], empty?: Localised | null }} options */
export function selectField(options) {
  const select = el('select', {}, optionElements(options.choices, options.empty === undefined ? WORDS.choose : options.empty));
  return { element: wrap(options, select), control: select };
}

/** @param {FieldOptions & { rows?: number }} options */
export function textareaField(options) {
  const textarea = el('textarea', { attributes: { rows: options.rows ?? 4, spellcheck: 'false', autocomplete: 'off' } });
  return { element: wrap(options, textarea), control: textarea };
}

/** @param {FieldOptions & { checked?: boolean }} options */
export function checkboxField(options) {
  const input = el('input', { attributes: { type: 'checkbox' } });
  input.checked = options.checked ?? false;
  const id = newId('field');
  input.id = id;
  input.dataset.path = options.path;
  const help = options.help ? el('p', { class: 'help', text: options.help, attributes: { id: `${id}-help` } }) : null;
  if (help) input.setAttribute('aria-describedby', help.id);
  const element = el(
    'div',
    { class: 'field field--checkbox' },
    el('div', { class: 'field-errors' }),
    el('div', { class: 'checkbox' }, input, el('label', { attributes: { for: id } }, labelWords(options.label, false))),
    help,
  );
  return { element, control: input };
}

/**
 * A group of radio buttons in a fieldset whose legend is the question.
 * @param {FieldOptions & { choices: Choice[], checked?: string }} options
 * @returns {{ element: HTMLFieldSetElement, read: () => string | undefined, inputs: HTMLInputElement[] }}
 */
export function radioGroup(options) {
  const name = newId('choice');
  const help = options.help ? el('p', { class: 'help', text: options.help, attributes: { id: `${name}-help` } }) : null;
  const inputs = options.choices.map((choice) => {
    const input = el('input', { attributes: { type: 'radio', name, value: choice.value, id: `${name}-${choice.value}` } });
    input.checked = choice.value === options.checked;
    return input;
  });
  const element = el(
    'fieldset',
    // A fieldset is a group, which may not say it is required: as a radio group it may (aria-allowed-attr).
    {
      class: 'field radios',
      attributes: { role: 'radiogroup', 'data-path': options.path, 'aria-describedby': help?.id, 'aria-required': options.required ? 'true' : null },
    },
    el('legend', {}, labelWords(options.label, options.required)),
    help,
    el('div', { class: 'field-errors' }),
    el(
      'div',
      { class: 'radio-choices' },
      inputs.map((input, index) => el('div', { class: 'radio' }, input, el('label', { attributes: { for: input.id }, text: options.choices[index]?.label }))),
    ),
  );
  return { element, inputs, read: () => inputs.find((input) => input.checked)?.value };
}
