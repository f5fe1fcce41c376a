import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { DecisionStore } from './decision-store.js';
import { SqliteDecisionStore } from './sqlite-decision-store.js';

/**
 * The decision store the service (and the `sbsp-rules decisions` commands) use: PostgreSQL when DATABASE_URL is
 * set, several instances sharing it; otherwise SQLite, embedded, in DECISIONS_DIR (default ./data). Rejects when
 * the store cannot be opened (a database newer than this code, a file that is not a database).
 */
export async function openDecisionStore(environment: NodeJS.ProcessEnv, logger?: Logger): Promise<DecisionStore> {
  const onNotice = (message: string): void => {
    logger?.warn(message);
  };
  if (environment.DATABASE_URL) {
    // Loaded only when asked for: a service on SQLite never loads the PostgreSQL client.
    const { PostgresDecisionStore } = await import('./postgres-decision-store.js');
    return PostgresDecisionStore.open({ connectionString: environment.DATABASE_URL, onNotice });
  }
  return SqliteDecisionStore.open({ directory: resolve(environment.DECISIONS_DIR ?? 'data'), onNotice });
}
