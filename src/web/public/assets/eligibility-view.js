// @ts-check
import { postJson } from './api.js';
import { nextChangeLine, refsWithFacts, whatWouldChangeBox } from './answer-summary.js';
import { answerAssumptions } from './assumptions-view.js';
import { checklist, ruleContext } from './checklist.js';
import { PHRASES, WORDS } from './dictionary.js';
import { dateWords, daysBetween, periodWords } from './display-formats.js';
import { el } from './element.js';
import { factsFieldset } from './facts-fieldset.js';
import { controlValue, dateField, radioGroup } from './form-controls.js';
import { currentCase } from './person-case.js';
import { programmePicker } from './programme-picker.js';
import { clearProblems, problemBox, requestProblems, showProblems } from './problem-display.js';
import { refTitles } from './ref-titles.js';
import { rulesetLine } from './ruleset-line.js';
import { segmentTimeline } from './segment-timeline.js';

/**
 * Eligibility check: a programme, a day or a period, the person's facts → POST /v1/eligibility → the verdict, the
 * basis and blockers in words, and the explanation as a checklist (for a period: the segments as a timeline).
 */

/**
 * A day's answer, top to bottom as a caseworker reads it: the verdict and until when it holds; the basis and what
 * stands in the way, each with the facts that decided it; what would change it; then, folded, the assumptions and
 * the full checklist.
 * @param {any} answer @param {any} programme
 */
function dayAnswer(answer, programme) {
  const titles = refTitles(programme, answer.ruleset?.version, answer.explanation);
  const context = ruleContext(programme, answer.ruleset?.version);
  const explanation = answer.explanation ?? [];
  const day = dateWords(answer.date);
  return [
    el(
      'p',
      { class: `verdict ${answer.eligible ? 'verdict--yes' : 'verdict--no'}` },
      el('span', { class: 'mark', attributes: { 'aria-hidden': 'true' } }, answer.eligible ? '✓' : '✗'),
      ' ',
      el('span', { text: answer.eligible ? PHRASES.eligibleOn(day) : PHRASES.notEligibleOn(day) }),
    ),
    nextChangeLine(answer, titles),
    el('h4', { text: WORDS.basisHeading }),
    answer.basis.length > 0 ? refsWithFacts(answer.basis, titles, explanation, context, 'refs') : el('p', { text: WORDS.noBasis }),
    answer.blockers.length > 0
      ? [el('h4', { text: WORDS.blockersHeading }), refsWithFacts(answer.blockers, titles, explanation, context, 'refs refs--blockers')]
      : null,
    whatWouldChangeBox(answer),
    answerAssumptions(answer.assumptions),
    rulesetLine(answer.ruleset, programme, answer.asOf, answer.decisionId),
    explanation.length > 0
      ? el('details', { class: 'explanation' }, el('summary', { text: PHRASES.allRulesChecked(explanation.length) }), checklist(explanation, context))
      : null,
  ];
}

/** @param {any} answer @param {any} programme */
function periodAnswer(answer, programme) {
  const segments = answer.segments ?? [];
  const titles = refTitles(
    programme,
    segments[0]?.ruleset?.version,
    segments.flatMap((/** @type {any} */ segment) => segment.explanation ?? []),
  );
  const period = periodWords(answer.period.from, answer.period.to);
  const all = segments.reduce((/** @type {number} */ total, /** @type {any} */ segment) => total + daysBetween(segment.from, segment.to), 0);
  const verdict = answer.eligible
    ? PHRASES.eligibleThroughout(period)
    : answer.eligibleDays === 0
      ? PHRASES.eligibleOnNoDay(period)
      : PHRASES.eligibleOnSomeDays(answer.eligibleDays, all, period);
  return [
    el(
      'p',
      { class: `verdict ${answer.eligible ? 'verdict--yes' : answer.eligibleDays === 0 ? 'verdict--no' : 'verdict--partly'}` },
      el('span', { class: 'mark', attributes: { 'aria-hidden': 'true' } }, answer.eligible ? '✓' : answer.eligibleDays === 0 ? '✗' : '◐'),
      ' ',
      el('span', { text: verdict }),
    ),
    answerAssumptions(answer.assumptions),
    segmentTimeline(segments, titles, (segment) => checklist(segment.explanation ?? [], ruleContext(programme, segment.ruleset?.version))),
    rulesetLine(null, programme, answer.asOf, answer.decisionId),
  ];
}

