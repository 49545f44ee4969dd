import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 16: objections (异议, A15–A16, B28–B29), append-only.
 *
 * - `objections`: one row per objection, written once at filing: the record (key and the version
 *   objected to) and its list entry, the subject, the record's provider, the ground (A15, B28, B14,
 *   B27, A4), the subject's explanation, who filed (the subject, or the center on its behalf with a
 *   stated purpose) and the policy version applied.
 * - `objection_events`: the steps, numbered per objection (`seq`, unique): filed, verification asked,
 *   verified, decided, corrected. The state is replayed from them (procedures/objection-procedure.ts);
 *   nothing is updated. Both tables are under row digests.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;
  await db.schema
    .createTable('objections')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('record_key', uuidType, (c) => c.notNull())
    .addColumn('record_id', uuidType, (c) => c.notNull().references('records.id'))
    .addColumn('entry_id', uuidType)
    .addColumn('provider_department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('filed_via', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_role', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('filed_at', timestampType, (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('objections_subject_idx')
    .on('objections')
    .columns(['subject_id', 'filed_at'])
    .execute();
  await db.schema.createIndex('objections_record_idx').on('objections').columns(['record_key']).execute();
  await db.schema
    .createIndex('objections_provider_idx')
    .on('objections')
    .columns(['provider_department', 'filed_at'])
    .execute();

  await db.schema
    .createTable('objection_events')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('objection_id', uuidType, (c) => c.notNull().references('objections.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('at', timestampType, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_department', 'text')
    .addColumn('detail', jsonType, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('objection_events_seq_idx')
    .on('objection_events')
    .columns(['objection_id', 'seq'])
    .unique()
    .execute();
}
