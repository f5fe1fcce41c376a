// @ts-check
import { OPERATOR_WORDS, PHRASES, WORDS } from './dictionary.js';
import { el } from './element.js';
import { same } from './language.js';
import { valueWords } from './value-words.js';

/**
 * An explanation as a checklist: every rule in file order with its outcome and legal source, and under it every
 * condition with the value it saw, what it was compared with, and whether it held, failed or was skipped. The same
 * tree without results shows a rule as written (the rules browser).
 */

/** @typedef {import('./language.js').Localised} Localised */
/**
 * @typedef {object} RuleContext
 * @property {Map<string, Localised>} facts titles of facts and derived facts
 * @property {Map<string, { title?: Localised, value?: unknown, type?: string }>} parameters of the version
 * @property {Map<string, Localised>} assumptions of the version
 * @property {Map<string, string>} fieldOf the object field or list a derived fact reads (vsacExitService → vsacExit.service,
 *   servicesOutsideDi → services)
 */

/**
 * @param {any} programme GET /v1/programmes/{id}
 * @param {string} [version] the version's id; its parameters and assumptions name the values
 * @returns {RuleContext}
 */
export function ruleContext(programme, version) {
  const found = (programme?.versions ?? []).find((/** @type {any} */ candidate) => candidate.version === version);
  return {
    facts: new Map([...(programme?.facts ?? []), ...(programme?.derivedFacts ?? [])].map((fact) => [fact.name, fact.title])),
    parameters: new Map((found?.parameters ?? []).map((/** @type {any} */ parameter) => [parameter.name, parameter])),
    assumptions: new Map((found?.assumptions ?? []).map((/** @type {any} */ assumption) => [assumption.id, assumption.text])),
    fieldOf: new Map(
      (programme?.derivedFacts ?? []).flatMap((/** @type {any} */ fact) =>
        // A field of an object fact reads in that field's words; items of a list fact kept by date (itemsByDate:
        // servicesOutsideDi) are that list's items and read in its words.
        fact.kind === 'field' ? [[fact.name, `${fact.of}.${fact.field}`]] : fact.kind === 'itemsByDate' ? [[fact.name, fact.of]] : [],
      ),
    ),
  };
}

/** @param {RuleContext} context @param {string} fact @returns {Localised} */
function factTitle(context, fact) {
  if (fact === 'evaluationDate') return WORDS.evaluatedDay;
  return context.facts.get(fact) ?? same(fact);
}

/** @param {any} node */
function statusOf(node) {
  if (!node || typeof node.result !== 'boolean') return null;
  // A skipped condition was still evaluated: say what it would have given.
  if (node.skipped) return { mark: '⤼', words: PHRASES.skippedWithResult(WORDS.skipped, node.result ? WORDS.holds : WORDS.doesNotHold), className: 'skip' };
  return node.result ? { mark: '✓', words: WORDS.holds, className: 'pass' } : { mark: '✗', words: WORDS.doesNotHold, className: 'fail' };
}

/** @param {ReturnType<typeof statusOf>} status */
function statusBadge(status) {
  if (!status) return null;
  return el(
    'span',
    { class: `status status--${status.className}` },
    el('span', { class: 'mark', attributes: { 'aria-hidden': 'true' } }, status.mark),
    ' ',
    el('span', { text: status.words }),
  );
}

