import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeVersion, resolveAmendment, type AmendmentDocument, type ResolvedVersion, type VersionDocument } from '../../src/rules/amendments.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { ruleFileOf } from '../../src/rules/rule-files.js';
import { formatProblem, parseYamlFile, positionOf, type JsonPath, type YamlFile } from '../../src/rules/yaml-file.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';

/**
 * resolveAmendment on small SYNTHETIC version files (programme "p", never real law): what the resolved version holds,
 * the problems of an amendment (each at file:line:column), and where each part of the resolved version was written —
 * the amendment or the version it extends — as every later check, finding and citation names it.
 */

const BASE_FILE = 'p/versions/2024-01-01.yaml';
const AMENDMENT_FILE = 'p/versions/2025-01-01.yaml';

const BASE_TEXT = `version: "2024-01-01"
title: { lv: Bāzes versija, en: Base version }
effectiveFrom: "2024-01-01"
adopted: "2023-12-01"
sources:
  - id: actA
    document: Act A
    citation: base citation of actA
  - id: actB
    document: Act B
    citation: base citation of actB
parameters:
  amount:
    type: money
    value: "100.00"
    title: { lv: Summa, en: Amount }
    source: actA — base point of amount
  groups:
    type: list
    value: [I, II]
    title: { lv: Grupas, en: Groups }
    source: actA — base point of groups
assumptions:
  - id: A1
    text: { lv: bāzes A1, en: base text of A1 }
  - id: A2
    text: { lv: bāzes A2, en: base text of A2 }
conditions:
  adult:
    all:
      - fact: age
        operator: greaterThanInclusive
        value: 18
  child:
    all:
      - fact: age
        operator: lessThan
        value: 18
rules:
  - id: R1
    kind: basis
    title: { lv: R1, en: R1 }
    source: actA — base rule R1
    conditions: { condition: adult }
  - id: R2
    kind: requirement
    title: { lv: R2, en: R2 }
    source: actA — base rule R2
    conditions: { condition: adult }
  - id: R3
    kind: exclusion
    title: { lv: R3, en: R3 }
    source: actB — base rule R3
    conditions: { condition: child }
compensation:
  kind: cappedActualCost
  annualAmount: { param: amount }
`;

const AMENDMENT_HEAD = `version: "2025-01-01"
extends: "2024-01-01"
title: { lv: Grozījumi, en: Amendment }
effectiveFrom: "2025-01-01"
adopted: "2024-12-01"
`;

/** Replaces actA, R2, A1, amount's value and source and the condition child; adds actC, R4, A3; repeals R3. */
const AMENDMENT_TEXT = `${AMENDMENT_HEAD}effectiveTo: "2025-12-31"
sources:
  - id: actC
    document: Act C
    citation: amendment citation of actC
  - id: actA
    document: Act A (restated)
    citation: amendment citation of actA
parameters:
  amount:
    value: "120.00"
    source: actC — amendment point of amount
assumptions:
  - id: A1
    text: { lv: grozījumu A1, en: amendment text of A1 }
  - id: A3
    text: { lv: grozījumu A3, en: amendment text of A3 }
conditions:
  child:
    any:
      - fact: age
        operator: lessThan
        value: 16
rules:
  - id: R2
    kind: requirement
    title: { lv: R2 grozīts, en: R2 amended }
    source: actC — amendment rule R2
    conditions: { condition: adult }
  - id: R4
    kind: exclusion
    title: { lv: R4, en: R4 }
    source: actC — amendment rule R4
    conditions: { condition: child }
remove:
  rules: [R3]
`;

function parsed(file: string, text: string): YamlFile {
  const { yaml, problems } = parseYamlFile(file, text);
  if (!yaml) throw new Error(problems.map(formatProblem).join('\n'));
  return yaml;
}

function baseVersion(text = BASE_TEXT): ResolvedVersion {
  const yaml = parsed(BASE_FILE, text);
  return completeVersion(yaml.data as VersionDocument, yaml);
}

