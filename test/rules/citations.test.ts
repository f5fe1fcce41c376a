import { describe, expect, it } from 'vitest';
import { readableCitation, sourceName } from '../../src/rules/citations.js';
import type { Source } from '../../src/rules/model.js';

/** How a reader is shown a source and a citation: by a title, never by a seed file's name. */

function source(document: string, citation: string, title?: string): Source {
  return title === undefined ? { id: document, document, citation } : { id: document, document, citation, title };
}

describe('sourceName', () => {
  it.each([
    ['a title wins over a file name', source('seed.csv', 'Seed register, 2019', 'The seed register'), 'The seed register'],
    ['a title wins over an act', source('Act 12', 'Act 12, section 3', 'The Twelfth Act'), 'The Twelfth Act'],
    ['a file without a title is named by its citation', source('seed.csv', 'Seed register, 2019'), 'Seed register, 2019'],
    ['a file with a long extension too', source('rates.json', 'Rate table'), 'Rate table'],
    ['an act without a title is named as written', source('Act 12', 'Act 12, section 3'), 'Act 12'],
    ['a dot inside an act is no file extension', source('Reg.2019 of the Board', 'Board regulation'), 'Reg.2019 of the Board'],
    ['a one-letter ending is no file extension', source('Act no.7', 'Act seven'), 'Act no.7'],
    ['a five-letter ending is no file extension', source('Law v.12345', 'Law twelve'), 'Law v.12345'],
  ])('%s', (_, given, name) => {
    expect(sourceName(given)).toBe(name);
  });
});

describe('readableCitation', () => {
  it('replaces every seed file name by its title and leaves an act as written', () => {
    const sources = [source('seed.csv', 'Seed register', 'The seed register'), source('Act 12', 'Act 12')];
    expect(readableCitation(sources, 'seed.csv — row 3; seed.csv — row 4; Act 12 — s. 1')).toBe(
      'The seed register — row 3; The seed register — row 4; Act 12 — s. 1',
    );
  });

  it('replaces the longer document name first, so a name inside another is not replaced inside it', () => {
    const sources = [source('rates.csv', 'Rates', 'The rate table'), source('old-rates.csv', 'Old rates', 'The old rate table')];
    expect(readableCitation(sources, 'old-rates.csv — 2, rates.csv — 3')).toBe('The old rate table — 2, The rate table — 3');
    expect(readableCitation([...sources].reverse(), 'old-rates.csv — 2, rates.csv — 3')).toBe('The old rate table — 2, The rate table — 3');
  });

  it('a citation naming no source is left as it is', () => {
    expect(readableCitation([], 'Act 12 — s. 1')).toBe('Act 12 — s. 1');
  });
});
