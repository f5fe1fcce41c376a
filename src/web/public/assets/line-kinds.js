// @ts-check
import { programmeDescription } from './api.js';
import { EVIDENCE_WORDS, PHRASES, WORDS } from './dictionary.js';
import { el } from './element.js';
import { choicesOf } from './fact-fields.js';
import { FACT_PART_WORDS } from './fact-words.js';
import { textareaField } from './form-controls.js';
import { lineEditor } from './line-editor.js';
import { VALUE_LABELS } from './value-labels.js';
import { joinWords } from './value-words.js';

/**
 * The lines a calculation kind prices, and their editor. The kind and its settings come from the rule version
 * (compensation.kind, unitCosts, provision, diUnitCosts …): NSK's costs, DI's deliveries, IBM's service lines; a kind
 * the page does not know gets a JSON field, so every kind the service computes can still be asked.
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
    columns: [
      { field: 'service', label: WORDS.serviceColumn, input: 'select', choices: choicesOf('serviceType'), required: true },
      { field: 'from', label: WORDS.fromLabel, input: 'date', required: true },
      { field: 'to', label: WORDS.toLabel, input: 'date', required: true },
      { field: 'amount', label: WORDS.amountLabel, input: 'money', required: true },
      {
        field: 'funding',
        label: FACT_PART_WORDS['services.funding']?.label ?? WORDS.serviceColumn,
        input: 'select',
        choices: choicesOf('funding'),
        required: true,
      },
      // Every line starts the same, with "in the plan" not yet answered: a line left unanswered is named next to its
      // answer before anything is computed, so neither a ticked default (overpaying) nor an unticked one (the
      // README's 2 076,04 € came out as 320,00 €) can give a wrong sum without a word.
      { field: 'inPlan', label: FACT_PART_WORDS['services.inPlan']?.label ?? WORDS.serviceColumn, input: 'yesNo', required: true },
      // E3 per line (contract v2): its days up to the last day a DI project compensates the service count nothing.
      {
        field: 'diCompensatedUntil',
        label: FACT_PART_WORDS['costs.diCompensatedUntil']?.label ?? WORDS.toLabel,
        help: FACT_PART_WORDS['costs.diCompensatedUntil']?.help,
        input: 'date',
      },
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
      {
        field: 'service',
        label: WORDS.serviceColumn,
        input: 'select',
        choices: priced.length > 0 ? priced.map((service) => ({ value: service, label: serviceWords(service) })) : choicesOf('serviceType'),
        required: true,
      },
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
      {
        field: 'provision',
        label: WORDS.provisionLabel,
        input: 'select',
        choices:
          provisions.length > 0
            ? provisions.map((value) => ({ value, label: VALUE_LABELS.provision?.[value] ?? { lv: value, en: value } }))
            : choicesOf('provision'),
        required: true,
      },
      { field: 'actualCost', label: WORDS.actualCostLabel, input: 'money', help: WORDS.actualCostHelp },
    ],
  });
  return { element: editor.element, read: () => ({ fields: { deliveries: editor.read() }, problems: [] }) };
}

/** The remote-delivery evidence a service line may carry (seed 001, amendment No 2), in the order the page lists it; each false unless ticked. */
const EVIDENCE = Object.keys(EVIDENCE_WORDS);

/**
 * IBM-like: each service delivered, paid at its defined price or, without one, at the unit cost the DI project paid
 * (taken from the DI rule files, never typed in), and for remote delivery the evidence the amendment asks for.
 * @param {string[]} twoRates the services the referenced unit costs give two rates (A5)
 * @returns {LinesInput}
 */
function serviceLines(twoRates) {
  const editor = lineEditor({
    path: '/serviceLines',
    legend: WORDS.serviceLinesLegend,
    help: WORDS.serviceLinesHelp,
    required: true,
    lineLegend: PHRASES.lineLegend,
    addLabel: WORDS.addLine,
    groups: [{ id: 'evidence', legend: WORDS.evidenceLegend, help: WORDS.evidenceHelp }],
    columns: [
      { field: 'service', label: WORDS.serviceColumn, input: 'select', choices: choicesOf('serviceType'), required: true },
      { field: 'from', label: WORDS.fromLabel, input: 'date', required: true },
      { field: 'to', label: WORDS.toLabel, input: 'date', required: true },
      { field: 'units', label: WORDS.unitsLabel, input: 'units', help: WORDS.unitsHelp, required: true },
      {
        field: 'funding',
        label: FACT_PART_WORDS['services.funding']?.label ?? WORDS.serviceColumn,
        input: 'select',
        choices: choicesOf('funding'),
        required: true,
      },
      { field: 'price', label: WORDS.priceLabel, input: 'money', help: WORDS.priceHelp },
      { field: 'diPaidAtUnitCost', label: WORDS.diPaidAtUnitCostLabel, input: 'checkbox', omitFalse: true, help: WORDS.diPaidAtUnitCostHelp },
      {
        field: 'rateTier',
        label: WORDS.rateTierLabel,
        input: 'select',
        choices: choicesOf('rateTier'),
        empty: WORDS.oneRate,
        help: twoRates.length > 0 ? PHRASES.twoRatesFromDi(joinWords(twoRates.map(serviceWords))) : WORDS.rateTierFromDiHelp,
      },
      { field: 'remote', label: WORDS.remoteLabel, input: 'checkbox', omitFalse: true },
      { field: 'provider', label: WORDS.providerLabel, input: 'select', choices: choicesOf('provider'), empty: WORDS.notGiven, help: WORDS.providerHelp },
      ...EVIDENCE.map(
        (name) =>
          /** @type {import('./line-editor.js').Column} */ ({
            field: `evidence/${name}`,
            label: /** @type {import('./language.js').Localised} */ (EVIDENCE_WORDS[name]),
            input: 'checkbox',
            omitFalse: true,
            group: 'evidence',
          }),
      ),
    ],
  });
  return { element: editor.element, read: () => ({ fields: { serviceLines: editor.read() }, problems: [] }) };
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

/** The services with two rates in a programme's newest unit costs (DI's, for IBM lines priced from them). @param {any} programme */
function twoRateServices(programme) {
  const versions = (programme?.versions ?? []).filter((/** @type {any} */ version) => version.compensation?.unitCosts);
  const unitCosts = versions[versions.length - 1]?.compensation?.unitCosts ?? {};
  return Object.keys(unitCosts).filter((service) => unitCosts[service]?.rates);
}

/**
 * @param {string} kind compensation.kind of the rule version
 * @param {any} settings the version's compensation settings
 * @returns {Promise<LinesInput>}
 */
export async function linesInput(kind, settings) {
  if (kind === 'cappedActualCost') return costLines();
  if (kind === 'unitCostDeliveries') return deliveryLines(settings);
  if (kind === 'individualBudgetLines') {
    // Lines without a defined price are priced at another programme's unit costs (diUnitCosts.programme): its
    // two-rate services are the ones that need a rate.
    const priced = settings?.diUnitCosts?.programme ? await programmeDescription(settings.diUnitCosts.programme) : null;
    return serviceLines(priced?.ok ? twoRateServices(priced.body) : []);
  }
  return jsonLines(kind);
}
