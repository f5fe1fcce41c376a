// @ts-check
import { postJson, programmeDescription } from './api.js';
import { answerAssumptions } from './assumptions-view.js';
import { checklist, ruleContext } from './checklist.js';
import { PHRASES, WORDS } from './dictionary.js';
import { dateWords, dayCount, decimalWords, moneyWords, periodWords, sumMoney } from './display-formats.js';
import { el } from './element.js';
import { factsFieldset } from './facts-fieldset.js';
import { controlValue, dateField, inputField, radioGroup } from './form-controls.js';
import { same } from './language.js';
import { linesInput } from './line-kinds.js';
import { programmePicker } from './programme-picker.js';
import { currentCase } from './person-case.js';
import { clearProblems, problemBox, requestProblems, showProblems } from './problem-display.js';
import { refList, refTitles } from './ref-titles.js';
import { rulesetLine } from './ruleset-line.js';
import { segmentTimeline } from './segment-timeline.js';
import { valueLabel } from './value-labels.js';

/**
 * Compensation calculator: a programme whose rules compensate, a period, the person's facts and the lines the
 * calculation kind prices → POST /v1/compensation → the amount, its parts (cap, eligible cost, dates due) and each
 * line with what counted and the refs that decided it, with totals.
 */

/** @typedef {import('./language.js').Localised} Localised */

/** The compensation settings of the newest version that has them. @param {any} programme */
function compensationOf(programme) {
  const versions = (programme?.versions ?? []).filter((/** @type {any} */ version) => version.compensation);
  return versions[versions.length - 1]?.compensation ?? null;
}

/** @param {string} service */
function serviceWords(service) {
  return valueLabel(service, 'service') ?? same(service);
}

/** @param {Localised} caption @param {Localised[]} headings @param {HTMLElement[]} rows @param {HTMLElement | null} [foot] */
function table(caption, headings, rows, foot = null) {
  const element = el(
    'table',
    {},
    el('caption', { text: caption }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        headings.map((heading) => el('th', { attributes: { scope: 'col' }, text: heading })),
      ),
    ),
    el('tbody', {}, rows),
    foot ? el('tfoot', {}, foot) : null,
  );
  // Wide tables scroll on small screens; the region can take focus so a keyboard can scroll it too.
  return el('div', { class: 'table-scroll', attributes: { tabindex: '0', role: 'region' }, labels: { 'aria-label': caption } }, element);
}

/** @param {string} amount */
function money(amount) {
  return el('span', { class: 'money', text: moneyWords(amount) });
}

/**
 * A line's refs in words. The line's own rules (lineRules) name them first: a line rule may share its ref with an
 * eligibility rule of the person (E2 for one service vs E2 for all of them).
 * @param {any} line @param {Map<string, import('./ref-titles.js').RefWords>} titles
 */
function lineTitles(line, titles) {
  const own = new Map(titles);
  for (const rule of line.lineRules ?? []) own.set(rule.ref, { title: rule.title, kind: rule.kind });
  return own;
}

/** @param {any} line @param {Map<string, import('./ref-titles.js').RefWords>} titles */
function decidedBy(line, titles) {
  return el('td', { class: 'decided' }, refList(line.refs ?? [], lineTitles(line, titles), 'refs refs--compact'));
}

/** @param {any} answer @param {Map<string, import('./ref-titles.js').RefWords>} titles */
function costLinesTable(answer, titles) {
  const lines = answer.lines ?? [];
  const rows = lines.map((/** @type {any} */ line) =>
    el(
      'tr',
      {},
      el('th', { attributes: { scope: 'row' } }, String(line.index + 1)),
      el('td', { text: serviceWords(line.service) }),
      el('td', { text: periodWords(line.from, line.to) }),
      el('td', { class: 'number' }, money(line.amount)),
      el('td', { class: 'number' }, `${line.countedDays} / ${line.days}`),
      el('td', { class: 'number' }, money(line.eligibleAmount)),
      decidedBy(line, titles),
    ),
  );
  const foot = totalRow(lines, 3, ['amount', null, 'eligibleAmount', null]);
  return table(
    WORDS.linesHeading,
    [WORDS.lineNumber, WORDS.serviceColumn, WORDS.periodColumn, WORDS.amountColumn, WORDS.countedDaysColumn, WORDS.eligibleAmountColumn, WORDS.decidedByColumn],
    rows,
    foot,
  );
}

