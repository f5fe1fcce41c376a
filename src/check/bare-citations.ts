import type { RuleVersion } from '../rules/model.js';
import { rulesOf } from '../rules/rule-conditions.js';
import type { JsonPath } from '../rules/yaml-file.js';
import { findingAt, type Finding } from './finding.js';

/** A citation needs this many letters or digits besides the source's name: a section, a paragraph, a quote. */
const MIN_SECTION_CHARACTERS = 3;

interface Citation {
  text: string;
  path: JsonPath;
}

/** Every `source` of a compensation setting, wherever the kind keeps one (line rules are rules, cited there). */
function compensationCitations(value: unknown, path: JsonPath, into: Citation[]): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'lineRules') continue;
    if (key === 'source' && typeof child === 'string') into.push({ text: child, path: [...path, key] });
    else compensationCitations(child, [...path, Array.isArray(value) ? Number(key) : key], into);
  }
}

/**
 * Citations that name a source and nothing else ("MK 797", "000_….txt"): the loader checks that each names one
 * of the version's sources; an officer also needs the section or paragraph to find the words.
 */
export function bareCitations(version: RuleVersion): Finding[] {
  const citations: Citation[] = [
    ...[...version.parameters.values()].map((parameter) => ({ text: parameter.source, path: ['parameters', parameter.name, 'source'] })),
    ...rulesOf(version).map(({ rule, path }) => ({ text: rule.source, path: [...path, 'source'] })),
  ];
  compensationCitations(version.compensation, ['compensation'], citations);
  const names = version.sources.flatMap((source) => [source.document, source.id]).sort((a, b) => b.length - a.length);
  return citations.flatMap(({ text, path }) => {
    const rest = names.reduce((remaining, name) => remaining.split(name).join(' '), text);
    const characters = rest.replace(/[^\p{L}\p{N}]/gu, '').length;
    if (characters >= MIN_SECTION_CHARACTERS) return [];
    return [findingAt(version, path, 'error', 'citation', `"${text}" names a source but no section or paragraph: write "<document> — <section>"`)];
  });
}
