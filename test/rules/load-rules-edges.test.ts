import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { FIXTURE_RULES, loadProblems, rulesCopy } from '../support/rule-sets.js';

const PROGRAMME = 'nsk/programme.yaml';
const FIRST = 'nsk/versions/2019-01-01.yaml';
const SECOND = 'nsk/versions/2022-01-01-fictional.yaml';
const THIRD = 'nsk/versions/2023-04-01-fictional.yaml';

const copy = (edits: Parameters<typeof rulesCopy>[1] = {}): string => rulesCopy(FIXTURE_RULES, edits);
const fixture = (file: string): string => readFileSync(join(FIXTURE_RULES, file), 'utf8');
const addFacts = (extra: string) => (text: string) => text.replace('\nfacts:\n', `\nfacts:\n${extra}`);
const addDerived = (extra: string) => (text: string) => text.replace('\nderivedFacts:\n', `\nderivedFacts:\n${extra}`);

const TITLE = '    title: { lv: a, en: a }\n';

describe('programme.yaml facts and derived facts', () => {
  it('a declared or derived fact named like a property of Object.prototype is reserved, at its key', () => {
    const declared = copy({ [PROGRAMME]: addFacts(`  constructor:\n    type: string\n    in: person\n    required: false\n${TITLE}`) });
    const derived = copy({ [PROGRAMME]: addDerived(`  toString:\n    kind: wholeYearsOn\n    of: birthDate\n${TITLE}`) });
    expect([loadProblems(declared), loadProblems(derived)]).toEqual([
      ['nsk/programme.yaml:16:3: "constructor" is reserved; choose another fact name'],
      ['nsk/programme.yaml:63:3: "toString" is reserved; choose another fact name'],
    ]);
  });

  it('a derived fact named like a declared fact, or like the built-in evaluationDate, at its key', () => {
    const declared = copy({ [PROGRAMME]: addDerived(`  residence:\n    kind: field\n    of: vsacExit\n    field: place\n    type: string\n${TITLE}`) });
    const builtIn = copy({ [PROGRAMME]: addDerived(`  evaluationDate:\n    kind: field\n    of: vsacExit\n    field: date\n    type: date\n${TITLE}`) });
    expect([loadProblems(declared), loadProblems(builtIn)]).toEqual([
      ['nsk/programme.yaml:63:3: derived fact "residence" has the name of a declared or built-in fact'],
      ['nsk/programme.yaml:63:3: derived fact "evaluationDate" has the name of a declared or built-in fact'],
    ]);
  });

  it('a derived fact of no declared fact: one problem at its `of`, whatever its kind', () => {
    const directory = copy({
      [PROGRAMME]: addDerived(
        `  a1:\n    kind: wholeYearsOn\n    of: nothing\n${TITLE}  a2:\n    kind: itemsByDate\n    of: nothing\n    field: x\n    keep: onOrAfterDay\n${TITLE}  a3:\n    kind: field\n    of: nothing\n    field: x\n    type: string\n${TITLE}`,
      ),
    });
    expect(loadProblems(directory)).toEqual([
      'nsk/programme.yaml:65:9: "nothing" is not a declared fact (or a derived fact above this one)',
      'nsk/programme.yaml:69:9: "nothing" is not a declared fact (or a derived fact above this one)',
      'nsk/programme.yaml:75:9: "nothing" is not a declared fact (or a derived fact above this one)',
    ]);
  });

  it('a derived fact of a fact of the wrong type names the type it found', () => {
    const directory = copy({
      [PROGRAMME]: addDerived(
        `  a1:\n    kind: wholeYearsOn\n    of: residence\n${TITLE}  a2:\n    kind: itemsByDate\n    of: birthDate\n    field: x\n    keep: onOrAfterDay\n${TITLE}  a3:\n    kind: field\n    of: services\n    field: x\n    type: string\n${TITLE}`,
      ),
    });
    expect(loadProblems(directory)).toEqual([
      'nsk/programme.yaml:65:9: wholeYearsOn needs a date fact; "residence" is a string',
      'nsk/programme.yaml:69:9: itemsByDate needs a list fact; "birthDate" is a date',
      'nsk/programme.yaml:75:9: field needs an object fact; "services" is a list',
    ]);
  });

  it('derived facts of the built-in evaluationDate and of a derived fact above load with their kinds', () => {
    const directory = copy({
      [PROGRAMME]: (text) =>
        `${text}  daysAge:\n    kind: wholeYearsOn\n    of: evaluationDate\n${TITLE}  diAgain:\n    kind: itemsByDate\n    of: servicesUnderDi\n    field: diCompensatedUntil\n    keep: absentOrBeforeDay\n${TITLE}`,
    });
    const loaded = loadRuleSet(directory, { displayRoot: directory });
    const programme = loaded.ok ? loaded.ruleSet.programmes.get('nsk') : undefined;
    expect([programme?.derivedFacts.get('daysAge'), programme?.derivedFacts.get('diAgain')]).toEqual([
      { name: 'daysAge', kind: 'wholeYearsOn', of: 'evaluationDate', title: { lv: 'a', en: 'a' }, type: 'number' },
      {
        name: 'diAgain',
        kind: 'itemsByDate',
        of: 'servicesUnderDi',
        field: 'diCompensatedUntil',
        keep: 'absentOrBeforeDay',
        title: { lv: 'a', en: 'a' },
        type: 'list',
      },
    ]);
  });

  it('fixed is false unless a fact says true; a description is kept only when written', () => {
    const directory = copy({
      [PROGRAMME]: (text) =>
        text.replace(
          '    in: person\n    required: true\n    title: { lv: Dzimšanas datums',
          '    in: person\n    required: true\n    fixed: true\n    title: { lv: Dzimšanas datums',
        ),
    });
    const bare = copy({ [PROGRAMME]: (text) => text.replace(/\ndescription:\n {2}lv: .*\n {2}en: .*\n/, '\n') });
    const loaded = loadRuleSet(directory);
    const loadedBare = loadRuleSet(bare);
    const programme = loaded.ok ? loaded.ruleSet.programmes.get('nsk') : undefined;
    const programmeBare = loadedBare.ok ? loadedBare.ruleSet.programmes.get('nsk') : undefined;
    expect([programme?.facts.get('birthDate')?.fixed, programme?.facts.get('residence')?.fixed, programme?.description?.en.slice(0, 31)]).toEqual([
      true,
      false,
      'The state partly compensates a ',
    ]);
    expect(programmeBare ? 'description' in programmeBare : 'not loaded').toBe(false);
  });
});