/**
 * A lines table's last row: "Total" over the first `spanned` columns, then for each further column the sum of the
 * lines' money field named, or an empty cell for null.
 * @param {any[]} lines @param {number} spanned @param {(string | null)[]} sums
 */
function totalRow(lines, spanned, sums) {
  return el(
    'tr',
    {},
    el('th', { attributes: { scope: 'row', colspan: String(spanned) }, text: WORDS.total }),
    sums.map((field) => (field === null ? el('td') : el('td', { class: 'number' }, money(sumMoney(lines.map((line) => line[field])))))),
  );
}

/** @param {any} line @param {Map<string, import('./ref-titles.js').RefWords>} titles */
function notPaid(line, titles) {
  const parts = (line.parts ?? []).filter((/** @type {any} */ part) => !part.compensated);
  if (parts.length === 0) return el('td', { text: WORDS.allPaid });
  return el(
    'td',
    {},
    el(
      'ul',
      { class: 'refs refs--compact' },
      parts.map((/** @type {any} */ part) =>
        el(
          'li',
          {},
          el('span', { text: periodWords(part.from, part.to) }),
          ' (',
          el('span', { text: dayCount(part.days) }),
          '): ',
          refList(part.refs ?? [], titles, 'refs refs--inline'),
        ),
      ),
    ),
  );
}

/** @param {any} answer @param {Map<string, import('./ref-titles.js').RefWords>} titles */
function deliveryLinesTable(answer, titles) {
  const lines = answer.lines ?? [];
  const rows = lines.map((/** @type {any} */ line) =>
    el(
      'tr',
      {},
      el('th', { attributes: { scope: 'row' } }, String(line.index + 1)),
      el(
        'td',
        {},
        el('span', { text: serviceWords(line.service) }),
        line.rateTier ? [' (', el('span', { text: valueLabel(line.rateTier, 'rateTier') ?? same(line.rateTier) }), ')'] : null,
        el('br'),
        el('span', { class: 'ref-note' }, el('strong', {}, line.ref ?? ''), ' ', el('span', { text: titles.get(line.ref)?.title ?? same('') })),
      ),
      el('td', { text: periodWords(line.from, line.to) }),
      el(
        'td',
        { class: 'number' },
        el('span', { text: decimalWords(line.units) }),
        ' ',
        el('span', { text: valueLabel(line.unit, 'unit') ?? same(line.unit ?? '') }),
      ),
      el('td', { class: 'number' }, money(line.unitCost)),
      el('td', { class: 'number', text: decimalWords(line.compensatedUnits ?? '') }),
      el('td', { class: 'number' }, money(line.amount)),
      notPaid(line, lineTitles(line, titles)),
    ),
  );
  const foot = totalRow(lines, 6, ['amount', null]);
  return table(
    WORDS.linesHeading,
    [
      WORDS.lineNumber,
      WORDS.serviceColumn,
      WORDS.periodColumn,
      WORDS.unitsColumn,
      WORDS.unitCostColumn,
      WORDS.paidUnitsColumn,
      WORDS.amountColumn,
      WORDS.notPaidColumn,
    ],
    rows,
    foot,
  );
}

/** Where an IBM line's price came from: its defined price, or the DI unit costs in force on its days. @param {any} line */
function priceWords(line) {
  if (line.price === null || line.price === undefined) return el('td', { text: WORDS.noPrice });
  return el(
    'td',
    { class: 'price' },
    money(line.price),
    el('br'),
    el('span', { class: 'ref-note', text: line.priceFrom === 'diUnitCost' ? WORDS.priceFromDi : WORDS.priceDefined }),
    (line.unitCosts ?? []).length > 0
      ? el(
          'ul',
          { class: 'refs refs--compact unit-costs' },
          line.unitCosts.map((/** @type {any} */ cost) =>
            el(
              'li',
              { class: 'ref-note' },
              money(cost.unitCost),
              ' — ',
              `${cost.programme} ${cost.version}, `,
              el('span', { text: periodWords(cost.from, cost.to) }),
              (cost.assumptions ?? []).length > 0 ? ` (${cost.assumptions.join(', ')})` : '',
            ),
          ),
        )
      : null,
  );
}

