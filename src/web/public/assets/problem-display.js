// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { el, newId } from './element.js';
import { setApiToken } from './api.js';
import { inputField } from './form-controls.js';
import { dateWords } from './display-formats.js';

/**
 * The service's problem+json shown where the caseworker can act on it: each error next to the control its JSON path
 * names (/person/birthDate, /costs/0/amount …), or next to the nearest enclosing group when the path is deeper than
 * the form (/person/conditions/0 → that line), and all of them in a summary that links to each control.
 */

/** @typedef {import('./language.js').Localised} Localised */
/** @typedef {import('./api.js').Problem} Problem */
/** @typedef {{ path: string, message: Localised }} PageProblem */

/** The service's messages (English) in both languages. */
/** @type {Array<[RegExp, (match: RegExpExecArray) => Localised]>} */
const MESSAGE_WORDS = [
  [/^is required$/, () => ({ lv: 'jānorāda', en: 'is required' })],
  [/^is required: /, (match) => ({ lv: 'jānorāda: šīs programmas aprēķins izmanto šīs rindas', en: match.input })],
  [
    /^must be a real date/,
    () => ({
      lv: 'jābūt īstam datumam formā dd.mm.gggg, piemēram, 15.03.2024',
      en: 'must be a real date, typed dd/mm/yyyy, e.g. 15/03/2024',
    }),
  ],
  [
    /^programme \S+ needs /,
    () => ({ lv: 'šīs programmas noteikumiem šis fakts ir vajadzīgs — norādiet to', en: "the programme's rules need this fact — please give it" }),
  ],
  [/^must be one of/, (match) => ({ lv: 'izvēlieties vienu no piedāvātajām vērtībām', en: match.input })],
  [
    /^must be: An amount in euros/,
    () => ({
      lv: 'summa eiro, ne negatīva, ar ne vairāk kā diviem cipariem aiz komata, piemēram, 620,00',
      en: 'an amount in euros, not negative, with at most two decimals, e.g. 620.00',
    }),
  ],
  [/^is before from/, () => ({ lv: 'beigu diena ir pirms sākuma dienas', en: 'the last day is before the first day' })],
  [
    /^is after the first evaluated day/,
    () => ({ lv: 'dzimšanas diena ir pēc pirmās vērtējamās dienas', en: 'the birth date is after the first day evaluated' }),
  ],
  [
    /^must be one whole calendar half-year/,
    (match) => ({
      lv: 'periodam jābūt vienam veselam kalendāra pusgadam (1. janvāris–30. jūnijs vai 1. jūlijs–31. decembris): kompensāciju pieprasa reizi pusgadā',
      en: match.input,
    }),
  ],
  [
    /^must lie within one calendar half-year/,
    (match) => ({ lv: 'periodam jābūt viena kalendārā pusgada robežās (1. janvāris–30. jūnijs vai 1. jūlijs–31. decembris)', en: match.input }),
  ],
  [
    /^is not accepted: no longer a person fact/,
    (match) => ({ lv: 'tas vairs nav personas fakts: norādiet to katram pakalpojumam un izmaksu rindai', en: match.input }),
  ],
  [/^is not after the claim period/, () => ({ lv: 'pārskatu apstiprina pēc pusgada beigām', en: 'a report is approved after its half-year ends' })],
  [/^lies outside the period/, () => ({ lv: 'rinda ir ārpus aprēķina perioda', en: 'the line lies outside the period calculated' })],
  [/^no such programme$/, () => ({ lv: 'šādas programmas nav', en: 'no such programme' })],
  [/ compensates \S+, not /, () => ({ lv: 'šī programma šādas rindas nekompensē', en: 'this programme does not compensate such lines' })],
  [/has a lower and a higher rate/, (match) => ({ lv: 'šim pakalpojumam ir zemākā un augstākā likme — izvēlieties vienu (A5)', en: match.input })],
  [/has one rate; leave rateTier out/, (match) => ({ lv: 'šim pakalpojumam ir viena likme — likmi neizvēlieties', en: match.input })],
  [/^is required when provision is/, (match) => ({ lv: 'jānorāda, ja pakalpojums ir iepirkts (C2)', en: match.input })],
  [/^give exactly one of date or period/, (match) => ({ lv: 'norādiet vai nu dienu, vai periodu', en: match.input })],
  [/^the period has \d+ days/, (match) => ({ lv: 'periods ir pārāk garš', en: match.input })],
  [/^must match pattern|^must be: /, (match) => ({ lv: 'vērtība nav pareizā formā', en: match.input })],
  [/^unknown field|must NOT have additional properties/, (match) => ({ lv: 'nezināms lauks', en: match.input })],
];

