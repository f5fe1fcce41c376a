import { describe, expect, it } from 'vitest';
import { EVIDENCE_FLAGS } from '../../src/rules/line-facts.js';
import { OPENAPI } from '../support/openapi-document.js';

/** The page's words (browser JavaScript with JSDoc types, checked by tsconfig.web.json, not by this project's tsc). */
const PAGE_DICTIONARY: string = '../../src/web/public/assets/dictionary.js';
const { EVIDENCE_WORDS } = (await import(PAGE_DICTIONARY)) as { EVIDENCE_WORDS: Record<string, { lv: string; en: string }> };

/**
 * The evidence flags of a remote IBM line are named in three places that cannot share code: the request schema (what
 * a client may send), the core's list (the line facts rules read, src/rules/line-facts.ts) and the page's words (a
 * tick box each). A flag added to one and not the others would be refused, never read, or never offered.
 */
describe('the evidence flags of an IBM service line', () => {
  const schema = OPENAPI.components.schemas.ServiceLineEvidence as { properties: Record<string, { type?: string }> };

  it('are the same in the request schema, the line facts and the page', () => {
    const requested = Object.keys(schema.properties).sort();
    expect(requested.length).toBeGreaterThan(0);
    expect([...EVIDENCE_FLAGS].sort()).toEqual(requested);
    expect(Object.keys(EVIDENCE_WORDS).sort()).toEqual(requested);
  });

  it('are yes/no in the request schema, and each has words in both languages on the page', () => {
    for (const flag of EVIDENCE_FLAGS) {
      expect(schema.properties[flag]?.type, flag).toBe('boolean');
      const words = EVIDENCE_WORDS[flag];
      expect(words?.lv, flag).toMatch(/\S/);
      expect(words?.en, flag).toMatch(/\S/);
    }
  });
});
