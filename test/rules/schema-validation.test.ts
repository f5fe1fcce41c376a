import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { describeAjvError, jsonPointerToPath, usefulErrors, validateRuleFile } from '../../src/rules/schema-validation.js';
import { formatProblem, parseYamlFile, type YamlFile } from '../../src/rules/yaml-file.js';

/**
 * How schema errors become an officer's words and where they point: each ajv keyword the module names, checked on
 * a hand-made error object (exact text, path, key or value), and whole files checked against the emergencies and
 * programme schemas, each problem at file:line:column.
 */

function ajvError(keyword: string, fields: Partial<ErrorObject> = {}): ErrorObject {
  return { keyword, instancePath: '/periods/0', schemaPath: `#/${keyword}`, params: {}, ...fields };
}

function parsed(text: string): YamlFile {
  const { yaml, problems } = parseYamlFile('rules/emergencies/test.yaml', text);
  if (!yaml) throw new Error(problems.map(formatProblem).join('\n'));
  return yaml;
}

describe('jsonPointerToPath', () => {
  it('unescapes ~1 to a slash and ~0 to a tilde in each segment', () => {
    expect(jsonPointerToPath('/facts/a~1b/c~0d/~01')).toEqual(['facts', 'a/b', 'c~d', '~1']);
  });

  it('reads the empty pointer as the root', () => {
    expect(jsonPointerToPath('')).toEqual([]);
  });
});

describe('describeAjvError: each keyword in words, at the key or the value', () => {
  const cases: Array<[string, ErrorObject, { path: string[]; message: string; atKey: boolean }]> = [
    [
      'additionalProperties names the unknown field at its key',
      ajvError('additionalProperties', { params: { additionalProperty: 'titel' } }),
      { path: ['periods', '0', 'titel'], message: 'unknown field "titel"', atKey: true },
    ],
    [
      'required names the missing field at the object that lacks it',
      ajvError('required', { params: { missingProperty: 'source' } }),
      { path: ['periods', '0'], message: 'missing required field "source"', atKey: false },
    ],
    [
      'enum lists the allowed values as JSON',
      ajvError('enum', { params: { allowedValues: ['person', 1, null] } }),
      { path: ['periods', '0'], message: 'must be one of "person", 1, null', atKey: false },
    ],
    [
      'const names the one allowed value as JSON',
      ajvError('const', { params: { allowedValue: 'cappedActualCost' }, message: 'must be equal to constant' }),
      { path: ['periods', '0'], message: 'must be "cappedActualCost"', atKey: false },
    ],
    [
      'pattern says the description of the value when the schema has one',
      ajvError('pattern', { params: { pattern: '^A[0-9]+$' }, parentSchema: { description: 'An assumption id: A1, A2 …' }, message: 'must match pattern' }),
      { path: ['periods', '0'], message: 'must be: An assumption id: A1, A2 …', atKey: false },
    ],
    [
      'pattern shows the pattern when the schema has no description',
      ajvError('pattern', { params: { pattern: '^A[0-9]+$' }, parentSchema: { type: 'string' }, message: 'must match pattern' }),
      { path: ['periods', '0'], message: 'must match the pattern ^A[0-9]+$', atKey: false },
    ],
    [
      'pattern shows the pattern when the description is not text',
      ajvError('pattern', { params: { pattern: '^x$' }, parentSchema: { description: 7 }, message: 'must match pattern' }),
      { path: ['periods', '0'], message: 'must match the pattern ^x$', atKey: false },
    ],
    [
      'pattern shows the pattern when the error has no parent schema (ajv without verbose)',
      ajvError('pattern', { params: { pattern: '^x$' }, message: 'must match pattern' }),
      { path: ['periods', '0'], message: 'must match the pattern ^x$', atKey: false },
    ],
    [
      'format calendar-date says what a real date is',
      ajvError('format', { params: { format: 'calendar-date' }, message: 'must match format' }),
      { path: ['periods', '0'], message: 'must be a real date (YYYY-MM-DD, years 0001–9999)', atKey: false },
    ],
    [
      'another format is named',
      ajvError('format', { params: { format: 'email' }, message: 'must match format' }),
      { path: ['periods', '0'], message: 'must be a valid email', atKey: false },
    ],
    [
      'not says where a moved field went, at its key',
      ajvError('not', { parentSchema: { description: 'moved to compensation.rate' }, message: 'must NOT be valid' }),
      { path: ['periods', '0'], message: 'is not accepted: moved to compensation.rate', atKey: true },
    ],
    [
      'not without a description says the field is not allowed, at its key',
      ajvError('not', { parentSchema: { not: {} }, message: 'must NOT be valid' }),
      { path: ['periods', '0'], message: 'is not allowed here', atKey: true },
    ],
    [
      'not without a parent schema says the field is not allowed',
      ajvError('not', { message: 'must NOT be valid' }),
      { path: ['periods', '0'], message: 'is not allowed here', atKey: true },
    ],
    [
      'propertyNames names the invalid name at its key',
      ajvError('propertyNames', { instancePath: '/facts', params: { propertyName: '1bad' }, message: 'property name must be valid' }),
      { path: ['facts', '1bad'], message: 'invalid name "1bad"', atKey: true },
    ],
    [
      'another keyword keeps ajv message, at the value',
      ajvError('minItems', { params: { limit: 1 }, message: 'must NOT have fewer than 1 items' }),
      { path: ['periods', '0'], message: 'must NOT have fewer than 1 items', atKey: false },
    ],
    [
      'another keyword without a message says the keyword',
      ajvError('minItems', { params: { limit: 1 } }),
      { path: ['periods', '0'], message: 'minItems', atKey: false },
    ],
  ];
  for (const [name, error, expected] of cases) {
    it(name, () => {
      expect(describeAjvError(error)).toEqual(expected);
    });
  }
});

