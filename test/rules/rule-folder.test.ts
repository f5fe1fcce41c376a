import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeFileError, MAX_YAML_FILE_BYTES, openRuleFolder, readRuleFile, type RuleFolder, yamlFilesIn } from '../../src/rules/rule-folder.js';

/**
 * The rules folder as the service reads it: which paths are followed, which entries are refused and why (in words,
 * at 1:1), how much of a file is read, and which *.yaml names a folder lists.
 */

/**
 * Descriptors opened through `node:fs` by this test file's modules and not closed yet: the reader's own, where a count of
 * /proc/self/fd would also see the worker's other threads open and close theirs.
 */
const { stillOpen } = vi.hoisted(() => ({ stillOpen: new Set<number>() }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync = ((...args: Parameters<typeof fs.openSync>) => {
    const descriptor = fs.openSync(...args);
    stillOpen.add(descriptor);
    return descriptor;
  }) as typeof fs.openSync;
  const closeSync = (descriptor: number): void => {
    fs.closeSync(descriptor);
    stillOpen.delete(descriptor);
  };
  const wrapped = { ...fs, openSync, closeSync };
  return { ...wrapped, default: wrapped };
});

const LEADS_OUT = 'a symbolic link leading out of the rules folder; it is not followed';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'rule-folder-'));
}

function folderAt(path: string): RuleFolder {
  const folder = openRuleFolder(path);
  if (!folder) throw new Error(`no folder at ${path}`);
  return folder;
}

function messageOf(result: { text: string } | { problems: Array<{ message: string }> }): string {
  return 'problems' in result ? result.problems.map((problem) => problem.message).join('\n') : `text: ${result.text}`;
}

describe('describeFileError: file-system error codes in words', () => {
  it.each([
    ['EACCES', 'permission denied (EACCES)'],
    ['EPERM', 'permission denied (EPERM)'],
    ['ENOENT', 'a symbolic link to nothing, or the file was removed (ENOENT)'],
    ['ELOOP', 'a loop of symbolic links (ELOOP)'],
    ['ENOTDIR', 'a part of its path is not a folder (ENOTDIR)'],
    ['ENAMETOOLONG', 'the path is too long (ENAMETOOLONG)'],
    ['EMFILE', 'too many open files (EMFILE)'],
    ['ENFILE', 'too many open files (ENFILE)'],
    ['EIO', 'an input/output error (EIO)'],
    ['EXDEV', 'the file system refused (EXDEV)'],
  ])('%s is said as "%s"', (code, words) => {
    expect(describeFileError(Object.assign(new Error('/secret/path'), { code }))).toBe(words);
  });

  it('an error without a code, or no error at all, is EUNKNOWN', () => {
    expect(describeFileError({})).toBe('the file system refused (EUNKNOWN)');
    expect(describeFileError(null)).toBe('the file system refused (EUNKNOWN)');
  });
});

describe('openRuleFolder', () => {
  it('is the folder with its real path, or null for a file or nothing', () => {
    const root = scratch();
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'link'));
    writeFileSync(join(root, 'file.yaml'), 'a: 1\n');
    expect(openRuleFolder(join(root, 'link'))).toEqual({ path: join(root, 'link'), realPath: join(root, 'real') });
    expect(openRuleFolder(join(root, 'file.yaml'))).toBeNull();
    expect(openRuleFolder(join(root, 'missing'))).toBeNull();
  });
});

describe('readRuleFile: what is read', () => {
  it('reads a file inside the folder, an empty one too', () => {
    const root = scratch();
    writeFileSync(join(root, 'a.yaml'), 'a: 1\n');
    writeFileSync(join(root, 'empty.yaml'), '');
    const folder = folderAt(root);
    expect(readRuleFile(join(root, 'a.yaml'), 'a.yaml', folder)).toEqual({ text: 'a: 1\n' });
    expect(readRuleFile(join(root, 'empty.yaml'), 'empty.yaml', folder)).toEqual({ text: '' });
  });

  it('reads a file of exactly MAX_YAML_FILE_BYTES whole, and refuses one byte more by its size', () => {
    const root = scratch();
    writeFileSync(join(root, 'max.yaml'), 'x'.repeat(MAX_YAML_FILE_BYTES));
    writeFileSync(join(root, 'over.yaml'), 'x'.repeat(MAX_YAML_FILE_BYTES + 1));
    const max = readRuleFile(join(root, 'max.yaml'), 'max.yaml');
    expect('text' in max && max.text.length).toBe(MAX_YAML_FILE_BYTES);
    expect(readRuleFile(join(root, 'over.yaml'), 'over.yaml')).toEqual({
      problems: [{ file: 'over.yaml', line: 1, column: 1, message: `the file has ${MAX_YAML_FILE_BYTES + 1} bytes; at most ${MAX_YAML_FILE_BYTES} are read` }],
    });
  });

  it('reads past the size a file reports when it holds more (a /proc file says 0 bytes)', () => {
    const file = '/proc/sys/kernel/ostype';
    const expected = readFileSync(file, 'utf8');
    expect(expected.length).toBeGreaterThan(1);
    expect(readRuleFile(file, 'ostype')).toEqual({ text: expected });
  });

  it('closes every file it opens', () => {
    const root = scratch();
    writeFileSync(join(root, 'a.yaml'), 'a: 1\n');
    const before = stillOpen.size;
    for (let i = 0; i < 5; i++) expect(readRuleFile(join(root, 'a.yaml'), 'a.yaml')).toEqual({ text: 'a: 1\n' });
    expect(stillOpen.size).toBe(before);
  });
});

