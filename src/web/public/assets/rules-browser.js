// @ts-check
import { getJson, programmeDescription } from './api.js';
import { assumptionItem, openQuestionsSection } from './assumptions-view.js';
import { conditionList, ruleContext, ruleDetails } from './checklist.js';
import { dataTable as table } from './data-table.js';
import { PHRASES, WORDS } from './dictionary.js';
import { dateWords, periodWords } from './display-formats.js';
import { el } from './element.js';
import { selectField } from './form-controls.js';
import { same } from './language.js';
import { parameterFields, parameterValueWords } from './parameter-words.js';
import { problemBox } from './problem-display.js';
import { valueLabel } from './value-labels.js';
import { semanticDetails, versionDiff } from './version-diff.js';

/**
 * Rules browser for policy officers: the programmes, each programme's open questions (where the sources allow another
 * reading), its versions on a timeline (in force, adopted), one version's rules, parameters, assumptions and sources,
 * and what changed between two versions.
 */

/** @typedef {import('./language.js').Localised} Localised */

/** @param {any} version @param {import('./checklist.js').RuleContext} context */
function unitCostTable(version, context) {
  const unitCosts = version.compensation?.unitCosts;
  if (!unitCosts) return null;
  /** @param {any} rate */
  const rateWords = (rate) => (rate?.param ? parameterValueWords(context.parameters.get(rate.param)) : same(String(rate ?? '')));
  const rows = Object.entries(unitCosts).map(([service, cost]) =>
    el(
      'tr',
      {},
      el('th', { attributes: { scope: 'row' }, text: valueLabel(service, 'service') ?? same(service) }),
      el('td', { text: valueLabel(/** @type {any} */ (cost).unit, 'unit') ?? same(String(/** @type {any} */ (cost).unit)) }),
      el(
        'td',
        {},
        /** @type {any} */ (cost).rates
          ? Object.entries(/** @type {any} */ (cost).rates).map(([tier, rate], index) => [
              index > 0 ? '; ' : '',
              el('span', { text: valueLabel(tier, 'rateTier') ?? same(tier) }),
              ': ',
              el('span', { text: rateWords(rate) }),
            ])
          : el('span', { text: rateWords(/** @type {any} */ (cost).rate) }),
      ),
      el('td', {}, el('cite', {}, /** @type {any} */ (cost).source ?? '')),
      el('td', {}, [/** @type {any} */ (cost).tierAssumption, .../** @type {any} */ (cost.assumptions ?? [])].filter(Boolean).join(', ')),
    ),
  );
  return table(WORDS.unitCostColumn, [WORDS.serviceColumn, WORDS.unitsColumn, WORDS.unitCostColumn, WORDS.sourceColumn, WORDS.assumptionsColumn], rows);
}

/** The compensation settings worth reading in words: the claim period and where unpriced lines take their price. @param {any} compensation */
function compensationWords(compensation) {
  return [
    compensation.claimPeriod === 'calendarHalfYear'
      ? el(
          'p',
          { class: 'setting', attributes: { 'data-setting': 'claimPeriod' } },
          el('span', { text: WORDS.claimPeriodWords }),
          compensation.claimPeriodSource ? [' — ', el('cite', {}, compensation.claimPeriodSource)] : null,
        )
      : null,
    compensation.diUnitCosts
      ? el(
          'p',
          { class: 'setting', attributes: { 'data-setting': 'diUnitCosts' } },
          el('span', { text: WORDS.diUnitCostsWords }),
          ' ',
          el('code', {}, String(compensation.diUnitCosts.programme ?? '')),
          compensation.diUnitCosts.source ? [' — ', el('cite', {}, compensation.diUnitCosts.source)] : null,
        )
      : null,
  ];
}