/** @param {string} message @returns {Localised} */
export function problemMessage(message) {
  for (const [pattern, words] of MESSAGE_WORDS) {
    const match = pattern.exec(message);
    if (match) return words(match);
  }
  // A message the page has no words for yet: said in the page's language, the service's own words kept after it.
  return { lv: `šī vērtība nav pieņemama (servisa ziņa: ${message})`, en: message };
}

/**
 * The problems of a request to show at its fields: those the page found in what was typed, and those of the
 * service's 400 — all at once. A path the page named is not named again by the service's words.
 * @param {PageProblem[]} found the page's own
 * @param {import('./api.js').ApiResult} answer the service's answer to the same request
 * @returns {PageProblem[]} none when the request is to be answered (an answer, or a problem not about fields)
 */
export function requestProblems(found, answer) {
  const fromService =
    !answer.ok && answer.problem.status === 400
      ? (answer.problem.errors ?? []).map((problem) => ({ path: problem.path, message: problemMessage(problem.message) }))
      : [];
  const covered = (/** @type {string} */ path) => found.some((own) => path === own.path || path.startsWith(`${own.path}/`));
  return [...found, ...fromService.filter((problem) => !covered(problem.path))];
}

/** @param {HTMLElement} form @param {string} path */
function controlAt(form, path) {
  for (let current = path; current !== ''; current = current.slice(0, current.lastIndexOf('/'))) {
    const found = [...form.querySelectorAll('[data-path]')].find((node) => node instanceof HTMLElement && node.dataset.path === current);
    if (found instanceof HTMLElement) return found;
  }
  return null;
}

/** The words that name a control: its label, or its group's legend. @param {HTMLElement} control @returns {Localised | null} */
function nameOf(control) {
  const label =
    control instanceof HTMLFieldSetElement
      ? control.querySelector(':scope > legend')
      : control.id
        ? document.querySelector(`label[for="${control.id}"]`)
        : null;
  const own = wordsOf(label);
  // A control in a line ("1. rinda") is named with its line, as every line has a "Summa".
  const line = control.parentElement?.closest('fieldset.line');
  const lineWords = line ? wordsOf(line.querySelector(':scope > legend')) : null;
  if (own && lineWords) return { lv: `${lineWords.lv}, ${own.lv}`, en: `${lineWords.en}, ${own.en}` };
  return own ?? lineWords;
}

/** @param {Element | null | undefined} holder @returns {Localised | null} */
function wordsOf(holder) {
  const words = holder?.querySelector('[data-lv]');
  return words instanceof HTMLElement && words.dataset.lv !== undefined && words.dataset.en !== undefined
    ? { lv: words.dataset.lv, en: words.dataset.en }
    : null;
}

/** @param {HTMLElement} form */
export function clearProblems(form) {
  for (const node of form.querySelectorAll('.field-error')) node.remove();
  for (const node of form.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid');
    if (!(node instanceof HTMLElement)) continue;
    const kept = (node.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.startsWith('problem-'));
    if (kept.length > 0) node.setAttribute('aria-describedby', kept.join(' '));
    else node.removeAttribute('aria-describedby');
  }
  for (const node of form.querySelectorAll('.has-error')) node.classList.remove('has-error');
  form.querySelector('.problem-summary')?.remove();
}

/** @param {HTMLElement} control @param {string} id */
function describeBy(control, id) {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  control.setAttribute('aria-describedby', [...ids, id].join(' '));
  control.setAttribute('aria-invalid', 'true');
}

