/*
 * Text from rule files (titles, names, values, case names, problems) written into the Markdown of a pull-request
 * comment so that it shows as written and does nothing else: no emphasis, link, image, mention or math, no HTML tag
 * and no `<!--` (which would hide the rest of the comment from the reviewer), no line break that could start a
 * heading, list or quote. A run of white space, line breaks included, shows as one space.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text as inline Markdown: HTML's characters as entities, Markdown's behind a backslash (which shows nothing). */
export function markdownText(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[&<>]/g, (character) => ENTITIES[character] as string)
      .replace(/[\\`*[\]~|$@#]/g, '\\$&')
      // An underscore between two letters or digits (own_home) can neither open nor close emphasis: it stays as it is.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
  );
}

/** Text as a list item (indented by `indent`): what would start another block there (`-`, `+`, `1.`) is escaped too. */
export function markdownListItem(text: string, indent = ''): string {
  const inline = markdownText(text)
    .replace(/^[-+]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  return `${indent}- ${inline}`;
}

/**
 * Text as a code span: fenced by more backticks than it holds in a row, on one line. In a table cell (`cell`), its
 * pipes are escaped as GFM tables want, or they would end the cell.
 */
export function markdownCode(text: string, where: 'inline' | 'cell' = 'inline'): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const body = where === 'cell' ? flat.replaceAll('|', '\\|') : flat;
  if (body === '') return '` `';
  const longest = (body.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  // A space inside each fence is taken away again by Markdown: it keeps a backtick or space at either end apart.
  const pad = /^[` ]|[` ]$/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