function resolved(text: string, base = baseVersion()): { resolved: ResolvedVersion; problems: string[] } {
  const yaml = parsed(AMENDMENT_FILE, text);
  const result = resolveAmendment(base, yaml.data as AmendmentDocument, yaml);
  return { resolved: result.resolved, problems: result.problems.map(formatProblem) };
}

/** file:line:column of the first occurrence of `needle` in a file's text. */
function at(file: string, text: string, needle: string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} is not in ${file}`);
  return `${file}:${index + 1}:${(lines[index] as string).indexOf(needle) + 1}`;
}

/** Where the part of a resolved version at `path` was written, as file:line:column. */
function writtenAt(version: ResolvedVersion, path: JsonPath): string {
  const origin = version.locate(path);
  const position = positionOf(origin.yaml, origin.path);
  return `${position.file}:${position.line}:${position.column}`;
}

const inBase = (needle: string): string => at(BASE_FILE, BASE_TEXT, needle);
const inAmendment = (needle: string, text = AMENDMENT_TEXT): string => at(AMENDMENT_FILE, text, needle);

describe('an amendment resolved against the version it extends holds', () => {
  // Resolved inside each test, not while the file is collected: mutation testing counts only code a test itself reaches.
  const amended = () => resolved(AMENDMENT_TEXT);

  it('no problems when it states only what the base has', () => {
    expect(amended().problems).toEqual([]);
  });

  it('rules, sources and assumptions in the base order, a replaced one in its place, new ones last, repealed ones gone', () => {
    const document = amended().resolved.document;
    expect(document.rules.map((rule) => [rule.id, rule.source])).toEqual([
      ['R1', 'actA — base rule R1'],
      ['R2', 'actC — amendment rule R2'],
      ['R4', 'actC — amendment rule R4'],
    ]);
    expect(document.sources.map((source) => [source.id, source.citation])).toEqual([
      ['actA', 'amendment citation of actA'],
      ['actB', 'base citation of actB'],
      ['actC', 'amendment citation of actC'],
    ]);
    expect(document.assumptions?.map((assumption) => [assumption.id, assumption.text.en])).toEqual([
      ['A1', 'amendment text of A1'],
      ['A2', 'base text of A2'],
      ['A3', 'amendment text of A3'],
    ]);
  });

  it('a parameter it changes in part keeps the base fields it does not give; a named condition it gives replaces the base one', () => {
    const document = amended().resolved.document;
    expect(document.parameters?.amount).toEqual({
      type: 'money',
      value: '120.00',
      title: { lv: 'Summa', en: 'Amount' },
      source: 'actC — amendment point of amount',
    });
    expect(document.parameters?.groups?.value).toEqual(['I', 'II']);
    expect(document.conditions?.child).toEqual({ any: [{ fact: 'age', operator: 'lessThan', value: 16 }] });
    expect(document.conditions?.adult).toEqual({ all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] });
  });

  it('its own dates, its effectiveTo when given, and no effectiveTo key when not', () => {
    const document = amended().resolved.document;
    expect(document).toMatchObject({ version: '2025-01-01', extends: '2024-01-01', effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' });
    const open = resolved(AMENDMENT_TEXT.replace('effectiveTo: "2025-12-31"\n', '')).resolved.document;
    expect(Object.hasOwn(open, 'effectiveTo')).toBe(false);
    const nulled = resolved(AMENDMENT_TEXT.replace('effectiveTo: "2025-12-31"', 'effectiveTo: null')).resolved.document;
    expect(nulled.effectiveTo).toBeNull();
  });

  it('the base compensation when it gives none', () => {
    const document = amended().resolved.document;
    expect(document.compensation).toEqual({ kind: 'cappedActualCost', annualAmount: { param: 'amount' } });
  });

  it('the base files first, then its own', () => {
    const version = amended().resolved;
    expect(version.files.map((file) => file.file)).toEqual([BASE_FILE, AMENDMENT_FILE]);
  });
});

describe('a base without assumptions, amended with one', () => {
  it('holds only the amendment’s assumption', () => {
    const base = baseVersion(BASE_TEXT.replace(/assumptions:\n(?: {2}.*\n)+/, ''));
    expect(base.document.assumptions).toBeUndefined();
    const { resolved: version, problems } = resolved(AMENDMENT_TEXT, base);
    expect(problems).toEqual([]);
    expect(version.document.assumptions?.map((assumption) => assumption.id)).toEqual(['A1', 'A3']);
    expect(writtenAt(version, ['assumptions', 0, 'text', 'en'])).toBe(inAmendment('amendment text of A1'));
  });
});

describe('each part of a resolved amendment is located in the file that wrote it', () => {
  const amended = () => resolved(AMENDMENT_TEXT).resolved;

  it.each<[string, JsonPath, string]>([
    ['a rule kept from the base (R1)', ['rules', 0, 'source'], inBase('actA — base rule R1')],
    ['a rule it replaces (R2, first of its own rules)', ['rules', 1, 'source'], inAmendment('actC — amendment rule R2')],
    ['a rule it adds (R4)', ['rules', 2, 'source'], inAmendment('actC — amendment rule R4')],
    ['a source it restates (actA, second of its own sources)', ['sources', 0, 'citation'], inAmendment('amendment citation of actA')],
    ['a source kept from the base (actB)', ['sources', 1, 'citation'], inBase('base citation of actB')],
    ['a source it adds (actC)', ['sources', 2, 'citation'], inAmendment('amendment citation of actC')],
    ['an assumption it restates (A1)', ['assumptions', 0, 'text', 'en'], inAmendment('amendment text of A1')],
    ['an assumption kept from the base (A2)', ['assumptions', 1, 'text', 'en'], inBase('base text of A2')],
    ['an assumption it adds (A3)', ['assumptions', 2, 'text', 'en'], inAmendment('amendment text of A3')],
    ['a parameter field it gives (amount.value)', ['parameters', 'amount', 'value'], inAmendment('"120.00"')],
    ['a parameter field it leaves to the base (amount.type)', ['parameters', 'amount', 'type'], inBase('money')],
    ['a parameter it changes in part, as a whole (amount)', ['parameters', 'amount'], inAmendment('value: "120.00"')],
    ['a parameter it does not touch (groups.value)', ['parameters', 'groups', 'value'], inBase('[I, II]')],
    ['a named condition it replaces (child)', ['conditions', 'child', 'any', 0, 'value'], inAmendment('16')],
    ['a named condition it does not touch (adult)', ['conditions', 'adult', 'all', 0, 'value'], inBase('18')],
    ['the compensation it leaves to the base', ['compensation', 'annualAmount', 'param'], inBase('amount }')],
    ['its title', ['title', 'en'], inAmendment('Amendment }')],
  ])('%s', (_name, path, expected) => {
    expect(writtenAt(amended(), path)).toBe(expected);
  });

  it.each<[string, JsonPath]>([
    ['rules', ['rules']],
    ['sources', ['sources']],
    ['assumptions', ['assumptions']],
    ['parameters', ['parameters']],
    ['conditions', ['conditions']],
  ])('a whole section (%s) is the amendment’s', (_name, path) => {
    expect(amended().locate(path)).toEqual({ yaml: expect.objectContaining({ file: AMENDMENT_FILE }), path });
  });

  it('a rule past the resolved ones is named in the amendment at the same path', () => {
    expect(amended().locate(['rules', 7, 'source'])).toEqual({ yaml: expect.objectContaining({ file: AMENDMENT_FILE }), path: ['rules', 7, 'source'] });
  });

  it('the compensation it gives is its own', () => {
    const text = `${AMENDMENT_TEXT}compensation:\n  kind: cappedActualCost\n  annualAmount: { param: groups }\n`;
    expect(writtenAt(resolved(text).resolved, ['compensation', 'annualAmount', 'param'])).toBe(inAmendment('groups }', text));
  });

  it('a named condition it adds with the name of a base parameter is wholly its own, even a field it does not give', () => {
    const text = `${AMENDMENT_TEXT.replace('conditions:\n  child:', 'conditions:\n  amount:\n    any:\n      - condition: adult\n  child:')}`;
    const origin = resolved(text).resolved.locate(['conditions', 'amount', 'all']);
    expect(origin).toEqual({ yaml: expect.objectContaining({ file: AMENDMENT_FILE }), path: ['conditions', 'amount', 'all'] });
  });
});

describe('an amendment with a mistake names its file, line and column', () => {
  it.each<[string, string]>([
    ['rules', 'R9'],
    ['sources', 'actZ'],
    ['assumptions', 'A9'],
    ['parameters', 'missingParameter'],
    ['conditions', 'missingCondition'],
  ])('it removes from %s what the base has not (%s)', (section, id) => {
    const text = `${AMENDMENT_HEAD}remove:\n  ${section}: [${id}]\n`;
    const { resolved: version, problems } = resolved(text);
    expect(problems).toEqual([`${inAmendment(id, text)}: ${id} is not in version 2024-01-01's ${section}, so it cannot be removed`]);
    expect(version.document.rules.map((rule) => rule.id)).toEqual(['R1', 'R2', 'R3']);
  });

  it('the second of two removals the base has not is named at the second', () => {
    const text = `${AMENDMENT_HEAD}remove:\n  rules: [R1, R8]\n  parameters: [groups, noSuchParameter]\n`;
    expect(resolved(text).problems).toEqual([
      `${inAmendment('R8', text)}: R8 is not in version 2024-01-01's rules, so it cannot be removed`,
      `${inAmendment('noSuchParameter', text)}: noSuchParameter is not in version 2024-01-01's parameters, so it cannot be removed`,
    ]);
  });

  it('removals the base has are repealed, without a problem', () => {
    const text = `${AMENDMENT_HEAD}remove:\n  rules: [R1]\n  sources: [actB]\n  assumptions: [A2]\n  parameters: [groups]\n  conditions: [child]\n`;
    const { resolved: version, problems } = resolved(text);
    expect(problems).toEqual([]);
    expect(version.document.rules.map((rule) => rule.id)).toEqual(['R2', 'R3']);
    expect(writtenAt(version, ['rules', 0, 'source'])).toBe(inBase('actA — base rule R2'));
    expect(writtenAt(version, ['sources', 0, 'citation'])).toBe(inBase('base citation of actA'));
    expect(version.document.sources.map((source) => source.id)).toEqual(['actA']);
    expect(version.document.assumptions?.map((assumption) => assumption.id)).toEqual(['A1']);
    expect(Object.keys(version.document.parameters ?? {})).toEqual(['amount']);
    expect(Object.keys(version.document.conditions ?? {})).toEqual(['adult']);
  });

  it('it both restates and removes a rule, a source, an assumption, a parameter and a named condition', () => {
    const text = AMENDMENT_TEXT.replace(
      'remove:\n  rules: [R3]\n',
      'remove:\n  rules: [R2]\n  sources: [actA]\n  assumptions: [A1]\n  parameters: [amount]\n  conditions: [child]\n',
    );
    const lines = text.split('\n');
    const idLine = (id: string): string => `${AMENDMENT_FILE}:${lines.indexOf(`  - id: ${id}`) + 1}:9`;
    expect(resolved(text).problems).toEqual([
      `${idLine('actA')}: actA is both given and removed`,
      `${idLine('A1')}: A1 is both given and removed`,
      `${idLine('R2')}: R2 is both given and removed`,
      `${inAmendment('amount:', text)}: amount is both given and removed`,
      `${inAmendment('child:', text)}: child is both given and removed`,
    ]);
  });

  it.each<[string, string]>([
    ['on the same day as', '2024-01-01'],
    ['before', '2023-06-01'],
  ])('it starts %s the version it extends', (_when, from) => {
    const text = AMENDMENT_HEAD.replace('effectiveFrom: "2025-01-01"', `effectiveFrom: "${from}"`);
    expect(resolved(text).problems).toEqual([
      `${inAmendment('"2024-01-01"', text)}: extends version 2024-01-01, which starts on 2024-01-01: an amendment starts after the version it amends`,
    ]);
  });

  it('it starts the day after the version it extends: no problem', () => {
    expect(resolved(AMENDMENT_HEAD.replace('effectiveFrom: "2025-01-01"', 'effectiveFrom: "2024-01-02"')).problems).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['without its type and title', '    value: 3\n    source: actA\n', 'type and title'],
    ['without its title', '    type: number\n    value: 3\n    source: actA\n', 'title'],
    ['without its type', '    value: 3\n    title: { lv: Robeža, en: Limit }\n    source: actA\n', 'type'],
  ])('it gives a new parameter %s', (_without, fields, missing) => {
    const text = `${AMENDMENT_HEAD}parameters:\n  limit:\n${fields}`;
    expect(resolved(text).problems).toEqual([`${inAmendment('limit:', text)}: limit is a new parameter (not in version 2024-01-01): give its ${missing} too`]);
  });

  it('a new parameter with its type and title, and a base parameter changed in part, are no problem', () => {
    const text = `${AMENDMENT_HEAD}parameters:\n  limit:\n    type: number\n    value: 3\n    title: { lv: Robeža, en: Limit }\n    source: actA\n  amount:\n    value: "1.00"\n`;
    const { resolved: version, problems } = resolved(text);
    expect(problems).toEqual([]);
    expect(version.document.parameters?.limit).toEqual({ type: 'number', value: 3, title: { lv: 'Robeža', en: 'Limit' }, source: 'actA' });
  });
});

