// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { el, newId } from './element.js';
import { checkboxField, dateField, inputField, selectField } from './form-controls.js';
import { put, putAttribute } from './language.js';

/**
 * A list of like lines — a person's conditions, the services in their plan, cost or delivery lines — each a
 * fieldset of labelled controls. Lines can be added and removed; paths are renumbered so /costs/1/amount is always
 * the second line on screen.
 */

/** @typedef {import('./language.js').Localised} Localised */
/** @typedef {import('./form-controls.js').Choice} Choice */
/**
 * @typedef {object} Column
 * @property {string} field
 * @property {Localised} label
 * @property {'select' | 'date' | 'money' | 'units' | 'checkbox' | 'text'} input
 * @property {Choice[]} [choices]
 * @property {Localised | null} [empty] the select's empty choice (left out of the line); null: none
 * @property {Localised} [help]
 * @property {boolean} [required]
 */
/**
 * @typedef {object} LineEditorOptions
 * @property {string} path
 * @property {Localised} legend
 * @property {Localised} [help]
 * @property {boolean} [required]
 * @property {(number: number) => Localised} lineLegend
 * @property {Localised} addLabel
 * @property {Column[]} columns
 * @property {Array<Record<string, unknown>>} [lines] lines shown at first
 */
/**
 * @typedef {object} Line
 * @property {HTMLLIElement} item
 * @property {HTMLFieldSetElement} fieldset
 * @property {HTMLElement} legend
 * @property {HTMLButtonElement} remove
 * @property {Array<{ column: Column, control: HTMLInputElement | HTMLSelectElement }>} controls
 */

/** @param {Column} column @param {string} path */
function columnControl(column, path) {
  const options = { path, label: column.label, help: column.help, required: column.required };
  switch (column.input) {
    case 'select':
      return selectField({ ...options, choices: column.choices ?? [], empty: column.empty === undefined ? WORDS.choose : column.empty });
    case 'date':
      return dateField(options);
    case 'checkbox':
      return checkboxField(options);
    case 'money':
      return inputField({ ...options, inputmode: 'decimal', placeholder: '0.00' });
    case 'units':
      return inputField({ ...options, inputmode: 'decimal' });
    default:
      return inputField(options);
  }
}

/** @param {HTMLInputElement | HTMLSelectElement} control @param {unknown} value */
function setValue(control, value) {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = value === true;
  else if (value !== undefined) control.value = value === null ? 'null' : String(value);
}

/** @param {Column} column @param {HTMLInputElement | HTMLSelectElement} control @returns {unknown} undefined when empty */
function readValue(column, control) {
  if (column.input === 'checkbox' && control instanceof HTMLInputElement) return control.checked;
  const value = control.value.trim();
  if (value === '') return undefined;
  if (column.input === 'select' && value === 'null') return null;
  return value;
}

/** @param {LineEditorOptions} options */
export function lineEditor(options) {
  /** @type {Line[]} */
  const lines = [];
  const list = el('ol', { class: 'lines' });
  const help = options.help ? el('p', { class: 'help', text: options.help, attributes: { id: newId('lines-help') } }) : null;

  const renumber = () => {
    lines.forEach((line, index) => {
      const words = options.lineLegend(index + 1);
      put(line.legend, words);
      line.fieldset.dataset.path = `${options.path}/${index}`;
      for (const { column, control } of line.controls) control.dataset.path = `${options.path}/${index}/${column.field}`;
      putAttribute(line.remove, 'aria-label', PHRASES.removeWhat(words));
    });
  };

  /** @param {Record<string, unknown>} values */
  const addLine = (values) => {
    const controls = options.columns.map((column) => {
      const built = columnControl(column, '');
      setValue(built.control, values[column.field] ?? (column.input === 'checkbox' ? false : undefined));
      return { column, control: built.control, element: built.element };
    });
    const legend = el('span');
    const remove = el('button', { class: 'secondary remove', attributes: { type: 'button' }, text: WORDS.remove });
    const fieldset = el('fieldset', { class: 'line' }, el('legend', {}, legend), el('div', { class: 'field-errors' }), el('div', { class: 'line-fields' }, controls.map((control) => control.element)), remove);
    const item = el('li', {}, fieldset);
    /** @type {Line} */
    const line = { item, fieldset, legend, remove, controls: controls.map(({ column, control }) => ({ column, control })) };
    remove.addEventListener('click', () => {
      const index = lines.indexOf(line);
      lines.splice(index, 1);
      item.remove();
      renumber();
      // Keep the keyboard user where they were: on the next line's first control, or on "add".
      const next = lines[index] ?? lines[index - 1];
      (next?.controls[0]?.control ?? add).focus();
    });
    lines.push(line);
    list.append(item);
    renumber();
    return line;
  };

  const add = el('button', { class: 'secondary', attributes: { type: 'button' }, text: options.addLabel });
  add.addEventListener('click', () => addLine({}).controls[0]?.control.focus());

  const element = el(
    'fieldset',
    { class: 'line-editor', attributes: { 'data-path': options.path, 'aria-describedby': help?.id } },
    el('legend', {}, el('span', { text: options.legend }), options.required ? [' ', el('span', { class: 'required-mark', text: WORDS.required })] : null),
    help,
    el('div', { class: 'field-errors' }),
    list,
    add,
  );
  for (const values of options.lines ?? [{}]) addLine(values);

  /** The lines as the request carries them; an empty control leaves its field out, for the service to judge. */
  const read = () =>
    lines.map((line) => {
      /** @type {Record<string, unknown>} */
      const values = {};
      for (const { column, control } of line.controls) {
        const value = readValue(column, control);
        if (value !== undefined) values[column.field] = value;
      }
      return values;
    });

  return { element, read };
}