/** IBM: each service line, whether the individual budget pays it, at what price and why. @param {any} answer @param {Map<string, import('./ref-titles.js').RefWords>} titles */
function serviceLinesTable(answer, titles) {
  const lines = answer.lines ?? [];
  const rows = lines.map((/** @type {any} */ line) =>
    el(
      'tr',
      { attributes: { 'data-payable': String(Boolean(line.payable)) } },
      el('th', { attributes: { scope: 'row' } }, String(line.index + 1)),
      el(
        'td',
        {},
        el('span', { text: serviceWords(line.service) }),
        line.rateTier ? [' (', el('span', { text: valueLabel(line.rateTier, 'rateTier') ?? same(line.rateTier) }), ')'] : null,
        el('br'),
        el('span', { class: 'ref-note', text: valueLabel(line.funding, 'funding') ?? same(String(line.funding ?? '')) }),
        line.remote ? [el('span', { class: 'ref-note' }, ', '), el('span', { class: 'ref-note', text: WORDS.remoteWord })] : null,
      ),
      el('td', { text: periodWords(line.from, line.to) }),
      el('td', { class: 'number', text: decimalWords(line.units ?? '') }),
      priceWords(line),
      el('td', { class: 'number' }, `${line.paidDays ?? 0} / ${line.days ?? 0}`),
      el('td', { class: 'number' }, money(line.amount)),
      decidedBy(line, titles),
    ),
  );
  const foot = totalRow(lines, 6, ['amount', null]);
  return table(
    WORDS.linesHeading,
    [
      WORDS.lineNumber,
      WORDS.serviceColumn,
      WORDS.periodColumn,
      WORDS.unitsColumn,
      WORDS.priceColumn,
      WORDS.paidDaysColumn,
      WORDS.amountColumn,
      WORDS.decidedByColumn,
    ],
    rows,
    foot,
  );
}

/** The cap month by month (A1), from the calculation's steps. @param {any[]} explanation */
function capTable(explanation) {
  const step = explanation.find((item) => item.step === 'cap');
  if (!step?.months) return null;
  const rows = step.months.map((/** @type {any} */ month) =>
    el(
      'tr',
      {},
      el('th', { attributes: { scope: 'row' } }, month.month),
      el('td', { class: 'number' }, String(month.eligibleDays)),
      el('td', { class: 'number' }, String(month.daysInMonth)),
      el('td', { class: 'number' }, money(month.annualAmount)),
      el('td', { class: 'number' }, money(month.amount)),
      el('td', {}, month.version),
    ),
  );
  return [
    table(
      { lv: `${WORDS.capMonthsCaption.lv} (${step.ref ?? ''})`, en: `${WORDS.capMonthsCaption.en} (${step.ref ?? ''})` },
      [WORDS.monthColumn, WORDS.eligibleDaysColumn, WORDS.daysInMonthColumn, WORDS.annualAmountColumn, WORDS.amountColumn, WORDS.versionColumn],
      rows,
    ),
    step.limit
      ? el('p', { text: PHRASES.capLimit(`${Number(step.limit.periodShare) * 100} %`, moneyWords(step.limit.annualAmount), moneyWords(step.limit.amount)) })
      : null,
  ];
}

