import { describe, expect, it } from 'vitest';
import type { RuleSetDiff, VersionDiff } from '../../src/diff/diff-report.js';
import { renderMarkdown } from '../../src/diff/render-markdown.js';

const EMPTY: Omit<VersionDiff, 'programme' | 'version' | 'change'> = {
  summary: [],
  dates: [],
  title: [],
  sources: [],
  parameters: [],
  assumptions: [],
  conditions: [],
  rules: [],
  compensation: [],
  lineRules: [],
};

/** A FICTIONAL diff, written by hand, to see how each part is laid out. */
const diff: RuleSetDiff = {
  old: 'main:rules',
  new: 'rules',
  programmes: [
    { programme: 'di', title: 'DI', change: 'unchanged', details: [], versions: [{ programme: 'di', version: '2015-06-16', change: 'unchanged', ...EMPTY }] },
    {
      programme: 'nsk',
      title: 'Money follows the client',
      change: 'changed',
      details: [],
      versions: [
        {
          programme: 'nsk',
          version: '2019-01-01',
          change: 'changed',
          ...EMPTY,
          parameters: [
            { name: 'limit', change: 'added', title: 'A | piped title', type: 'number', new: 3, notes: [], usedBy: [] },
            { name: 'groups', change: 'removed', title: 'Groups', type: 'list', old: ['I', 'II'], notes: [], usedBy: ['X1'] },
            {
              name: 'share',
              change: 'changed',
              title: 'Share',
              type: 'decimal',
              old: '0',
              new: '0.5',
              percent: null,
              notes: ['source "a" → "b"'],
              usedBy: ['compensation.periodShare'],
            },
          ],
        },
        { programme: 'nsk', version: '2018-01-01', change: 'unchanged', ...EMPTY },
      ],
    },
  ],
};

describe('Markdown for a pull-request comment', () => {
  const markdown = renderMarkdown({ diff });

  it.each([
    ['a heading with both sides', '## Rule changes: `main:rules` → `rules`'],
    ['unchanged programmes named once', 'Unchanged: di.'],
    ['a heading per programme', '### nsk — Money follows the client'],
    ['a heading per changed version', '#### Version 2019-01-01 — changed'],
    ['an added parameter, its pipe escaped', '| `limit` A \\| piped title | — | `3` | added | — |'],
    ['a removed parameter', '| `groups` Groups | `[I, II]` | — | removed | X1 |'],
    ['a change from zero, with its notes', '| `share` Share | `0` | `0.5` | from zero; source "a" → "b" | compensation.periodShare |'],
  ])('%s', (_name, line) => {
    expect(markdown).toContain(line);
  });

  it('leaves unchanged versions out', () => {
    expect(markdown).not.toContain('2018-01-01');
  });

  it('says so when nothing changed', () => {
    expect(renderMarkdown({ diff: { ...diff, programmes: [diff.programmes[0] as RuleSetDiff['programmes'][number]] } })).toContain(
      'No differences in meaning between the two sides.',
    );
  });
});
