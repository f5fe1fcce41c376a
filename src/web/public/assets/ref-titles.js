// @ts-check
import { el } from './element.js';
import { same } from './language.js';
import { VALUE_LABELS } from './value-labels.js';

/**
 * Basis and blocker refs (T1, R1, E2, C4, "T" …) in words: the rule titles of the version that answered, the line
 * rules of its compensation, the programme's no-basis blocker, and the titles the explanation itself carries.
 */

/** @typedef {import('./language.js').Localised} Localised */
/** @typedef {{ title: Localised, kind?: string }} RefWords */

/**
 * @param {any} programme GET /v1/programmes/{id}
 * @param {string | undefined} version the version that answered; other versions fill refs it lacks
 * @param {any[]} [explanation] rule traces, whose titles win
 * @returns {Map<string, RefWords>}
 */
export function refTitles(programme, version, explanation = []) {
  /** @type {Map<string, RefWords>} */
  const titles = new Map();
  const versions = [...(programme?.versions ?? [])].sort((a, b) => (a.version === version ? 1 : 0) - (b.version === version ? 1 : 0));
  // Later entries overwrite earlier ones: other versions first, then the answering version, then the explanation.
  for (const found of versions) {
    for (const assumption of found.assumptions ?? []) titles.set(assumption.id, { title: assumption.text });
    for (const rule of found.rules ?? []) titles.set(rule.id, { title: rule.title, kind: rule.kind });
    for (const rule of found.compensation?.lineRules ?? []) titles.set(rule.id, { title: rule.title, kind: rule.kind });
    for (const provision of Object.values(found.compensation?.provision ?? {})) {
      const words = VALUE_LABELS.provision?.[/** @type {any} */ (provision).provision];
      if (words) titles.set(/** @type {any} */ (provision).ref, { title: words });
    }
  }
  if (programme?.noBasisBlocker) titles.set(programme.noBasisBlocker.ref, { title: programme.noBasisBlocker.title });
  for (const rule of explanation) if (rule?.ref && rule.title) titles.set(rule.ref, { title: rule.title, kind: rule.kind });
  return titles;
}

/** A title after a colon starts in lower case, unless it starts with an abbreviation (VSAC, NSK). @param {string} title */
function afterColon(title) {
  return /^\p{Lu}\p{Ll}/u.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

/**
 * A ref in words. A requirement or an exclusion named as a ref stood in the way, so it says so: its title alone
 * ("VSAC service ended … before the evaluated day") would read as if it were met.
 * @param {string} ref
 * @param {Map<string, RefWords>} titles
 * @returns {Localised}
 */
export function refWords(ref, titles) {
  const found = titles.get(ref);
  if (!found) return same(ref);
  if (found.kind === 'requirement')
    return { lv: `nav izpildīta prasība: ${afterColon(found.title.lv)}`, en: `requirement not met: ${afterColon(found.title.en)}` };
  if (found.kind === 'exclusion') return { lv: `attiecas izņēmums: ${afterColon(found.title.lv)}`, en: `exclusion applies: ${afterColon(found.title.en)}` };
  return found.title;
}

/**
 * @param {string[]} refs
 * @param {Map<string, RefWords>} titles
 * @param {string} [className]
 */
export function refList(refs, titles, className = 'refs') {
  return el(
    'ul',
    { class: className },
    refs.map((ref) => el('li', { attributes: { 'data-ref': ref } }, el('strong', { class: 'ref' }, ref), ' — ', el('span', { text: refWords(ref, titles) }))),
  );
}