/** @param {any} programme @param {any} version */
function versionDetail(programme, version) {
  const context = ruleContext(programme, version.version);
  const fields = parameterFields(version, context);
  return el(
    'div',
    { class: 'version-detail' },
    el('h4', { text: PHRASES.versionHeading(version.version), attributes: { tabindex: '-1' } }),
    version.title ? el('p', { class: 'version-title', text: version.title }) : null,
    el(
      'dl',
      { class: 'ruleset' },
      el('dt', { text: WORDS.inForce }),
      el('dd', { text: periodWords(version.effectiveFrom, version.effectiveTo) }),
      el('dt', { text: WORDS.adopted }),
      el('dd', { text: dateWords(version.adopted) }),
      version.file ? [el('dt', { text: WORDS.fileLabel }), el('dd', {}, el('code', {}, version.file))] : null,
      el('dt', {}, 'sha256'),
      el('dd', {}, el('code', {}, version.sha256 ?? '')),
    ),
    el('h5', { text: WORDS.parametersHeading }),
    table(
      WORDS.parametersHeading,
      [WORDS.nameColumn, WORDS.valueColumn, WORDS.sourceColumn],
      (version.parameters ?? []).map((/** @type {any} */ parameter) =>
        el(
          'tr',
          { attributes: { 'data-parameter': parameter.name } },
          el('th', { attributes: { scope: 'row' } }, el('span', { text: parameter.title ?? same(parameter.name) }), el('br'), el('code', {}, parameter.name)),
          el('td', { class: 'parameter-value', text: parameterValueWords(parameter, fields.get(parameter.name)) }),
          el(
            'td',
            {},
            el('cite', {}, parameter.source ?? ''),
            parameter.assumptions?.length > 0 ? [' ', el('span', { class: 'assumption-refs' }, `(${parameter.assumptions.join(', ')})`)] : null,
          ),
        ),
      ),
    ),
    el('h5', { text: WORDS.rulesHeading }),
    el(
      'ol',
      { class: 'rules rules--written' },
      (version.rules ?? []).map((/** @type {any} */ rule) =>
        el(
          'li',
          { class: 'rule', attributes: { 'data-ref': rule.id } },
          el('div', { class: 'rule-head' }, el('strong', { class: 'ref' }, rule.id), ' ', el('span', { class: 'rule-title', text: rule.title })),
          ruleDetails(rule, context),
        ),
      ),
    ),
    Object.keys(version.conditions ?? {}).length > 0
      ? [
          el('h5', { text: WORDS.namedConditionsHeading }),
          el(
            'dl',
            { class: 'named-conditions' },
            // By its title, as answers name it; the name rule files use for it follows, for the officer who writes them.
            Object.entries(version.conditions).map(([name, condition]) => [
              el('dt', {}, condition?.title ? [el('span', { text: condition.title }), ' '] : null, el('code', { class: 'condition-name' }, name)),
              el('dd', {}, conditionList(condition, context)),
            ]),
          ),
        ]
      : null,
    el('h5', { text: WORDS.assumptionsHeading }),
    el(
      'ul',
      { class: 'assumption-list' },
      (version.assumptions ?? []).map((/** @type {any} */ assumption) => assumptionItem(assumption, false)),
    ),
    el('h5', { text: WORDS.sourcesHeading }),
    table(
      WORDS.sourcesHeading,
      [WORDS.idColumn, WORDS.documentColumn, WORDS.citationColumn],
      (version.sources ?? []).map((/** @type {any} */ source) =>
        el('tr', {}, el('th', { attributes: { scope: 'row' } }, el('code', {}, source.id)), el('td', {}, source.document), el('td', {}, source.citation)),
      ),
    ),
    version.compensation
      ? [
          el('h5', { text: WORDS.compensationHeading }),
          el('p', {}, el('code', {}, version.compensation.kind)),
          compensationWords(version.compensation),
          version.compensation.unitCosts ? el('h5', { text: WORDS.unitCostColumn }) : null,
          unitCostTable(version, context),
          el('details', {}, el('summary', { text: WORDS.compensationHeading }), el('pre', { class: 'json' }, JSON.stringify(version.compensation, null, 2))),
        ]
      : null,
  );
}

/** @param {any} programme */
function compareVersions(programme) {
  const versions = programme.versions ?? [];
  if (versions.length < 2) return el('div', { class: 'compare' }, el('h4', { text: WORDS.compareHeading }), el('p', { text: WORDS.onlyOneVersion }));
  const choices = versions.map((/** @type {any} */ version) => ({ value: version.version, label: same(version.version) }));
  const older = selectField({ path: '/old', label: WORDS.oldVersion, choices, empty: null });
  const newer = selectField({ path: '/new', label: WORDS.newVersion, choices, empty: null });
  older.control.value = versions[versions.length - 2].version;
  newer.control.value = versions[versions.length - 1].version;
  const output = el('div', { class: 'diff-result', attributes: { 'aria-live': 'polite' } });
  const form = el(
    'form',
    { class: 'compare-form', attributes: { novalidate: true } },
    el('div', { class: 'line-fields' }, older.element, newer.element),
    el('div', { class: 'actions' }, el('button', { class: 'primary', attributes: { type: 'submit' }, text: WORDS.compareButton })),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const old = versions.find((/** @type {any} */ version) => version.version === older.control.value);
    const next = versions.find((/** @type {any} */ version) => version.version === newer.control.value);
    if (!old || !next || old === next) {
      output.replaceChildren(el('p', { text: WORDS.sameVersion }));
      return;
    }
    output.replaceChildren(versionDiff(old, next));
    void getJson(`/v1/programmes/${encodeURIComponent(programme.id)}/diff?from=${encodeURIComponent(old.version)}&to=${encodeURIComponent(next.version)}`).then(
      (result) => {
        if (result.ok) output.append(semanticDetails(result.body));
      },
    );
  });
  return el('div', { class: 'compare' }, el('h4', { text: WORDS.compareHeading }), form, output);
}

