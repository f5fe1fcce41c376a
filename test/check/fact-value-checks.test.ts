import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/calendar/calendar-date.js';
import { checkFactValues, nearestValue, valueProblem } from '../../src/rules/check-fact-values.js';
import type { PlacedSchema } from '../../src/rules/fact-values.js';
import { NAMED_SCHEMAS, namedSchema } from '../support/request-schemas.js';
import type { Compensation, NamedCondition, ParameterValue, Programme, Rule, RuleVersion, TopLevelCondition } from '../../src/rules/model.js';
import { formatProblem, parseYamlFile, type YamlFile } from '../../src/rules/yaml-file.js';
import { placeOf } from './fixture-copies.js';

const FILE = 'v.yaml';
const TITLE = { lv: 'x', en: 'x' };
/** The values a Person field lists, as a message shows them. */
const RESIDENCES = ((namedSchema('Person').properties as Record<string, { enum?: unknown[] }>).residence?.enum ?? []).join(', ');
const PLANNED_SERVICE_FIELDS = Object.keys(namedSchema('PlannedService').properties as object).join(', ');

interface WrittenVersion {
  parameters?: Record<string, { value: ParameterValue }>;
  conditions?: Record<string, NamedCondition>;
  rules?: { conditions: TopLevelCondition }[];
}

/** A version made of the conditions and parameters written in `text` (only what the fact-value check reads), with the parsed file. */
function versionIn(text: string): { version: RuleVersion; yaml: YamlFile } {
  const { yaml, problems } = parseYamlFile(FILE, text);
  if (!yaml) throw new Error(problems.map(formatProblem).join('\n'));
  const written = yaml.data as WrittenVersion;
  const rule = ({ conditions }: { conditions: TopLevelCondition }, index: number): Rule => ({
    id: `R${index + 1}`,
    kind: 'basis',
    title: TITLE,
    source: 's',
    assumptions: [],
    conditions,
  });
  const version: RuleVersion = {
    programme: 'nsk',
    version: '2020-01-01',
    title: TITLE,
    effectiveFrom: calendarDate('2020-01-01'),
    effectiveTo: null,
    adopted: calendarDate('2020-01-01'),
    sources: [],
    parameters: new Map(
      Object.entries(written.parameters ?? {}).map(([name, { value }]) => [name, { name, type: 'string', value, title: TITLE, source: 's', assumptions: [] }]),
    ),
    assumptions: [],
    namedConditions: new Map(Object.entries(written.conditions ?? {})),
    rules: (written.rules ?? []).map(rule),
    compensation: null as Compensation | null,
    file: FILE,
    sha256: yaml.sha256,
  };
  return { version, yaml };
}

/** A programme reading residence (a Person field with listed values) and services (the request's planned services, a list). */
const PROGRAMME: Programme = {
  id: 'nsk',
  title: TITLE,
  noBasisBlocker: { ref: 'T', title: TITLE },
  facts: new Map(
    (
      [
        ['residence', 'string', 'person'],
        ['services', 'list', 'request'],
      ] as const
    ).map(([name, type, origin]) => [name, { name, type, in: origin, required: true, title: TITLE, fixed: false }]),
  ),
  derivedFacts: new Map(),
  versions: [],
  file: 'nsk/programme.yaml',
  directory: 'nsk',
};

function problemsIn(text: string): string[] {
  const { version, yaml } = versionIn(text);
  return checkFactValues(PROGRAMME, version, yaml).map(formatProblem);
}

/** One rule whose conditions are all of these leaves, each written in flow style on its own line. */
function ruleWith(...leaves: string[]): string {
  return `rules:\n  - conditions:\n      all:\n${leaves.map((leaf) => `        - ${leaf}\n`).join('')}`;
}

describe('nearestValue: which allowed value a typo meant', () => {
  it('null is never offered as a guess, though "nul" is one letter from it', () => {
    expect(nearestValue('nul', ['yes', null])).toBeUndefined();
  });

  it('a long word may be up to half its length away (3 of 8 letters changed)', () => {
    expect(nearestValue('abcdefgh', ['abcdexyz'])).toBe('abcdexyz');
  });

  it('half the length of the longer of the two words: "abcd" is 3 letters from "abcdefg" (7 long), within 3', () => {
    expect(nearestValue('abcd', ['abcdefg'])).toBe('abcdefg');
  });
});

