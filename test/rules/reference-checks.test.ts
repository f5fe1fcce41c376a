import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProgrammeReferences, referencedProgrammes } from '../../src/rules/check-references.js';
import { isFactValue, isParamValue } from '../../src/rules/condition-value.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import type { Condition, ConditionValue, Programme, RuleVersion } from '../../src/rules/model.js';
import { leavesOf, namedConditionsIn, rulesOf } from '../../src/rules/rule-conditions.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { FICTIONAL_PROGRAMMES, ruleSetAt } from '../support/rule-sets.js';

/**
 * References between programmes (src/rules/check-references.ts) at the edges test/rules/programme-references.test.ts
 * leaves open — an open end, a referenced version that starts after the referring one, a model not read from a
 * file — and the small readers of conditions the checks share (rule-conditions.ts, condition-value.ts). Rules
 * folders are copies of the FICTIONAL IBM and DI programmes (IBM 2017-03-01-fictional until 2020-04-19, then
 * 2020-04-20-fictional, open-ended; DI 2015-07-01-fictional, open-ended), edited structurally.
 */

const IBM_FILES = ['ibm/versions/2017-03-01-fictional.yaml', 'ibm/versions/2020-04-20-fictional.yaml'] as const;
const DI_VERSION = 'di/versions/2015-07-01-fictional.yaml';
const NEEDS = 'unit costs (a unitCostDeliveries compensation)';

function copyWith(edits: Record<string, (text: string) => string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-reference-checks-'));
  for (const folder of ['ibm', 'di', 'emergencies']) cpSync(join(FICTIONAL_PROGRAMMES, folder), join(directory, folder), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(directory, file);
    const original = join(FICTIONAL_PROGRAMMES, file.startsWith('di/versions/2') && file !== DI_VERSION ? DI_VERSION : file);
    writeFileSync(path, edit(readFileSync(original, 'utf8')));
  }
  return directory;
}

function problemsOf(directory: string): string[] {
  const loaded = loadRuleSet(directory, { displayRoot: directory });
  return loaded.ok ? [] : loaded.problems.map(formatProblem);
}

/** Where `programme: di` is written in an IBM file: the place every message names. */
function referencePlace(file: string): string {
  const lines = readFileSync(join(FICTIONAL_PROGRAMMES, file), 'utf8').split('\n');
  return `${file}:${lines.findIndex((text) => text.trim() === 'programme: di') + 1}:16`;
}

const diEndingOn = (day: string) => (text: string) => text.replace('adopted: "2015-06-20"\n', `adopted: "2015-06-20"\neffectiveTo: "${day}"\n`);

describe('an open-ended version reading a programme whose last version ends', () => {
  it('DI ending the day the open-ended IBM version starts: covered, but the open end is refused at the reference', () => {
    expect(problemsOf(copyWith({ [DI_VERSION]: diEndingOn('2020-04-20') }))).toEqual([
      `${referencePlace(IBM_FILES[1])}: this version is open-ended, but di's last version ends on 2020-04-20`,
    ]);
  });

  it('DI ending long after: still refused for the open end only', () => {
    expect(problemsOf(copyWith({ [DI_VERSION]: diEndingOn('2030-12-31') }))).toEqual([
      `${referencePlace(IBM_FILES[1])}: this version is open-ended, but di's last version ends on 2030-12-31`,
    ]);
  });

  it('DI ending the day before the open-ended IBM version starts: the first day it reads is named, and nothing more', () => {
    expect(problemsOf(copyWith({ [DI_VERSION]: diEndingOn('2020-04-19') }))).toEqual([
      `${referencePlace(IBM_FILES[1])}: di has no version in force on 2020-04-20, a day this version (2020-04-20…open) reads its ${NEEDS}`,
    ]);
  });
});

describe('a referenced version that starts after the referring version', () => {
  const LATER = 'di/versions/2025-01-01-fictional.yaml';
  /** A second DI version from `from`, without the compensation block (eligibility rules only). */
  const laterWithoutUnitCosts = (from: string) => (text: string) =>
    `${text.slice(0, text.indexOf('\ncompensation:\n'))}\n`
      .replace('version: "2015-07-01-fictional"', `version: "${from}-fictional"`)
      .replace(/^effectiveFrom: .*$/m, `effectiveFrom: "${from}"`)
      .replace('adopted: "2015-06-20"', `adopted: "${from}"`);

  it('is read by the open-ended version from its first day: one without unit costs is refused', () => {
    expect(problemsOf(copyWith({ [LATER]: laterWithoutUnitCosts('2025-01-01') }))).toEqual([
      `${referencePlace(IBM_FILES[1])}: di version 2025-01-01-fictional (2025-01-01…2025-01-01) has no ${NEEDS}`,
    ]);
  });

  it('a later DI version with unit costs loads', () => {
    const later = (text: string) =>
      text
        .replace('version: "2015-07-01-fictional"', 'version: "2025-01-01-fictional"')
        .replace(/^effectiveFrom: .*$/m, 'effectiveFrom: "2025-01-01"')
        .replace('adopted: "2015-06-20"', 'adopted: "2024-12-01"');
    expect(problemsOf(copyWith({ [LATER]: later }))).toEqual([]);
  });
});

