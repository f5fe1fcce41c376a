import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/calendar/calendar-date.js';
import { amendmentScaffold, versionBefore } from '../../src/rules/amendment-scaffold.js';
import type { Parameter, Programme, Rule, RuleVersion } from '../../src/rules/model.js';

/**
 * The text `sbsp-rules new-version` writes, from amendmentScaffold on a SYNTHETIC programme "p" built here (no real
 * law): which version it extends, the lines an officer uncomments, and how each kind of value is written.
 */

function parameter(name: string, type: Parameter['type'], value: Parameter['value']): Parameter {
  return { name, type, value, title: { lv: `${name} lv`, en: `${name} en` }, source: `actA — point of ${name}`, assumptions: [] };
}

function version(effectiveFrom: string, ruleIds: readonly string[] = ['R1', 'R2', 'R3']): RuleVersion {
  return {
    programme: 'p',
    version: effectiveFrom,
    title: { lv: effectiveFrom, en: effectiveFrom },
    effectiveFrom: calendarDate(effectiveFrom),
    effectiveTo: null,
    adopted: calendarDate('2020-01-01'),
    sources: [],
    parameters: new Map([
      ['amount', parameter('amount', 'money', '100.00')],
      ['groups', parameter('groups', 'list', ['I', 'II'])],
      ['limit', parameter('limit', 'number', 3)],
    ]),
    assumptions: [],
    namedConditions: new Map(),
    rules: ruleIds.map((id) => ({ id }) as Rule),
    compensation: null,
    file: `p/versions/${effectiveFrom}.yaml`,
    sha256: '0'.repeat(64),
  };
}

function programme(versions: RuleVersion[]): Programme {
  return {
    id: 'p',
    title: { lv: 'p', en: 'p' },
    noBasisBlocker: { ref: 'T', title: { lv: 'T', en: 'T' } },
    facts: new Map(),
    derivedFacts: new Map(),
    versions,
    file: 'p/programme.yaml',
    directory: 'p',
  };
}

const P = programme([version('2024-01-01'), version('2025-01-01'), version('2026-01-01')]);

describe('versionBefore: the version an amendment from a date extends', () => {
  it.each<[string, string | null]>([
    ['2025-06-01', '2025-01-01'],
    ['2025-01-02', '2025-01-01'],
    ['2025-01-01', '2024-01-01'],
    ['2027-01-01', '2026-01-01'],
    ['2024-01-01', null],
  ])('from %s: %s (the latest starting strictly before)', (from, expected) => {
    expect(versionBefore(P, calendarDate(from))?.version ?? null).toBe(expected);
  });
});

describe('amendmentScaffold', () => {
  // Made inside each test, not while the file is collected: mutation testing counts only code a test itself reaches.
  const scaffold = (): { text: string; lines: string[] } => {
    const text = amendmentScaffold(P, P.versions[1] as RuleVersion, calendarDate('2025-06-01'), calendarDate('2025-05-20'));
    return { text, lines: text.split('\n') };
  };

  it('opens with one unbroken comment block naming the programme and the version it amends', () => {
    const { lines } = scaffold();
    const header = lines.slice(0, lines.indexOf('version: "2025-06-01"'));
    expect(header.length).toBeGreaterThan(2);
    expect(header.filter((line) => !line.startsWith('#'))).toEqual([]);
    expect(header[1]).toMatch(/^# An amendment of p version 2025-01-01: /);
    expect(header[2]).toMatch(/^# is version 2025-01-01's\. /);
    expect(header.join('\n')).toContain('`remove:` repeals parameters, rules, named conditions, assumptions or sources');
  });

  it('left untouched, is a version from its date that extends the version before it and states nothing else', () => {
    const { text } = scaffold();
    expect(parse(text)).toEqual({
      version: '2025-06-01',
      extends: '2025-01-01',
      title: { lv: 'Grozījumi no 2025-06-01', en: 'Amendment from 2025-06-01' },
      effectiveFrom: '2025-06-01',
      adopted: '2025-05-20',
    });
  });

  it.each<[string, string]>([
    ['amount', '#     value: "100.00"'],
    ['groups', '#     value: [I, II]'],
    ['limit', '#     value: 3'],
  ])('writes the value of %s as YAML an officer can uncomment', (name, valueLine) => {
    const { lines } = scaffold();
    const at = lines.indexOf(`#   ${name}:`);
    expect(at).toBeGreaterThan(lines.indexOf('# parameters:'));
    expect(lines[at + 2]).toBe(valueLine);
    expect(lines[at + 1]).toContain(`now ${valueLine.slice('#     value: '.length)}, from: actA — point of ${name}`);
  });

  it('uncommented, the parameters and remove hints are an amendment of the value and a repeal of the last rule', () => {
    const { lines } = scaffold();
    // What an officer does: uncomment everything from `# parameters:` on (the hints inside stay comments).
    const from = lines.indexOf('# parameters:');
    const uncommented = [...lines.slice(0, from), ...lines.slice(from).map((line) => line.replace(/^# ?/, ''))].join('\n');
    const data = parse(uncommented) as { parameters: Record<string, { value: unknown; source: string }>; remove: unknown };
    expect(data.parameters).toEqual({
      amount: { value: '100.00', source: '<the amending act> — <its point>' },
      groups: { value: ['I', 'II'], source: '<the amending act> — <its point>' },
      limit: { value: 3, source: '<the amending act> — <its point>' },
    });
    expect(data.remove).toEqual({ rules: ['R3'] });
  });

  it('names the last rule of the version it extends in the remove hint', () => {
    const { lines } = scaffold();
    const at = lines.indexOf('# remove:');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('#   rules: [R3]');
    const other = amendmentScaffold(P, version('2025-01-01', ['T1', 'E7']), calendarDate('2025-06-01'), calendarDate('2025-05-20'));
    expect(other).toContain('# remove:\n#   rules: [E7]\n');
  });

  it('names R1 in the remove hint when the version it extends has no rules', () => {
    const empty = amendmentScaffold(P, version('2025-01-01', []), calendarDate('2025-06-01'), calendarDate('2025-05-20'));
    expect(empty).toContain('# remove:\n#   rules: [R1]\n');
  });
});