/** @param {any} answer @param {any} programme */
function compensationAnswer(answer, programme) {
  const segments = answer.segments ?? [];
  const explanation = answer.explanation ?? [];
  const titles = refTitles(
    programme,
    segments[0]?.ruleset?.version,
    segments.flatMap((/** @type {any} */ segment) => segment.explanation ?? []),
  );
  // Refs to assumptions of another programme's rules (an IBM line priced at DI's unit cost: A5, A23) by their text.
  for (const assumption of answer.assumptions ?? []) if (!titles.has(assumption.id)) titles.set(assumption.id, { title: assumption.text });
  const payment = explanation.find((/** @type {any} */ step) => step.step === 'paymentDue');
  const capped = 'cap' in answer;
  const delivered = !capped && (answer.lines ?? []).some((/** @type {any} */ line) => 'unitCost' in line);
  const budgeted = !capped && !delivered && (answer.lines ?? []).some((/** @type {any} */ line) => 'payable' in line);
  /** @type {Array<[Localised, HTMLElement | Localised]>} */
  const figures = [
    .../** @type {Array<[Localised, HTMLElement | Localised]>} */ (
      capped
        ? [
            [WORDS.eligibleCost, money(answer.eligibleCost)],
            [{ lv: `${WORDS.cap.lv} (A1)`, en: `${WORDS.cap.en} (A1)` }, money(answer.cap)],
            [WORDS.compensationTotal, el('span', {}, money(answer.compensation), ' — ', el('span', { text: WORDS.compensationRule }))],
          ]
        : []
    ),
    .../** @type {Array<[Localised, HTMLElement | Localised]>} */ (
      answer.claimPeriod ? [[WORDS.claimPeriod, periodWords(answer.claimPeriod.from, answer.claimPeriod.to)]] : []
    ),
    .../** @type {Array<[Localised, HTMLElement | Localised]>} */ (answer.reportDue ? [[WORDS.reportDue, dateWords(answer.reportDue)]] : []),
    .../** @type {Array<[Localised, HTMLElement | Localised]>} */ (
      answer.paymentDue
        ? [
            [
              WORDS.paymentDue,
              el(
                'span',
                {},
                el('strong', { text: dateWords(answer.paymentDue) }),
                payment ? [' — ', el('span', { text: PHRASES.paymentRule(payment.workingDays, dateWords(payment.approvedOn)) })] : null,
              ),
            ],
          ]
        : []
    ),
  ];
  return [
    el('p', { class: 'verdict verdict--money' }, el('span', { text: PHRASES.compensationIs(moneyWords(answer.compensation)) })),
    el('p', { class: 'programme-line', text: periodWords(answer.period.from, answer.period.to) }),
    figures.length > 0
      ? el(
          'dl',
          { class: 'figures' },
          figures.map(([term, value]) => [el('dt', { text: term }), value instanceof HTMLElement ? el('dd', {}, value) : el('dd', { text: value })]),
        )
      : null,
    answerAssumptions(answer.assumptions),
    capped
      ? costLinesTable(answer, titles)
      : delivered
        ? deliveryLinesTable(answer, titles)
        : budgeted
          ? serviceLinesTable(answer, titles)
          : el('pre', { class: 'json' }, JSON.stringify(answer.lines, null, 2)),
    capped ? capTable(explanation) : null,
    segmentTimeline(segments, titles, (segment) => checklist(segment.explanation ?? [], ruleContext(programme, segment.ruleset?.version))),
    rulesetLine(null, programme, answer.asOf, answer.decisionId),
  ];
}

/**
 * @param {HTMLElement} host
 * @param {any[]} programmes GET /v1/programmes
 */
