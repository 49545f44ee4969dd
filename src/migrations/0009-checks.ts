import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Credit checks (B19, B22, C §5(2)) and the feedback of measures applied (A21). Every check is recorded:
 * a header row (who, system, purpose, scenario, counts, policy version), its results as compact parts
 * (one row per up to 10,000 subjects, so a check of millions stays a few thousand rows), and one row per
 * hit (a subject with a decision other than `none`) — the rows feedback and the quarterly report need.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;

  await db.schema
    .createTable('checks')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('at', timestampType, (c) => c.notNull())
    // the China date of the check: quarters (A21) are counted in China time
    .addColumn('check_day', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('api_key_id', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('subject_count', 'integer', (c) => c.notNull())
    .addColumn('block_count', 'integer', (c) => c.notNull())
    .addColumn('warn_count', 'integer', (c) => c.notNull())
    .addColumn('favor_count', 'integer', (c) => c.notNull())
    .addColumn('none_count', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .execute();
  await db.schema
    .createIndex('checks_department_day_idx')
    .on('checks')
    .columns(['department', 'check_day'])
    .execute();

  await db.schema
    .createTable('check_parts')
    .addColumn('check_id', uuidType, (c) => c.notNull().references('checks.id'))
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('first_position', 'integer', (c) => c.notNull())
    .addColumn('results', jsonType, (c) => c.notNull())
    .addPrimaryKeyConstraint('check_parts_pk', ['check_id', 'part'])
    .execute();

  await db.schema
    .createTable('check_hits')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('check_id', uuidType, (c) => c.notNull().references('checks.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('entry_ids', jsonType, (c) => c.notNull())
    // measure codes with the version that applied, e.g. ["a14-05@1"]
    .addColumn('measures', jsonType, (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('check_day', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('check_hits_position_idx')
    .on('check_hits')
    .columns(['check_id', 'position'])
    .unique()
    .execute();
  await db.schema
    .createIndex('check_hits_department_day_idx')
    .on('check_hits')
    .columns(['department', 'check_day'])
    .execute();

  await db.schema
    .createTable('check_feedback')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('check_id', uuidType, (c) => c.notNull().references('checks.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('hit_id', uuidType, (c) => c.references('check_hits.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('measures_applied', jsonType, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    // yuan as a decimal string (no float rounding)
    .addColumn('amount', 'text')
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('business_ref', 'text')
    .addColumn('note', 'text')
    .addColumn('reported_at', timestampType, (c) => c.notNull())
    .addColumn('reported_by', 'text')
    .execute();
  await db.schema
    .createIndex('check_feedback_position_idx')
    .on('check_feedback')
    .columns(['check_id', 'position'])
    .unique()
    .execute();
}