describe('usefulErrors', () => {
  it('drops the summaries (if, anyOf, oneOf, then, else) when precise errors stand beside them', () => {
    const errors = ['anyOf', 'type', 'oneOf', 'if', 'then', 'else', 'required'].map((keyword) => ajvError(keyword));
    expect(usefulErrors(errors).map((error) => error.keyword)).toEqual(['type', 'required']);
  });

  it('keeps the summaries when they are all there is', () => {
    const errors = [ajvError('anyOf'), ajvError('oneOf')];
    expect(usefulErrors(errors).map((error) => error.keyword)).toEqual(['anyOf', 'oneOf']);
  });

  it('keeps precise errors as they are', () => {
    const errors = [ajvError('type'), ajvError('enum')];
    expect(usefulErrors(errors).map((error) => error.keyword)).toEqual(['type', 'enum']);
  });
});

describe('validateRuleFile: problems of a whole file at file:line:column', () => {
  const TITLE = 'title: {lv: Ārkārtas situācijas, en: Emergencies}\n';
  const PERIOD = '{from: 2020-03-13, to: 2020-06-09, title: {lv: a, en: b}, source: MK rīkojums Nr. 103}';

  it('accepts a valid emergencies file with no problem', () => {
    expect(validateRuleFile('emergencies', parsed(`${TITLE}periods:\n  - ${PERIOD}\n`))).toEqual([]);
  });

  it('places an unknown field at its key and a missing field at the object that lacks it', () => {
    const problems = validateRuleFile('emergencies', parsed('title:\n  lv: x\nperiods: []\ntitel: 1\n')).map(formatProblem);
    expect(problems).toEqual(['rules/emergencies/test.yaml:4:1: unknown field "titel"', 'rules/emergencies/test.yaml:2:3: missing required field "en"']);
  });

  it('places a wrong type, an impossible date and a short citation at their values', () => {
    const text = `${TITLE}periods:\n  - from: 2020-02-30\n    to: 2020-03-01\n    title: {lv: 1, en: b}\n    source: ab\n`;
    expect(validateRuleFile('emergencies', parsed(text)).map(formatProblem)).toEqual([
      'rules/emergencies/test.yaml:3:11: must be a real date (YYYY-MM-DD, years 0001–9999)',
      'rules/emergencies/test.yaml:5:17: must be string',
      'rules/emergencies/test.yaml:6:13: must NOT have fewer than 3 characters',
    ]);
  });

  it('says the same problem at the same place once (two errors met through one alias)', () => {
    const text = `title: &t\n  lv: 1\n  en: 2\nperiods:\n  - {from: 2020-01-01, to: 2020-01-02, title: *t, source: abc}\n`;
    expect(validateRuleFile('emergencies', parsed(text)).map(formatProblem)).toEqual([
      'rules/emergencies/test.yaml:2:7: must be string',
      'rules/emergencies/test.yaml:3:7: must be string',
      'rules/emergencies/test.yaml:5:47: must be string',
    ]);
  });

  it('says a programme id pattern, a described pattern, an invalid fact name and an enum in words', () => {
    const text = [
      'id: Bad',
      'title: {lv: x, en: y}',
      'noBasisBlocker: {ref: e1, title: {lv: x, en: y}}',
      'facts:',
      '  good: {type: number, in: request, required: true, title: {lv: x, en: y}}',
      '  1bad: {type: number, in: body, required: true, title: {lv: x, en: y}}',
      '',
    ].join('\n');
    // The invalid name is shown at its own key (6:3, not at the facts map's first key, 5:3), once, with why.
    expect(validateRuleFile('programme', parsed(text)).map(formatProblem)).toEqual([
      'rules/emergencies/test.yaml:1:5: must match the pattern ^[a-z][a-z0-9-]*$',
      "rules/emergencies/test.yaml:3:23: must be: An id from domain.md (T1, E3, C2, A1 …) or a programme's own.",
      'rules/emergencies/test.yaml:6:3: invalid name "1bad": must match the pattern ^[A-Za-z][A-Za-z0-9_]*$',
      'rules/emergencies/test.yaml:6:28: must be one of "person", "request"',
    ]);
  });

  it('keeps the bare "invalid name" when no error beside it says why', () => {
    const alone = ajvError('propertyNames', { instancePath: '/facts', params: { propertyName: '1bad' } });
    const why = ajvError('pattern', { instancePath: '/facts', propertyName: '1bad', params: { pattern: 'x' } });
    const other = ajvError('pattern', { instancePath: '/facts', propertyName: '2bad', params: { pattern: 'x' } });
    expect(usefulErrors([alone])).toEqual([alone]);
    expect(usefulErrors([why, alone])).toEqual([why]);
    expect(usefulErrors([other, alone])).toEqual([other, alone]);
  });
});
