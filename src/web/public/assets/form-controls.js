// @ts-check
import { WORDS } from './dictionary.js';
import { el, newId } from './element.js';

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

/** @param {Localised} label @param {boolean | undefined} required */
function labelWords(label, required) {
  return [el('span', { text: label }), required ? [' ', el('span', { class: 'required-mark', text: WORDS.required })] : null];
}

/**
 * @param {FieldOptions} options
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
    el('label', { attributes: { for: id } }, labelWords(options.label, options.required)),
    help,
    el('div', { class: 'field-errors' }),
    control,
  );
}

/** @param {FieldOptions & { type?: string, inputmode?: string, placeholder?: string }} options */
export function inputField(options) {
  const input = el('input', {
    attributes: { type: options.type ?? 'text', inputmode: options.inputmode, autocomplete: 'off', placeholder: options.placeholder, spellcheck: 'false' },
  });
  return { element: wrap(options, input), control: input };
}

/** @param {FieldOptions} options */
export function dateField(options) {
  return inputField({ ...options, type: 'date' });
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
    { class: 'field radios', attributes: { 'data-path': options.path, 'aria-describedby': help?.id, 'aria-required': options.required ? 'true' : null } },
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
