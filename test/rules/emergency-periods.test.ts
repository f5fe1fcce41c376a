import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emergencyPeriodsFromText, loadEmergencyPeriods } from '../../src/rules/emergency-periods.js';
import { formatProblem } from '../../src/rules/yaml-file.js';

/** An emergencies file: read from disk, parsed, checked against its schema, its periods in order and none ending before it starts. */

const FILE = 'emergencies/test.yaml';

function emergencies(...periods: Array<[string, string]>): string {
  const lines = ['title: { lv: Ārkārtējās situācijas, en: Emergencies }', 'periods:'];
  for (const [from, to] of periods) {
    lines.push(`  - from: "${from}"`, `    to: "${to}"`, '    title: { lv: Situācija, en: Emergency }', '    source: An order of the Cabinet');
  }
  return `${lines.join('\n')}\n`;
}

function problemsOf(text: string): string[] {
  const result = emergencyPeriodsFromText(FILE, text);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('emergencyPeriodsFromText', () => {
  it('gives the periods with their dates, titles and sources; a period may last one day', () => {
    expect(emergencyPeriodsFromText(FILE, emergencies(['2001-02-03', '2001-02-03'], ['2001-02-04', '2001-03-01']))).toEqual({
      ok: true,
      value: [
        { from: '2001-02-03', to: '2001-02-03', title: { lv: 'Situācija', en: 'Emergency' }, source: 'An order of the Cabinet' },
        { from: '2001-02-04', to: '2001-03-01', title: { lv: 'Situācija', en: 'Emergency' }, source: 'An order of the Cabinet' },
      ],
    });
  });

  it('a period that ends before it starts is located at its end', () => {
    expect(problemsOf(emergencies(['2001-02-03', '2001-02-02']))).toEqual([`${FILE}:4:9: ends (2001-02-02) before it starts (2001-02-03)`]);
  });

  it('a period that starts on or before the end of the one above is located at its start', () => {
    expect(problemsOf(emergencies(['2001-02-03', '2001-02-10'], ['2001-02-10', '2001-02-20']))).toEqual([
      `${FILE}:7:11: overlaps or comes before the period above it (2001-02-03…2001-02-10); list periods in order`,
    ]);
    expect(problemsOf(emergencies(['2001-02-03', '2001-02-10'], ['2001-01-01', '2001-01-02']))).toEqual([
      `${FILE}:7:11: overlaps or comes before the period above it (2001-02-03…2001-02-10); list periods in order`,
    ]);
  });

  it('a file that does not parse or does not fit the schema gives those problems and no periods', () => {
    const broken = emergencyPeriodsFromText(FILE, 'periods: [\n');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.problems.length).toBeGreaterThan(0);
    const unfit = emergencyPeriodsFromText(FILE, 'title: { lv: a, en: b }\n');
    expect(unfit.ok).toBe(false);
    expect(!unfit.ok && unfit.problems.map((problem) => problem.file)).toEqual([FILE]);
    expect(problemsOf('title: { lv: a, en: b }\nperiods:\n  - from: "2001-02-03"\n    to: 3\n    title: { lv: a, en: b }\n    source: An order\n')).not.toEqual(
      [],
    );
  });
});

describe('loadEmergencyPeriods', () => {
  it('reads the file and names it relative to the display root', () => {
    const root = mkdtempSync(join(tmpdir(), 'emergencies-'));
    writeFileSync(join(root, 'test.yaml'), emergencies(['2001-02-03', '2001-02-02']));
    const loaded = loadEmergencyPeriods(join(root, 'test.yaml'), root);
    expect(loaded.ok ? [] : loaded.problems.map(formatProblem)).toEqual(['test.yaml:4:9: ends (2001-02-02) before it starts (2001-02-03)']);
    writeFileSync(join(root, 'good.yaml'), emergencies(['2001-02-03', '2001-02-04']));
    expect(loadEmergencyPeriods(join(root, 'good.yaml'), root)).toMatchObject({ ok: true, value: [{ from: '2001-02-03', to: '2001-02-04' }] });
  });

  it('a file that cannot be read is a problem at 1:1, named by its whole path when it is the display root itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'emergencies-'));
    expect(loadEmergencyPeriods(join(root, 'missing.yaml'), root)).toEqual({
      ok: false,
      problems: [{ file: 'missing.yaml', line: 1, column: 1, message: 'cannot read: a symbolic link to nothing, or the file was removed (ENOENT)' }],
    });
    expect(loadEmergencyPeriods(root, root)).toEqual({
      ok: false,
      problems: [{ file: root, line: 1, column: 1, message: 'not a regular file (a folder); only regular files are read' }],
    });
  });
});
