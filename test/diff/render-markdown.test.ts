import { describe, expect, it } from 'vitest';
import type { DiffReport, RuleSetDiff, VersionDiff } from '../../src/diff/diff-report.js';
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

/**
 * Item 14: every text of a rule file (titles, values, names, case names, problems) goes into the pull-request comment
 * as text: hostile Markdown, HTML and `<!--` (which would hide the rest of the comment from a reviewer) show as they
 * are written and change nothing around them.
 */
describe('Markdown for a pull-request comment, with hostile rule-file texts', () => {
  const HOSTILE = [
    'Evil <!-- everything after this is hidden',
    '</details><details><summary>folded</summary> <img src=x onerror=alert(1)>',
    '**bold** _italic_ [link](javascript:alert(1)) ![image](https://example.invalid/x.png) `code` ``more`` ~~strike~~ $x^2$ @everyone #1',
    'line one\n\n# A heading\n> a quote\n- a list item\n<!--',
    'a pipe | in a cell \\| and a backslash \\',
    '&lt;!-- an entity &amp; &#60;!-- another',
    '- 1. ---',
    '```\nfenced\n```',
    '[reference]: https://example.invalid "title"',
  ];

  /** A diff with `text` in every field that comes from a rule file or a case file. */
  function diffWith(texts: readonly string[]): DiffReport {
    const at = (index: number): string => texts[index % texts.length] as string;
    const version: VersionDiff = {
      programme: 'nsk',
      version: '2019-01-01',
      change: 'changed',
      summary: [at(0), at(1)],
      dates: [at(2)],
      title: [at(3)],
      sources: [{ id: at(4), change: 'changed', details: [at(5)] }],
      parameters: [
        {
          name: at(6),
          change: 'changed',
          title: at(7),
          type: 'list',
          old: [at(8), at(0)],
          new: [at(1)],
          gained: [at(2)],
          lost: [at(3)],
          notes: [at(4)],
          usedBy: [at(5)],
        },
        { name: 'rate', change: 'changed', title: at(6), type: 'money', old: at(7), new: at(8), percent: '+5.00%', moved: at(0), notes: [], usedBy: [] },
      ],
      assumptions: [{ id: at(1), change: 'added', details: [at(2), at(3)] }],
      conditions: [{ name: at(4), change: 'changed', details: [at(5)], usedBy: [at(6)] }],
      rules: [{ id: at(7), change: 'changed', kind: at(8), title: at(0), details: [at(1), at(2)] }],
      compensation: [at(3)],
      lineRules: [{ id: at(4), change: 'added', kind: 'requirement', title: at(5), details: [at(6)] }],
    };
    return {
      diff: {
        old: at(7),
        new: at(8),
        programmes: [
          { programme: 'nsk', title: at(0), change: 'changed', details: [at(1)], versions: [version] },
          { programme: at(2), title: at(3), change: 'unchanged', details: [], versions: [] },
        ],
        data: [{ file: at(4), folder: 'calendar', name: 'latvia', change: 'changed', details: [at(5)], usedBy: [at(6)] }],
      },
      impact: {
        ran: 3,
        changed: [
          { name: at(7), origin: 'example', where: at(8), endpoint: 'eligibility', changes: [at(0), at(1)], expectationMet: { old: true, new: false } },
        ],
        problems: [at(2)],
      },
    };
  }

  /** The text outside code spans (CommonMark: a run of n backticks up to the next run of exactly n), each span as `c`. */
  function outsideCodeSpans(markdown: string): string {
    let outside = '';
    let index = 0;
    while (index < markdown.length) {
      const character = markdown[index] as string;
      if (character === '\\') {
        outside += markdown.slice(index, index + 2);
        index += 2;
        continue;
      }
      const run = /^`+/.exec(markdown.slice(index))?.[0];
      if (!run) {
        outside += character;
        index += 1;
        continue;
      }
      const closing = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
      closing.lastIndex = index + run.length;
      const close = closing.exec(markdown);
      outside += close ? 'c' : run;
      index = close ? close.index + run.length : index + run.length;
    }
    return outside;
  }

  /**
   * A line's shape: the characters that can start a block at its start, then every character outside code spans that
   * Markdown or HTML acts on by itself (parentheses and `!` act only after a `]`, which is among them). An escaped
   * character or an entity is plain text.
   */
  function shape(line: string): string {
    const plain = outsideCodeSpans(line)
      .replace(/\\./g, 'x')
      .replace(/&(amp|lt|gt);/g, 'x');
    const start = /^[\s\-+*#>|_=`~\d.)]*/.exec(plain)?.[0] ?? '';
    return `${start}…${plain.replace(/[^*_[\]|~$@#<>`]/g, '')}`;
  }

  const benign = renderMarkdown(diffWith(['Plain text']));
  const hostile = renderMarkdown(diffWith(HOSTILE));

  it('keeps the layout of the same diff with plain texts: the same lines, each of the same shape', () => {
    expect(hostile.split('\n').map(shape)).toEqual(benign.split('\n').map(shape));
  });

  it('lets no HTML through outside code spans: no tag or comment but its own line breaks, no entity but its own escapes', () => {
    const plain = outsideCodeSpans(hostile);
    expect(plain.replaceAll('<br>', '')).not.toContain('<');
    expect(plain).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(plain).not.toContain('<!--');
  });

  it('shows the rest of the diff after each hostile text: every section and the impact table', () => {
    for (const heading of [
      '## Rule changes:',
      '### nsk — ',
      '#### Version 2019-01-01 — changed',
      '**Parameters**',
      '**Rules**',
      '### Data files',
      '### Impact on cases',
    ])
      expect(hostile.split('\n').some((line) => line.startsWith(heading))).toBe(true);
    expect(hostile).toContain('**its expectation no longer holds**');
  });
});