/**
 * Shows each problem next to its control and a summary at the top of the form, then moves focus to the summary.
 * @param {HTMLFormElement} form
 * @param {PageProblem[]} problems
 */
export function showProblems(form, problems) {
  clearProblems(form);
  const items = problems.map((found) => {
    const control = controlAt(form, found.path);
    if (!control) return el('li', {}, el('code', {}, found.path || '/'), ' ', el('span', { text: found.message }));
    const id = newId('problem');
    // A group (fieldset, period) holds its own error slot; a control's slot is in its .field.
    const wrapper = control.querySelector(':scope > .field-errors') ? control : (control.closest('.field') ?? control.parentElement);
    // A control folded away (a line's evidence) is shown with its problem.
    for (let folded = control.closest('details'); folded; folded = folded.parentElement?.closest('details') ?? null) folded.open = true;
    wrapper?.classList.add('has-error');
    const slot = wrapper?.querySelector(':scope > .field-errors') ?? wrapper;
    slot?.append(
      el(
        'p',
        { class: 'field-error', attributes: { id } },
        el('span', { class: 'visually-hidden', text: WORDS.fieldProblem }),
        ' ',
        el('span', { text: found.message }),
      ),
    );
    describeBy(control, id);
    const name = nameOf(control);
    const link = el(
      'a',
      { attributes: { href: `#${control.id || ''}` } },
      name ? [el('span', { text: name }), ': '] : null,
      el('span', { text: found.message }),
    );
    link.addEventListener('click', (event) => {
      // The page's tabs live in the URL fragment; follow the link by focus, not by changing it.
      event.preventDefault();
      const target = control instanceof HTMLFieldSetElement ? control.querySelector('input, select, textarea, button') : control;
      if (target instanceof HTMLElement) target.focus();
      control.scrollIntoView({ block: 'center' });
    });
    return el('li', {}, link);
  });
  const summary = el(
    'div',
    { class: 'problem-summary', attributes: { tabindex: '-1', role: 'alert' } },
    el('h3', { text: WORDS.checkInput }),
    el('p', { text: PHRASES.problemsFound(problems.length) }),
    el('ul', {}, items),
  );
  form.prepend(summary);
  // The summary is where the caseworker is taken, at the top of the screen, and what a screen reader says first.
  summary.scrollIntoView({ block: 'start', behavior: 'instant' });
  summary.focus({ preventScroll: true });
}

/** Asks for an API token and asks the service again with it. @param {() => void} retry */
function tokenForm(retry) {
  const field = inputField({ path: '/token', label: WORDS.tokenLabel, help: WORDS.tokenHelp, type: 'password' });
  const form = el(
    'form',
    { class: 'token-form', attributes: { novalidate: true } },
    field.element,
    el('button', { class: 'primary', attributes: { type: 'submit' }, text: WORDS.tokenRetry }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setApiToken(field.control.value.trim());
    retry();
  });
  return form;
}

/** @param {string} date */
const day = (date) => dateWords(date);

/**
 * The sentences of a 422 (no rule version in force), as the service writes them, in both languages; null when the
 * detail is not one of them.
 * @type {Array<[RegExp, (match: RegExpExecArray) => Localised]>}
 */
