// @ts-check
import { programmeDescription } from './api.js';
import { WORDS } from './dictionary.js';
import { el } from './element.js';
import { factFields } from './fact-fields.js';
import { problemBox } from './problem-display.js';

/**
 * The person's facts and services for the chosen programme, rebuilt when the programme changes. It also keeps the
 * programme's full description (GET /v1/programmes/{id}) for the answer: rule titles, parameters, assumptions.
 */

export function factsFieldset() {
  const body = el('div', { class: 'facts-host' });
  const element = el('fieldset', { class: 'group' }, el('legend', { text: WORDS.personLegend }), el('p', { class: 'help', text: WORDS.personHelp }), body);
  /** @type {ReturnType<typeof factFields> | null} */
  let fields = null;
  /** @type {any} */
  let programme = null;
  let asked = 0;

  /** @param {string} id */
  const show = async (id) => {
    asked += 1;
    const question = asked;
    body.replaceChildren(el('p', { class: 'loading', text: WORDS.loading }));
    const answer = await programmeDescription(id);
    // A later choice may have been made while this one loaded: only the latest is shown.
    if (question !== asked) return;
    if (!answer.ok) {
      programme = null;
      fields = null;
      body.replaceChildren(problemBox(answer.problem));
      return;
    }
    programme = answer.body;
    fields = factFields(programme.facts ?? []);
    body.replaceChildren(fields.element);
  };

  const read = () => fields?.read() ?? { person: {}, request: {}, problems: [] };
  return { element, show, read, programme: () => programme };
}
