/**
 * `npm run mutate:rules [chunk…]`: StrykerJS over src/rules, one chunk of files at a time, each with the tests that pin
 * those files (docs/mutation.md, "The runs of src/rules"). Nearly every mutant of src/rules is in the loading path that
 * every rule test reaches, so one run with all of them costs a survivor every test file: 17 hours estimated on 2 cores.
 * Each chunk keeps its own incremental file and report (test-output/mutation/rules-<chunk>.json); the folder's score is
 * summed over the reports of every chunk at the end, the chunks not run this time included.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';

const R = 'test/rules';
const C = 'test/check';
const CHUNKS = [
  {
    name: 'fact-values',
    mutate: ['src/rules/fact-values.ts', 'src/rules/check-fact-values.ts'],
    tests: [
      `${R}/fact-values.test.ts`,
      `${C}/fact-value-checks.test.ts`,
      `${C}/fact-values.test.ts`,
      'test/cli/static-checks.test.ts',
      `${R}/version-file-negatives.test.ts`,
    ],
  },
  {
    name: 'amendments',
    mutate: ['src/rules/amendments.ts', 'src/rules/amendment-scaffold.ts'],
    tests: [
      `${R}/amendment-resolution.test.ts`,
      `${R}/amendment-scaffold.test.ts`,
      `${R}/amendments.test.ts`,
      'test/cli/new-version.test.ts',
      'test/diff/version-diff.test.ts',
    ],
  },
  {
    name: 'checks',
    mutate: [
      'src/rules/check-version.ts',
      'src/rules/check-references.ts',
      'src/rules/rule-conditions.ts',
      'src/rules/operator-definitions.ts',
      'src/rules/condition-value.ts',
    ],
    tests: [
      `${R}/version-checks.test.ts`,
      `${R}/rule-conditions.test.ts`,
      `${R}/version-file-negatives.test.ts`,
      `${R}/load-rules.test.ts`,
      `${C}/*.test.ts`,
      'test/evaluate/operators.test.ts',
      `${R}/programme-references.test.ts`,
      'test/cli/static-checks.test.ts',
    ],
  },
  {
    name: 'yaml',
    mutate: [
      'src/rules/yaml-syntax.ts',
      'src/rules/yaml-file.ts',
      'src/rules/schema-location.ts',
      'src/rules/schema-formats.ts',
      'src/rules/schema-validation.ts',
    ],
    tests: [
      `${R}/yaml-syntax.test.ts`,
      `${R}/yaml-file.test.ts`,
      `${R}/schema-validation.test.ts`,
      `${R}/yaml-errors.test.ts`,
      `${R}/version-file-negatives.test.ts`,
      `${R}/load-rules.test.ts`,
      'test/fuzz/rule-file-bounds.test.ts',
    ],
  },
  {
    name: 'folders',
    mutate: [
      'src/rules/rule-folder.ts',
      'src/rules/rule-files.ts',
      'src/rules/load-calendar.ts',
      'src/rules/emergency-periods.ts',
      'src/rules/citations.ts',
      'src/rules/line-facts.ts',
    ],
    tests: [
      `${R}/rule-folder.test.ts`,
      `${R}/emergency-periods.test.ts`,
      `${R}/load-calendar.test.ts`,
      `${R}/citations.test.ts`,
      'test/reload/rules-folder-files.test.ts',
      `${R}/load-rules.test.ts`,
      'test/calendar/working-days.test.ts',
      'test/compensate/evidence-flags.test.ts',
      'test/example-cases.test.ts',
      'test/cli/static-checks.test.ts',
      'test/diff/version-diff.test.ts',
    ],
  },
  {
    name: 'loader',
    mutate: ['src/rules/load-rules.ts', 'src/rules/model.ts'],
    tests: [
      `${R}/load-rules-edges.test.ts`,
      `${R}/load-rules.test.ts`,
      `${R}/version-file-negatives.test.ts`,
      `${R}/programme-references.test.ts`,
      'test/example-cases.test.ts',
      'test/versions/version-gaps.test.ts',
      `${R}/amendments.test.ts`,
      'test/fuzz/rule-file-bounds.test.ts',
    ],
  },
];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !CHUNKS.some((chunk) => chunk.name === name));
if (unknown.length > 0) {
  console.error(`no chunk ${unknown.join(', ')}; the chunks: ${CHUNKS.map((chunk) => chunk.name).join(', ')}`);
  process.exit(2);
}
const reportOf = (chunk) => `test-output/mutation/rules-${chunk.name}.json`;

for (const chunk of CHUNKS.filter((candidate) => asked.length === 0 || asked.includes(candidate.name))) {
  console.log(`\n== ${chunk.name}: ${chunk.mutate.join(', ')}`);
  const run = spawnSync(
    'npx',
    ['stryker', 'run', '--mutate', chunk.mutate.join(','), '--incrementalFile', `test-output/stryker-incremental-rules-${chunk.name}.json`],
    {
      stdio: 'inherit',
      env: { ...process.env, MUTATION_TESTS: chunk.tests.join(',') },
    },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
  copyFileSync('test-output/mutation/mutation.json', reportOf(chunk));
}

const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
const rows = [];
for (const chunk of CHUNKS) {
  if (!existsSync(reportOf(chunk))) {
    rows.push([chunk.name, 'not run']);
    continue;
  }
  for (const [file, { mutants }] of Object.entries(JSON.parse(readFileSync(reportOf(chunk), 'utf8')).files)) {
    const counted = mutants.filter((mutant) => COUNTED.has(mutant.status));
    const detected = counted.filter((mutant) => DETECTED.has(mutant.status)).length;
    rows.push([file, detected, counted.length]);
  }
}
const measured = rows.filter((row) => row.length === 3);
const [detected, counted] = measured.reduce(([d, c], row) => [d + row[1], c + row[2]], [0, 0]);
const percent = (d, c) => (c === 0 ? '—' : `${((100 * d) / c).toFixed(1)} %`);
for (const row of rows) console.log(row.length === 3 ? `${row[0]}: ${percent(row[1], row[2])} (${row[1]} of ${row[2]})` : `${row[0]}: ${row[1]}`);
console.log(`src/rules: ${percent(detected, counted)} (${detected} of ${counted} detected)${measured.length < rows.length ? ', chunks not run left out' : ''}`);
