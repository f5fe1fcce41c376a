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
  const ofRiga = recordedCaller(tokenOf('caseworker', 'riga'));
  const ofOpenMode = recordedCaller(OPEN_DEVELOPMENT_CALLER);

  it('records the caller without a secret: token id, role and municipality; none in open mode', () => {
    expect(ofRiga).toEqual({ tokenId: 'caseworker-riga', role: 'caseworker', municipality: 'riga' });
    expect(ofOpenMode).toEqual({ tokenId: null, role: 'open-development', municipality: null });
  });

  it.each<[string, Caller, RecordedCaller, boolean]>([
    ['a caseworker of Riga, a decision of Riga', tokenOf('caseworker', 'riga'), ofRiga, true],
    ['an officer of Riga, a decision of Riga', tokenOf('officer', 'riga'), ofRiga, true],
    ['a caseworker of Liepāja, a decision of Riga', tokenOf('caseworker', 'liepaja'), ofRiga, false],
    ['an officer of Liepāja, a decision of Riga', tokenOf('officer', 'liepaja'), ofRiga, false],
    ['an auditor of Liepāja, a decision of Riga', tokenOf('auditor', 'liepaja'), ofRiga, true],
    ['a caseworker, a decision of open mode (no municipality)', tokenOf('caseworker', 'riga'), ofOpenMode, false],
    ['an officer, a decision of open mode', tokenOf('officer', 'riga'), ofOpenMode, false],
    ['an auditor, a decision of open mode', tokenOf('auditor', 'riga'), ofOpenMode, true],
    ['open mode, a decision of Riga', OPEN_DEVELOPMENT_CALLER, ofRiga, true],
    ['open mode, a decision of open mode', OPEN_DEVELOPMENT_CALLER, ofOpenMode, true],
  ])('%s → %s', (_name, caller, madeBy, expected) => {
    expect(mayReadDecision(caller, madeBy)).toBe(expected);
  });
});
