import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * The audit trail (A20, B33, C §4(1)): entries hash-chained with SM3, the chain head that appenders
 * lock to serialize, and daily anchors for publication. See src/modules/audit.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;

  await db.schema
    .createTable('audit_entries')
    // Contiguous from 1, assigned under the head lock: a missing number is a deleted entry.
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', uuidType, (c) => c.notNull().unique())
    .addColumn('at', timestampType, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_department', 'text')
    .addColumn('purpose', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('detail', jsonType, (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  // Who looked at this subject (C §4(1)); what happened on a day; the row-digest entries by action.
  await db.schema
    .createIndex('audit_entries_target_idx')
    .on('audit_entries')
    .columns(['target_type', 'target_id'])
    .execute();
  await db.schema.createIndex('audit_entries_at_idx').on('audit_entries').column('at').execute();
  await db.schema
    .createIndex('audit_entries_action_idx')
    .on('audit_entries')
    .columns(['action', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', timestampType, (c) => c.notNull())
    .execute();
  // The genesis head: appenders only ever UPDATE this row, so its lock is the serialization point.
  await sql`insert into audit_head (chain, seq, hash, updated_at)
            values ('main', 0, ${'0'.repeat(64)}, ${new Date().toISOString()})`.execute(db);

  await db.schema
    .createTable('audit_anchors')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .execute();
}
