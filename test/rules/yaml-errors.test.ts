import { describe, expect, it } from 'vitest';
import { loadProblemsAfter, replaceOnce, VERSION } from '../check/fixture-copies.js';

/** The fixture's NSK 2019-01-01, with rule T2 at lines 205–213 and `adopted` on line 8. */
const T2 = '  - id: T2\n    kind: basis\n    title:\n      lv: Pilngadīga neredzīga persona\n      en: Blind adult\n';

const CASES: Array<{ name: string; from: string; to: string; expected: string }> = [
  {
    name: 'a key indented one space too little inside a rule',
    from: T2,
    to: T2.replace('    title:', '   title:'),
    expected:
      '207:4: bad indentation: "title" starts at column 4, which lines up with nothing above it; expected column 5 (like "kind" on line 206), 3 (a new "- " item, like line 205) or 1 (like "rules" on line 194)',
  },
  {
    name: 'a key indented one space too far inside a rule',
    from: T2,
    to: T2.replace('    kind: basis', '     kind: basis'),
    expected:
      '206:6: bad indentation: "kind" starts at column 6, which lines up with nothing above it; expected column 5 (like "id" on line 205), 3 (a new "- " item, like line 205) or 1 (like "rules" on line 194)',
  },
  {
    name: 'a tab as indentation',
    from: T2,
    to: T2.replace('    kind: basis', '\tkind: basis'),
    expected: '206:1: a tab indents this line: indent with spaces only',
  },
  {
    name: 'a quote never closed: at the opening quote',
    from: 'adopted: "2018-12-18"',
    to: 'adopted: "2018-12-18',
    expected: '8:10: this quoted text is never closed: expected a " at its end, on the same line',
  },
  {
    name: 'a bracket never closed: at the opening bracket',
    from: 'adopted: "2018-12-18"',
    to: 'adopted: [2018-12-18',
    expected: '8:10: this [ is never closed: expected ] after its last item (written over several lines, it must also be indented more than its key)',
  },
  {
    name: 'a brace never closed: at the opening brace',
    from: 'adopted: "2018-12-18"',
    to: 'adopted: { day: "2018-12-18"',
    expected: '8:10: this { is never closed: expected } after its last field (written over several lines, it must also be indented more than its key)',
  },
  {
    name: 'a bracket that closes nothing',
    from: 'adopted: "2018-12-18"',
    to: 'adopted: "2018-12-18"]',
    expected: '8:22: this ] closes nothing: remove it, or add the [ it should close',
  },
  {
    name: 'a missing colon',
    from: T2,
    to: T2.replace('    kind: basis', '    kind basis'),
    expected: '206:5: missing colon after "kind": a field is written "kind: basis"',
  },
  {
    name: 'a colon without a space after it',
    from: 'adopted: "2018-12-18"',
    to: 'adopted:"2018-12-18"',
    expected: '8:1: a colon needs a space after it: write "adopted: "2018-12-18""',
  },
  {
    name: 'a duplicate key: at the second one, naming the first',
    from: 'adopted: "2018-12-18"\n',
    to: 'adopted: "2018-12-18"\nadopted: "2018-12-19"\n',
    expected: '9:1: "adopted" is written twice here (first on line 8): keep one of them',
  },
  {
    name: 'a duplicate key in a rule',
    from: T2,
    to: T2.replace('    title:', '    kind: exclusion\n    title:'),
    expected: '207:5: "kind" is written twice here (first on line 206): keep one of them',
  },
];

describe('YAML syntax errors in plain words, where the problem starts', () => {
  it.each(CASES)('$name', ({ from, to, expected }) => {
    expect(loadProblemsAfter({ [VERSION]: (text) => replaceOnce(text, from, to) }).problems).toEqual([`${VERSION}:${expected}`]);
  });

  it('after the first syntax error nothing that follows from it is reported, but every duplicate key is', () => {
    const { problems } = loadProblemsAfter({
      [VERSION]: (text) =>
        replaceOnce(
          replaceOnce(text, 'adopted: "2018-12-18"\n', 'adopted: "2018-12-18"\nadopted: "2018-12-19"\n'),
          T2,
          T2.replace('    kind: basis', '    kind: basis\n    kind: exclusion'),
        ),
    });
    expect(problems).toEqual([
      `${VERSION}:9:1: "adopted" is written twice here (first on line 8): keep one of them`,
      `${VERSION}:208:5: "kind" is written twice here (first on line 207): keep one of them`,
    ]);
  });
});
