import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A policy officer follows docs/officers.md's "Add a version (an amendment)" literally, block by block, on a copy of the
 * repository: the shell commands run as written, each YAML block is written to the file its first line names.
 * Then the engineering test suite runs on that copy and must be all green: engineering tests use fixture rules,
 * never today's law, so an amendment an officer adds never breaks them. (The README's last command, `npm test`, is
 * that suite here: run literally it would start this test again.)
 */

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const SECTION = '### Add a version (an amendment)';

interface Step {
  kind: 'sh' | 'yaml';
  body: string;
}

function readmeSteps(): Step[] {
  const readme = readFileSync(join(REPOSITORY, 'docs', 'officers.md'), 'utf8');
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`docs/officers.md has no section "${SECTION}"`);
  const end = readme.indexOf('\n### ', start + SECTION.length);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```(sh|yaml)\n([\s\S]*?)```/g)].map((match) => ({ kind: match[1] as Step['kind'], body: match[2] as string }));
}

/** The working tree as git sees it (tracked and untracked, not ignored), without node_modules, in a fresh git repository. */
function copyOfRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), 'sbsp-rules-officer-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPOSITORY, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(REPOSITORY, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(REPOSITORY, file), join(copy, file));
  }
  symlinkSync(join(REPOSITORY, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const git = (...args: string[]): void =>
    void execFileSync('git', ['-c', 'user.name=officer', '-c', 'user.email=officer@example.invalid', ...args], { cwd: copy, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'before the amendment');
  return copy;
}

/** A README command line run in the copy: `npx sbsp-rules …` is the repository's own launcher. */
function run(copy: string, line: string): { code: number; stdout: string; stderr: string } {
  const words = line.split('#')[0]?.trim().split(/\s+/) ?? [];
  const [command, ...args] = words[0] === 'npx' && words[1] === 'sbsp-rules' ? ['node', 'bin/sbsp-rules.js', ...words.slice(2)] : words;
  const result = spawnSync(command as string, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const copies: string[] = [];
afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

describe("the README's officer path: an amendment from a future date with a new annual amount", () => {
  it('follows the README literally — new-version, the file, the cases, validate, test, diff --impact — then the engineering tests pass on that copy', () => {
    const steps = readmeSteps();
    expect(steps.map((step) => step.kind)).toEqual(['sh', 'yaml', 'yaml', 'sh']);
    const copy = copyOfRepository();
    copies.push(copy);
    const outputs: Record<string, string> = {};
    for (const step of steps) {
      if (step.kind === 'yaml') {
        // Each YAML block names its file in a comment line near its top (after the editors' schema line).
        const path = step.body
          .split('\n')
          .find((line) => line.startsWith('# rules/'))
          ?.slice(2)
          .trim() as string;
        expect(path, 'each YAML block names its file in a comment: # rules/…').toMatch(/^rules\//);
        writeFileSync(join(copy, path), step.body);
        continue;
      }
      for (const line of step.body
        .split('\n')
        .map((text) => text.trim())
        .filter(Boolean)) {
        if (line.startsWith('npm test')) continue;
        const result = run(copy, line);
        expect(result.code, `${line}\n${result.stdout}\n${result.stderr}`).toBe(0);
        outputs[line] = result.stdout;
      }
    }
    // The amendment is small, validates and is tested; the diff shows it as what it changes, with the cases it moves.
    const amendment = readFileSync(join(copy, 'rules/nsk/versions/2027-01-01.yaml'), 'utf8');
    expect(amendment.split('\n').length).toBeLessThan(40);
    const diff = outputs['npx sbsp-rules diff --base HEAD --impact'] ?? '';
    expect(diff).toContain('2027-01-01');
    expect(diff).toMatch(/annualAmount[^\n]*7400\.00/);

    const suite = spawnSync('npx', ['vitest', 'run', '--reporter=json', '--outputFile=test-output/officer-copy-results.json'], {
      cwd: copy,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const report = JSON.parse(readFileSync(join(copy, 'test-output/officer-copy-results.json'), 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string }> }>;
    };
    const failed = report.testResults.flatMap((file) =>
      file.assertionResults.filter((test) => test.status === 'failed').map((test) => `${file.name.replace(copy, '')}: ${test.fullName}`),
    );
    expect(failed, suite.stderr.slice(-2000)).toEqual([]);
    expect(report.numPassedTests).toBeGreaterThan(500);
    expect(suite.status).toBe(0);
  });
});