/** What a condition compares with: the value, and where it came from (a parameter's title, or a fact). */
/** @param {any} leaf @param {RuleContext} context @param {string} field */
function comparedValue(leaf, context, field) {
  const source =
    leaf.valueFrom ??
    (leaf.value && typeof leaf.value === 'object' && !Array.isArray(leaf.value) && ('param' in leaf.value || 'fact' in leaf.value) ? leaf.value : null);
  const traced = 'result' in leaf;
  if (source?.param) {
    const parameter = context.parameters.get(source.param);
    const value = traced ? leaf.value : parameter?.value;
    return [
      el('span', { class: 'value', text: valueWords(value, field) }),
      ' ',
      el('span', { class: 'param' }, '(', el('span', { text: parameter?.title ?? same(source.param) }), ')'),
    ];
  }
  if (source?.fact) {
    const title = factTitle(context, source.fact);
    return traced
      ? [el('span', { class: 'value', text: valueWords(leaf.value, field) }), ' ', el('span', { class: 'param' }, '(', el('span', { text: title }), ')')]
      : [el('span', { class: 'value', text: title })];
  }
  return [el('span', { class: 'value', text: valueWords(leaf.value, field) })];
}

/**
 * @param {any} node a condition node, traced (with result) or as written
 * @param {RuleContext} context
 * @returns {HTMLLIElement}
 */
function conditionItem(node, context) {
  const status = statusOf(node);
  const className = `condition${status ? ` condition--${status.className}` : ''}`;
  if (node && 'fact' in node) {
    const field = context.fieldOf.get(node.fact) ?? node.fact;
    return el(
      'li',
      { class: className },
      statusBadge(status),
      ' ',
      el('span', { class: 'fact', text: factTitle(context, node.fact) }),
      ' ',
      el('span', { class: 'operator', text: OPERATOR_WORDS[node.operator] ?? same(node.operator) }),
      ' ',
      comparedValue(node, context, field),
      'factValue' in node
        ? el('span', { class: 'seen' }, ' — ', el('span', { text: WORDS.valueSeen }), ': ', el('strong', { text: valueWords(node.factValue, field) }))
        : null,
      node.note ? el('span', { class: 'note' }, ' (', node.note, ')') : null,
    );
  }
  if (node && 'condition' in node && 'explainedIn' in node) {
    // A named condition already explained in full under an earlier rule of this explanation: named, not repeated.
    return el(
      'li',
      { class: className },
      statusBadge(status),
      ' ',
      el('span', { class: 'named', text: node.title ?? WORDS.untitledCondition }),
      ' ',
      el('span', { class: 'explained-in', text: PHRASES.explainedIn(node.explainedIn) }),
    );
  }
  if (node && 'condition' in node) {
    const inner = unwrap(node.conditions);
    const group = inner ? combinator(inner) : null;
    return el(
      'li',
      { class: className },
      statusBadge(status),
      ' ',
      // The condition's title from the rule file; never its internal name, which means nothing to a caseworker.
      el('span', { class: 'named', text: node.title ?? WORDS.untitledCondition }),
      group ? [' — ', el('span', { text: group.words })] : inner ? ':' : null,
      group
        ? el(
            'ul',
            { class: 'conditions' },
            group.children.map((child) => conditionItem(child, context)),
          )
        : inner
          ? conditionList(inner, context)
          : null,
    );
  }
  const group = combinator(node);
  if (group && group.children.length === 1 && group.words !== WORDS.notThat) return conditionItem(group.children[0], context);
  if (group)
    return el(
      'li',
      { class: className },
      statusBadge(status),
      ' ',
      el('span', { text: capitalised(group.words) }),
      el(
        'ul',
        { class: 'conditions' },
        group.children.map((child) => conditionItem(child, context)),
      ),
    );
  return el('li', { class: className }, el('code', {}, JSON.stringify(node)));
}

/** @param {Localised} words */
function capitalised(words) {
  return { lv: words.lv.charAt(0).toUpperCase() + words.lv.slice(1), en: words.en.charAt(0).toUpperCase() + words.en.slice(1) };
}

/** An all/any/not node: its words and its children. @param {any} node @returns {{ words: Localised, children: any[] } | null} */
function combinator(node) {
  for (const [key, words] of /** @type {Array<[string, Localised]>} */ ([
    ['all', WORDS.allOf],
    ['any', WORDS.anyOf],
    ['not', WORDS.notThat],
  ])) {
    if (node && key in node) return { words, children: Array.isArray(node[key]) ? node[key] : [node[key]] };
  }
  return null;
}