describe('programme and version files', () => {
  it('an id that is not the folder name, at the id', () => {
    expect(loadProblems(copy({ [PROGRAMME]: (text) => text.replace('id: nsk', 'id: other') }))).toEqual([
      'nsk/programme.yaml:3:5: id "other" must match its folder name "nsk"',
    ]);
  });

  it('a programme without version files', () => {
    expect(loadProblems(copy({ [FIRST]: null, [SECOND]: null, [THIRD]: null }))).toEqual(['nsk/programme.yaml:3:1: no version files in nsk/versions']);
  });

  it('two files of one version: the later file names the earlier', () => {
    const twin = copy({ 'nsk/versions/9.yaml': fixture(FIRST).replace('effectiveFrom: "2019-01-01"', 'effectiveFrom: "2030-01-01"') });
    expect(loadProblems(twin)).toEqual(['nsk/versions/9.yaml:3:10: version "2019-01-01" is also defined in nsk/versions/2019-01-01.yaml']);
  });

  it('versions are ordered by effectiveFrom, not by file name; equal starts keep file order', () => {
    const directory = copy({ [FIRST]: null, 'nsk/versions/z.yaml': fixture(FIRST), [THIRD]: null, 'nsk/versions/a.yaml': fixture(THIRD) });
    const loaded = loadRuleSet(directory);
    const versions = loaded.ok ? loaded.ruleSet.programmes.get('nsk')?.versions.map((version) => version.version) : [];
    const sameStart = copy({ [SECOND]: (text) => text.replace('effectiveFrom: "2022-01-01"', 'effectiveFrom: "2023-04-01"') });
    expect([versions, loadProblems(sameStart)]).toEqual([
      ['2019-01-01', '2022-01-01-fictional', '2023-04-01-fictional'],
      ['nsk/versions/2023-04-01-fictional.yaml:7:16: overlaps nsk/versions/2022-01-01-fictional.yaml: both start on 2023-04-01'],
    ]);
  });

  it('a complete version has no extends; an amendment keeps the version it extends', () => {
    const amendment = readFileSync(join(FIXTURE_RULES, '..', 'amendments', 'nsk/versions/2027-01-01-fictional.yaml'), 'utf8');
    const directory = copy({ 'nsk/versions/2027-01-01-fictional.yaml': amendment });
    const loaded = loadRuleSet(directory);
    const versions = loaded.ok ? (loaded.ruleSet.programmes.get('nsk')?.versions ?? []) : [];
    expect(versions.map((version) => ['extends' in version, version.extends])).toEqual([
      [false, undefined],
      [false, undefined],
      [false, undefined],
      [true, '2023-04-01-fictional'],
    ]);
  });

  it('amendments that extend each other in a circle: one problem, at the file that closes it', () => {
    const directory = copy({
      [SECOND]: (text) => text.replace('version: "2022-01-01-fictional"', 'version: "2022-01-01-fictional"\nextends: "2023-04-01-fictional"'),
      [THIRD]: (text) => text.replace('version: "2023-04-01-fictional"', 'version: "2023-04-01-fictional"\nextends: "2022-01-01-fictional"'),
    });
    expect(loadProblems(directory)).toEqual([
      'nsk/versions/2023-04-01-fictional.yaml:4:10: amendments extend each other in a circle: 2022-01-01-fictional → 2023-04-01-fictional → 2022-01-01-fictional',
    ]);
  });
});

