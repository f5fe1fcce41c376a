import type { LocalisedText } from '../language/localised-text.js';
import type { FactChange, Needs } from './fact-change.js';

type Language = keyof LocalisedText;

/** The words of each kind of need, in each language. */
const WORDS = {
  lv: {
    yes: 'jā',
    no: 'nē',
    none: 'nav',
    oneOf: 'viens no:',
    notOneOf: 'ne:',
    atLeast: 'vismaz',
    moreThan: 'vairāk nekā',
    atMost: 'ne vairāk kā',
    lessThan: 'mazāk nekā',
    onOrAfter: 'ne agrāk kā',
    after: 'vēlāk nekā',
    onOrBefore: 'ne vēlāk kā',
    before: 'agrāk nekā',
    and: 'un',
    or: 'vai',
    add: 'jāpievieno tāds, kam',
    noItem: 'nevienam nav',
    contains: 'jāietver',
    lacks: 'nedrīkst ietvert',
    any: 'jebkāds',
  },
  en: {
    yes: 'yes',
    no: 'no',
    none: 'none',
    oneOf: 'one of',
    notOneOf: 'not',
    atLeast: 'at least',
    moreThan: 'more than',
    atMost: 'at most',
    lessThan: 'less than',
    onOrAfter: 'on or after',
    after: 'after',
    onOrBefore: 'on or before',
    before: 'before',
    and: 'and',
    or: 'or',
    add: 'add one with',
    noItem: 'none with',
    contains: 'holding',
    lacks: 'not holding',
    any: 'any',
  },
} as const;

function valueWords(value: unknown, language: Language): string {
  if (value === true) return WORDS[language].yes;
  if (value === false) return WORDS[language].no;
  if (value === null || value === undefined) return WORDS[language].none;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function listWords(values: readonly unknown[], language: Language): string {
  return values.map((value) => valueWords(value, language)).join(', ');
}

function fieldsWords(fields: Record<string, Needs>, language: Language): string {
  return Object.entries(fields)
    .map(([field, needs]) => `${field} ${needsWords(needs, language)}`)
    .join(', ');
}

const BOUNDS = ['atLeast', 'moreThan', 'atMost', 'lessThan', 'onOrAfter', 'after', 'onOrBefore', 'before'] as const;

/** What the needs ask, in words: "on or after 2020-01-01 and before 2021-01-01", "one of A, B", "add one with …". */
export function needsWords(needs: Needs, language: Language): string {
  const words = WORDS[language];
  const parts: string[] = [];
  if ('equals' in needs) parts.push(valueWords(needs.equals, language));
  if (needs.oneOf !== undefined) parts.push(`${words.oneOf} ${listWords(needs.oneOf, language)}`);
  if (needs.notOneOf !== undefined) parts.push(`${words.notOneOf} ${listWords(needs.notOneOf, language)}`);
  const bounds = BOUNDS.filter((bound) => needs[bound] !== undefined).map((bound) => `${words[bound]} ${needs[bound]}`);
  if (bounds.length > 0) parts.push(`${bounds.join(` ${words.and} `)}${needs.orAbsent ? ` ${words.or} ${words.none}` : ''}`);
  if (needs.item !== undefined) parts.push(`${words.add} ${fieldsWords(needs.item, language)}`);
  if (needs.noItem !== undefined) parts.push(needs.noItem.map((pattern) => `${words.noItem} ${fieldsWords(pattern, language)}`).join('; '));
  if ('contains' in needs) parts.push(`${words.contains} ${valueWords(needs.contains, language)}`);
  if (needs.lacks !== undefined) parts.push(`${words.lacks} ${listWords(needs.lacks, language)}`);
  return parts.length === 0 ? words.any : parts.join(`; `);
}

/** An option in words: each change as "<what the fact is>: <what it needs>", and the basis it would give. */
export function optionWords(changes: readonly FactChange[], titleOf: (change: FactChange) => LocalisedText, basis?: string): LocalisedText {
  const words = (language: Language): string => {
    const text = changes.map((change) => `${titleOf(change)[language]}: ${needsWords(change.needs, language)}`).join('; ');
    return basis === undefined ? text : `${text} (${basis})`;
  };
  return { lv: words('lv'), en: words('en') };
}
