// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { addDays, dateWords } from './display-formats.js';
import { el, newId } from './element.js';
import { same } from './language.js';
import { refWords } from './ref-titles.js';
import { valueWords } from './value-words.js';

/**
 * The top of a day's answer, read in a minute: the verdict, until when it holds (contract v2 `nextChange`), the basis
 * and what stands in the way in words with the facts that decided each, and for a person not eligible what would
 * change it (`whatWouldChange`). The full checklist follows, folded.
 */

/** @typedef {import('./language.js').Localised} Localised */
/** @typedef {import('./checklist.js').RuleContext} RuleContext */
/** @typedef {Map<string, import('./ref-titles.js').RefWords>} RefTitles */

/** How far ahead the service looks for the next change (contract v2: 3660 days). */
const NEXT_CHANGE_HORIZON_DAYS = 3660;

/**
 * The first named condition called `name` explained in full in an explanation (a recurring one names only where).
 * @param {any} node @param {string} name @returns {any}
 */
function namedConditionIn(node, name) {
  if (!node || typeof node !== 'object') return null;
  if (node.condition === name && node.conditions) return node;
  for (const child of [node.conditions, ...(node.all ?? []), ...(node.any ?? []), node.not].filter(Boolean)) {
    const found = namedConditionIn(child, name);
    if (found) return found;
  }
  return null;
}

/**
 * The conditions on facts that decided a rule's result: those that came out as the rule did (for a rule that held,
 * the ones that held; for one that failed, the ones that failed), through named conditions and all/any/not, never
 * a skipped one.
 * @param {any} node a condition node of the explanation
 * @param {boolean} wanted the result that decided
 * @param {any[]} explanation the whole explanation, where a recurring named condition was explained
 * @returns {any[]}
 */
function decidingLeaves(node, wanted, explanation) {
  if (!node || typeof node !== 'object' || node.skipped) return [];
  if ('result' in node && node.result !== wanted) return [];
  if ('fact' in node) return [node];
  if ('condition' in node && 'explainedIn' in node) {
    const rule = explanation.find((candidate) => candidate.ref === node.explainedIn);
    return decidingLeaves(namedConditionIn(rule?.conditions, node.condition), wanted, explanation);
  }
  if ('condition' in node) return decidingLeaves(node.conditions, wanted, explanation);
  if ('not' in node) return decidingLeaves(node.not, !wanted, explanation);
  return [...(node.all ?? []), ...(node.any ?? [])].flatMap((/** @type {any} */ child) => decidingLeaves(child, wanted, explanation));
}

/**
 * A fact's value as a caseworker says it: a list of items (conditions, services) item by item, each as its first
 * value with the others in brackets ("Garīga rakstura traucējumi (Smagi)"), not field by field.
 * @param {unknown} value @param {string} field
 * @returns {Localised}
 */
function factValueWords(value, field) {
  if (!Array.isArray(value) || !value.every((item) => item && typeof item === 'object' && !Array.isArray(item))) return valueWords(value, field);
  if (value.length === 0) return valueWords(value, field);
  const items = value.map((item) => {
    const [first, ...rest] = Object.entries(item).map(([key, part]) => valueWords(part, `${field}.${key}`));
    const more =
      rest.length > 0 ? { lv: ` (${rest.map((word) => word.lv).join(', ')})`, en: ` (${rest.map((word) => word.en).join(', ')})` } : { lv: '', en: '' };
    return { lv: `${first?.lv ?? ''}${more.lv}`, en: `${first?.en ?? ''}${more.en}` };
  });
  return { lv: items.map((item) => item.lv).join('; '), en: items.map((item) => item.en).join('; ') };
}

/**
 * The facts that decided a ref (a basis met, a requirement not met, an exclusion that applies), each once, in words:
 * "Vecums pilnos gados: 38".
 * @param {string} ref @param {any[]} explanation @param {RuleContext} context
 * @returns {Localised[]}
 */
export function decidingFacts(ref, explanation, context) {
  const rule = explanation.find((candidate) => candidate.ref === ref);
  if (!rule || typeof rule.result !== 'boolean') return [];
  const facts = new Map();
  for (const leaf of decidingLeaves(rule.conditions, rule.result, explanation)) {
    if (leaf.fact === 'evaluationDate' || facts.has(leaf.fact) || !('factValue' in leaf)) continue;
    const title = context.facts.get(leaf.fact) ?? same(leaf.fact);
    const value = factValueWords(leaf.factValue, context.fieldOf.get(leaf.fact) ?? leaf.fact);
    facts.set(leaf.fact, { lv: `${title.lv}: ${value.lv}`, en: `${title.en}: ${value.en}` });
  }
  return [...facts.values()];
}

