import { describe, expect, it } from 'vitest';
import { findingsAfter, placeOf, replaceOnce, VERSION } from './fixture-copies.js';

const RESIDENCES = 'own_home, social_house, group_home, family, guardian, foster_family, institution';
const EVERY_FUNDING = '[municipality, state, state_cofunded, di_project, ngo, donation, own]';
/** R2 compares residence twice before E1 does. */
const E1_RESIDENCE = 'fact: residence';
const FUNDING_JSON = '["municipality","state","state_cofunded","di_project","ngo","donation","own"]';

describe('conditions that always hold, as the request schemas know the facts, are warnings', () => {
  it('E1 residence in every residence a request can send', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) => replaceOnce(written, 'operator: equal\n          value: institution', `operator: in\n          value: [${RESIDENCES}]`),
    });
    expect(findings).toEqual([
      `${VERSION}:${placeOf(text(VERSION), E1_RESIDENCE, E1_RESIDENCE, 3)}: warning: always holds: residence in ${JSON.stringify(RESIDENCES.split(', '))}: every value a request can send meets it (residence is one of ${RESIDENCES})`,
    ]);
  });

  it('E1 residence notIn [] excludes nothing', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) => replaceOnce(written, 'operator: equal\n          value: institution', 'operator: notIn\n          value: []'),
    });
    expect(findings).toEqual([
      `${VERSION}:${placeOf(text(VERSION), E1_RESIDENCE, E1_RESIDENCE, 3)}: warning: always holds: residence notIn []: every value a request can send meets it (residence is one of ${RESIDENCES})`,
    ]);
  });

  it('R3 an item pattern field every service has narrows nothing (inPlan is required on each service)', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) =>
        replaceOnce(written, 'value: { inPlan: [true], funding: [municipality], type', 'value: { inPlan: [true, false], funding: [municipality], type'),
    });
    expect(findings).toEqual([
      `${VERSION}:${placeOf(text(VERSION), 'inPlan', 'inPlan: [true, false]')}: warning: inPlan [true,false] is met by every services item a request can send: it narrows nothing`,
    ]);
  });
});

describe('conditions no value a request can send meets are errors, with the rule that then never holds', () => {
  it('line E2 funding notIn every funding a cost line can have', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) =>
        replaceOnce(written, 'operator: in\n            value: [state, state_cofunded]', `operator: notIn\n            value: ${EVERY_FUNDING}`),
    });
    const edited = text(VERSION);
    expect(findings).toEqual([
      `${VERSION}:${placeOf(edited, 'fact: funding', 'fact: funding', 2)}: error: never holds: no value a request can send meets funding notIn ${FUNDING_JSON} (funding is one of municipality, state, state_cofunded, di_project, ngo, donation, own)`,
    ]);
  });

  it('R3 services hasItemMatching a funding no service has: the requirement blocks every answer', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) => replaceOnce(written, 'funding: [municipality], type: { notIn: [assistant] } }', `funding: { notIn: ${EVERY_FUNDING} } }`),
    });
    const edited = text(VERSION);
    expect(findings).toEqual([
      `${VERSION}:${placeOf(edited, 'R3', '- id: R3')}: error: rule R3 can never hold, so it blocks every answer`,
      `${VERSION}:${placeOf(edited, 'fact: services', 'fact: services', 1)}: error: never holds: no services item a request can send meets funding {"notIn":${FUNDING_JSON}}`,
    ]);
  });

  it('E2 services hasNoItemMatching a pattern no item meets always holds', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) => replaceOnce(written, 'funding: { notIn: [state, state_cofunded] }, type: { notIn: [assistant] } }', 'type: [] }'),
    });
    expect(findings).toEqual([
      `${VERSION}:${placeOf(text(VERSION), 'fact: services', 'fact: services', 3)}: warning: always holds: no services item a request can send meets type []`,
    ]);
  });

  it('X1 two flags that rule each other out once a flag is known to be true or false', () => {
    const { findings, text } = findingsAfter({
      [VERSION]: (written) =>
        replaceOnce(
          written,
          '      - fact: nskAsChild\n        operator: equal\n        value: true\n',
          '      - fact: nskAsChild\n        operator: notEqual\n        value: true\n      - fact: nskAsChild\n        operator: notEqual\n        value: false\n',
        ),
    });
    const edited = text(VERSION);
    expect(findings).toEqual([
      `${VERSION}:${placeOf(edited, 'fact: nskAsChild', 'fact: nskAsChild', 2)}: error: never holds: nskAsChild notEqual false contradicts nskAsChild notEqual true (line ${placeOf(edited, 'fact: nskAsChild').split(':')[0]}) in the same all`,
      `${VERSION}:${placeOf(edited, 'X1', '- id: X1')}: error: rule X1 can never hold, so it is never a basis`,
    ]);
  });
});
