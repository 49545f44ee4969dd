import type { Kysely } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import { AppError } from '../errors.ts';
import type { Capabilities, Store } from './engine.ts';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-audit.ts';
import * as m0003 from './migrations/0003-access.ts';
import * as m0004 from './migrations/0004-catalog.ts';
import * as m0005 from './migrations/0005-records.ts';
import * as m0006 from './migrations/0006-lists.ts';
import * as m0007 from './migrations/0007-measures.ts';
import * as m0008 from './migrations/0008-subject-search.ts';
import * as m0009 from './migrations/0009-checks.ts';
import * as m0010 from './migrations/0010-check-feed.ts';
import * as m0011 from './migrations/0011-reference-feed.ts';
import * as m0012 from './migrations/0012-check-digests.ts';

type EngineMigration = { up(db: Kysely<unknown>, caps: Capabilities): Promise<void> };

/**
 * Forward-only migrations, in order. A migration receives the engine's capabilities so column types
 * are chosen in one place. Never edit a shipped migration: add the next one.
 */
const MIGRATIONS: ReadonlyArray<readonly [string, EngineMigration]> = [
  ['0001-foundation', m0001],
  ['0002-audit', m0002],
  ['0003-access', m0003],
  ['0004-catalog', m0004],
  ['0005-records', m0005],
  ['0006-lists', m0006],
  ['0007-measures', m0007],
  ['0008-subject-search', m0008],
  ['0009-checks', m0009],
  ['0010-check-feed', m0010],
  ['0011-reference-feed', m0011],
  ['0012-check-digests', m0012],
];

export async function migrateToLatest(store: Store): Promise<{ applied: string[] }> {
  const migrations: Record<string, Migration> = {};
  for (const [name, migration] of MIGRATIONS) {
    migrations[name] = { up: (db) => migration.up(db, store.capabilities) };
  }
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
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

export function knownMigrations(): string[] {
  return MIGRATIONS.map(([name]) => name);
}
