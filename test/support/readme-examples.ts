import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Endpoint, endpointOf } from '../../src/answer/ask.js';

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

/** A request body the README shows: where, for which endpoint, and the body itself. */
export interface ReadmeRequestExample {
  where: string;
  endpoint: Endpoint;
  body: Record<string, unknown>;
}

/** The README's line number of a character offset, for naming where an example is. */
function lineAt(readme: string, offset: number): number {
  return readme.slice(0, offset).split('\n').length;
}

/**
 * Every request body the README shows: each ```json block that is a request (it names a programme and a person; its
 * endpoint told as the CLI tells it, by its lines) and each body a ```sh block posts with `curl … -d '…'` to
 * /v1/eligibility or /v1/compensation.
 */
export function readmeRequestExamples(): ReadmeRequestExample[] {
  const readme = readFileSync(README, 'utf8');
  const examples: ReadmeRequestExample[] = [];
  for (const block of readme.matchAll(/```(json|sh)\n([\s\S]*?)```/g)) {
    const where = `README.md:${lineAt(readme, block.index)}`;
    if (block[1] === 'json') {
      const body = JSON.parse(block[2] as string) as Record<string, unknown>;
      if ('programme' in body && 'person' in body) examples.push({ where, endpoint: endpointOf(body), body });
      continue;
    }
    for (const posted of (block[2] as string).matchAll(/curl [^\n]*\/v1\/(eligibility|compensation)\b[^\n]*?-d '([^']*)'/g)) {
      examples.push({ where, endpoint: posted[1] as Endpoint, body: JSON.parse(posted[2] as string) as Record<string, unknown> });
    }
  }
  return examples;
}