export async function compensationView(host, programmes) {
  const described = await Promise.all(programmes.map(async (programme) => ({ programme, answer: await programmeDescription(programme.id) })));
  const compensating = described.filter(({ answer }) => answer.ok && compensationOf(answer.body)).map(({ programme }) => programme);

  const picker = programmePicker({ programmes: compensating, help: WORDS.compensationProgrammes });
  const facts = factsFieldset();
  const from = dateField({ path: '/period/from', label: WORDS.fromLabel, required: true });
  const to = dateField({ path: '/period/to', label: WORDS.toLabel, required: true });
  // A programme claimed per calendar half-year (claimPeriod: calendarHalfYear) is asked for the half-year itself:
  // a year and which half, so no other period can be chosen.
  const year = inputField({ path: '/period/year', label: WORDS.yearLabel, required: true, inputmode: 'numeric', placeholder: '2024' });
  const half = radioGroup({
    path: '/period/half',
    label: WORDS.halfLabel,
    required: true,
    choices: [
      { value: 'H1', label: WORDS.firstHalf },
      { value: 'H2', label: WORDS.secondHalf },
    ],
    checked: 'H1',
  });
  const rangeFields = el('div', { class: 'line-fields' }, from.element, to.element);
  const halfYearFields = el('div', { class: 'line-fields half-year' }, year.element, half.element);
  // Only the fields of the period asked are in the form, so a problem the service names at /period/from finds them or the period.
  const periodFields = el('div', { class: 'period-host' }, rangeFields);
  let byHalfYear = false;
  const periodHelp = el('p', { class: 'help' });
  const approvedOn = dateField({ path: '/approvedOn', label: WORDS.approvedOnLabel, help: WORDS.approvedOnHelp });
  const asOf = dateField({ path: '/asOf', label: WORDS.asOfLabel, help: WORDS.asOfHelp });
  const linesHost = el('div', { class: 'lines-host' });
  /** @type {import('./line-kinds.js').LinesInput | null} */
  let lines = null;

  const showProgramme = async () => {
    const id = picker.control.value;
    await facts.show(id);
    const found = await programmeDescription(id);
    const settings = found.ok ? compensationOf(found.body) : null;
    byHalfYear = settings?.claimPeriod === 'calendarHalfYear';
    periodHelp.replaceChildren(
      ...(byHalfYear
        ? [
            el('span', { text: WORDS.halfYearHelp }),
            settings?.claimPeriodSource ? [' ', el('cite', { attributes: { lang: 'lv' } }, `(${settings.claimPeriodSource})`)] : [],
          ].flat()
        : []),
    );
    periodFields.replaceChildren(byHalfYear ? halfYearFields : rangeFields);
    approvedOn.element.hidden = !settings?.paymentDue;
    const built = settings ? await linesInput(settings.kind, settings) : null;
    // A later choice may have been made while the line editor was built: only the chosen programme's is shown.
    if (id !== picker.control.value) return;
    lines = built;
    linesHost.replaceChildren(...(lines ? [lines.element] : []));
  };
  picker.control.addEventListener('change', () => void showProgramme());

  const form = el(
    'form',
    { class: 'tool-form', attributes: { novalidate: true } },
    picker.element,
    el(
      'fieldset',
      { class: 'group', attributes: { 'data-path': '/period' } },
      el('legend', { text: WORDS.periodLegend }),
      el('div', { class: 'field-errors' }),
      periodHelp,
      periodFields,
      approvedOn.element,
      asOf.element,
    ),
    facts.element,
    linesHost,
    el('div', { class: 'actions' }, el('button', { class: 'primary', attributes: { type: 'submit' }, text: WORDS.calculateButton })),
  );
  const resultHeading = el('h3', { text: WORDS.calculationHeading, attributes: { tabindex: '-1', id: `${host.id}-answer` } });
  const resultBody = el('div');
  const result = el('section', { class: 'result', attributes: { 'aria-live': 'polite', 'aria-labelledby': resultHeading.id } }, resultHeading, resultBody);
  result.hidden = true;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = facts.read();
    const priced = lines?.read() ?? { fields: {}, problems: [] };
    const yearText = year.control.value.trim();
    const yearProblems =
      byHalfYear && !/^\d{4}$/.test(yearText) ? [{ path: '/period/year', message: yearText === '' ? WORDS.requiredWord : WORDS.yearProblem }] : [];
    /** @type {Record<string, unknown>} */
    const period = {};
    if (byHalfYear) {
      const second = half.read() === 'H2';
      if (yearProblems.length === 0) {
        period.from = `${yearText}-${second ? '07-01' : '01-01'}`;
        period.to = `${yearText}-${second ? '12-31' : '06-30'}`;
      }
    } else {
      if (controlValue(from.control)) period.from = controlValue(from.control);
      if (controlValue(to.control)) period.to = controlValue(to.control);
    }
    const body = {
      programme: picker.control.value,
      period,
      ...(controlValue(asOf.control) ? { asOf: controlValue(asOf.control) } : {}),
      ...(controlValue(approvedOn.control) && !approvedOn.element.hidden ? { approvedOn: controlValue(approvedOn.control) } : {}),
      person: values.person,
      ...values.request,
      ...priced.fields,
    };
    clearProblems(form);
    result.hidden = false;
    result.setAttribute('aria-busy', 'true');
    resultBody.replaceChildren(el('p', { class: 'loading', text: WORDS.calculating }));
    // Asked even when the page found a problem of its own, so every problem is shown at once, not in rounds.
    const answer = await postJson('/v1/compensation', body);
    result.removeAttribute('aria-busy');
    // Without a year there is no period to send: the year's problem is the period's.
    const problems = requestProblems([...yearProblems, ...values.problems, ...priced.problems], answer).filter(
      (problem) => yearProblems.length === 0 || problem.path === '/period/year' || !problem.path.startsWith('/period'),
    );
    if (problems.length > 0) {
      result.hidden = true;
      showProblems(form, problems);
      return;
    }
    resultBody.replaceChildren(
      el('div', {}, answer.ok ? compensationAnswer(answer.body, facts.programme()) : problemBox(answer.problem, () => form.requestSubmit())),
    );
    resultHeading.focus();
  });

  // The person is carried from the eligibility check: its programme, when it compensates, and its facts.
  document.addEventListener('toolshown', (event) => {
    if (!(event instanceof CustomEvent) || event.detail !== 'compensation') return;
    const carried = currentCase().programme;
    if (carried && carried !== picker.control.value && picker.offers(carried)) {
      picker.control.value = carried;
      void showProgramme();
    } else facts.refresh();
  });

  host.append(el('p', { class: 'intro', text: WORDS.compensationIntro }), form, result);
  if (picker.control.value) await showProgramme();
}
