import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryDecisionStore } from '../../src/decisions/memory-decision-store.js';
import { SqliteDecisionStore } from '../../src/decisions/sqlite-decision-store.js';
import { describeDecisionStore } from './store-conformance.js';

describeDecisionStore('the in-memory store', async () => ({ store: new MemoryDecisionStore(), cleanup: async () => {} }), { keepsData: false });

describeDecisionStore('SQLite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'sbsp-sqlite-conformance-'));
  return {
    store: await SqliteDecisionStore.open({ directory }),
    reopen: () => SqliteDecisionStore.open({ directory }),
    cleanup: async () => rmSync(directory, { recursive: true, force: true }),
  };
});