describe('references of a model not read from a file', () => {
  const ruleSet = ruleSetAt(FICTIONAL_PROGRAMMES);
  const ibm = ruleSet.programmes.get('ibm') as Programme;
  const di = ruleSet.programmes.get('di') as Programme;

  it('which programmes a programme reads: each once', () => {
    expect(referencedProgrammes(ibm)).toEqual(['di']);
    expect(referencedProgrammes(di)).toEqual([]);
  });

  it('a problem of a version with no file positions is placed at the first line of its file', () => {
    const copied: Programme = { ...ibm, versions: ibm.versions.map((version) => ({ ...version })) };
    expect(
      checkProgrammeReferences(
        new Map([
          ['ibm', copied],
          ['dj', di],
        ]),
      ),
    ).toEqual(ibm.versions.map((version) => ({ file: version.file, line: 1, column: 1, message: 'no programme "di" in this rules folder (known: ibm, dj)' })));
  });

  it('a version read from a file is placed at its reference', () => {
    const problems = checkProgrammeReferences(new Map([['ibm', ibm]]));
    expect(problems.map((problem) => [problem.line, problem.column])).toEqual(
      IBM_FILES.map((file) => (referencePlace(file).split(':').slice(1) as string[]).map(Number)),
    );
  });

  it('both programmes present: no problem', () => {
    expect(checkProgrammeReferences(ruleSet.programmes)).toEqual([]);
  });
});

describe('the rules of a version and the leaves their conditions reach', () => {
  const ruleSet = ruleSetAt(FICTIONAL_PROGRAMMES);
  const ibmVersion = (ruleSet.programmes.get('ibm') as Programme).versions.at(-1) as RuleVersion;

  it('the eligibility rules, then the line rules, each with its list and path', () => {
    const placed = rulesOf(ibmVersion);
    const eligibility = ibmVersion.rules.map((rule, index) => ({ rule, list: 'rules', path: ['rules', index] }));
    const lines = (ibmVersion.compensation?.lineRules ?? []).map((rule, index) => ({ rule, list: 'lineRules', path: ['compensation', 'lineRules', index] }));
    expect(eligibility.length).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(1);
    expect(placed).toEqual([...eligibility, ...lines]);
  });

  it('a version without compensation has its eligibility rules only', () => {
    const version = { ...ibmVersion, compensation: undefined } as unknown as RuleVersion;
    expect(rulesOf(version).map(({ list, path }) => [list, ...path])).toEqual(ibmVersion.rules.map((_, index) => ['rules', 'rules', index]));
  });

  const leaf = (fact: string): Condition => ({ fact, operator: 'equal', value: 1 });
  const named = new Map<string, Condition>([
    ['adult', { all: [leaf('age'), leaf('residence')] }],
    ['notAdult', { not: { condition: 'adult' } }],
    ['either', { any: [{ condition: 'notAdult' }, leaf('careLevel')] }],
  ]);
  const version = { namedConditions: named } as unknown as RuleVersion;

  it('leaves inside all, any and not, placed where they are written; through a named condition, placed in it', () => {
    const condition: Condition = { all: [leaf('tags'), { any: [{ not: leaf('services') }, { condition: 'either' }] }] };
    expect(leavesOf(version, condition, ['rules', 3, 'conditions']).map(({ leaf: found, path }) => [found.fact, ...path])).toEqual([
      ['tags', 'rules', 3, 'conditions', 'all', 0],
      ['services', 'rules', 3, 'conditions', 'all', 1, 'any', 0, 'not'],
      ['age', 'conditions', 'adult', 'all', 0],
      ['residence', 'conditions', 'adult', 'all', 1],
      ['careLevel', 'conditions', 'either', 'any', 1],
    ]);
  });

  it('a named condition the version does not have reaches no leaf', () => {
    expect(leavesOf(version, { any: [{ condition: 'missing' }, leaf('age')] }, ['rules', 0, 'conditions'])).toEqual([
      { leaf: leaf('age'), path: ['rules', 0, 'conditions', 'any', 1] },
    ]);
  });

  it('the named conditions a condition names itself, in order, without following them', () => {
    expect(namedConditionsIn({ all: [{ condition: 'either' }, { any: [leaf('age'), { not: { condition: 'adult' } }] }, { condition: 'either' }] })).toEqual([
      'either',
      'adult',
      'either',
    ]);
    expect(namedConditionsIn(leaf('age'))).toEqual([]);
    expect(namedConditionsIn({ not: { condition: 'notAdult' } })).toEqual(['notAdult']);
  });
});

describe('a condition value that names a parameter or a fact', () => {
  it.each<{ value: ConditionValue; param: boolean; fact: boolean }>([
    { value: { param: 'adultAge' }, param: true, fact: false },
    { value: { fact: 'evaluationDate' }, param: false, fact: true },
    { value: { param: 'adultAge', fact: 'age' }, param: false, fact: false },
    { value: { param: 'adultAge', other: 1 }, param: false, fact: false },
    { value: { fact: 'age', other: 1 }, param: false, fact: false },
    { value: { other: 'adultAge' }, param: false, fact: false },
    { value: {}, param: false, fact: false },
    { value: null, param: false, fact: false },
    { value: ['param'], param: false, fact: false },
    { value: 'param', param: false, fact: false },
    { value: 3, param: false, fact: false },
  ])('$value: a parameter $param, a fact $fact', ({ value, param, fact }) => {
    expect([isParamValue(value), isFactValue(value)]).toEqual([param, fact]);
  });
});
