import type { BatchOptions } from '../../src/batch/run-batch.js';
import { FIXTURE_RULES } from '../support/rule-sets.js';

/** A batch of NSK's 2024 first half-year on the fictional fixture rules, summaries only, in this thread. */
export const FIXTURE_BATCH: BatchOptions = {
  rulesDirectory: FIXTURE_RULES,
  programme: 'nsk',
  period: { from: '2024-01-01', to: '2024-06-30' } as BatchOptions['period'],
  explain: false,
  workers: 0,
};