/**
 * Refs in words, each with the facts that decided it.
 * @param {string[]} refs @param {RefTitles} titles @param {any[]} explanation @param {RuleContext} context @param {string} className
 */
export function refsWithFacts(refs, titles, explanation, context, className) {
  return el(
    'ul',
    { class: className },
    refs.map((ref) => {
      const facts = decidingFacts(ref, explanation, context);
      return el(
        'li',
        { attributes: { 'data-ref': ref } },
        el('strong', { class: 'ref' }, ref),
        ' — ',
        el('span', { text: refWords(ref, titles) }),
        facts.length > 0
          ? el(
              'p',
              { class: 'deciding-facts' },
              el('span', { class: 'label', text: WORDS.decidedByFacts }),
              ' ',
              facts.map((fact, index) => [index > 0 ? '; ' : '', el('span', { class: 'fact-value', text: fact })]),
            )
          : null,
      );
    }),
  );
}

/** @param {string[]} refs @param {RefTitles} titles @returns {Localised} */
function refNames(refs, titles) {
  const words = refs.map((ref) => refWords(ref, titles));
  return { lv: words.map((word) => word.lv).join('; '), en: words.map((word) => word.en).join('; ') };
}

/**
 * "Eligible until …" and its like, from the answer's nextChange: the day before the answer changes, and what it
 * changes to. Nothing when the answer carries no nextChange (an older service, or a period's answer).
 * @param {any} answer a day's answer
 * @param {RefTitles} titles
 * @returns {HTMLElement | null}
 */
export function nextChangeLine(answer, titles) {
  if (!('nextChange' in answer)) return null;
  const next = answer.nextChange;
  if (next === null) {
    const horizon = dateWords(addDays(answer.date, NEXT_CHANGE_HORIZON_DAYS));
    return el('p', { class: 'next-change', text: answer.eligible ? PHRASES.eligibleBeyond(horizon) : PHRASES.notEligibleBeyond(horizon) });
  }
  const until = dateWords(addDays(next.date, -1));
  const from = dateWords(next.date);
  /** @type {Localised} */
  const headline = answer.eligible
    ? next.eligible
      ? PHRASES.sameUntil(until)
      : PHRASES.eligibleUntil(until)
    : next.eligible
      ? PHRASES.eligibleFrom(from)
      : PHRASES.notEligibleUntilChange(until);
  /** @type {Localised | null} */
  const then = next.noVersion
    ? PHRASES.noVersionFrom(from)
    : next.eligible
      ? (next.basis ?? []).length > 0
        ? PHRASES.basisFrom(from, refNames(next.basis, titles))
        : null
      : (next.blockers ?? []).length > 0
        ? PHRASES.blockedFrom(from, refNames(next.blockers, titles))
        : null;
  return el(
    'p',
    { class: `next-change ${answer.eligible && !next.eligible ? 'next-change--ends' : ''}`.trim(), attributes: { 'data-next-change': next.date } },
    el('strong', { text: headline }),
    then ? [' ', el('span', { text: then })] : null,
  );
}

/**
 * For a person not eligible: what would change it, each blocker with the options the service found (`words` in the
 * page's language). Nothing when the answer has none.
 * @param {any} answer
 * @returns {HTMLElement | null}
 */
export function whatWouldChangeBox(answer) {
  const items = answer.eligible ? [] : (answer.whatWouldChange ?? []);
  if (items.length === 0) return null;
  const heading = el('h4', { text: WORDS.whatWouldChangeHeading, attributes: { id: newId('would-change') } });
  return el(
    'section',
    { class: 'would-change', attributes: { 'aria-labelledby': heading.id } },
    heading,
    el(
      'ul',
      { class: 'would-change-list' },
      items.map((/** @type {any} */ item) =>
        el(
          'li',
          { attributes: { 'data-blocker': item.blocker } },
          el('strong', { class: 'ref' }, item.blocker),
          item.title ? [' — ', el('span', { text: item.title })] : null,
          el(
            'ul',
            { class: 'would-change-options' },
            (item.options ?? []).map((/** @type {any} */ option) => el('li', { text: option.words ?? same('') })),
          ),
        ),
      ),
    ),
  );
}
