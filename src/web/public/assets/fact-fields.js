// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { el, newId } from './element.js';
import { CONTRACT_FACTS, FACT_HELP, FACT_PART_WORDS } from './fact-words.js';
import { controlValue, dateField, inputField, radioGroup, selectField, textareaField, tidyDate } from './form-controls.js';
import { lineEditor } from './line-editor.js';
import { VALUE_LABELS, VOCABULARY_OF } from './value-labels.js';

/**
 * The person's facts and services as form fields, built from the programme's `facts` (GET /v1/programmes/{id}):
 * which facts, whether required, their titles and help all come from the rule files, so a new programme needs no
 * change here. The control for a fact follows the contract's vocabulary for its name, else its type.
 */

/** @typedef {import('./language.js').Localised} Localised */
/** @typedef {{ name: string, type: string, in: 'person' | 'request', required: boolean, title: Localised, help?: Localised }} Fact */
/** @typedef {{ path: string, message: Localised }} PageProblem */
/** @typedef {{ person: Record<string, unknown>, request: Record<string, unknown>, problems: PageProblem[] }} FactValues */
/** @typedef {(values: FactValues) => void} FactReader */
/** @typedef {(value: unknown) => void} FactWriter shows a value of the fact (carried from the other tool); undefined clears it */
/** @typedef {{ element: HTMLElement, read: FactReader, write: FactWriter }} FactField */

/** @param {string} vocabulary @returns {import('./form-controls.js').Choice[]} */
export function choicesOf(vocabulary) {
  return Object.entries(VALUE_LABELS[vocabulary] ?? {}).map(([value, label]) => ({ value, label }));
}

/** @param {Fact} fact */
function pathOf(fact) {
  return fact.in === 'request' ? `/${fact.name}` : `/person/${fact.name}`;
}

/** @param {FactValues} values @param {Fact} fact @param {unknown} value */
function store(values, fact, value) {
  if (value === undefined) return;
  (fact.in === 'request' ? values.request : values.person)[fact.name] = value;
}

/** @param {FactValues} values @param {Fact} fact */
function factValue(values, fact) {
  return (fact.in === 'request' ? values.request : values.person)[fact.name];
}

/** @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} control @param {unknown} value */
function show(control, value) {
  control.value = value === undefined ? '' : value === null ? 'null' : String(value);
  if (control instanceof HTMLInputElement && control.dataset.kind === 'date') tidyDate(control);
}

/** @param {Fact} fact */
function helpOf(fact) {
  return fact.help ?? FACT_HELP[fact.name];
}

/** @param {Fact} fact @returns {FactField} */
function conditionsField(fact) {
  const editor = lineEditor({
    path: pathOf(fact),
    legend: fact.title,
    help: helpOf(fact),
    required: fact.required,
    lineLegend: PHRASES.conditionLegend,
    addLabel: WORDS.addCondition,
    columns: [
      {
        field: 'type',
        label: FACT_PART_WORDS['conditions.type']?.label ?? WORDS.typeColumn,
        input: 'select',
        choices: choicesOf('conditionType'),
        required: true,
      },
      {
        field: 'severity',
        label: FACT_PART_WORDS['conditions.severity']?.label ?? WORDS.typeColumn,
        input: 'select',
        choices: choicesOf('severity'),
        empty: WORDS.notGiven,
      },
    ],
  });
  return fieldOfLines(fact, editor);
}

/**
 * @param {Fact} fact
 * @param {{ element: HTMLElement, read: () => Array<Record<string, unknown>>, write: (lines: Array<Record<string, unknown>>) => void }} editor
 * @returns {FactField}
 */
function fieldOfLines(fact, editor) {
  return {
    element: editor.element,
    read: (values) => store(values, fact, editor.read()),
    write: (value) => editor.write(Array.isArray(value) ? value : []),
  };
}

