import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * The measures catalog of joint incentives and punishments (A13, A14, D §5): measures and their
 * versions. A version is never changed: an edit or a retirement adds the next version, so a check can
 * always be read against the measure version it applied.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;

  await db.schema
    .createTable('measures')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('updated_at', timestampType, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('measure_versions')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('measure_code', 'text', (c) => c.notNull().references('measures.code'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('definition', jsonType, (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('published_at', timestampType, (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('reason', 'text')
    .addUniqueConstraint('measure_versions_code_version_uq', ['measure_code', 'version'])
    .execute();
}
