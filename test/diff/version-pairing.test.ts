import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSide, sidesScope, type RuleSide } from '../../src/diff/load-side.js';
import { diffRuleSets } from '../../src/diff/rule-set-diff.js';
import { formatProblem } from '../../src/rules/yaml-file.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';
import { editedCopy, inOrder, NSK_2019, removeCopies, replace, scratchDirectory } from './fictional-edits.js';

afterAll(removeCopies);

const FICTIONAL_2023 = 'nsk/versions/2023-04-01-fictional.yaml';
const FICTIONAL_2024 = 'nsk/versions/2024-07-01-fictional.yaml';

function side(path: string, label = path): RuleSide {
  const loaded = loadSide(path, { label, workDirectory: scratchDirectory() });
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.side;
}

/** The fixture with a FICTIONAL 2024-07-01 version: the 2023 one with a higher annual amount. */
function withAddedVersion(): string {
  const copy = editedCopy(FIXTURE_RULES);
  cpSync(join(copy, FICTIONAL_2023), join(copy, FICTIONAL_2024));
  return editedCopy(copy, {
    [FICTIONAL_2024]: inOrder(
      replace('version: "2023-04-01-fictional"', 'version: "2024-07-01-fictional"'),
      replace('effectiveFrom: "2023-04-01"', 'effectiveFrom: "2024-07-01"'),
      replace('adopted: "2023-02-01"', 'adopted: "2024-05-01"'),
      replace('value: "8400.00"', 'value: "9000.00"'),
    ),
  });
}

describe('versions paired by id', () => {
  it('a version added is compared with the version it follows', () => {
    const diff = diffRuleSets(side(FIXTURE_RULES).ruleSet, side(withAddedVersion()).ruleSet, { old: 'a', new: 'b' });
    const versions = diff.programmes[0]?.versions ?? [];
    expect(versions.map((version) => [version.version, version.change])).toEqual([
      ['2019-01-01', 'unchanged'],
      ['2022-01-01-fictional', 'unchanged'],
      ['2023-04-01-fictional', 'unchanged'],
      ['2024-07-01-fictional', 'added'],
    ]);
    const added = versions[3];
    expect(added?.comparedWith).toBe('2023-04-01-fictional');
    expect(added?.parameters).toContainEqual(expect.objectContaining({ name: 'annualAmount', old: '8400.00', new: '9000.00', percent: '+7.14%' }));
    expect(added?.dates).toContain('effectiveFrom 2023-04-01 → 2024-07-01 (457 days later)');
    expect(added?.summary[0]).toBe('in force 2024-07-01 … (until the next version), adopted 2024-05-01');
  });

  it('a version removed is listed with what it was', () => {
    const copy = editedCopy(FIXTURE_RULES);
    rmSync(join(copy, FICTIONAL_2023));
    const diff = diffRuleSets(side(FIXTURE_RULES).ruleSet, side(copy).ruleSet, { old: 'a', new: 'b' });
    const removed = diff.programmes[0]?.versions.find((version) => version.change === 'removed');
    expect(removed?.version).toBe('2023-04-01-fictional');
    expect(removed?.summary).toEqual([
      'in force 2023-04-01 … (until the next version), adopted 2023-02-01',
      '11 parameters, 13 rules, compensation cappedActualCost',
    ]);
  });

  it('two version files are paired whatever their ids', () => {
    const [old, now] = [side(join(FIXTURE_RULES, NSK_2019)), side(join(FIXTURE_RULES, FICTIONAL_2023))];
    expect([old.kind, old.programme, old.version, now.version]).toEqual(['version', 'nsk', '2019-01-01', '2023-04-01-fictional']);
    const diff = diffRuleSets(old.ruleSet, now.ruleSet, { old: 'a', new: 'b' }, sidesScope(old, now));
    expect(diff.programmes).toHaveLength(1);
    const [version] = diff.programmes[0]?.versions ?? [];
    expect(version).toMatchObject({ version: '2023-04-01-fictional', oldVersion: '2019-01-01', change: 'changed' });
    expect(version?.parameters.map((parameter) => parameter.name)).toEqual(['exitCutoff', 'youngChildAge', 'annualAmount']);
  });

  it('a programme folder loads with the rules folder around it, calendars too', () => {
    const programme = side(join(FIXTURE_RULES, 'nsk'));
    expect(programme.kind).toBe('programme');
    expect(programme.programme).toBe('nsk');
    expect([...programme.ruleSet.programmes.keys()]).toEqual(['nsk']);
    expect(programme.ruleSet.programmes.get('nsk')?.versions).toHaveLength(3);
    expect([...programme.ruleSet.calendars.keys()]).toEqual(['latvia']);
  });

  it('a programme only one side has is added or removed', () => {
    const copy = editedCopy(FIXTURE_RULES);
    cpSync(join(copy, 'nsk'), join(copy, 'nsk2'), { recursive: true });
    const withSecond = editedCopy(copy, { 'nsk2/programme.yaml': replace('id: nsk', 'id: nsk2') });
    const forward = diffRuleSets(side(FIXTURE_RULES).ruleSet, side(withSecond).ruleSet, { old: 'a', new: 'b' });
    expect(forward.programmes.map((programme) => [programme.programme, programme.change])).toEqual([
      ['nsk', 'unchanged'],
      ['nsk2', 'added'],
    ]);
    const backward = diffRuleSets(side(withSecond).ruleSet, side(FIXTURE_RULES).ruleSet, { old: 'a', new: 'b' });
    expect(backward.programmes.find((programme) => programme.programme === 'nsk2')?.versions.map((version) => version.change)).toEqual([
      'removed',
      'removed',
      'removed',
    ]);
  });

  it('a fact added to programme.yaml is a programme change', () => {
    const copy = editedCopy(FIXTURE_RULES, {
      'nsk/programme.yaml': replace(
        '\nderivedFacts:\n',
        '\n  fictionalFact:\n    type: boolean\n    in: person\n    required: false\n    title: { lv: Izdomāts, en: Fictional }\nderivedFacts:\n',
      ),
    });
    const diff = diffRuleSets(side(FIXTURE_RULES).ruleSet, side(copy).ruleSet, { old: 'a', new: 'b' });
    expect(diff.programmes[0]).toMatchObject({ change: 'changed', details: ['fact fictionalFact added: boolean, from person, optional'] });
  });
});

