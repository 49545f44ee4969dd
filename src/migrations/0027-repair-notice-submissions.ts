import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 17: objections the public submits on the portal to a repair under public notice (A19, B32:
 * "objections during the notice are verified"). One row per submission, for the credit center: the
 * repair, the objector's name and contact sealed under the data key (personal data; either may be
 * left out), the grounds as written, the day it arrived. The center turns it into the repair's
 * `notice_objected` step (`recorded`, with the step's number) or dismisses it with a reason
 * (`dismissed`) — the only change a row sees, under row digests like any decision table.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType } = caps;
  await db.schema
    .createTable('repair_notice_submissions')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('repair_id', uuidType, (c) => c.notNull().references('repairs.id'))
    .addColumn('name_sealed', 'text')
    .addColumn('contact_sealed', 'text')
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('submitted_at', timestampType, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('handled_at', timestampType)
    .addColumn('handled_by', 'text')
    .addColumn('handled_role', 'text')
    .addColumn('step_seq', 'integer')
    .addColumn('dismissal_reason', 'text')
    .execute();
  await db.schema
    .createIndex('repair_notice_submissions_repair_idx')
    .on('repair_notice_submissions')
    .columns(['repair_id', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('repair_notice_submissions_status_idx')
    .on('repair_notice_submissions')
    .columns(['status', 'submitted_at'])
    .execute();
}
