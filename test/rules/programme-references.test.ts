import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { FICTIONAL_PROGRAMMES } from '../support/rule-sets.js';

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

function copyWith(edits: Record<string, (text: string) => string>, folders = ['ibm', 'di', 'emergencies']): string {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-rules-references-'));
  for (const folder of folders) cpSync(join(FICTIONAL_PROGRAMMES, folder), join(directory, folder), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) writeFileSync(join(directory, file), edit(readFileSync(join(directory, file), 'utf8')));
  return directory;
}

function problemsOf(directory: string): string[] {
  const loaded = loadRuleSet(directory, { displayRoot: directory });
  return loaded.ok ? [] : loaded.problems.map(formatProblem);
}

/** Where `programme: di` is written in a file: the place the messages must name. */
function referencePlace(directory: string, file: string, programme = 'di'): string {
  const lines = readFileSync(join(directory, file), 'utf8').split('\n');
  const line = lines.findIndex((text) => text.trim() === `programme: ${programme}`) + 1;
  return `${file}:${line}:16`;
}

describe('a version reading another programme’s unit costs', () => {
  it('loads when the programme exists and covers every day of the referring versions', () => {
    expect(problemsOf(copyWith({}))).toEqual([]);
  });

  it('names a programme that is not in the rules folder, at the reference', () => {
    const directory = copyWith(
      Object.fromEntries(IBM_FILES.map((file) => [file, (text: string) => text.replace('    programme: di\n', '    programme: dj\n')])),
    );
    expect(problemsOf(directory)).toEqual(
      IBM_FILES.map((file) => `${referencePlace(directory, file, 'dj')}: no programme "dj" in this rules folder (known: di, ibm)`),
    );
  });

  it('names the first day the referenced programme has no version in force, and an open end it cannot match', () => {
    const directory = copyWith({ [DI_VERSION]: (text) => text.replace('adopted: "2015-06-20"\n', 'adopted: "2015-06-20"\neffectiveTo: "2019-12-31"\n') });
    expect(problemsOf(directory)).toEqual([
      `${referencePlace(directory, IBM_FILES[0] as string)}: di has no version in force on 2020-01-01, a day this version (2017-03-01…2020-04-19) reads its unit costs (a unitCostDeliveries compensation)`,
      `${referencePlace(directory, IBM_FILES[1] as string)}: di has no version in force on 2020-04-20, a day this version (2020-04-20…open) reads its unit costs (a unitCostDeliveries compensation)`,
    ]);
  });

  it('names a referenced version that offers no unit costs', () => {
    const directory = copyWith({
      // DI without its compensation block: eligibility rules only, no unit costs to read.
      [DI_VERSION]: (text) => `${text.slice(0, text.indexOf('\ncompensation:\n'))}\n`,
    });
    const problems = problemsOf(directory);
    expect(problems).toEqual(
      expect.arrayContaining(
        IBM_FILES.map((file) =>
          expect.stringMatching(new RegExp(`^${referencePlace(directory, file)}: di version 2015-07-01-fictional \\(.*\\) has no unit costs`)),
        ),
      ),
    );
  });
});
