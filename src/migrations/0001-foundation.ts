import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/** Foundation tables: regions, departments, subjects, code exceptions, calendar years, policy versions. */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;

  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('abolished', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('kinds', jsonType, (c) => c.notNull())
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('updated_at', timestampType, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('subjects')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code_kind', 'text', (c) => c.notNull())
    .addColumn('code_digest', 'text', (c) => c.notNull().unique())
    .addColumn('code_sealed', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('attributes', jsonType, (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('updated_at', timestampType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subjects_name_idx').on('subjects').column('name').execute();

  await db.schema
    .createTable('code_exceptions')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('code_digest', 'text', (c) => c.notNull().unique())
    .addColumn('code_sealed', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('schedule', jsonType, (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', timestampType, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('policy_versions')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('content', jsonType, (c) => c.notNull())
    .addColumn('first_loaded_at', timestampType, (c) => c.notNull())
    .addUniqueConstraint('policy_versions_id_version_uq', ['policy_id', 'version'])
    .execute();
}
