// @ts-check
/**
 * The person a caseworker is working on, carried between the eligibility check and the compensation calculator: the
 * facts typed in one tool are there in the other, with the programme when the other offers it. Kept in this page
 * only (never stored in the browser): the person's data leaves with the page.
 */

/** @typedef {import('./fact-fields.js').Fact} Fact */
/** @typedef {import('./fact-fields.js').FactValues} FactValues */

/** @type {{ programme: string, person: Record<string, unknown>, request: Record<string, unknown>, changes: number }} */
const kept = { programme: '', person: {}, request: {}, changes: 0 };

/**
 * What a form shows now becomes the person's case: each fact the form asks is taken as it is there (a fact left
 * empty there is empty in the case); facts the form does not ask (another programme's) are kept.
 * @param {string} programme
 * @param {Fact[]} facts
 * @param {FactValues} values
 */
export function keepCase(programme, facts, values) {
  kept.programme = programme;
  for (const fact of facts) {
    const [target, source] = fact.in === 'request' ? [kept.request, values.request] : [kept.person, values.person];
    if (Object.hasOwn(source, fact.name)) target[fact.name] = source[fact.name];
    else delete target[fact.name];
  }
  kept.changes += 1;
}

/** The case as a form writes it, and how many changes it has had (a form that has seen them all needs nothing). */
export function currentCase() {
  return { programme: kept.programme, values: { person: { ...kept.person }, request: { ...kept.request }, problems: [] }, changes: kept.changes };
}