describe('valueProblem: why a request can never send a value', () => {
  const schema = (written: Record<string, unknown>): PlacedSchema => ({ schema: written });

  it.each<[string, unknown, string, PlacedSchema, string | null]>([
    [
      'a noun that begins with a vowel takes "an"',
      'x',
      'origin',
      schema({ enum: ['north', 'south'] }),
      'value "x" is not an origin a request can send (north, south)',
    ],
    [
      'a nullable flag is "a value of" its name, not a noun',
      'maybe',
      'remote',
      schema({ type: ['boolean', 'null'] }),
      'value "maybe" is not a value of remote a request can send (true, false, null)',
    ],
    ['a string is a string', 'x', 'note', schema({ type: 'string' }), null],
    ['a whole number is an integer', 3, 'units', schema({ type: 'integer' }), null],
    ['a fraction is not an integer', 2.5, 'units', schema({ type: 'integer' }), 'value 2.5 is not a value of units a request can send (a whole number)'],
    ['a list is an array', [1], 'items', schema({ type: 'array' }), null],
    ['a list is not an object', [1], 'evidence', schema({ type: 'object' }), 'value [1] is not a value of evidence a request can send (an object)'],
    ['a mapping is an object', { a: 1 }, 'evidence', schema({ type: 'object' }), null],
    ['a string is not an object', 'x', 'evidence', schema({ type: 'object' }), 'value "x" is not a value of evidence a request can send (an object)'],
    ['a schema that says no type allows anything', 'x', 'anything', schema({}), null],
    [
      'a nullable date names only "a string" (null is no type a literal could be)',
      3,
      'date',
      { schema: { $ref: '#/components/schemas/CalendarDateOrNull' } },
      'value 3 is not a value of date a request can send (a string)',
    ],
    ['one of several types is enough', 'x', 'code', schema({ type: ['string', 'number'] }), null],
    [
      'none of several types: each named, joined by "or"',
      true,
      'code',
      schema({ type: ['string', 'number'] }),
      'value true is not a value of code a request can send (a string or a number)',
    ],
  ])('%s', (_name, value, name, valueSchema, expected) => {
    expect(valueProblem(value, name, valueSchema)).toBe(expected);
  });
});

describe('checkFactValues: where the problems are reported, and in which order', () => {
  it('two typos are both reported, in file order, though the named condition written last is checked first', () => {
    const text = `${ruleWith('{ fact: residence, operator: equal, value: famly }')}conditions:\n  atHome:\n    all:\n      - fact: residence\n        operator: equal\n        value: own_hom\n`;
    expect(problemsIn(text)).toEqual([
      `${FILE}:${placeOf(text, 'famly')}: value "famly" is not a residence a request can send (${RESIDENCES}): did you mean "family"?`,
      `${FILE}:${placeOf(text, 'own_hom')}: value "own_hom" is not a residence a request can send (${RESIDENCES}): did you mean "own_home"?`,
    ]);
  });

  it('two typos on one line are ordered by column', () => {
    const leaf = (value: string) => `{ fact: residence, operator: equal, value: ${value} }`;
    const text = `{ rules: [{ conditions: { all: [${leaf('famly')}] } }], conditions: { atHome: { all: [${leaf('own_hom')}] } } }\n`;
    expect(problemsIn(text).map((problem) => problem.split(': value')[0])).toEqual([
      `${FILE}:${placeOf(text, 'famly')}`,
      `${FILE}:${placeOf(text, 'own_hom')}`,
    ]);
  });

  it('a typo inside a `not` is reported at the value it negates', () => {
    const text = 'rules:\n  - conditions:\n      not:\n        all:\n          - fact: residence\n            operator: equal\n            value: famly\n';
    expect(problemsIn(text)).toEqual([
      `${FILE}:${placeOf(text, 'famly')}: value "famly" is not a residence a request can send (${RESIDENCES}): did you mean "family"?`,
    ]);
  });

  it('an item pattern field is not reported when the items may carry any field (no additionalProperties: false)', () => {
    const closed = namedSchema('PlannedService');
    NAMED_SCHEMAS.PlannedService = { ...closed, additionalProperties: true };
    try {
      expect(problemsIn(ruleWith('{ fact: services, operator: hasItemMatching, value: { colour: [blue] } }'))).toEqual([]);
    } finally {
      NAMED_SCHEMAS.PlannedService = closed;
    }
  });

  it('an item pattern field far from every field gets no guess', () => {
    const text = ruleWith('{ fact: services, operator: hasItemMatching, value: { zzzzzzzzzz: [x] } }');
    expect(problemsIn(text)).toEqual([
      `${FILE}:${placeOf(text, 'zzzzzzzzzz')}: "zzzzzzzzzz" is not a field of the services items a request can send (${PLANNED_SERVICE_FIELDS})`,
    ]);
  });
});

describe('checkFactValues: what is not checked here (other checks report what is malformed)', () => {
  it.each([
    ['a comparison with another fact (equal)', '{ fact: residence, operator: equal, value: { fact: services } }'],
    ['a comparison with another fact (an item pattern)', '{ fact: services, operator: hasItemMatching, value: { fact: services } }'],
    ['a parameter the version does not declare', '{ fact: residence, operator: equal, value: { param: nowhere } }'],
    ['a list compared with equal', '{ fact: residence, operator: equal, value: [famly] }'],
    ['a mapping compared with equal', '{ fact: residence, operator: equal, value: { home: famly } }'],
    ['a single value compared with in', '{ fact: residence, operator: in, value: famly }'],
    ['a pattern under an operator that takes no pattern (in)', '{ fact: services, operator: in, value: { type: [day_centr] } }'],
    ['an item pattern on a fact that is not a list', '{ fact: residence, operator: hasItemMatching, value: { type: [famly] } }'],
    ['an item pattern that is null', '{ fact: services, operator: hasItemMatching, value: null }'],
    ['an item pattern that is a single value', '{ fact: services, operator: hasNoItemMatching, value: stat }'],
    ['an item pattern that is a list', '{ fact: services, operator: hasItemMatching, value: [stat] }'],
    ['an item pattern field that is null', '{ fact: services, operator: hasItemMatching, value: { funding: null } }'],
    ['an item pattern field that is a single value', '{ fact: services, operator: hasItemMatching, value: { funding: stat } }'],
  ])('%s', (_name, leaf) => {
    expect(problemsIn(ruleWith(leaf))).toEqual([]);
  });
});
