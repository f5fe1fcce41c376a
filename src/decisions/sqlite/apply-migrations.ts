import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration-files.js';

/** The schema version a database of a newer sbsp-rules has: this code refuses it rather than guess. */
export class SchemaTooNew extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `the decision database ${file} has schema version ${found}, newer than this sbsp-rules knows (${known}): ` +
        'run the sbsp-rules that wrote it, or a newer one',
    );
    this.name = 'SchemaTooNew';
  }
}

/**
 * Brings the database to the newest schema: the migrations it has not had, in order, in one transaction with their
 * entries in `schema_migrations` — all of them or none. Resolves to the versions applied now.
 */
export function applyMigrations(database: Database, file: string, migrations: readonly Migration[]): number[] {
  const known = migrations.at(-1)?.version ?? 0;
  const migrate = database.transaction((): number[] => {
    database.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const current = (database.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null }).version ?? 0;
    if (current > known) throw new SchemaTooNew(file, current, known);
    const record = database.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      database.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      applied.push(migration.version);
    }
    return applied;
  });
  // IMMEDIATE: a second process starting at the same moment waits for this one's migrations instead of racing it.
  return migrate.immediate();
}
