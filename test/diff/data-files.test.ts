import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { CalendarDate } from '../../src/calendar/calendar-date.js';
import type { DiffReport } from '../../src/diff/diff-report.js';
import { renderMarkdown } from '../../src/diff/render-markdown.js';
import { runCommand } from '../cli/run-cli.js';
import { BUNDLED_RULES, FIXTURE_RULES, ruleSetAt } from '../support/rule-sets.js';
import { writeFile } from './draft-versions.js';
import { editedCopy, removeCopies, scratchDirectory } from './fictional-edits.js';

afterAll(removeCopies);

const CALENDAR = 'calendar/latvia.yaml';
const EMERGENCIES = 'emergencies/latvia.yaml';
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function report(run: { code: number; stdout: string; stderr: string }): DiffReport {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as DiffReport;
}

/** A working day in the year after the fixture's first version starts, as the fixture's calendar has it. */
function aWorkingDay(): { date: CalendarDate; weekday: string } {
  const rules = ruleSetAt(FIXTURE_RULES);
  const calendar = rules.calendars.get('latvia');
  const first = rules.programmes.get('nsk')?.versions[0]?.effectiveFrom as string;
  for (let day = 1; day <= 31; day += 1) {
    const date = `${Number(first.slice(0, 4)) + 1}-08-${String(day).padStart(2, '0')}` as CalendarDate;
    if (calendar?.dayKind(date) === 'workingDay') return { date, weekday: WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] as string };
  }
  throw new Error('no working day in August');
}

/** FICTIONAL: a one-off holiday on `date`. */
function withHoliday(text: string, date: string): string {
  const document = parseDocument(text);
  const holiday = { date, name: { lv: 'Izdomāta brīvdiena', en: 'Fictional holiday' }, source: 'FICTIONAL test source' };
  const list = document.get('oneOffHolidays');
  if (isSeq(list)) list.add(document.createNode(holiday));
  else document.set('oneOffHolidays', [holiday]);
  return document.toString();
}

/** FICTIONAL: a state of emergency after the last one. */
function withEmergency(text: string): { text: string; from: string; to: string } {
  const document = parseDocument(text);
  const periods = document.get('periods');
  if (!isSeq(periods)) throw new Error('no periods');
  const last = periods.items.at(-1);
  const year = Number(String(isMap(last) ? last.get('to') : '2000').slice(0, 4)) + 1;
  const period = {
    from: `${year}-03-01`,
    to: `${year}-04-30`,
    title: { lv: 'Izdomāta ārkārtējā situācija', en: 'Fictional emergency' },
    source: 'FICTIONAL order',
  };
  periods.add(document.createNode(period));
  return { text: document.toString(), from: period.from, to: period.to };
}

describe('data files beside the programmes', () => {
  it('a calendar draft (only calendar/latvia.yaml, outside the repository): the day that changes, in words, and who reads the calendar', async () => {
    const { date, weekday } = aWorkingDay();
    const draft = scratchDirectory();
    writeFile(draft, CALENDAR, withHoliday(readFileSync(join(FIXTURE_RULES, CALENDAR), 'utf8'), date));
    const result = report(await runCommand(['diff', FIXTURE_RULES, draft, '--impact', '--format', 'json']));
    const file = result.diff.data?.find((candidate) => candidate.file === CALENDAR);
    expect(file).toMatchObject({ change: 'changed', usedBy: expect.arrayContaining([expect.stringMatching(/^nsk /)]) });
    expect(file?.details).toContain(`${date} (${weekday}): working day → public holiday (Fictional holiday)`);
    expect(result.diff.programmes.every((programme) => programme.change === 'unchanged')).toBe(true);

    const markdown = renderMarkdown(result);
    expect(markdown).toContain('### Data files');
    expect(markdown).toContain(`#### \`${CALENDAR}\` — changed`);
    expect(markdown).toContain(`- ${date} (${weekday}): working day → public holiday (Fictional holiday)`);
    expect(markdown).not.toContain('No differences in meaning');
  });

  it('an emergencies file in a copy of the rules: the period added, in words', async () => {
    const edited = withEmergency(readFileSync(join(BUNDLED_RULES, EMERGENCIES), 'utf8'));
    const copy = editedCopy(BUNDLED_RULES, { [EMERGENCIES]: () => edited.text });
    const result = report(await runCommand(['diff', BUNDLED_RULES, copy, '--format', 'json']));
    const file = result.diff.data?.find((candidate) => candidate.file === EMERGENCIES);
    expect(file?.change).toBe('changed');
    expect(file?.details).toEqual([`period ${edited.from}…${edited.to} added: Fictional emergency (FICTIONAL order)`]);
    const readers = [...ruleSetAt(BUNDLED_RULES).programmes.values()].flatMap((programme) =>
      programme.versions
        .filter((version) => version.compensation?.kind === 'individualBudgetLines' && version.compensation.emergencies === 'latvia')
        .map((version) => `${version.programme} ${version.version}`),
    );
    expect(file?.usedBy).toEqual(readers);
  });

  it('an unchanged data file is not listed', async () => {
    const result = report(await runCommand(['diff', FIXTURE_RULES, editedCopy(FIXTURE_RULES), '--format', 'json']));
    expect(result.diff.data).toEqual([]);
  });
});