/**
 * @param {HTMLElement} host
 * @param {any[]} programmes GET /v1/programmes
 */
export function eligibilityView(host, programmes) {
  const picker = programmePicker({ programmes });
  const facts = factsFieldset();
  const when = radioGroup({
    path: '/when',
    label: WORDS.whenLegend,
    choices: [
      { value: 'date', label: WORDS.onOneDay },
      { value: 'period', label: WORDS.overPeriod },
    ],
    checked: 'date',
  });
  const day = dateField({ path: '/date', label: WORDS.dayLabel, required: true });
  const from = dateField({ path: '/period/from', label: WORDS.fromLabel, required: true });
  const to = dateField({ path: '/period/to', label: WORDS.toLabel, required: true });
  const asOf = dateField({ path: '/asOf', label: WORDS.asOfLabel, help: WORDS.asOfHelp });
  const periodFields = el(
    'div',
    { class: 'period-fields', attributes: { 'data-path': '/period' } },
    el('p', { class: 'help', text: WORDS.periodHelp }),
    el('div', { class: 'field-errors' }),
    el('div', { class: 'line-fields' }, from.element, to.element),
  );
  const showWhen = () => {
    const period = when.read() === 'period';
    day.element.hidden = period;
    periodFields.hidden = !period;
  };
  for (const input of when.inputs) input.addEventListener('change', showWhen);
  showWhen();

  const submit = el('button', { class: 'primary', attributes: { type: 'submit' }, text: WORDS.checkButton });
  const form = el(
    'form',
    { class: 'tool-form', attributes: { novalidate: true } },
    picker.element,
    el('div', { class: 'group' }, when.element, day.element, periodFields, asOf.element),
    facts.element,
    el('div', { class: 'actions' }, submit),
  );

  const resultHeading = el('h3', { text: WORDS.answerHeading, attributes: { tabindex: '-1', id: `${host.id}-answer` } });
  const resultBody = el('div');
  const result = el('section', { class: 'result', attributes: { 'aria-live': 'polite', 'aria-labelledby': resultHeading.id } }, resultHeading, resultBody);
  result.hidden = true;

  picker.control.addEventListener('change', () => facts.show(picker.control.value));
  if (picker.control.value) void facts.show(picker.control.value);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = facts.read();
    const period = when.read() === 'period';
    const body = {
      programme: picker.control.value,
      ...(period ? { period: { from: controlValue(from.control), to: controlValue(to.control) } } : { date: controlValue(day.control) }),
      ...(controlValue(asOf.control) ? { asOf: controlValue(asOf.control) } : {}),
      person: values.person,
      ...values.request,
    };
    clearProblems(form);
    result.hidden = false;
    result.setAttribute('aria-busy', 'true');
    resultBody.replaceChildren(el('p', { class: 'loading', text: WORDS.checking }));
    // Asked even when the page found a problem of its own, so every problem is shown at once, not in rounds.
    const answer = await postJson('/v1/eligibility', removeEmptyDates(body));
    result.removeAttribute('aria-busy');
    const problems = requestProblems(values.problems, answer);
    if (problems.length > 0) {
      result.hidden = true;
      showProblems(form, problems);
      return;
    }
    resultBody.replaceChildren(
      el(
        'div',
        {},
        answer.ok
          ? 'segments' in answer.body
            ? periodAnswer(answer.body, facts.programme())
            : dayAnswer(answer.body, facts.programme())
          : problemBox(answer.problem, () => form.requestSubmit()),
      ),
    );
    resultHeading.focus();
  });

  // The person is carried from the compensation calculator: its programme, when offered here, and its facts.
  document.addEventListener('toolshown', (event) => {
    if (!(event instanceof CustomEvent) || event.detail !== 'eligibility') return;
    const carried = currentCase().programme;
    if (carried && carried !== picker.control.value && picker.offers(carried)) {
      picker.control.value = carried;
      picker.control.dispatchEvent(new Event('change'));
    } else facts.refresh();
  });

  host.append(el('p', { class: 'intro', text: WORDS.eligibilityIntro }), form, result);
}

/** An empty date input sends no date, so the service says "is required" at its path instead of "not a date". */
/** @param {Record<string, any>} body */
function removeEmptyDates(body) {
  const copy = { ...body };
  if (copy.date === '') delete copy.date;
  if (copy.period) {
    const period = { ...copy.period };
    if (period.from === '') delete period.from;
    if (period.to === '') delete period.to;
    copy.period = period;
  }
  return copy;
}
