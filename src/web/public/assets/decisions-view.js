// @ts-check
import { getJson, postJson } from './api.js';
import { dataTable } from './data-table.js';
import { PHRASES, WORDS } from './dictionary.js';
import { instantWords, moneyWords } from './display-formats.js';
import { el } from './element.js';
import { controlValue, dateField, inputField, selectField } from './form-controls.js';
import { same } from './language.js';
import { clearProblems, problemBox, problemMessage, showProblems } from './problem-display.js';

/**
 * Decisions, for auditors (GET /v1/decisions): a search by programme, municipality, days and outcome, newest first,
 * a page at a time ("show more" follows the answer's `next`); each decision's full record (GET /v1/decisions/{id})
 * and its replay with the rule files it was made with (POST /v1/decisions/{id}/replay). Caseworkers and officers
 * see their municipality's; the service decides that, and a refusal is explained, not hidden.
 */

/** @typedef {import('./language.js').Localised} Localised */
/**
 * @typedef {{ decisionId: string, time: string, programme: string, endpoint: string, eligible?: boolean,
 *   compensation?: string, municipality: string | null }} DecisionSummary
 */

/** The longest municipality the service takes: longer is a typing slip. */
const MAX_MUNICIPALITY_LENGTH = 100;

/** "620" → "620.00", "620.5" → "620.50": money is shown to the cent, however the amount was written. @param {string} amount */
function toCents(amount) {
  const match = /^(-?\d+)(?:\.(\d*))?$/.exec(amount);
  if (!match) return amount;
  const [, whole, fraction = ''] = match;
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** @param {DecisionSummary} item @returns {Localised} */
function outcomeWords(item) {
  if (item.compensation !== undefined) return moneyWords(toCents(item.compensation));
  if (item.eligible === undefined) return same('');
  return item.eligible ? WORDS.eligibleWord : WORDS.notEligibleWord;
}

/** @param {unknown} value @returns {string} */
function valueText(value) {
  return value === undefined ? '' : JSON.stringify(value);
}

/** A replay's answer: identical, or each place where the answer made again differs from the one recorded. @param {any} replay */
function replayOutcome(replay) {
  if (replay.identical) return el('p', { class: 'verdict verdict--yes', attributes: { 'data-replay': 'identical' }, text: WORDS.replayIdentical });
  /** @type {Array<{ path: string, old?: unknown, new?: unknown }>} */
  const differences = replay.differences ?? [];
  const rows = differences.map((difference) =>
    el(
      'tr',
      {},
      el('td', {}, el('code', {}, difference.path || '/')),
      el('td', {}, 'old' in difference ? el('code', {}, valueText(difference.old)) : el('span', { text: WORDS.absentValue })),
      el('td', {}, 'new' in difference ? el('code', {}, valueText(difference.new)) : el('span', { text: WORDS.absentValue })),
    ),
  );
  return el(
    'div',
    { attributes: { 'data-replay': 'differs' } },
    el('p', { class: 'verdict verdict--no', text: WORDS.replayDiffers }),
    dataTable(WORDS.replayDiffers, [WORDS.differencePath, WORDS.recordedValue, WORDS.replayedValue], rows),
    replay.moreDifferences ? el('p', { text: PHRASES.moreDifferences(replay.moreDifferences) }) : null,
  );
}

/** Whether the answer could be made again from the record, and is the one sent. @param {any} check @returns {Localised} */
function answerCheckWords(check) {
  if (!check.regenerated) return WORDS.answerNotMadeAgain;
  return check.identical ? WORDS.answerMadeAgain : WORDS.answerDiffersFromSent;
}

/** The few things an auditor reads first, then the whole record (with its answer) as the service sent it. @param {any} record */
function recordView(record) {
  const caller = record.caller ?? {};
  const versions = record.rules?.versions ?? [];
  const check = record.answerCheck;
  return el(
    'div',
    { class: 'decision-record' },
    el(
      'dl',
      { class: 'ruleset' },
      el('dt', { text: WORDS.decisionId }),
      el('dd', {}, el('code', {}, String(record.decisionId ?? ''))),
      el('dt', { text: WORDS.timeColumn }),
      el('dd', { text: instantWords(String(record.time ?? '')) }),
      el('dt', { text: WORDS.questionColumn }),
      el('dd', { text: record.endpoint === 'compensation' ? WORDS.compensationQuestion : WORDS.eligibilityQuestion }),
      el('dt', { text: WORDS.madeBy }),
      el(
        'dd',
        {},
        caller.tokenId === null || caller.tokenId === undefined
          ? el('span', { text: WORDS.developmentMode })
          : [el('code', {}, String(caller.tokenId)), ` (${caller.role}, ${caller.municipality})`],
      ),
      versions.length > 0
        ? [
            el('dt', { text: WORDS.ruleVersion }),
            el(
              'dd',
              {},
              versions.map((/** @type {any} */ version, /** @type {number} */ index) => [
                index > 0 ? '; ' : '',
                `${version.programme} `,
                el('strong', {}, String(version.version)),
              ]),
            ),
          ]
        : null,
      check
        ? [
            el('dt', { text: WORDS.answerLabel }),
            el('dd', { attributes: { 'data-answer-check': String(Boolean(check.identical)) }, text: answerCheckWords(check) }),
          ]
        : null,
    ),
    el('details', {}, el('summary', { text: WORDS.wholeRecord }), el('pre', { class: 'json' }, JSON.stringify(record, null, 2))),
  );
}

/**
 * @param {HTMLElement} host
 * @param {any[]} programmes GET /v1/programmes
 */
export function decisionsView(host, programmes) {
  const titleOf = (/** @type {string} */ id) => programmes.find((programme) => programme.id === id)?.title ?? same(id);
  const programme = selectField({
    path: '/programme',
    label: WORDS.programmeLabel,
    choices: programmes.map((candidate) => ({ value: candidate.id, label: candidate.title ?? same(candidate.id) })),
    empty: WORDS.anyProgramme,
  });
  const municipality = inputField({ path: '/municipality', label: WORDS.municipalityLabel, help: WORDS.municipalityHelp });
  municipality.control.maxLength = MAX_MUNICIPALITY_LENGTH;
  const from = dateField({ path: '/from', label: WORDS.decidedFromLabel, help: WORDS.decidedDatesHelp });
  const to = dateField({ path: '/to', label: WORDS.decidedToLabel });
  const eligible = selectField({
    path: '/eligible',
    label: WORDS.outcomeFilterLabel,
    choices: [
      { value: 'true', label: WORDS.eligibleWord },
      { value: 'false', label: WORDS.notEligibleWord },
    ],
    empty: WORDS.anyOutcome,
  });
  const form = el(
    'form',
    { class: 'tool-form decision-search', attributes: { novalidate: true } },
    el('div', { class: 'group' }, programme.element, municipality.element),
    el('div', { class: 'group line-fields' }, from.element, to.element),
    el('div', { class: 'group' }, eligible.element),
    el('div', { class: 'actions' }, el('button', { class: 'primary', attributes: { type: 'submit' }, text: WORDS.searchButton })),
  );

  const resultHeading = el('h3', { text: WORDS.decisionsFound, attributes: { tabindex: '-1', id: `${host.id}-found` } });
  const status = el('p', { class: 'search-status', attributes: { role: 'status' } });
  const headings = [WORDS.timeColumn, WORDS.programmeLabel, WORDS.questionColumn, WORDS.outcomeColumn, WORDS.municipalityColumn, WORDS.actionsColumn];
  const table = dataTable(WORDS.decisionsTable, headings, []);
  const rows = /** @type {HTMLTableSectionElement} */ (table.querySelector('tbody'));
  const more = el('button', { class: 'secondary', attributes: { type: 'button' }, text: WORDS.moreDecisions });
  const pageProblem = el('div');
  const result = el('section', { class: 'result', attributes: { 'aria-labelledby': resultHeading.id } }, resultHeading, status, pageProblem, table, more);
  result.hidden = true;

  const detailHeading = el('h3', { attributes: { tabindex: '-1', id: `${host.id}-decision` } });
  const detailBody = el('div');
  const detail = el(
    'section',
    { class: 'result decision-detail', attributes: { 'aria-live': 'polite', 'aria-labelledby': detailHeading.id } },
    detailHeading,
    detailBody,
  );
  detail.hidden = true;

  /** The query of the search shown, which "show more" continues. @type {URLSearchParams} */
  let searched = new URLSearchParams();
  /** @type {string | null} */
  let next = null;
  let shown = 0;

  /** @param {string} id @param {Localised} heading @param {() => Promise<import('./api.js').ApiResult>} ask @param {(body: any) => HTMLElement} view */
  async function showDecision(id, heading, ask, view) {
    detail.hidden = false;
    detail.dataset.decision = id;
    detail.setAttribute('aria-busy', 'true');
    detailHeading.replaceChildren(el('span', { text: PHRASES.decisionHeading(id) }), ': ', el('span', { text: heading }));
    detailBody.replaceChildren(el('p', { class: 'loading', text: WORDS.loading }));
    const answer = await ask();
    detail.removeAttribute('aria-busy');
    detailBody.replaceChildren(answer.ok ? view(answer.body) : problemBox(answer.problem, () => void showDecision(id, heading, ask, view)));
    detailHeading.focus();
  }

  /** @param {DecisionSummary} item */
  function row(item) {
    const id = item.decisionId;
    const path = `/v1/decisions/${encodeURIComponent(id)}`;
    const record = el('button', { class: 'secondary', attributes: { type: 'button', 'data-action': 'record' }, text: WORDS.showRecord });
    const replay = el('button', { class: 'secondary', attributes: { type: 'button', 'data-action': 'replay' }, text: WORDS.replayDecision });
    record.addEventListener('click', () => void showDecision(id, WORDS.recordHeading, () => getJson(path, { asCaller: true }), recordView));
    replay.addEventListener('click', () => void showDecision(id, WORDS.replayHeading, () => postJson(`${path}/replay`, {}), replayOutcome));
    return el(
      'tr',
      { attributes: { 'data-decision': id } },
      el('td', {}, el('time', { attributes: { datetime: item.time }, text: instantWords(item.time) })),
      el('td', { text: titleOf(item.programme) }),
      el('td', { text: item.endpoint === 'compensation' ? WORDS.compensationQuestion : WORDS.eligibilityQuestion }),
      el('td', { class: item.compensation === undefined ? undefined : 'number', text: outcomeWords(item) }),
      el('td', { text: item.municipality === null ? WORDS.developmentMode : same(item.municipality) }),
      el('td', { class: 'row-actions' }, record, ' ', replay),
    );
  }

  /** Asks for a page: the first of a new search, or the next of the one shown. @param {boolean} first */
  async function searchPage(first) {
    const query = new URLSearchParams(searched);
    if (!first && next !== null) query.set('cursor', next);
    result.hidden = false;
    result.setAttribute('aria-busy', 'true');
    more.disabled = true;
    if (first) status.replaceChildren(el('span', { class: 'loading', text: WORDS.searching }));
    const text = query.toString();
    const answer = await getJson(`/v1/decisions${text === '' ? '' : `?${text}`}`, { asCaller: true });
    result.removeAttribute('aria-busy');
    more.disabled = false;
    if (!answer.ok && answer.problem.status === 400 && (answer.problem.errors ?? []).length > 0) {
      result.hidden = true;
      showProblems(
        form,
        (answer.problem.errors ?? []).map((found) => ({ path: found.path, message: problemMessage(found.message) })),
      );
      return;
    }
    if (!answer.ok) {
      rows.replaceChildren();
      table.hidden = true;
      more.hidden = true;
      status.replaceChildren();
      const box = problemBox(answer.problem, () => void searchPage(true));
      // Who may see which decisions, said where the refusal is, before the form that offers another token.
      if (answer.problem.status === 403) box.querySelector('h3')?.after(el('p', { class: 'forbidden-help', text: WORDS.decisionsForbiddenHelp }));
      pageProblem.replaceChildren(box);
      resultHeading.focus();
      return;
    }
    pageProblem.replaceChildren();
    /** @type {DecisionSummary[]} */
    const items = answer.body.items ?? [];
    if (first) {
      rows.replaceChildren();
      shown = 0;
    }
    rows.append(...items.map(row));
    shown += items.length;
    next = answer.body.next ?? null;
    table.hidden = shown === 0;
    more.hidden = next === null;
    status.replaceChildren(el('span', { text: shown === 0 ? WORDS.noDecisionFound : PHRASES.decisionsShown(shown) }));
    // After "show more", the keyboard goes on at the first decision it added.
    const added = first ? resultHeading : rows.querySelector(`tr[data-decision="${items[0]?.decisionId ?? ''}"] button`);
    if (added instanceof HTMLElement) added.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearProblems(form);
    searched = new URLSearchParams();
    const filters = {
      programme: programme.control.value,
      municipality: municipality.control.value.trim(),
      from: controlValue(from.control),
      to: controlValue(to.control),
      eligible: eligible.control.value,
    };
    for (const [name, value] of Object.entries(filters)) if (value !== '') searched.set(name, value);
    next = null;
    void searchPage(true);
  });
  more.addEventListener('click', () => void searchPage(false));

  host.append(el('p', { class: 'intro', text: WORDS.decisionsIntro }), form, result, detail);
}
