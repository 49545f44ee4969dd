import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Red and black lists (A3–A12, B26). The source of truth stays the provider's immutable records; a
 * list entry is the platform's current reading of one listed record (or, for B26, of one person tied
 * to a severely dishonest organization). Entries change state only through recorded procedures — a
 * new record version, the A4 cross-check, validity — and every change is an append-only event.
 * Notifications (A4, A11, B26) are an outbox written in the same transaction as the change.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;

  // List types are data: a city may add e.g. 重点关注名单. `polarity` says how the platform treats
  // entries (red: incentives; black: punishments and the A4 cross-check; watch: warnings only).
  await db.schema
    .createTable('list_types')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('polarity', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('updated_at', timestampType, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('list_entries')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('list_type', 'text', (c) => c.notNull().references('list_types.code'))
    // the listed record (its key: versions of one record are one entry)
    .addColumn('record_key', uuidType, (c) => c.notNull())
    .addColumn('record_id', uuidType, (c) => c.notNull().references('records.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('provider_department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    // 'listed': the record's own subject; 'associated': B26, a person tied to a severe organization's entry
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('source_entry_id', uuidType)
    .addColumn('relation_role', 'text')
    // A5/A6 ground as the catalog's coded value
    .addColumn('ground', 'text')
    .addColumn('severity', 'text')
    .addColumn('identified_on', 'text', (c) => c.notNull())
    // A12: publication / removal date set by the identifying unit (null: none set)
    .addColumn('valid_until', 'text')
    // B27 validity of the record (null: not negative information)
    .addColumn('validity_ends_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('removed_at', timestampType)
    .addColumn('removed_by_entry', uuidType)
    // set by the objection and repair procedures: 'objection' | 'repair_notice' | null
    .addColumn('procedure', 'text')
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('updated_at', timestampType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('list_entries_record_subject_idx')
    .on('list_entries')
    .columns(['record_key', 'subject_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('list_entries_subject_idx')
    .on('list_entries')
    .columns(['subject_id', 'status'])
    .execute();
  await db.schema
    .createIndex('list_entries_type_idx')
    .on('list_entries')
    .columns(['list_type', 'status', 'identified_on'])
    .execute();

  await db.schema
    .createTable('list_entry_events')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('entry_id', uuidType, (c) => c.notNull().references('list_entries.id'))
    .addColumn('at', timestampType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('article', 'text')
    .addColumn('detail', jsonType, (c) => c.notNull())
    .addColumn('record_id', uuidType)
    .addColumn('batch_id', uuidType)
    .addColumn('actor_id', 'text')
    .execute();
  await db.schema
    .createIndex('list_entry_events_entry_idx')
    .on('list_entry_events')
    .columns(['entry_id', 'at'])
    .execute();

  // B26: who answers for an organization (legal representative, principal, directly responsible persons).
  await db.schema
    .createTable('subject_relations')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('organization_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('person_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('ended_at', timestampType)
    .execute();
  await db.schema
    .createIndex('subject_relations_unique_idx')
    .on('subject_relations')
    .columns(['organization_id', 'person_id', 'role'])
    .unique()
    .execute();
  await db.schema
    .createIndex('subject_relations_person_idx')
    .on('subject_relations')
    .columns(['person_id'])
    .execute();

  // The outbox: written with the change that causes it, delivered by the dispatcher (in-app inbox now,
  // webhooks later); a crash between the two loses nothing.
  await db.schema
    .createTable('notifications')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('recipient_department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('subject_id', uuidType, (c) => c.references('subjects.id'))
    .addColumn('entry_id', uuidType, (c) => c.references('list_entries.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', jsonType, (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('delivered_at', timestampType)
    .addColumn('read_at', timestampType)
    .addColumn('read_by', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_recipient_idx')
    .on('notifications')
    .columns(['recipient_department', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notifications_status_idx')
    .on('notifications')
    .columns(['status', 'created_at'])
    .execute();
}
