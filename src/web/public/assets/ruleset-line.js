// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { dateWords, periodWords } from './display-formats.js';
import { el } from './element.js';

/**
 * Which rules answered: the version with its title, the days it is in force, when it was adopted and the sha256 of
 * its file; the asOf day when the question asked for rules as known then; and the decision id to quote.
 * @param {any | null} ruleset
 * @param {any} programme
 * @param {string | undefined} asOf
 * @param {string | undefined} decisionId
 */
export function rulesetLine(ruleset, programme, asOf, decisionId) {
  const title = ruleset ? (programme?.versions ?? []).find((/** @type {any} */ version) => version.version === ruleset.version)?.title : null;
  return el(
    'dl',
    { class: 'ruleset' },
    ruleset
      ? [
          el('dt', { text: WORDS.ruleVersion }),
          el(
            'dd',
            {},
            el('strong', {}, ruleset.version),
            title ? [' — ', el('span', { text: title })] : null,
            '; ',
            el('span', { text: PHRASES.inForcePeriod(periodWords(ruleset.effectiveFrom, ruleset.effectiveTo)) }),
            ruleset.adopted ? ['; ', el('span', { text: PHRASES.adoptedOn(dateWords(ruleset.adopted)) })] : null,
            el('br'),
            el('span', { class: 'sha' }, 'sha256 ', el('code', {}, ruleset.sha256 ?? '')),
          ),
        ]
      : null,
    asOf ? [el('dt', { text: WORDS.asOfShort }), el('dd', { text: PHRASES.rulesAsOf(dateWords(asOf)) })] : null,
    decisionId ? [el('dt', { text: WORDS.decisionId }), el('dd', {}, el('code', {}, decisionId))] : null,
  );
}
