// @ts-check
import { PHRASES, WORDS } from './dictionary.js';
import { el } from './element.js';
import { same } from './language.js';
import { parameterValueWords } from './parameter-words.js';

/**
 * What changed between two versions of a programme, computed here from their data (GET /v1/programmes/{id}):
 * each parameter added, removed or changed (old → new), and each rule added, removed or changed.
 */

/** @typedef {import('./language.js').Localised} Localised */

/** @param {unknown} value */
function canonical(value) {
  return JSON.stringify(value, (_key, item) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}

/** @param {any[]} items @param {string} key */
function byKey(items, key) {
  return new Map((items ?? []).map((item) => [item[key], item]));
}

/** @param {'added' | 'removed' | 'changed'} change */
function changeBadge(change) {
  return el('span', { class: `change change--${change}`, text: WORDS[change] });
}

/** @param {any} older @param {any} newer */
function parameterChanges(older, newer) {
  const before = byKey(older.parameters, 'name');
  const after = byKey(newer.parameters, 'name');
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.flatMap((name) => {
    const old = before.get(name);
    const next = after.get(name);
    if (old && next && canonical(old.value) === canonical(next.value) && old.type === next.type) return [];
    const change = !old ? 'added' : !next ? 'removed' : 'changed';
    return [{ name, change, old, next }];
  });
}

/** @param {any} older @param {any} newer */
function ruleChanges(older, newer) {
  const before = byKey(older.rules, 'id');
  const after = byKey(newer.rules, 'id');
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  return ids.flatMap((id) => {
    const old = before.get(id);
    const next = after.get(id);
    if (old && next && canonical(old) === canonical(next)) return [];
    return [{ id, change: !old ? 'added' : !next ? 'removed' : 'changed', rule: next ?? old }];
  });
}

/**
 * @param {any} older a version of GET /v1/programmes/{id}
 * @param {any} newer
 */
export function versionDiff(older, newer) {
  const parameters = parameterChanges(older, newer);
  const rules = ruleChanges(older, newer);
  return el(
    'div',
    { class: 'diff' },
    el('h5', { text: WORDS.changedParameters }),
    parameters.length === 0
      ? el('p', { text: WORDS.noParameterChanged })
      : el(
          'ul',
          { class: 'changes' },
          parameters.map(({ name, change, old, next }) =>
            el(
              'li',
              { attributes: { 'data-parameter': name } },
              changeBadge(/** @type {'added' | 'removed' | 'changed'} */ (change)),
              ' ',
              el('strong', { text: (next ?? old)?.title ?? same(name) }),
              ' ',
              el('code', {}, name),
              ': ',
              el('span', {
                text: change === 'changed' ? PHRASES.oldToNew(parameterValueWords(old), parameterValueWords(next)) : parameterValueWords(next ?? old),
              }),
            ),
          ),
        ),
    el('h5', { text: WORDS.changedRules }),
    rules.length === 0
      ? el('p', { text: WORDS.noRuleChanged })
      : el(
          'ul',
          { class: 'changes' },
          rules.map(({ id, change, rule }) =>
            el(
              'li',
              {},
              changeBadge(/** @type {'added' | 'removed' | 'changed'} */ (change)),
              ' ',
              el('strong', {}, id),
              ' — ',
              el('span', { text: rule?.title ?? same(id) }),
            ),
          ),
        ),
  );
}

/**
 * The meaning-level diff of GET /v1/programmes/{id}/diff (the review tool's): each parameter with its relative
 * change and what reads it, each changed rule, line rule and named condition in words, dates, assumptions.
 * @param {any} report
 */
export function semanticDetails(report) {
  /** @param {string} text */
  const item = (text) => el('li', { text: same(text) });
  const parameterLines = (report.parameters ?? []).map(
    (/** @type {any} */ parameter) =>
      [
        parameter.name,
        parameter.percent ?? '',
        parameter.moved ?? '',
        parameter.gained?.length ? `+[${parameter.gained.join(', ')}]` : '',
        parameter.lost?.length ? `−[${parameter.lost.join(', ')}]` : '',
        ...(parameter.notes ?? []),
      ]
        .filter((part) => part !== '')
        .join(' · ') + (parameter.usedBy?.length ? ` (${parameter.usedBy.join(', ')})` : ''),
  );
  const ruleLines = [...(report.rules ?? []), ...(report.lineRules ?? [])].flatMap((/** @type {any} */ rule) =>
    rule.details?.length ? rule.details.map((/** @type {string} */ detail) => `${rule.id}: ${detail}`) : [`${rule.id}: ${rule.change}`],
  );
  const conditionLines = (report.conditions ?? []).flatMap((/** @type {any} */ condition) =>
    condition.details.map((/** @type {string} */ detail) => `${condition.name}: ${detail}`),
  );
  const otherLines = [
    ...(report.dates ?? []),
    ...(report.assumptions ?? []).flatMap((/** @type {any} */ text) => text.details.map((/** @type {string} */ detail) => `${text.id}: ${detail}`)),
    ...(report.compensation ?? []),
  ];
  const lines = [...parameterLines, ...ruleLines, ...conditionLines, ...otherLines];
  return el(
    'div',
    { class: 'diff-details', attributes: { 'data-diff-details': '' } },
    el('h5', { text: WORDS.diffDetails }),
    el('p', { class: 'note', text: WORDS.diffDetailsNote }),
    el('ul', { class: 'changes' }, lines.map(item)),
  );
}