const NO_VERSION_SENTENCES = [
  [
    /^No version of (\S+)(?: adopted by (\S+))? is in force on (\S+)\.$/,
    ([, programme = '', asOf, date = '']) => ({
      lv: `Programmai ${programme} ${date ? `${day(date).lv} ` : ''}nav spēkā esošas noteikumu versijas${asOf ? ` no tām, kas pieņemtas līdz ${day(asOf).lv}` : ''}.`,
      en: `No version of ${programme}${asOf ? ` adopted by ${day(asOf).en}` : ''} is in force on ${day(date).en}.`,
    }),
  ],
  [
    /^Nearest before: (\S+) \(in force (\S+) to (\S+)\)\.$/,
    ([, version = '', from = '', to = '']) => ({
      lv: `Tuvākā iepriekšējā: ${version} (spēkā ${day(from).lv}–${to === 'open' ? '' : day(to).lv}).`,
      en: `Nearest before: ${version} (in force ${day(from).en} – ${to === 'open' ? '' : day(to).en}).`,
    }),
  ],
  [
    /^Nearest after: (\S+) \(in force from (\S+), adopted (\S+)\)\.$/,
    ([, version = '', from = '', adopted = '']) => ({
      lv: `Tuvākā nākamā: ${version} (spēkā no ${day(from).lv}, pieņemta ${day(adopted).lv}).`,
      en: `Nearest after: ${version} (in force from ${day(from).en}, adopted ${day(adopted).en}).`,
    }),
  ],
  [
    /^Adopted after (\S+): (.+)\.$/,
    ([, asOf = '', versions = '']) => ({ lv: `Pieņemtas pēc ${day(asOf).lv}: ${versions}.`, en: `Adopted after ${day(asOf).en}: ${versions}.` }),
  ],
  [/^The programme has no versions\.$/, () => ({ lv: 'Programmai nav nevienas versijas.', en: 'The programme has no versions.' })],
];

/** @param {string} detail @returns {Localised | null} */
function noVersionWords(detail) {
  const sentences = detail.split(/(?<=\.) (?=[A-Z])/);
  /** @type {Localised[]} */
  const words = [];
  for (const sentence of sentences) {
    const known = NO_VERSION_SENTENCES.map(([pattern, say]) => {
      const match = pattern.exec(sentence);
      return match ? say(match) : null;
    }).find(Boolean);
    if (!known) return null;
    words.push(known);
  }
  return { lv: words.map((word) => word.lv).join(' '), en: words.map((word) => word.en).join(' ') };
}

/** What a problem means for the caseworker, in the page's words. @param {Problem} problem @returns {{ heading: Localised, advice: Localised | null }} */
function problemWords(problem) {
  switch (problem.status) {
    case 422:
      return { heading: WORDS.noVersionInForce, advice: WORDS.noVersionAdvice };
    case 404:
      return { heading: WORDS.unknownProgramme, advice: null };
    case 413:
      return { heading: WORDS.tooLarge, advice: null };
    case 401:
      return { heading: WORDS.needsToken, advice: null };
    case 403:
      return { heading: WORDS.tokenRefused, advice: null };
    case 0:
      return { heading: WORDS.unreachable, advice: null };
    case 503:
      return { heading: WORDS.serviceUnavailable, advice: WORDS.tryAgainLater };
    default:
      return { heading: PHRASES.serviceError(problem.status), advice: problem.status >= 500 ? WORDS.tryAgainLater : null };
  }
}

/**
 * A problem that is not about one field — no version in force, an unknown programme, no API token, the service
 * unreachable or failing — in the page's language. What the service said is kept for whoever supports the
 * caseworker: a 422's nearest versions in words, anything else folded, as the service wrote it (in English).
 * @param {Problem} problem
 * @param {() => void} [retry] asks again (after an API token is given)
 * @returns {HTMLElement}
 */
export function problemBox(problem, retry) {
  const { heading, advice } = problemWords(problem);
  const detail = problem.status === 0 ? null : (problem.detail ?? null);
  const inWords = problem.status === 422 && detail ? noVersionWords(detail) : null;
  return el(
    'div',
    { class: 'problem-box', attributes: { 'data-status': problem.status } },
    el('h3', { text: heading }),
    inWords ? el('p', { class: 'problem-detail', text: inWords }) : null,
    advice ? el('p', { text: advice }) : null,
    (problem.errors ?? []).length > 0
      ? el(
          'ul',
          {},
          (problem.errors ?? []).map((found) => el('li', {}, el('code', {}, found.path || '/'), ' ', el('span', { text: problemMessage(found.message) }))),
        )
      : null,
    detail && !inWords
      ? el('details', { class: 'service-said' }, el('summary', { text: WORDS.serviceSaid }), el('p', { attributes: { lang: 'en' } }, detail))
      : null,
    retry && (problem.status === 401 || problem.status === 403) ? tokenForm(retry) : null,
  );
}