describe('data files and the rules folder', () => {
  it('a calendar that does not pass its schema stops loading, at its places', () => {
    expect(loadProblems(copy({ 'calendar/bad.yaml': 'title: 1\n' }))).toEqual([
      'calendar/bad.yaml:1:1: missing required field "holidayLibrary"',
      'calendar/bad.yaml:1:1: missing required field "transferredDays"',
      'calendar/bad.yaml:1:8: must be object',
    ]);
  });

  it('a calendar is named by its file name without the final .yaml only', () => {
    const directory = copy({ 'calendar/extra.yml.yaml': fixture('calendar/latvia.yaml'), 'calendar/short.yml': fixture('calendar/latvia.yaml') });
    const loaded = loadRuleSet(directory);
    expect(loaded.ok ? [...loaded.ruleSet.calendars.keys()] : []).toEqual(['extra.yml', 'latvia', 'short']);
  });

  it('a calendar file that leads out of the rules folder is a problem, and the next file is still read', () => {
    const directory = copy({ 'calendar/zz.yaml': 'title: 1\n' });
    const outside = mkdtempSync(join(tmpdir(), 'sbsp-rules-edges-outside-'));
    writeFileSync(join(outside, 'a.yaml'), fixture('calendar/latvia.yaml'));
    symlinkSync(join(outside, 'a.yaml'), join(directory, 'calendar', 'a.yaml'));
    expect(loadProblems(directory)).toEqual([
      'calendar/a.yaml:1:1: a symbolic link leading out of the rules folder; it is not followed',
      'calendar/zz.yaml:1:1: missing required field "holidayLibrary"',
      'calendar/zz.yaml:1:1: missing required field "transferredDays"',
      'calendar/zz.yaml:1:8: must be object',
    ]);
  });

  it('folders with versions/ but no programme.yaml, in name order', () => {
    const directory = copy({ 'zzz/versions/x.yaml': 'version: x\n', 'aaa/versions/x.yaml': 'version: x\n', 'mmm/versions/x.yaml': 'version: x\n' });
    expect(loadProblems(directory)).toEqual(
      ['aaa', 'mmm', 'zzz'].map((name) => `${name}/programme.yaml:1:1: missing: a folder with versions/ is a programme and needs its programme.yaml`),
    );
  });

  it('programmes are read in folder name order', () => {
    const directory = copy({ 'zzz/programme.yaml': 'id: zzz\n', 'aaa/programme.yaml': 'id: aaa\n' });
    expect(loadProblems(directory).map((problem) => problem.split(':')[0])).toEqual([
      'aaa/programme.yaml',
      'aaa/programme.yaml',
      'aaa/programme.yaml',
      'zzz/programme.yaml',
      'zzz/programme.yaml',
      'zzz/programme.yaml',
    ]);
  });

  it('a rules folder with no programme folder, and one that does not exist', () => {
    const empty = mkdtempSync(join(tmpdir(), 'sbsp-rules-edges-'));
    const missing = join(empty, 'absent');
    expect([loadRuleSet(empty), loadRuleSet(missing)]).toEqual([
      { ok: false, problems: [{ file: empty, line: 1, column: 1, message: 'no programme folders (a folder with programme.yaml)' }] },
      { ok: false, problems: [{ file: missing, line: 1, column: 1, message: 'rules directory not found' }] },
    ]);
  });
});
