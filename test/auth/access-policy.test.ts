import { describe, expect, it } from 'vitest';
import { mayDo, mayReadDecision, mayReadSomeDecisions, type Permission } from '../../src/auth/access-policy.js';
import { type Caller, OPEN_DEVELOPMENT_CALLER, type RecordedCaller, type Role, recordedCaller } from '../../src/auth/caller.js';

/** The access policy as a table: every role's permissions, and who reads which recorded decision. */

const tokenOf = (role: Role, municipality: string): Caller => ({ kind: 'token', tokenId: `${role}-${municipality}`, role, municipality });

const PERMISSIONS: Permission[] = ['evaluate', 'read-own-municipality-decisions', 'read-all-decisions', 'administer-rules'];

describe('what each caller may do', () => {
  it.each([
    ['caseworker', ['evaluate', 'read-own-municipality-decisions']],
    ['officer', ['evaluate', 'read-own-municipality-decisions', 'administer-rules']],
    ['auditor', ['read-all-decisions']],
  ] as const)('a %s: %j', (role, allowed) => {
    const caller = tokenOf(role, 'riga');
    expect(PERMISSIONS.filter((permission) => mayDo(caller, permission))).toEqual(allowed);
    expect(mayReadSomeDecisions(caller)).toBe(true);
  });

  it('open development mode: everything', () => {
    expect(PERMISSIONS.filter((permission) => mayDo(OPEN_DEVELOPMENT_CALLER, permission))).toEqual(PERMISSIONS);
    expect(mayReadSomeDecisions(OPEN_DEVELOPMENT_CALLER)).toBe(true);
  });
});

describe('who reads a recorded decision', () => {
  // Recorded inside each test, not when the file is collected: the mutation run counts what a test itself runs.
  const ofRiga = (): RecordedCaller => recordedCaller(tokenOf('caseworker', 'riga'));
  const ofOpenMode = (): RecordedCaller => recordedCaller(OPEN_DEVELOPMENT_CALLER);

  it('records the caller without a secret: token id, role and municipality; none in open mode', () => {
    expect(ofRiga()).toEqual({ tokenId: 'caseworker-riga', role: 'caseworker', municipality: 'riga' });
    expect(ofOpenMode()).toEqual({ tokenId: null, role: 'open-development', municipality: null });
  });

  it.each<[string, boolean, Caller, () => RecordedCaller]>([
    ['a caseworker of Riga, a decision of Riga', true, tokenOf('caseworker', 'riga'), ofRiga],
    ['an officer of Riga, a decision of Riga', true, tokenOf('officer', 'riga'), ofRiga],
    ['a caseworker of Liepāja, a decision of Riga', false, tokenOf('caseworker', 'liepaja'), ofRiga],
    ['an officer of Liepāja, a decision of Riga', false, tokenOf('officer', 'liepaja'), ofRiga],
    ['an auditor of Liepāja, a decision of Riga', true, tokenOf('auditor', 'liepaja'), ofRiga],
    ['a caseworker, a decision of open mode (no municipality)', false, tokenOf('caseworker', 'riga'), ofOpenMode],
    ['an officer, a decision of open mode', false, tokenOf('officer', 'riga'), ofOpenMode],
    ['an auditor, a decision of open mode', true, tokenOf('auditor', 'riga'), ofOpenMode],
    ['open mode, a decision of Riga', true, OPEN_DEVELOPMENT_CALLER, ofRiga],
    ['open mode, a decision of open mode', true, OPEN_DEVELOPMENT_CALLER, ofOpenMode],
  ])('%s → %s', (_name, expected, caller, madeBy) => {
    expect(mayReadDecision(caller, madeBy())).toBe(expected);
  });
});