/** @param {Fact} fact @returns {FactField} */
function servicesField(fact) {
  const editor = lineEditor({
    path: pathOf(fact),
    legend: fact.title,
    help: helpOf(fact),
    required: fact.required,
    lineLegend: PHRASES.serviceLegend,
    addLabel: WORDS.addService,
    columns: [
      {
        field: 'type',
        label: FACT_PART_WORDS['services.type']?.label ?? WORDS.serviceColumn,
        input: 'select',
        choices: choicesOf('serviceType'),
        required: true,
      },
      // Asked on every line, as cost lines ask it: a service left unanswered is named, never counted as out of the plan.
      { field: 'inPlan', label: FACT_PART_WORDS['services.inPlan']?.label ?? WORDS.serviceColumn, input: 'yesNo', required: true },
      {
        field: 'funding',
        label: FACT_PART_WORDS['services.funding']?.label ?? WORDS.serviceColumn,
        input: 'select',
        choices: choicesOf('funding'),
        required: true,
      },
      // E3 is per service (contract v2): the last day a DI project compensates this service, not a fact of the person.
      {
        field: 'diCompensatedUntil',
        label: FACT_PART_WORDS['services.diCompensatedUntil']?.label ?? WORDS.serviceColumn,
        help: FACT_PART_WORDS['services.diCompensatedUntil']?.help,
        input: 'date',
      },
    ],
  });
  return fieldOfLines(fact, editor);
}

/** The VSAC exit: its last day and which service ended; both empty means there was none. */
/** @param {Fact} fact @returns {FactField} */
function vsacExitField(fact) {
  const path = pathOf(fact);
  const dateWords = FACT_PART_WORDS['vsacExit.date'];
  const serviceWords = FACT_PART_WORDS['vsacExit.service'];
  const date = dateField({ path: `${path}/date`, label: dateWords?.label ?? fact.title, help: dateWords?.help });
  const service = selectField({
    path: `${path}/service`,
    label: serviceWords?.label ?? fact.title,
    choices: choicesOf('vsacExitService'),
    empty: WORDS.notGiven,
  });
  const help = helpOf(fact);
  const helpElement = help ? el('p', { class: 'help', text: help, attributes: { id: newId('fact-help') } }) : null;
  const element = el(
    'fieldset',
    { class: 'fact-group', attributes: { 'data-path': path, 'aria-describedby': helpElement?.id } },
    el('legend', {}, el('span', { text: fact.title }), fact.required ? [' ', el('span', { class: 'required-mark', text: WORDS.required })] : null),
    helpElement,
    el('div', { class: 'field-errors' }),
    el('div', { class: 'line-fields' }, date.element, service.element),
  );
  /** @type {FactReader} */
  const read = (values) => {
    const day = controlValue(date.control);
    const ended = service.control.value;
    if (day === '' && ended === '') return;
    // Half an answer goes as it is: the service names the missing part at its own path.
    store(values, fact, { ...(day ? { date: day } : {}), ...(ended ? { service: ended } : {}) });
  };
  /** @type {FactWriter} */
  const write = (value) => {
    const exit = value && typeof value === 'object' ? /** @type {Record<string, unknown>} */ (value) : {};
    show(date.control, exit.date);
    show(service.control, exit.service);
  };
  return { element, read, write };
}

/** A fact whose values the contract lists (disability group, residence, care level …). */
/** @param {Fact} fact @param {string} vocabulary @returns {FactField} */
function choiceField(fact, vocabulary) {
  const field = selectField({ path: pathOf(fact), label: fact.title, help: helpOf(fact), required: fact.required, choices: choicesOf(vocabulary) });
  /** @type {FactReader} */
  const read = (values) => {
    const value = field.control.value;
    if (value === '') return;
    if (value === 'null') return store(values, fact, null);
    store(values, fact, fact.type === 'number' ? Number(value) : value);
  };
  return { element: field.element, read, write: (value) => show(field.control, value) };
}

/** @param {Fact} fact @returns {FactField} */
function yesNoField(fact) {
  const choices = [
    { value: 'true', label: WORDS.yes },
    { value: 'false', label: WORDS.no },
    ...(fact.required ? [] : [{ value: '', label: WORDS.unknownAnswer }]),
  ];
  // No answer is chosen for the caseworker: a required fact left open is named by the service.
  const group = radioGroup({ path: pathOf(fact), label: fact.title, help: helpOf(fact), required: fact.required, choices });
  return {
    element: group.element,
    read: (values) => {
      const value = group.read();
      if (value === 'true' || value === 'false') store(values, fact, value === 'true');
    },
    write: (value) => {
      const chosen = typeof value === 'boolean' ? String(value) : '';
      for (const input of group.inputs) input.checked = input.value === chosen;
    },
  };
}

