import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 15 W3 (A20, B33, A17–A19, B30–B32): a new version that weakens a negative record must name
 * the procedure that allows it.
 *
 * - `external_decisions`: a decision taken outside the platform (administrative review, court
 *   judgment, the deciding body's own revocation) that the credit office records against one record,
 *   with its document number (文号), issuing body, date and what it decided. Written once, never
 *   updated; under row digests. One document number is recorded once per record.
 * - `records.change_basis_kind` / `change_basis_id`: the procedure a version rests on ('external_decision'
 *   now; the platform's objection, appeal and repair decisions later). A basis allows one version:
 *   the unique index refuses a second (nulls are distinct on both engines). Records stored before
 *   name none; their row digests were recorded with the columns of their time.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType } = caps;
  await db.schema
    .createTable('external_decisions')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('record_key', uuidType, (c) => c.notNull())
    .addColumn('record_id', uuidType, (c) => c.notNull().references('records.id'))
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('provider_department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_role', 'text', (c) => c.notNull())
    .addColumn('recorded_at', timestampType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('external_decisions_record_document_idx')
    .on('external_decisions')
    .columns(['record_key', 'document_number'])
    .unique()
    .execute();
  await db.schema
    .createIndex('external_decisions_provider_idx')
    .on('external_decisions')
    .columns(['provider_department', 'recorded_at'])
    .execute();

  await db.schema.alterTable('records').addColumn('change_basis_kind', 'text').execute();
  await db.schema.alterTable('records').addColumn('change_basis_id', uuidType).execute();
  await db.schema
    .createIndex('records_change_basis_idx')
    .on('records')
    .columns(['change_basis_id'])
    .unique()
    .execute();
}
