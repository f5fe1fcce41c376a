import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProgrammeReferences, referencedProgrammes } from '../../src/rules/check-references.js';
import type { Programme } from '../../src/rules/model.js';
import { FICTIONAL_PROGRAMMES, loadProblems, ruleSetAt } from '../support/rule-sets.js';

/**
 * A version may read another programme's rules (IBM prices a line the DI project paid at unit cost at DI's unit
 * cost, `compensation.diUnitCosts.programme`). Loading checks that the programme exists and that its versions offer
 * unit costs on every day the referring version is in force — with the message at the reference, file:line:column.
 * The edits are structural (a name, an end date, a kind), on a copy of the FICTIONAL IBM and DI folders
 * (test/fixtures/fictional-programmes: IBM 2017-03-01-fictional until 2020-04-19, then 2020-04-20-fictional, open-ended;
 * DI 2015-07-01-fictional, adopted 2015-06-20), never today's versions.
 */

const IBM_FILES = ['ibm/versions/2017-03-01-fictional.yaml', 'ibm/versions/2020-04-20-fictional.yaml'];
const DI_VERSION = 'di/versions/2015-07-01-fictional.yaml';

const NEEDS = 'unit costs (a unitCostDeliveries compensation)';

/** A copy of some FICTIONAL programme folders, with files edited (an edit of the copied text) or added (their text). */
function copyWith(edits: Record<string, string | ((text: string) => string)>, folders = ['ibm', 'di', 'emergencies']): string {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-references-'));
  for (const folder of folders) cpSync(join(FICTIONAL_PROGRAMMES, folder), join(directory, folder), { recursive: true });
  for (const [file, edit] of Object.entries(edits))
    writeFileSync(join(directory, file), typeof edit === 'string' ? edit : edit(readFileSync(join(directory, file), 'utf8')));
  return directory;
}

const diText = (): string => readFileSync(join(FICTIONAL_PROGRAMMES, DI_VERSION), 'utf8');

/** Where `programme: di` is written in a file: the place the messages must name. */
function referencePlace(directory: string, file: string, programme = 'di'): string {
  const lines = readFileSync(join(directory, file), 'utf8').split('\n');
  const line = lines.findIndex((text) => text.trim() === `programme: ${programme}`) + 1;
  return `${file}:${line}:16`;
}

describe('a version reading another programme’s unit costs', () => {
  it('loads when the programme exists and covers every day of the referring versions', () => {
    expect(loadProblems(copyWith({}))).toEqual([]);
  });

  it('names a programme that is not in the rules folder, at the reference', () => {
    const directory = copyWith(
      Object.fromEntries(IBM_FILES.map((file) => [file, (text: string) => text.replace('    programme: di\n', '    programme: dj\n')])),
    );
    expect(loadProblems(directory)).toEqual(
      IBM_FILES.map((file) => `${referencePlace(directory, file, 'dj')}: no programme "dj" in this rules folder (known: di, ibm)`),
    );
  });

  it('names the first day the referenced programme has no version in force, and an open end it cannot match', () => {
    const directory = copyWith({ [DI_VERSION]: (text) => text.replace('adopted: "2015-06-20"\n', 'adopted: "2015-06-20"\neffectiveTo: "2019-12-31"\n') });
    expect(loadProblems(directory)).toEqual([
      `${referencePlace(directory, IBM_FILES[0] as string)}: di has no version in force on 2020-01-01, a day this version (2017-03-01…2020-04-19) reads its ${NEEDS}`,
      `${referencePlace(directory, IBM_FILES[1] as string)}: di has no version in force on 2020-04-20, a day this version (2020-04-20…open) reads its ${NEEDS}`,
    ]);
  });

  it('names a referenced version that offers no unit costs', () => {
    const directory = copyWith({
      // DI without its compensation block: eligibility rules only, no unit costs to read.
      [DI_VERSION]: (text) => `${text.slice(0, text.indexOf('\ncompensation:\n'))}\n`,
    });
    const problems = loadProblems(directory);
    expect(problems).toEqual(
      expect.arrayContaining(
        IBM_FILES.map((file) =>
          expect.stringMatching(new RegExp(`^${referencePlace(directory, file)}: di version 2015-07-01-fictional \\(.*\\) has no unit costs`)),
        ),
      ),
    );
  });
});

const diEndingOn = (day: string) => (text: string) => text.replace('adopted: "2015-06-20"\n', `adopted: "2015-06-20"\neffectiveTo: "${day}"\n`);

describe('an open-ended version reading a programme whose last version ends', () => {
  it('DI ending the day the open-ended IBM version starts: covered, but the open end is refused at the reference', () => {
    const directory = copyWith({ [DI_VERSION]: diEndingOn('2020-04-20') });
    expect(loadProblems(directory)).toEqual([
      `${referencePlace(directory, IBM_FILES[1] as string)}: this version is open-ended, but di's last version ends on 2020-04-20`,
    ]);
  });

  it('DI ending long after: still refused for the open end only', () => {
    const directory = copyWith({ [DI_VERSION]: diEndingOn('2030-12-31') });
    expect(loadProblems(directory)).toEqual([
      `${referencePlace(directory, IBM_FILES[1] as string)}: this version is open-ended, but di's last version ends on 2030-12-31`,
    ]);
  });

  it('DI ending the day before the open-ended IBM version starts: the first day it reads is named, and nothing more', () => {
    const directory = copyWith({ [DI_VERSION]: diEndingOn('2020-04-19') });
    expect(loadProblems(directory)).toEqual([
      `${referencePlace(directory, IBM_FILES[1] as string)}: di has no version in force on 2020-04-20, a day this version (2020-04-20…open) reads its ${NEEDS}`,
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
    const directory = copyWith({ [LATER]: laterWithoutUnitCosts('2025-01-01')(diText()) });
    expect(loadProblems(directory)).toEqual([
      `${referencePlace(directory, IBM_FILES[1] as string)}: di version 2025-01-01-fictional (2025-01-01…2025-01-01) has no ${NEEDS}`,
    ]);
  });

  it('a later DI version with unit costs loads', () => {
    const later = diText()
      .replace('version: "2015-07-01-fictional"', 'version: "2025-01-01-fictional"')
      .replace(/^effectiveFrom: .*$/m, 'effectiveFrom: "2025-01-01"')
      .replace('adopted: "2015-06-20"', 'adopted: "2024-12-01"');
    expect(loadProblems(copyWith({ [LATER]: later }))).toEqual([]);
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
      IBM_FILES.map((file) => (referencePlace(FICTIONAL_PROGRAMMES, file).split(':').slice(1) as string[]).map(Number)),
    );
  });

  it('both programmes present: no problem', () => {
    expect(checkProgrammeReferences(ruleSet.programmes)).toEqual([]);
  });
});
