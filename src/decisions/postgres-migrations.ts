import type pg from 'pg';
import type { Migration } from './migration-files.js';

/**
 * The advisory lock every instance takes to migrate: two instances starting together on an empty database would
 * otherwise both create the tables. Held for the migration's transaction only.
 */
const MIGRATION_LOCK = 0x5b5b_0001;

/**
 * Brings the database's schema up to `migrations` in one transaction, under the migration lock: whoever gets the
 * lock second finds them applied. Resolves to the versions applied now. A database with a newer schema than this
 * code knows (a newer release migrated it) is refused rather than used with a schema it does not expect.
 */
export async function migratePostgres(client: pg.ClientBase, database: string, migrations: readonly Migration[]): Promise<number[]> {
  const known = migrations.at(-1)?.version ?? 0;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const current = (await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations')).rows[0]?.version ?? 0;
    if (current > known)
      throw new Error(
        `the decision database ${database} has schema version ${current}, newer than this sbsp-rules knows (${known}): run the sbsp-rules that wrote it, or a newer one`,
      );
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