describe('readRuleFile: what is refused, at 1:1', () => {
  it('a link leading out of the folder, to a file or to the folder above', () => {
    const root = scratch();
    mkdirSync(join(root, 'rules'));
    writeFileSync(join(root, 'tokens.yaml'), 'secret: 1\n');
    symlinkSync(join(root, 'tokens.yaml'), join(root, 'rules', 'out.yaml'));
    symlinkSync(root, join(root, 'rules', 'up'));
    const folder = folderAt(join(root, 'rules'));
    expect(readRuleFile(join(root, 'rules', 'out.yaml'), 'out.yaml', folder)).toEqual({
      problems: [{ file: 'out.yaml', line: 1, column: 1, message: LEADS_OUT }],
    });
    expect(yamlFilesIn(join(root, 'rules', 'up'), 'up', folder)).toEqual({ names: [], problems: [{ file: 'up', line: 1, column: 1, message: LEADS_OUT }] });
  });

  it('a folder, a character device and a socket are not regular files', async () => {
    const root = scratch();
    const socket = join(root, 'rules.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      expect(messageOf(readRuleFile(root, 'dir'))).toBe('not a regular file (a folder); only regular files are read');
      expect(messageOf(readRuleFile('/dev/null', 'null'))).toBe('not a regular file (a character device); only regular files are read');
      expect(messageOf(readRuleFile(socket, 'sock'))).toBe('not a regular file (a socket); only regular files are read');
      expect(yamlFilesIn(socket, 'sock')).toEqual({ names: [], problems: [{ file: 'sock', line: 1, column: 1, message: 'not a folder (a socket)' }] });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a path that cannot be followed says why in words', () => {
    const root = scratch();
    writeFileSync(join(root, 'file.yaml'), 'a: 1\n');
    expect(messageOf(readRuleFile(join(root, 'missing.yaml'), 'missing.yaml'))).toBe(
      'cannot read: a symbolic link to nothing, or the file was removed (ENOENT)',
    );
    expect(messageOf(readRuleFile(join(root, 'file.yaml', 'x.yaml'), 'x.yaml'))).toBe('cannot read: a part of its path is not a folder (ENOTDIR)');
  });
});

describe('yamlFilesIn', () => {
  it('lists the *.yaml and *.yml names, sorted, and nothing else', () => {
    const root = scratch();
    for (const name of ['c.yaml', 'a.yml', 'c.txt', 'b.yaml', 'd.yaml.bak', 'ab.yaml', 'notyaml', 'e.YAML']) writeFileSync(join(root, name), '');
    expect(yamlFilesIn(root, 'root', folderAt(root))).toEqual({ names: ['a.yml', 'ab.yaml', 'b.yaml', 'c.yaml'], problems: [] });
  });

  it('sorts by UTF-16 code units, not in the byte order the file system lists them', () => {
    const root = scratch();
    for (const name of ['\uFF21.yaml', '\u{1D400}.yaml']) writeFileSync(join(root, name), '');
    expect(yamlFilesIn(root, 'root').names).toEqual(['\u{1D400}.yaml', '\uFF21.yaml']);
  });

  it('no folder is no names and no problem', () => {
    expect(yamlFilesIn(join(scratch(), 'missing'), 'missing')).toEqual({ names: [], problems: [] });
  });

  it('a regular file is not a folder; a path through a file cannot be listed', () => {
    const root = scratch();
    writeFileSync(join(root, 'file.yaml'), '');
    expect(yamlFilesIn(join(root, 'file.yaml'), 'file.yaml')).toEqual({
      names: [],
      problems: [{ file: 'file.yaml', line: 1, column: 1, message: 'not a folder (not a file)' }],
    });
    expect(yamlFilesIn(join(root, 'file.yaml', 'sub'), 'sub')).toEqual({
      names: [],
      problems: [{ file: 'sub', line: 1, column: 1, message: 'cannot list the folder: a part of its path is not a folder (ENOTDIR)' }],
    });
  });
});