/** @param {Fact} fact @returns {FactField} */
function dateFact(fact) {
  const field = dateField({ path: pathOf(fact), label: fact.title, help: helpOf(fact), required: fact.required });
  return {
    element: field.element,
    read: (values) => store(values, fact, controlValue(field.control) || undefined),
    write: (value) => show(field.control, value),
  };
}

/** @param {Fact} fact @returns {FactField} */
function numberFact(fact) {
  const field = inputField({ path: pathOf(fact), label: fact.title, help: helpOf(fact), required: fact.required, inputmode: 'decimal' });
  /** @type {FactReader} */
  const read = (values) => {
    const text = field.control.value.trim();
    if (text === '') return;
    const number = Number(text.replace(',', '.'));
    if (Number.isFinite(number)) store(values, fact, number);
    else values.problems.push({ path: pathOf(fact), message: WORDS.notANumber });
  };
  return { element: field.element, read, write: (value) => show(field.control, value) };
}

/** @param {Fact} fact @returns {FactField} */
function textFact(fact) {
  const field = inputField({ path: pathOf(fact), label: fact.title, help: helpOf(fact), required: fact.required });
  return {
    element: field.element,
    read: (values) => store(values, fact, field.control.value.trim() || undefined),
    write: (value) => show(field.control, value),
  };
}

/** A list or object fact the contract gives no form for: typed as JSON, checked here before it is sent. */
/** @param {Fact} fact @returns {FactField} */
function jsonFact(fact) {
  const field = textareaField({ path: pathOf(fact), label: fact.title, help: helpOf(fact), required: fact.required, rows: 3 });
  /** @type {FactReader} */
  const read = (values) => {
    const text = field.control.value.trim();
    if (text === '') return;
    try {
      store(values, fact, JSON.parse(text));
    } catch {
      values.problems.push({ path: pathOf(fact), message: WORDS.invalidJson });
    }
  };
  return { element: field.element, read, write: (value) => show(field.control, value === undefined ? undefined : JSON.stringify(value)) };
}

/** @param {Fact} fact @returns {FactField} */
function fieldFor(fact) {
  if (fact.name === 'conditions' && fact.type === 'list') return conditionsField(fact);
  if (fact.name === 'services' && fact.type === 'list') return servicesField(fact);
  if (fact.name === 'vsacExit' && fact.type === 'object') return vsacExitField(fact);
  const vocabulary = VOCABULARY_OF[fact.name];
  if (vocabulary) return choiceField(fact, vocabulary);
  switch (fact.type) {
    case 'boolean':
      return yesNoField(fact);
    case 'date':
      return dateFact(fact);
    case 'number':
      return numberFact(fact);
    case 'list':
    case 'object':
      return jsonFact(fact);
    default:
      return textFact(fact);
  }
}

/**
 * @param {Fact[]} facts
 * @returns {{ element: HTMLElement, read: () => FactValues, write: (values: FactValues) => void, facts: Fact[] }}
 */
export function factFields(facts) {
  const missing = CONTRACT_FACTS.filter((fact) => !facts.some((listed) => listed.name === fact.name));
  const all = [...missing, ...facts];
  const fields = all.map(fieldFor);
  const element = el(
    'div',
    { class: 'facts' },
    fields.map((field) => field.element),
  );
  const read = () => {
    /** @type {FactValues} */
    const values = { person: {}, request: {}, problems: [] };
    for (const field of fields) field.read(values);
    return values;
  };
  /** Shows the facts of a person (carried from the other tool): a fact they do not hold is shown empty. */
  /** @param {FactValues} values */
  const write = (values) => {
    all.forEach((fact, index) => {
      fields[index]?.write(factValue(values, fact));
    });
  };
  return { element, read, write, facts: all };
}
