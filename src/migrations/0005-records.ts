import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Credit records and their intake (intake issue: B4, B16–B17, B27, A9, A22). Records are immutable
 * versions: a change is a new row with the next `version` under the same `record_key`, never an
 * UPDATE, so the audit chain's row digests hold for ever (A20, B33). The current version of a record
 * is the highest `version` of its key, found through the unique (record_key, version) index.
 * Plain dates are text `YYYY-MM-DD` on both engines: they sort and compare as dates.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;

  await db.schema
    .createTable('intake_batches')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('provider_department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('new_version', 'integer', (c) => c.notNull())
    // rows refused for their own errors; `aborted`: valid rows withheld by an all-or-nothing batch
    .addColumn('refused', 'integer', (c) => c.notNull())
    .addColumn('aborted', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('started_at', timestampType, (c) => c.notNull())
    .addColumn('finished_at', timestampType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('intake_batches_department_idx')
    .on('intake_batches')
    .columns(['provider_department', 'started_at'])
    .execute();

  await db.schema
    .createTable('records')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('record_key', uuidType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('item_version', 'integer', (c) => c.notNull())
    .addColumn('provider_department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('provider_record_id', 'text', (c) => c.notNull())
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('identified_on', 'text', (c) => c.notNull())
    .addColumn('received_at', timestampType, (c) => c.notNull())
    .addColumn('validity_ends_on', 'text')
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('fields', jsonType, (c) => c.notNull())
    .addColumn('content_digest', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('push_workdays', 'integer', (c) => c.notNull())
    .addColumn('push_late', 'integer', (c) => c.notNull())
    .addColumn('push_provisional', 'integer', (c) => c.notNull())
    .addColumn('batch_id', uuidType, (c) => c.notNull().references('intake_batches.id'))
    .execute();
  // B4 谁提供谁负责: a provider's record id is its own; the department is part of the key.
  await db.schema
    .createIndex('records_provider_key_idx')
    .on('records')
    .columns(['provider_department', 'provider_record_id', 'version'])
    .unique()
    .execute();
  // The current version of a record: max(version) per record_key.
  await db.schema
    .createIndex('records_key_version_idx')
    .on('records')
    .columns(['record_key', 'version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('records_subject_idx')
    .on('records')
    .columns(['subject_id', 'item_code'])
    .execute();
  // Per-department timeliness figures (A9, A22).
  await db.schema
    .createIndex('records_department_received_idx')
    .on('records')
    .columns(['provider_department', 'received_at'])
    .execute();

  // A known code arriving with another name: flagged for review, never silently overwritten.
  await db.schema
    .createTable('subject_name_conflicts')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('known_name', 'text', (c) => c.notNull())
    .addColumn('submitted_name', 'text', (c) => c.notNull())
    .addColumn('provider_department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('batch_id', uuidType, (c) => c.notNull().references('intake_batches.id'))
    // the record version that carried the other name first
    .addColumn('record_id', uuidType, (c) => c.references('records.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detected_at', timestampType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subject_name_conflicts_unique_idx')
    .on('subject_name_conflicts')
    .columns(['subject_id', 'submitted_name'])
    .unique()
    .execute();
}
