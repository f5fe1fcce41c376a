import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCommand } from '../cli/run-cli.js';
import { T1_PERSON, T1_SERVICES } from '../support/requests.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';
import { editedCopy, git, inOrder, NSK_2019, removeCopies, replace, repositoryWithRules } from './fictional-edits.js';

afterAll(removeCopies);

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const WORKFLOW = join(REPOSITORY, '.github', 'workflows', 'rules.yml');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as {
  on: { pull_request: { paths: string[] } };
  permissions: Record<string, string>;
  jobs: { rules: { steps: Step[] } };
};
const steps = workflow.jobs.rules.steps;
const commands = steps.flatMap((step) => (step.run ? [step.run] : []));

/** `npx sbsp-rules <args>` as the workflow runs it: the package's launcher in its own process, in `cwd`. */
function sbspRules(cwd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(REPOSITORY, 'bin', 'sbsp-rules.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A workflow command's arguments after `npx sbsp-rules`, with the base branch as HEAD and no redirection. */
function argumentsOf(command: string): string[] {
  const match = /^npx sbsp-rules (.*?)(?: > diff\.md)?$/.exec(command.trim());
  if (!match?.[1]) throw new Error(`not an sbsp-rules command: ${command}`);
  return match[1].split(/\s+/).map((word) => word.replace(/^"(.*)"$/, '$1').replace('origin/$BASE_REF', 'HEAD'));
}

describe('.github/workflows/rules.yml', () => {
  it('runs on pull requests that touch rules/, with the full history, Node 20 and npm ci', () => {
    expect(workflow.on.pull_request.paths).toEqual(['rules/**']);
    expect(workflow.permissions['pull-requests']).toBe('write');
    expect(steps.find((step) => step.uses?.startsWith('actions/checkout'))?.with?.['fetch-depth']).toBe(0);
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(20);
    expect(commands).toEqual([
      'npm ci',
      'npx sbsp-rules validate',
      'npx sbsp-rules test',
      'npx sbsp-rules diff --base "origin/$BASE_REF" --impact --format markdown > diff.md',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as written in the workflow file, not a template
    expect(steps.find((step) => step.id === 'diff')?.env?.BASE_REF).toBe('${{ github.base_ref }}');
    const comment = steps.find((step) => step.uses?.startsWith('actions/github-script'));
    expect(String(comment?.with?.script)).toContain("readFileSync('diff.md'");
  });
});

/** The T1 adult of the FICTIONAL cases below: out of a VSAC since 2019-03-31, a municipal day care centre in the plan. */
const PERSON = T1_PERSON;
const SERVICES = T1_SERVICES;

/**
 * FICTIONAL example cases an officer would keep beside the fixture rules (test/fixtures/rules, whose 2019-01-01 version
 * has an annual amount of 7085.20): the workflow runs them, and the diff lists those a change moves.
 */
const CASE_FILES: Record<string, string> = {
  'nsk/tests/residence.yaml': `cases:
  - name: R2 an adult in their own home is eligible in T1
    covers: [R2, T1]
    request: ${JSON.stringify({ programme: 'nsk', date: '2019-06-03', person: { ...PERSON, residence: 'own_home' }, services: SERVICES })}
    expect: { eligible: true, basis: [T1], blockers: [] }
`,
  'nsk/tests/compensation.yaml': `cases:
  # cap = 7085.20 ÷ 12 × 6 = 3542.60 (July–December 2019, every day eligible); 4000.00 > cap.
  - name: A1 a fully eligible half-year over the cap is paid the cap
    covers: [A1, T1]
    endpoint: compensation
    request: ${JSON.stringify({
      programme: 'nsk',
      period: { from: '2019-07-01', to: '2019-12-31' },
      person: PERSON,
      services: SERVICES,
      costs: [{ service: 'day_care_centre', from: '2019-07-01', to: '2019-12-31', amount: '4000.00', funding: 'municipality', inPlan: true }],
    })}
    expect: { compensation: "3542.60", cap: "3542.60" }
`,
};

describe('the workflow commands, run in a temporary git repository', () => {
  let repository = '';

  beforeAll(() => {
    const rules = editedCopy(FIXTURE_RULES);
    mkdirSync(join(rules, 'nsk', 'tests'));
    for (const [file, text] of Object.entries(CASE_FILES)) writeFileSync(join(rules, file), text);
    repository = repositoryWithRules(rules);
  });

  it('validate and test pass on the committed rules', () => {
    for (const command of commands.filter((line) => / (validate|test)$/.test(line))) {
      const run = sbspRules(repository, argumentsOf(command));
      // Warnings may be printed on stderr; only errors fail the job.
      expect(run.status, `${command}\n${run.stderr}`).toBe(0);
    }
  });

  it('diff --base HEAD --impact shows a changed parameter old → new with %, a changed condition in words, and the cases it changes', () => {
    // FICTIONAL edits of the fixture rules in the working tree: a higher annual amount, and E1 also excluding adults in their own home.
    const version = join(repository, 'rules', 'nsk', 'versions', '2019-01-01.yaml');
    const edit = inOrder(
      replace('value: "7085.20"', 'value: "7500.00"'),
      replace('operator: equal\n          value: institution', 'operator: in\n          value: [institution, own_home]'),
    );
    writeFileSync(version, edit(readFileSync(version, 'utf8')));

    const diffCommand = commands.find((line) => line.includes('sbsp-rules diff')) as string;
    const run = sbspRules(repository, argumentsOf(diffCommand));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const markdown = run.stdout;
    expect(markdown).toMatch(/^## Rule changes: `HEAD:rules` → `\.\/rules \(working tree\)`/);
    expect(markdown).toContain('### nsk — ');
    expect(markdown).toContain('#### Version 2019-01-01 — changed');
    expect(markdown).toContain('| `annualAmount` Annual amount per person | `7085.20` | `7500.00` | +5.85% | compensation.annualAmount |');
    expect(markdown).toContain('- **E1** (exclusion) changed');
    // Rule-file text is escaped for Markdown (markdown-text.ts): it shows as written.
    expect(markdown).toContain('  - residence = institution became residence in \\[institution, own_home\\]');
    expect(markdown).toContain('### Impact on cases');
    expect(markdown).toMatch(/\| `nsk\/tests\/[\w-]+\.yaml:\d+` \| [^\n]*blockers \\\[\\\] → \\\[E1\\\]/);
    expect(markdown).toMatch(/\| `nsk\/tests\/compensation\.yaml:\d+` \| [^\n]*compensation 3542\.60 → 3750\.00 \(\+5\.85%\)/);
    expect(markdown).toContain('**its expectation no longer holds**');
  });
});

describe('--base when the rules at the ref do not load', () => {
  it('names the problems as ref:path, and exits 1', async () => {
    const broken = editedCopy(FIXTURE_RULES, {
      [NSK_2019]: replace('operator: equal\n          value: institution', 'operator: equalz\n          value: institution'),
    });
    const repository = join(broken, '..');
    git(repository, 'init', '-q');
    git(repository, 'add', 'rules');
    git(repository, 'commit', '-q', '-m', 'a broken operator');
    cpSync(join(FIXTURE_RULES, NSK_2019), join(broken, NSK_2019));

    const run = await runCommand(['diff', '--base', 'HEAD', '--rules', broken]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('old side HEAD:rules does not load:');
    expect(run.stderr).toMatch(/^HEAD:rules\/nsk\/versions\/2019-01-01\.yaml:\d+:\d+: unknown operator "equalz"/m);
  });
});
