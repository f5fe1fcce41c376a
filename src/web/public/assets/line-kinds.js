// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { el } from './element.js';
import { choicesOf } from './fact-fields.js';
import { FACT_PART_WORDS } from './fact-words.js';
import { textareaField } from './form-controls.js';
import { lineEditor } from './line-editor.js';
import { VALUE_LABELS } from './value-labels.js';
import { joinWords } from './value-words.js';

/**
 * The lines a calculation kind prices, and their editor. The kind and its settings come from the rule version
 * (compensation.kind, unitCosts, provision …); a kind the page does not know gets a JSON field, so every kind the
 * service computes can still be asked.
 */

/** @typedef {import('./language.js').Localised} Localised */
/** @typedef {{ element: HTMLElement, read: () => { fields: Record<string, unknown>, problems: Array<{ path: string, message: Localised }> } }} LinesInput */

/** @param {string} service */
function serviceWords(service) {
  return VALUE_LABELS.serviceType?.[service] ?? { lv: service, en: service };
}

/** NSK-like: what the municipality spent, line by line. @returns {LinesInput} */
function costLines() {
  const editor = lineEditor({
    path: '/costs',
    legend: WORDS.costsLegend,
    help: WORDS.costsHelp,
    required: true,
    lineLegend: PHRASES.lineLegend,
    addLabel: WORDS.addLine,
    lines: [{ inPlan: true }],
    columns: [
      { field: 'service', label: WORDS.serviceColumn, input: 'select', choices: choicesOf('serviceType'), required: true },
      { field: 'from', label: WORDS.fromLabel, input: 'date', required: true },
      { field: 'to', label: WORDS.toLabel, input: 'date', required: true },
      { field: 'amount', label: WORDS.amountLabel, input: 'money', required: true },
      { field: 'funding', label: FACT_PART_WORDS['services.funding']?.label ?? WORDS.serviceColumn, input: 'select', choices: choicesOf('funding'), required: true },
      { field: 'inPlan', label: FACT_PART_WORDS['services.inPlan']?.label ?? WORDS.serviceColumn, input: 'checkbox' },
    ],
  });
  return { element: editor.element, read: () => ({ fields: { costs: editor.read() }, problems: [] }) };
}

/** DI-like: units delivered, priced at the version's unit costs. @param {any} settings @returns {LinesInput} */
function deliveryLines(settings) {
  const unitCosts = settings?.unitCosts ?? {};
  const priced = Object.keys(unitCosts);
  const twoRates = priced.filter((service) => unitCosts[service]?.rates);
  const provisions = Object.values(settings?.provision ?? {}).map((/** @type {any} */ provision) => provision.provision);
  const editor = lineEditor({
    path: '/deliveries',
    legend: WORDS.deliveriesLegend,
    help: WORDS.deliveriesHelp,
    required: true,
    lineLegend: PHRASES.lineLegend,
    addLabel: WORDS.addLine,
    columns: [
      { field: 'service', label: WORDS.serviceColumn, input: 'select', choices: priced.length > 0 ? priced.map((service) => ({ value: service, label: serviceWords(service) })) : choicesOf('serviceType'), required: true },
      { field: 'from', label: WORDS.fromLabel, input: 'date', required: true },
      { field: 'to', label: WORDS.toLabel, input: 'date', required: true },
      { field: 'units', label: WORDS.unitsLabel, input: 'units', help: WORDS.unitsHelp, required: true },
      {
        field: 'rateTier',
        label: WORDS.rateTierLabel,
        input: 'select',
        choices: choicesOf('rateTier'),
        empty: WORDS.oneRate,
        help: twoRates.length > 0 ? PHRASES.twoRates(joinWords(twoRates.map(serviceWords))) : undefined,
      },
      { field: 'provision', label: WORDS.provisionLabel, input: 'select', choices: provisions.length > 0 ? provisions.map((value) => ({ value, label: VALUE_LABELS.provision?.[value] ?? { lv: value, en: value } })) : choicesOf('provision'), required: true },
      { field: 'actualCost', label: WORDS.actualCostLabel, input: 'money', help: WORDS.actualCostHelp },
    ],
  });
  return { element: editor.element, read: () => ({ fields: { deliveries: editor.read() }, problems: [] }) };
}

/** Any other kind: the request's line fields as a JSON object, e.g. {"serviceLines": [...]}. @param {string} kind @returns {LinesInput} */
function jsonLines(kind) {
  const field = textareaField({ path: '/lines', label: WORDS.linesJsonLabel, help: PHRASES.noLineEditor(kind), rows: 8 });
  const element = el('fieldset', { class: 'group' }, el('legend', { text: WORDS.linesJsonLegend }), field.element);
  const read = () => {
    const text = field.control.value.trim();
    if (text === '') return { fields: {}, problems: [] };
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { fields: parsed, problems: [] };
    } catch {
      // Shown next to the field below.
    }
    return { fields: {}, problems: [{ path: '/lines', message: WORDS.invalidJson }] };
  };
  return { element, read };
}

/**
 * @param {string} kind compensation.kind of the rule version
 * @param {any} settings the version's compensation settings
 * @returns {LinesInput}
 */
export function linesInput(kind, settings) {
  if (kind === 'cappedActualCost') return costLines();
  if (kind === 'unitCostDeliveries') return deliveryLines(settings);
  return jsonLines(kind);
}
