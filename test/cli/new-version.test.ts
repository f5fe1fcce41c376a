import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { FIXTURE_RULES, loadProblems, rulesCopy } from '../support/rule-sets.js';
import { runCommand } from './run-cli.js';

/** `sbsp-rules new-version`: the small amendment file an officer starts from, on copies of the fictional fixture rules. */

const AMENDMENT = 'nsk/versions/2027-01-01.yaml';

describe('sbsp-rules new-version', () => {
  it('writes an amendment of the version before the date, with every parameter as a commented example, that loads untouched', async () => {
    const rules = rulesCopy(FIXTURE_RULES);
    const run = await runCommand(['new-version', 'nsk', '--from', '2027-01-01', '--adopted', '2026-11-20', '--rules', rules]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('version 2027-01-01 extends 2023-04-01-fictional');
    const text = readFileSync(join(rules, AMENDMENT), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/version.schema.json');
    expect(text).toContain('extends: "2023-04-01-fictional"');
    const loaded = loadRuleSet(rules);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const programme = loaded.ruleSet.programmes.get('nsk');
    const base = programme?.versions.find((version) => version.version === '2023-04-01-fictional');
    const amended = programme?.versions.find((version) => version.version === '2027-01-01');
    expect(amended).toMatchObject({ effectiveFrom: '2027-01-01', adopted: '2026-11-20', extends: '2023-04-01-fictional' });
    // Untouched, it changes nothing: the same parameters, rules and settings as the version it extends.
    expect(amended?.parameters).toEqual(base?.parameters);
    expect(amended?.rules).toEqual(base?.rules);
    for (const name of base?.parameters.keys() ?? []) expect(text).toContain(`#   ${name}:\n`);
  });

  it('uncommented as its comments say, it changes the parameter from its date', async () => {
    const rules = rulesCopy(FIXTURE_RULES);
    await runCommand(['new-version', 'nsk', '--from', '2027-01-01', '--adopted', '2026-11-20', '--rules', rules]);
    const path = join(rules, AMENDMENT);
    const text = readFileSync(path, 'utf8');
    // What an officer does: name the act, uncomment one parameter with the new value and the act's point.
    const edited = text
      .replace('# sources:\n#   - id: amendingAct\n#     document: MK …', 'sources:\n  - id: amendingAct\n    document: MK 999')
      .replace('#     citation: Ministru', '    citation: Ministru')
      .replace(
        /# parameters:\n((?:#.*\n)*?)# {3}annualAmount:\n# {5}# (.*)\n# {5}value: "[0-9.]+"\n# {5}source: <the amending act> — <its point>/,
        'parameters:\n$1  annualAmount:\n    value: "9100.00"\n    source: MK 999 — 1. punkts',
      );
    expect(edited).toContain('  annualAmount:\n    value: "9100.00"');
    writeFileSync(path, edited);
    expect(loadProblems(rules)).toEqual([]);
    const loaded = loadRuleSet(rules);
    if (!loaded.ok) return;
    expect(
      loaded.ruleSet.programmes
        .get('nsk')
        ?.versions.find((version) => version.version === '2027-01-01')
        ?.parameters.get('annualAmount')?.value,
    ).toBe('9100.00');
  });

  it.each([
    ['an unknown programme', ['nsq', '--from', '2027-01-01', '--adopted', '2026-11-20'], 'no programme "nsq"'],
    ['a date that is no date', ['nsk', '--from', '2027-02-30', '--adopted', '2026-11-20'], '--from must be a date'],
    ['a day a version already starts on', ['nsk', '--from', '2023-04-01', '--adopted', '2023-01-01'], 'already has a version from 2023-04-01'],
    ['a day before every version', ['nsk', '--from', '2018-01-01', '--adopted', '2017-12-01'], 'no version that starts before 2018-01-01'],
  ])('refuses %s (exit 2) and writes nothing', async (_name, args, message) => {
    const rules = rulesCopy(FIXTURE_RULES);
    const run = await runCommand(['new-version', ...args, '--rules', rules]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(rules, 'nsk/versions', `${args[2]}.yaml`))).toBe(false);
  });
});
