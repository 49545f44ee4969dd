import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * The public credit information catalog (B8–B13, B18): items and their versions. A version is never
 * changed: publishing a change adds the next version, so every record can be read against the item
 * version it was recorded under.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;

  await db.schema
    .createTable('catalog_items')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('updated_at', timestampType, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('catalog_item_versions')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('item_code', 'text', (c) => c.notNull().references('catalog_items.code'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('usage_scope', 'text', (c) => c.notNull())
    .addColumn('list_type', 'text')
    .addColumn('severity_required', 'integer', (c) => c.notNull())
    .addColumn('definition', jsonType, (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('published_at', timestampType, (c) => c.notNull())
    .addUniqueConstraint('catalog_item_versions_code_version_uq', ['item_code', 'version'])
    .execute();
}
