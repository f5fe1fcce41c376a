import { describe, expect, it } from 'vitest';
import { findingsAfter, placeOf, replaceOnce, VERSION } from './fixture-copies.js';

const R1_ANY =
  '        - any:\n            - fact: vsacExitDate\n              operator: dateOnOrAfter\n              value: { param: exitCutoff }\n            - condition: exitBeforeCutoffWithDiServices\n';
const ONE_CHILD = (kind: string): string =>
  `an ${kind} with one condition is that condition alone: was another condition meant to be in it, or is a line indented wrongly?`;

describe('all/any that say less than they seem to are warnings at their key', () => {
  it.each([
    {
      name: 'R1 a mis-indented line leaves the any with one condition',
      to: R1_ANY.replace('            - condition: exitBeforeCutoffWithDiServices', '        - condition: exitBeforeCutoffWithDiServices'),
      at: ['any:', '- any:'],
      message: ONE_CHILD('any'),
    },
    {
      name: 'R1 an all directly inside the all',
      to: R1_ANY.replace('        - any:', '        - all:'),
      at: ['all:', '- all:'],
      message:
        'an all directly inside an all: its conditions are simply more conditions of the outer all. Was it meant to be an any, or is a line indented too far?',
    },
  ])('$name', ({ to, at, message }) => {
    const { findings, text } = findingsAfter({ [VERSION]: (written) => replaceOnce(written, R1_ANY, to) });
    // Both edits also make R1 impossible: the cut-off's two sides now both have to hold.
    expect(findings).toContain(`${VERSION}:${placeOf(text(VERSION), at[0] as string, at[1])}: warning: ${message}`);
    expect(findings).toContain(`${VERSION}:${placeOf(text(VERSION), 'R1', '- id: R1')}: error: rule R1 can never hold, so it blocks every answer`);
    expect(findings).toHaveLength(3);
  });

  it('an any directly inside an any (inTargetGroup)', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) =>
        replaceOnce(
          written,
          '      - condition: x1Group\n      - condition: x2Group\n',
          '      - any:\n          - condition: x1Group\n          - condition: x2Group\n',
        ),
    });
    expect(findings).toEqual([
      `${VERSION}:${placeOf(text(VERSION), 'any:', '      - any:')}: warning: an any directly inside an any: its conditions are simply more alternatives of the outer any. Was it meant to be an all, or is a line indented too far?`,
    ]);
  });

  it('a rule whose all holds one named condition: write the condition alone', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) =>
        replaceOnce(
          written,
          '      all:\n        - condition: inTargetGroup\n        - condition: exitBeforeCutoffWithDiServices\n',
          '      all:\n        - condition: inTargetGroup\n',
        ),
    });
    const edited = text(VERSION);
    const line =
      edited.split('\n').findIndex((content, index, lines) => content === '      all:' && lines[index + 1] === '        - condition: inTargetGroup') + 1;
    expect(findings).toEqual([`${VERSION}:${line}:7: warning: ${ONE_CHILD('all')}`]);
  });

  it('a rule whose only condition compares a fact needs its all (E1): no warning', () => {
    expect(findingsAfter({}).findings).toEqual([]);
  });
});
