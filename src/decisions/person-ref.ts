import { createHmac, randomBytes } from 'node:crypto';

/** What a decision record keeps of the caller's personRef: a keyed digest, never the reference itself. */
export interface PersonRefDigest {
  hmacSha256: string;
  /** Which key made the digest (a digest of the key, not the key): digests compare only under the same key. */
  keyId: string;
}

/** A key shorter than this is too easy to guess, and with it every personRef behind a digest. */
export const MIN_KEY_LENGTH = 32;

/**
 * The key personRefs are digested with. A person's reference (a personal code, a case number) is personal data;
 * an HMAC lets the records of one person be found again by whoever holds the key, and by no one else.
 */
export class PersonRefKey {
  readonly id: string;

  private constructor(
    private readonly key: Buffer,
    /** "environment" (DECISION_HMAC_KEY) or "random-per-process" (open development mode only). */
    readonly origin: 'environment' | 'random-per-process',
  ) {
    this.id = createHmac('sha256', key).update('sbsp-rules personRef key id').digest('hex').slice(0, 16);
  }

  static fromSecret(secret: string): PersonRefKey | { problem: string } {
    if (secret.length < MIN_KEY_LENGTH) return { problem: `DECISION_HMAC_KEY must have at least ${MIN_KEY_LENGTH} characters` };
    return new PersonRefKey(Buffer.from(secret, 'utf8'), 'environment');
  }

  /** A key that lives as long as the process: digests made with it cannot be matched after a restart. */
  static random(): PersonRefKey {
    return new PersonRefKey(randomBytes(32), 'random-per-process');
  }

  digest(personRef: string): PersonRefDigest {
    return { hmacSha256: createHmac('sha256', this.key).update(personRef, 'utf8').digest('hex'), keyId: this.id };
  }
}
