import { describe, expect, it } from 'vitest';
import { findingsAfter, placeOf, replaceOnce, VERSION } from './fixture-copies.js';

describe('what nothing uses', () => {
  it('a parameter only an unused named condition reads is unused too, and says why', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) =>
        replaceOnce(
          replaceOnce(
            written,
            '  childResidences:\n',
            '  homeResidences:\n    type: list\n    value: [own_home]\n    title: { lv: Mājās, en: At home }\n    source: MK 797, 5. punkts\n  childResidences:\n',
          ),
          'conditions:\n  adult:\n',
          'conditions:\n  atHome:\n    all:\n      - fact: residence\n        operator: in\n        value: { param: homeResidences }\n  adult:\n',
        ),
    });
    const edited = text(VERSION);
    expect(findings).toEqual([
      `${VERSION}:${placeOf(edited, 'homeResidences:')}: warning: parameter "homeResidences" is used only by condition "atHome", which no rule uses`,
      `${VERSION}:${placeOf(edited, 'atHome:')}: warning: condition "atHome" is used by no rule`,
    ]);
  });
});
