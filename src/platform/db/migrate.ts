import type { Kysely } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import { AppError } from '../errors.ts';
import type { Capabilities, Store } from './engine.ts';

/** One step of a database's history; it receives the engine's capabilities so column types are chosen in one place. */
export type EngineMigration = { up(db: Kysely<unknown>, caps: Capabilities): Promise<void> };

/** Migrations by name, in the order they run (names sort in that order: `0001-…`, `0002-…`). */
export type MigrationList = ReadonlyArray<readonly [string, EngineMigration]>;

/**
 * Runs the forward-only migrations not yet applied, in order, each in its own transaction where the
 * engine allows. The list is the application's (src/migrations); this runner knows no table.
 */
export async function runMigrations<DB>(
  store: Store<DB>,
  list: MigrationList,
  options: { upTo?: string } = {},
): Promise<{ applied: string[] }> {
  const migrations: Record<string, Migration> = {};
  for (const [name, migration] of list) {
    migrations[name] = { up: (db) => migration.up(db, store.capabilities) };
  }
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
  });
  const result: MigrationResultSet =
    options.upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(options.upTo);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new AppError(
      'MIGRATION_FAILED',
      500,
      `数据库迁移 ${failed} 失败：${reason}`,
      `Database migration ${failed} failed: ${reason}`,
      { migration: failed },
    );
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
