// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { dayCount, daysBetween, periodWords } from './display-formats.js';
import { el } from './element.js';
import { refList } from './ref-titles.js';

/**
 * A period's segments as a timeline: a bar whose parts are as long as their runs of days (for the eye), and the same
 * segments as an ordered list with their answer in words (for everyone, screen readers included).
 */

/** @typedef {import('./language.js').Localised} Localised */

/**
 * @param {any[]} segments [{ from, to, eligible, basis, blockers, ruleset, explanation? }]
 * @param {Map<string, import('./ref-titles.js').RefWords>} titles refs in words
 * @param {(segment: any) => HTMLElement | null} [explain] the explanation of a segment, shown on request
 */
export function segmentTimeline(segments, titles, explain) {
  const bar = el(
    'div',
    { class: 'timeline', attributes: { 'aria-hidden': 'true' } },
    segments.map((segment, index) => {
      const part = el(
        'div',
        { class: `timeline-part ${segment.eligible ? 'timeline-part--yes' : 'timeline-part--no'}` },
        el('span', { class: 'timeline-number' }, String(index + 1)),
        ' ',
        el('span', { text: segment.eligible ? WORDS.eligibleWord : WORDS.notEligibleWord }),
        el('span', { class: 'timeline-dates', text: periodWords(segment.from, segment.to) }),
      );
      // CSSOM, not a style attribute: the page's content security policy allows no inline styles.
      part.style.flexGrow = String(daysBetween(segment.from, segment.to));
      return part;
    }),
  );
  const list = el(
    'ol',
    { class: 'segments' },
    segments.map((segment, index) =>
      el(
        'li',
        { class: `segment ${segment.eligible ? 'segment--yes' : 'segment--no'}` },
        el('h5', { text: PHRASES.segmentHeading(index + 1, periodWords(segment.from, segment.to), dayCount(daysBetween(segment.from, segment.to))) }),
        el(
          'p',
          { class: `verdict-line ${segment.eligible ? 'verdict-line--yes' : 'verdict-line--no'}` },
          el('span', { class: 'mark', attributes: { 'aria-hidden': 'true' } }, segment.eligible ? '✓' : '✗'),
          ' ',
          el('span', { text: segment.eligible ? WORDS.eligibleWord : WORDS.notEligibleWord }),
        ),
        segment.basis?.length > 0 ? [el('p', { class: 'list-label', text: WORDS.basisHeading }), refList(segment.basis, titles)] : null,
        segment.blockers?.length > 0
          ? [el('p', { class: 'list-label', text: WORDS.blockersHeading }), refList(segment.blockers, titles, 'refs refs--blockers')]
          : null,
        segment.ruleset ? el('p', { class: 'rule-meta' }, el('span', { text: WORDS.ruleVersion }), ': ', segment.ruleset.version) : null,
        explain && segment.explanation ? el('details', {}, el('summary', { text: WORDS.segmentExplanation }), explain(segment)) : null,
      ),
    ),
  );
  return el(
    'div',
    { class: 'segment-timeline' },
    el('h4', { class: 'visually-hidden', text: WORDS.timelineLabel }),
    bar,
    el('h4', { text: WORDS.segmentsHeading }),
    list,
  );
}