/** "All of" or "any of" a single condition is that condition: shown once, not nested. @param {any} node @returns {any} */
function unwrap(node) {
  const group = combinator(node);
  return group && group.children.length === 1 && group.words !== WORDS.notThat ? unwrap(group.children[0]) : node;
}

/** @param {any} node @param {RuleContext} context */
export function conditionList(node, context) {
  return el('ul', { class: 'conditions' }, conditionItem(node, context));
}

/** @param {any} rule */
function outcomeWords(rule) {
  if (rule.kind === 'basis') return rule.result ? WORDS.basisMet : WORDS.basisNotMet;
  if (rule.kind === 'requirement') return rule.result ? WORDS.requirementMet : WORDS.requirementNotMet;
  if (rule.kind === 'exclusion') return rule.result ? WORDS.exclusionApplies : WORDS.exclusionDoesNotApply;
  return same(String(rule.outcome));
}

/** @param {string} kind */
export function kindWords(kind) {
  return kind === 'basis' ? WORDS.kindBasis : kind === 'requirement' ? WORDS.kindRequirement : kind === 'exclusion' ? WORDS.kindExclusion : same(kind);
}

/** @param {string[]} ids @param {RuleContext} context */
export function assumptionList(ids, context) {
  if (!ids || ids.length === 0) return null;
  // The product decisions behind a rule, by id; their text on request, as it is long and repeats from rule to rule.
  return el(
    'details',
    { class: 'assumptions' },
    el('summary', { text: PHRASES.assumptionsNamed(ids) }),
    el(
      'ul',
      {},
      ids.map((id) => el('li', {}, el('strong', {}, id), context.assumptions.get(id) ? [' — ', el('span', { text: context.assumptions.get(id) })] : null)),
    ),
  );
}

/**
 * One rule as evaluated.
 * @param {any} rule a RuleTrace
 * @param {RuleContext} context
 */
function ruleItem(rule, context) {
  const outcome = rule.outcome === 'basis' || rule.outcome === 'blocker' ? rule.outcome : 'neutral';
  const mark = outcome === 'basis' ? '✓' : outcome === 'blocker' ? '✗' : '○';
  return el(
    'li',
    { class: `rule rule--${outcome}`, attributes: { 'data-ref': rule.ref } },
    el(
      'div',
      { class: 'rule-head' },
      el('span', { class: 'mark', attributes: { 'aria-hidden': 'true' } }, mark),
      ' ',
      el('strong', { class: 'ref' }, rule.ref),
      ' ',
      el('span', { class: 'rule-title', text: rule.title }),
      ' ',
      el('span', { class: `outcome outcome--${outcome}`, text: outcomeWords(rule) }),
    ),
    ruleDetails(rule, context),
  );
}

/**
 * What a rule says under its heading, in an answer's checklist and in the rules browser alike: its kind and source,
 * the assumptions it rests on, and its conditions (with what each saw, in an answer).
 * @param {any} rule @param {RuleContext} context
 */
export function ruleDetails(rule, context) {
  return [
    el(
      'p',
      { class: 'rule-meta' },
      el('span', { text: kindWords(rule.kind) }),
      '. ',
      el('span', { text: WORDS.sourceLabel }),
      ' ',
      el('cite', {}, rule.source ?? ''),
    ),
    assumptionList(rule.assumptions, context),
    rule.conditions ? conditionList(rule.conditions, context) : null,
  ];
}

/** @param {any[]} explanation @param {RuleContext} context */
export function checklist(explanation, context) {
  return el(
    'div',
    { class: 'checklist' },
    el('p', { class: 'key', text: WORDS.explanationKey }),
    el(
      'ol',
      { class: 'rules' },
      explanation.map((rule) => ruleItem(rule, context)),
    ),
  );
}
