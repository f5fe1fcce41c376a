// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { el, newId } from './element.js';
import { checkboxField, controlValue, dateField, decimalField, inputField, selectField, tidyDate } from './form-controls.js';
import { put, putAttribute } from './language.js';

/**
 * A list of like lines — a person's conditions, the services in their plan, cost or delivery lines — each a
 * fieldset of labelled controls. Lines can be added and removed; paths are renumbered so /costs/1/amount is always
 * the second line on screen. A column's field may name a field of an object in the line ("evidence/personSigned"),
 * and columns may be folded in groups (a remote line's evidence).
 */

/** @typedef {import('./language.js').Localised} Localised */
/** @typedef {import('./form-controls.js').Choice} Choice */
/**
 * @typedef {object} Column
 * @property {string} field
 * @property {Localised} label
 * @property {'select' | 'yesNo' | 'date' | 'money' | 'units' | 'checkbox' | 'text'} input yesNo: a required yes or no, chosen on
 *   every line (no answer is given for the caseworker: one left open is named, never read as no)
 * @property {Choice[]} [choices]
 * @property {Localised | null} [empty] the select's empty choice (left out of the line); null: none
 * @property {Localised} [help]
 * @property {boolean} [required]
 * @property {boolean} [omitFalse] a checkbox left unticked leaves its field out (evidence: false unless sent)
 * @property {string} [group] the id of the line group (LineEditorOptions.groups) the control is shown in
 */
/**
 * @typedef {object} LineGroup
 * @property {string} id
 * @property {Localised} legend
 * @property {Localised} [help]
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
 * @property {LineGroup[]} [groups] groups of a line's less used controls, folded under their legend
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
    case 'yesNo':
      return selectField({
        ...options,
        choices: [
          { value: 'true', label: WORDS.yes },
          { value: 'false', label: WORDS.no },
        ],
      });
    case 'date':
      return dateField(options);
    case 'checkbox':
      return checkboxField(options);
    case 'money':
      return decimalField({ ...options, placeholder: { lv: '0,00', en: '0.00' } });
    case 'units':
      return decimalField(options);
    default:
      return inputField(options);
  }
}

/** @param {HTMLInputElement | HTMLSelectElement} control @param {unknown} value */
function setValue(control, value) {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = value === true;
  else if (value !== undefined) control.value = value === null ? 'null' : String(value);
  if (control instanceof HTMLInputElement && control.dataset.kind === 'date') tidyDate(control);
}

/** @param {Column} column @param {HTMLInputElement | HTMLSelectElement} control @returns {unknown} undefined when empty */
function readValue(column, control) {
  if (column.input === 'checkbox' && control instanceof HTMLInputElement) {
    if (control.checked) return true;
    return column.omitFalse ? undefined : false;
  }
  const value = controlValue(control);
  if (value === '') return undefined;
  if (column.input === 'yesNo') return value === 'true';
  if (column.input === 'select' && value === 'null') return null;
  return value;
}

/** A field of a line by its path ("evidence/personSigned"). @param {Record<string, unknown>} values @param {string} field */
function fieldValue(values, field) {
  /** @type {unknown} */
  let found = values;
  for (const part of field.split('/')) found = found && typeof found === 'object' ? /** @type {Record<string, unknown>} */ (found)[part] : undefined;
  return found;
}

/** @param {Record<string, unknown>} values @param {string} field @param {unknown} value */
function setFieldValue(values, field, value) {
  const parts = field.split('/');
  const last = /** @type {string} */ (parts.pop());
  let holder = values;
  for (const part of parts) {
    const next = holder[part];
    if (next && typeof next === 'object') {
      holder = /** @type {Record<string, unknown>} */ (next);
    } else {
      /** @type {Record<string, unknown>} */
      const created = {};
      holder[part] = created;
      holder = created;
    }
  }
  holder[last] = value;
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
      setValue(built.control, fieldValue(values, column.field) ?? (column.input === 'checkbox' ? false : undefined));
      return { column, control: built.control, element: built.element };
    });
    const legend = el('span');
    const remove = el('button', { class: 'secondary remove', attributes: { type: 'button' }, text: WORDS.remove });
    const ungrouped = controls.filter(({ column }) => !column.group);
    // A group folds its controls; the fieldset inside names them for a screen reader as the summary does on screen.
    const groups = (options.groups ?? []).map((group) => {
      const members = controls.filter(({ column }) => column.group === group.id);
      if (members.length === 0) return null;
      const help = group.help ? el('p', { class: 'help', text: group.help, attributes: { id: newId('group-help') } }) : null;
      return el(
        'details',
        { class: 'line-group', attributes: { 'data-group': group.id } },
        el('summary', { text: group.legend }),
        el(
          'fieldset',
          { class: 'line-group-fields', attributes: { 'aria-describedby': help?.id } },
          el('legend', { class: 'visually-hidden', text: group.legend }),
          help,
          el(
            'div',
            { class: 'line-fields' },
            members.map((control) => control.element),
          ),
        ),
      );
    });
    const fieldset = el(
      'fieldset',
      { class: 'line' },
      el('legend', {}, legend),
      el('div', { class: 'field-errors' }),
      el(
        'div',
        { class: 'line-fields' },
        ungrouped.map((control) => control.element),
      ),
      groups,
      remove,
    );
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

  /** Shows these lines instead of the ones on screen (the person's, carried from the other tool); none leaves one empty line. */
  /** @param {Array<Record<string, unknown>>} values */
  const write = (values) => {
    for (const line of lines.splice(0)) line.item.remove();
    for (const line of values.length > 0 ? values : [{}]) addLine(line);
  };

  /** The lines as the request carries them; an empty control leaves its field out, for the service to judge. */
  const read = () =>
    lines.map((line) => {
      /** @type {Record<string, unknown>} */
      const values = {};
      for (const { column, control } of line.controls) {
        const value = readValue(column, control);
        if (value !== undefined) setFieldValue(values, column.field, value);
      }
      return values;
    });

  return { element, read, write };
}
