import { randomFillSync } from 'node:crypto';

/* Random bits are drawn from the CSPRNG a few kilobytes at a time (one call per 409 ids), and each used once. */
const POOL_BYTES = 4090;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

function randomBits(): Buffer {
  if (used + 10 > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  used += 10;
  return pool.subarray(used - 10, used);
}

/**
 * A decision id is a UUID version 7 (RFC 9562): 48 bits of milliseconds, then random bits. Ids made close in time
 * sort close together, so each segment of the decision log covers a narrow range of ids and a lookup opens only
 * the one or two segments whose range holds the id.
 */
export function newDecisionId(now: number = Date.now()): string {
  const bytes = Buffer.alloc(16);
  randomBits().copy(bytes, 6);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Any lowercase UUID: what GET /v1/decisions/{id} accepts before it looks. */
export function isDecisionId(text: string): boolean {
  return UUID.test(text);
}

/** The 16 bytes of an id, as the segment indexes store and compare them. */
export function decisionIdBytes(decisionId: string): Buffer {
  return Buffer.from(decisionId.replace(/-/g, ''), 'hex');
}
