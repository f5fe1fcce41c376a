import { readdirSync, readFileSync } from 'node:fs';
import { packagePath } from '../package-directory.js';

/** One schema change: `0001-decision-records.sql` is version 1, named "decision-records". */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** Where an engine's migrations are: read at start, from src/ also by the bundle (as the web page is). */
export function migrationsDirectory(engine: 'sqlite' | 'postgres'): string {
  return packagePath('src', 'decisions', 'migrations', engine);
}

/**
 * An engine's migrations in the order they apply. Their versions are 1, 2, 3… with none missing or repeated: a
 * database records the versions applied, so a gap would be a schema no database has.
 */
export function migrationFiles(engine: 'sqlite' | 'postgres', directory: string = migrationsDirectory(engine)): Migration[] {
  const migrations = readdirSync(directory)
    .flatMap((file) => {
      const match = MIGRATION_FILE.exec(file);
      return match ? [{ version: Number(match[1]), name: match[2] as string, sql: readFileSync(`${directory}/${file}`, 'utf8') }] : [];
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`${directory}: migration ${index + 1} is missing or repeated (found ${migration.version})`);
  });
  if (migrations.length === 0) throw new Error(`${directory}: no migrations (NNNN-name.sql)`);
  return migrations;
}
