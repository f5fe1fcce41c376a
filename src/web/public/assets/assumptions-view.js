// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { el, newId } from './element.js';
import { same } from './language.js';

/**
 * The product decisions an answer or a rule version rests on (assumptions), and the open questions among them: those
 * where the sources allow another reading, shown with that reading and the Latvian passage that leaves it open.
 */

/** @typedef {import('./language.js').Localised} Localised */
/**
 * @typedef {object} Assumption
 * @property {string} id
 * @property {Localised} text
 * @property {Localised} [otherReading]
 * @property {string} [passage] the source and the words that leave the question open (Latvian)
 * @property {string} [programme]
 * @property {string} [version]
 */

/** @param {Assumption} assumption */
export function isOpenQuestion(assumption) {
  return Boolean(assumption?.otherReading);
}

/** The other reading and the passage of an open question. @param {Assumption} assumption */
export function otherReadingWords(assumption) {
  if (!isOpenQuestion(assumption)) return null;
  return [
    el(
      'p',
      { class: 'other-reading' },
      el('span', { class: 'label', text: WORDS.otherReading }),
      ' ',
      el('span', { text: /** @type {Localised} */ (assumption.otherReading) }),
    ),
    // The passage quotes the source as written: Latvian, whatever the page's language.
    assumption.passage
      ? el('p', { class: 'passage' }, el('span', { class: 'label', text: WORDS.passage }), ' ', el('cite', { attributes: { lang: 'lv' } }, assumption.passage))
      : null,
  ];
}

/** @param {Assumption} assumption @param {boolean} origin whether to name the programme and version it comes from */
export function assumptionItem(assumption, origin) {
  const open = isOpenQuestion(assumption);
  return el(
    'li',
    { class: `assumption${open ? ' assumption--open' : ''}`, attributes: { 'data-assumption': assumption.id, 'data-open': open ? 'true' : null } },
    el('strong', {}, assumption.id),
    open ? [' ', el('span', { class: 'badge badge--open', text: WORDS.openQuestion })] : null,
    origin && assumption.programme
      ? [' ', el('span', { class: 'assumption-origin' }, `(${assumption.programme}${assumption.version ? ` ${assumption.version}` : ''})`)]
      : null,
    ' — ',
    el('span', { text: assumption.text ?? same('') }),
    otherReadingWords(assumption),
  );
}

/**
 * The assumptions an answer lists (`assumptions` of an eligibility or compensation answer), folded: open questions
 * are counted in the summary and marked in the list.
 * @param {Assumption[] | undefined} assumptions
 */
export function answerAssumptions(assumptions) {
  if (!assumptions || assumptions.length === 0) return null;
  const open = assumptions.filter(isOpenQuestion).length;
  return el(
    'details',
    { class: 'answer-assumptions', attributes: { 'data-assumptions': '' } },
    el('summary', { text: PHRASES.assumptionsOfAnswer(assumptions.length, open) }),
    el(
      'ul',
      { class: 'assumption-list' },
      assumptions.map((assumption) => assumptionItem(assumption, true)),
    ),
  );
}

/**
 * A programme's open questions (GET /v1/programmes/{id} `openQuestions`): each with its reading, the other one, the
 * passage, the versions that state it and what rests on it.
 * @param {Array<Assumption & { versions?: string[], usedBy?: string[] }> | undefined} questions
 */
export function openQuestionsSection(questions) {
  const heading = el('h4', { text: WORDS.openQuestionsHeading, attributes: { id: newId('open-questions') } });
  const list = questions ?? [];
  return el(
    'section',
    { class: 'open-questions', attributes: { 'aria-labelledby': heading.id } },
    heading,
    el('p', { class: 'help', text: WORDS.openQuestionsHelp }),
    list.length === 0
      ? el('p', { text: WORDS.noOpenQuestions })
      : el(
          'ul',
          { class: 'open-question-list' },
          list.map((question) =>
            el(
              'li',
              { class: 'assumption assumption--open', attributes: { 'data-question': question.id } },
              el('strong', {}, question.id),
              ' — ',
              el('span', { text: question.text ?? same('') }),
              otherReadingWords(question),
              el(
                'p',
                { class: 'question-meta' },
                (question.versions ?? []).length > 0
                  ? [el('span', { class: 'label', text: WORDS.inVersions }), ' ', (question.versions ?? []).join(', ')]
                  : null,
                (question.usedBy ?? []).length > 0
                  ? [
                      (question.versions ?? []).length > 0 ? '. ' : null,
                      el('span', { class: 'label', text: WORDS.restsOn }),
                      ' ',
                      (question.usedBy ?? []).map((user, index) => [index > 0 ? ', ' : '', el('code', {}, user)]),
                    ]
                  : null,
              ),
            ),
          ),
        ),
  );
}
