import { describe, expect, it } from 'vitest';
import { describeFailure, loadExampleCases, runExampleCase } from '../src/cases/example-cases.js';
import { formatProblem } from '../src/rules/yaml-file.js';
import { bundledRuleSet, BUNDLED_RULES } from './support/rule-sets.js';

/** Every officer's example case under rules/<programme>/tests/ runs here, one test each. */
const { cases, problems } = loadExampleCases(BUNDLED_RULES);

describe('example case files', () => {
  it('are all valid', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });
  it('exist', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
});

describe.each([...new Set(cases.map((exampleCase) => exampleCase.programme))])('%s example cases', (programme) => {
  it.each(cases.filter((exampleCase) => exampleCase.programme === programme).map((exampleCase) => [exampleCase.name, exampleCase] as const))(
    '%s',
    (_name, exampleCase) => {
      const outcome = runExampleCase(bundledRuleSet(), exampleCase);
      if (outcome.differences.length > 0) throw new Error(describeFailure(outcome));
    },
  );
});