describe('the fixture amendment over the loaded fixture base: each part named where it was written, as checks and findings name it', () => {
  const amendmentPath = 'nsk/versions/2027-01-01-fictional.yaml';
  const basePath = 'nsk/versions/2023-04-01-fictional.yaml';
  const fixtureDirectory = join(FIXTURE_RULES, '..', 'amendments');

  it('locates a rule, a parameter field and a source of 2027-01-01-fictional in the amendment or in 2023-04-01-fictional', () => {
    // The amendment fixture lives outside test/fixtures/rules: resolve it against the loaded base as the loader does
    // (load-rules.ts gives the version's file a redirect to locate).
    const loaded = loadRuleSet(FIXTURE_RULES, { displayRoot: FIXTURE_RULES });
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const base = loaded.ruleSet.programmes.get('nsk')?.versions.find((candidate) => candidate.version === '2023-04-01-fictional');
    const baseYaml = base ? ruleFileOf(base) : undefined;
    if (!baseYaml) throw new Error('the fixture base version has no file');
    const amendmentText = readFileSync(join(fixtureDirectory, amendmentPath), 'utf8');
    const amendmentYaml = parsed(amendmentPath, amendmentText);
    const resolution = resolveAmendment(completeVersion(baseYaml.data as VersionDocument, baseYaml), amendmentYaml.data as AmendmentDocument, amendmentYaml);
    expect(resolution.problems).toEqual([]);
    const located: YamlFile = { ...amendmentYaml, redirect: resolution.resolved.locate };
    const rules = resolution.resolved.document.rules.map((rule) => rule.id);
    const baseText = baseYaml.text;
    const position = (path: JsonPath): string => {
      const { file, line } = positionOf(located, path);
      return `${file}:${line}`;
    };
    const lineIn = (file: string, text: string, needle: string): string => `${file}:${text.split('\n').findIndex((line) => line.includes(needle)) + 1}`;
    expect(position(['rules', rules.indexOf('E1'), 'source'])).toBe(lineIn(amendmentPath, amendmentText, 'MK 999 — 2. punkts'));
    expect(position(['rules', rules.indexOf('T1'), 'source'])).toBe(lineIn(basePath, baseText, '1. mērķa grupa'));
    expect(position(['parameters', 'annualAmount', 'value'])).toBe(lineIn(amendmentPath, amendmentText, '"9000.00"'));
    expect(position(['parameters', 'annualAmount', 'type'])).toBe(lineIn(basePath, baseText, 'type: money'));
    expect(position(['sources', 3, 'citation'])).toBe(lineIn(amendmentPath, amendmentText, 'Nr. 999'));
  });
});
