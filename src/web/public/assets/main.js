// @ts-check
import { getJson } from './api.js';
import { compensationView } from './compensation-view.js';
import { decisionsView } from './decisions-view.js';
import { WORDS } from './dictionary.js';
import { eligibilityView } from './eligibility-view.js';
import { language, put, putAttribute, setLanguage } from './language.js';
import { problemBox } from './problem-display.js';
import { rulesBrowser } from './rules-browser.js';

/**
 * The page: four tools (eligibility, compensation, rules, decisions), one shown at a time and named in the URL fragment so it
 * can be bookmarked; the language switch; and the programmes every tool starts from (GET /v1/programmes).
 */

const TOOLS = ['eligibility', 'compensation', 'rules', 'decisions'];

function labelStaticText() {
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const key = /** @type {keyof typeof WORDS} */ (node.getAttribute('data-i18n'));
    if (node instanceof HTMLElement && WORDS[key]) put(node, WORDS[key]);
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    const key = /** @type {keyof typeof WORDS} */ (node.getAttribute('data-i18n-label'));
    if (node instanceof HTMLElement && WORDS[key]) putAttribute(node, 'aria-label', WORDS[key]);
  }
}

function showLanguage() {
  for (const button of document.querySelectorAll('[data-language]'))
    button.setAttribute('aria-pressed', String(button.getAttribute('data-language') === language()));
  document.title = WORDS.siteTitle[language()];
}

let currentTool = 'eligibility';

/** @param {boolean} moveFocus */
function showTool(moveFocus) {
  const wanted = location.hash.slice(1);
  // A fragment that names no tool (none at all, an old bookmark) leaves the tool as it is.
  const named = TOOLS.includes(wanted);
  const tool = named ? wanted : currentTool;
  currentTool = tool;
  for (const name of TOOLS) {
    const section = document.getElementById(name);
    if (section) section.hidden = name !== tool;
    const link = document.querySelector(`[data-tool="${name}"]`);
    if (name === tool) link?.setAttribute('aria-current', 'page');
    else link?.removeAttribute('aria-current');
  }
  // A new tool is like a new page: a screen reader starts at its heading.
  if (moveFocus && named) document.getElementById(`${tool}-heading`)?.focus();
  // The tools that share the person (person-case.js) show what the other one changed.
  document.dispatchEvent(new CustomEvent('toolshown', { detail: tool }));
}

async function start() {
  document.documentElement.lang = language();
  labelStaticText();
  showLanguage();
  for (const button of document.querySelectorAll('[data-language]')) {
    button.addEventListener('click', () => {
      setLanguage(button.getAttribute('data-language') === 'en' ? 'en' : 'lv');
      showLanguage();
    });
  }
  showTool(false);
  window.addEventListener('hashchange', () => showTool(true));
  // The skip link goes to the open tool's heading by focus: following its #main would change the tool's fragment.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById(`${currentTool}-heading`)?.focus();
  });

  const hosts = TOOLS.map((name) => /** @type {HTMLElement} */ (document.getElementById(`${name}-body`)));
  const listed = await getJson('/v1/programmes');
  if (!listed.ok) {
    for (const host of hosts) host.append(problemBox(listed.problem));
    return;
  }
  const programmes = listed.body.programmes ?? [];
  const [eligibility, compensation, rules, decisions] = hosts;
  if (eligibility) eligibilityView(eligibility, programmes);
  if (rules) rulesBrowser(rules, programmes);
  if (decisions) decisionsView(decisions, programmes);
  if (compensation) await compensationView(compensation, programmes);
  document.body.dataset.ready = 'true';
}

void start();
