import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The README's worked examples, read at run time: a test that follows one takes its request and its figures from
 * README.md, so the law's figures are written once, where a reader sees them.
 */
export const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/**
 * The ```json blocks of the README paragraph that starts with `opening` (e.g. "**NSK, a half-year with a mid-March
 * exit.**"), up to the next bold paragraph or heading, each parsed.
 */
export function readmeJsonBlocks(opening: string): unknown[] {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(`\n${opening}`);
  if (start < 0) throw new Error(`README.md has no paragraph starting "${opening}"`);
  const rest = readme.slice(start + opening.length + 1);
  const end = rest.search(/\n(\*\*|#)/);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] as string) as unknown);
}

/** The figures of a README compensation answer that tests compare (money and dates as the README writes them). */
export interface ReadmeCompensationAnswer {
  compensation: string;
  eligibleCost: string;
  cap: string;
  claimPeriod: { from: string; to: string };
  reportDue: string;
  paymentDue: string;
  lines: unknown[];
  [field: string]: unknown;
}

export interface ReadmeCompensationExample {
  request: Record<string, unknown>;
  answer: ReadmeCompensationAnswer;
}

/** A worked compensation example: its request block and its answer block. */
export function readmeCompensationExample(opening: string): ReadmeCompensationExample {
  const blocks = readmeJsonBlocks(opening);
  if (blocks.length !== 2) throw new Error(`README.md's "${opening}" has ${blocks.length} JSON blocks, not a request and an answer`);
  return { request: blocks[0] as Record<string, unknown>, answer: blocks[1] as ReadmeCompensationAnswer };
}

/** The README's NSK worked example (a half-year with a mid-March exit). */
export const README_NSK_EXAMPLE = '**NSK, a half-year with a mid-March exit.**';