/** @param {any} programme @param {(version: any) => void} onChoose */
function versionTimeline(programme, onChoose) {
  const versions = programme.versions ?? [];
  /** @type {HTMLButtonElement[]} */
  const buttons = [];
  const items = versions.map((/** @type {any} */ version) => {
    const button = el(
      'button',
      { class: 'version-button', attributes: { type: 'button', 'aria-pressed': 'false' } },
      el('span', { class: 'version-id' }, version.version),
    );
    button.addEventListener('click', () => {
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
      onChoose(version);
    });
    buttons.push(button);
    return el(
      'li',
      { class: 'version-item' },
      button,
      version.title ? el('span', { class: 'version-title', text: version.title }) : null,
      el(
        'span',
        { class: 'version-dates' },
        el('span', { text: PHRASES.inForcePeriod(periodWords(version.effectiveFrom, version.effectiveTo)) }),
        '; ',
        el('span', { text: PHRASES.adoptedOn(dateWords(version.adopted)) }),
      ),
    );
  });
  return { element: el('div', {}, el('h4', { text: WORDS.versionTimeline }), el('ol', { class: 'version-timeline' }, items)), buttons };
}

/** @param {any} programme */
function factsTable(programme) {
  return table(
    WORDS.factsHeading,
    [WORDS.nameColumn, WORDS.typeColumn, WORDS.required],
    [
      ...(programme.facts ?? []).map((/** @type {any} */ fact) =>
        el(
          'tr',
          {},
          el('th', { attributes: { scope: 'row' } }, el('span', { text: fact.title }), el('br'), el('code', {}, fact.name)),
          el('td', {}, fact.type),
          el('td', { text: fact.required ? WORDS.yes : WORDS.no }),
        ),
      ),
      // Derived facts, worked out for each day from the request's: how (kind) and from what (of, field, keep).
      ...(programme.derivedFacts ?? []).map((/** @type {any} */ fact) =>
        el(
          'tr',
          { attributes: { 'data-derived': fact.kind } },
          el('th', { attributes: { scope: 'row' } }, el('span', { text: fact.title ?? same(fact.name) }), el('br'), el('code', {}, fact.name)),
          el('td', {}, `${fact.type ?? ''} (${[fact.kind, fact.of, fact.field, fact.keep].filter(Boolean).join(' · ')})`),
          el('td', { text: WORDS.derivedFact }),
        ),
      ),
    ],
  );
}

/**
 * @param {HTMLElement} host
 * @param {any[]} programmes GET /v1/programmes
 */
export function rulesBrowser(host, programmes) {
  const detail = el('section', { class: 'programme-detail', attributes: { 'aria-live': 'polite' } });
  /** @type {HTMLButtonElement[]} */
  const buttons = [];

  /** @param {string} id */
  const showProgramme = async (id) => {
    detail.replaceChildren(el('p', { class: 'loading', text: WORDS.loading }));
    const answer = await programmeDescription(id);
    if (!answer.ok) return detail.replaceChildren(problemBox(answer.problem));
    const programme = answer.body;
    const versionHost = el('div');
    const timeline = versionTimeline(programme, (version) => {
      versionHost.replaceChildren(versionDetail(programme, version));
      versionHost.querySelector('h4')?.focus();
    });
    detail.replaceChildren(
      el(
        'div',
        {},
        el('h3', { text: programme.title ?? same(programme.id) }),
        programme.description ? el('p', { text: programme.description }) : null,
        el('details', {}, el('summary', { text: WORDS.factsHeading }), factsTable(programme)),
        openQuestionsSection(programme.openQuestions),
        timeline.element,
        versionHost,
        compareVersions(programme),
      ),
    );
    // Open on the newest version: what applies from now on, or last.
    const newest = programme.versions?.[programme.versions.length - 1];
    if (newest) {
      timeline.buttons[timeline.buttons.length - 1]?.setAttribute('aria-pressed', 'true');
      versionHost.replaceChildren(versionDetail(programme, newest));
    }
  };

  const list = el(
    'ul',
    { class: 'programme-list' },
    programmes.map((programme) => {
      const button = el(
        'button',
        { class: 'programme-button', attributes: { type: 'button', 'aria-pressed': 'false', 'data-programme': programme.id } },
        el('span', { text: programme.title ?? same(programme.id) }),
      );
      button.addEventListener('click', () => {
        for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
        void showProgramme(programme.id);
      });
      buttons.push(button);
      return el('li', {}, button);
    }),
  );
  host.append(
    el('p', { class: 'intro', text: WORDS.rulesIntro }),
    el('nav', { labels: { 'aria-label': WORDS.programmesHeading } }, el('h3', { text: WORDS.programmesHeading }), list),
    detail,
  );
  buttons[0]?.click();
}
