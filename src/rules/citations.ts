import type { Source } from './model.js';

/** A document key that is a file name (a seed file), which a reader cannot look up. */
function isFileName(document: string): boolean {
  return /\.[a-z0-9]{2,4}$/i.test(document);
}

/** How a reader is shown a source: its title, else (for a file) its citation, else the act as written. */
export function sourceName(source: Source): string {
  return source.title ?? (isFileName(source.document) ? source.citation : source.document);
}

/**
 * A citation ("<document> — <section>") as a reader reads it: every source document named by its title, never by a
 * file name. The rule files keep the document as the key that ties a citation to its source.
 */
export function readableCitation(sources: readonly Source[], citation: string): string {
  return [...sources]
    .filter((source) => sourceName(source) !== source.document)
    .sort((a, b) => b.document.length - a.document.length)
    .reduce((text, source) => text.split(source.document).join(sourceName(source)), citation);
}
