import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 16: credit repairs (信用修复, A18–A19, B31–B32), append-only, like objections (0019).
 *
 * - `repairs`: one row per application, written once: the record (key and the version to repair) and
 *   its list entry, the subject, the record's provider, the rule path (A18(1)/(2)/(3), B31), what the
 *   subject stated with dates and the proof of performance (JSON), the signed 信用承诺书 (its text and
 *   SM3 digest), who filed (the subject, or the center at a window with a stated purpose) and the
 *   policy version applied.
 * - `repair_events`: the steps, numbered per repair (`seq`, unique): applied, the provider's opinion,
 *   objections during the public notice and their verification, the center's decision. The state is
 *   replayed from them (procedures/repair-procedure.ts). Both tables are under row digests.
 * - `check_hits (subject_id, check_day)`: for the departments an adopted repair tells (dropped again by
 *   0026: it slowed every check's hits).
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;
  await db.schema
    .createTable('repairs')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('record_key', uuidType, (c) => c.notNull())
    .addColumn('record_id', uuidType, (c) => c.notNull().references('records.id'))
    .addColumn('entry_id', uuidType)
    .addColumn('provider_department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('stated', jsonType, (c) => c.notNull())
    .addColumn('proof', 'text', (c) => c.notNull())
    .addColumn('commitment_text', 'text', (c) => c.notNull())
    .addColumn('commitment_digest', 'text', (c) => c.notNull())
    .addColumn('filed_via', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_role', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('filed_at', timestampType, (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('repairs_subject_idx')
    .on('repairs')
    .columns(['subject_id', 'filed_at'])
    .execute();
  await db.schema.createIndex('repairs_record_idx').on('repairs').columns(['record_key']).execute();
  await db.schema
    .createIndex('repairs_provider_idx')
    .on('repairs')
    .columns(['provider_department', 'filed_at'])
    .execute();

  await db.schema
    .createTable('repair_events')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('repair_id', uuidType, (c) => c.notNull().references('repairs.id'))
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
    .createIndex('repair_events_seq_idx')
    .on('repair_events')
    .columns(['repair_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createIndex('check_hits_subject_day_idx')
    .on('check_hits')
    .columns(['subject_id', 'check_day'])
    .execute();
}
