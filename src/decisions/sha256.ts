import { createHash } from 'node:crypto';

/** The sha256 of a text's UTF-8 bytes, as hex: how rule files, answers and records are named and checked. */
export function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
