// @ts-check
import { programmeDescription } from './api.js';
import { WORDS } from './dictionary.js';
import { el } from './element.js';
import { factFields } from './fact-fields.js';
import { currentCase, keepCase } from './person-case.js';
import { problemBox } from './problem-display.js';

/**
 * The person's facts and services for the chosen programme, rebuilt when the programme changes. It also keeps the
 * programme's full description (GET /v1/programmes/{id}) for the answer: rule titles, parameters, assumptions.
 * What is typed here is the person's case (person-case.js), shown again here when another tool changed it.
 */

export function factsFieldset() {
  const body = el('div', { class: 'facts-host' });
  const element = el('fieldset', { class: 'group' }, el('legend', { text: WORDS.personLegend }), el('p', { class: 'help', text: WORDS.personHelp }), body);
  /** @type {ReturnType<typeof factFields> | null} */
  let fields = null;
  /** @type {any} */
  let programme = null;
  let asked = 0;
  /** The changes of the case this form shows (or made itself). */
  let seen = -1;

  const keep = () => {
    if (!fields || !programme) return;
    keepCase(programme.id, fields.facts, fields.read());
    seen = currentCase().changes;
  };
  body.addEventListener('input', keep);
  body.addEventListener('change', keep);
  // A line added or removed changes the case as a typed value does.
  body.addEventListener('click', (event) => {
    if (event.target instanceof HTMLButtonElement) keep();
  });

  /** Shows the person's case when another tool changed it since this form last showed it. */
  const refresh = () => {
    const found = currentCase();
    if (!fields || found.changes === seen) return;
    fields.write(found.values);
    seen = found.changes;
  };

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
    seen = -1;
    refresh();
  };

  const read = () => fields?.read() ?? { person: {}, request: {}, problems: [] };
  return { element, show, read, refresh, programme: () => programme };
}