describe('a side that does not load', () => {
  it('reports its problems at the original file, not at the copy it was loaded from', () => {
    const copy = editedCopy(FIXTURE_RULES, {
      [NSK_2019]: replace('operator: equal\n          value: institution', 'operator: equalz\n          value: institution'),
    });
    const file = join(copy, NSK_2019);
    const loaded = loadSide(file, { label: 'broken', workDirectory: join(dirname(copy), 'work') });
    expect(loaded.ok).toBe(false);
    const problems = loaded.ok ? [] : loaded.problems.map(formatProblem);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${relative(process.cwd(), file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: unknown operator "equalz"`));
  });

  it('a version file outside <programme>/versions/ is a located problem', () => {
    const copy = editedCopy(FIXTURE_RULES);
    mkdirSync(join(copy, 'loose'));
    cpSync(join(copy, NSK_2019), join(copy, 'loose', '2019-01-01.yaml'));
    const loaded = loadSide(join(copy, 'loose', '2019-01-01.yaml'), { label: 'loose', workDirectory: join(dirname(copy), 'work') });
    expect(loaded.ok ? [] : loaded.problems.map((problem) => problem.message)).toEqual([
      'a version file outside <programme>/versions/ beside <programme>/programme.yaml is a draft: it is laid over the other side',
    ]);
  });

  it('a path that is not there is a located problem', () => {
    const loaded = loadSide('no/such/rules', { label: 'missing', workDirectory: '/tmp/unused' });
    expect(loaded.ok ? null : loaded.problems[0]).toEqual({ file: 'no/such/rules', line: 1, column: 1, message: 'no such file or folder' });
  });
});
