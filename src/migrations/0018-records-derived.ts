import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 15 W5, B26: a severe dishonest organization's negative record is also written into the credit
 * records of its legal representative and responsible persons, as a record of each person's own
 * (decision 0028). Such a record is written by the platform, never pushed: it carries the content of
 * its source record and says where it comes from —
 * - `derived_from`: the source version it follows; `derived_from_key`: the source record's key;
 * - `derived_basis`: the article it is written under ('B26');
 * - `derived_role`: the person's role (legal_representative, principal, responsible);
 * - `derived_ended`: 1 on the version that ends it (the source no longer severe, or no longer naming
 *   the person), 0 while it holds.
 * All null on a provider's record, and on every record stored before (their row digests were recorded
 * with the columns of their time).
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType } = caps;
  await db.schema.alterTable('records').addColumn('derived_from', uuidType).execute();
  await db.schema.alterTable('records').addColumn('derived_from_key', uuidType).execute();
  await db.schema.alterTable('records').addColumn('derived_basis', 'text').execute();
  await db.schema.alterTable('records').addColumn('derived_role', 'text').execute();
  await db.schema.alterTable('records').addColumn('derived_ended', 'integer').execute();
  // The records written from a source, found when the source changes or a relation is registered.
  await db.schema
    .createIndex('records_derived_from_idx')
    .on('records')
    .columns(['derived_from_key', 'subject_id'])
    .execute();
}
