/**
 * The SQL of the public's objections to a repair under notice (issue 17; migration 0027): a
 * submission with its row digest, the center's inbox notice and the act's audit entry in one
 * transaction; its one change (recorded as a step, or dismissed) recorded the same way.
 */
import type { Insertable, Selectable } from 'kysely';
import { inChunks } from '../../platform/chunks.ts';
import {
  type AuditEntryInput,
  NOTIFICATIONS_AUDITED,
  REPAIR_NOTICE_SUBMISSIONS_AUDITED,
  type RowsWrittenMeta,
} from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import type { RepairNoticeSubmissionTable } from './procedures.tables.ts';

export type SubmissionRow = Selectable<RepairNoticeSubmissionTable>;

export const noticeSubmissionsRepository = {
  /** A new submission and the notices that tell the center, digests and the act in one transaction. */
  async insert(
    trx: Db,
    row: Insertable<RepairNoticeSubmissionTable>,
    notices: readonly Insertable<NotificationTable>[],
    writer: RowsWrittenMeta,
    act: Omit<AuditEntryInput, 'actorRole' | 'policyId' | 'policyVersion'>,
  ): Promise<SubmissionRow> {
    const stored = await trx
      .insertInto('repair_notice_submissions')
      .values(row)
      .returningAll()
      .executeTakeFirstOrThrow();
    const told =
      notices.length === 0
        ? []
        : await trx
            .insertInto('notifications')
            .values([...notices])
            .returningAll()
            .execute();
    await recordStoredTables(
      trx,
      [
        { table: REPAIR_NOTICE_SUBMISSIONS_AUDITED, rows: [stored] },
        { table: NOTIFICATIONS_AUDITED, rows: told },
      ],
      writer,
      [{ ...writer, ...act }],
    );
    return stored;
  },

  /**
   * Marks a received submission handled (recorded as step `seq`, or dismissed with a reason); its new
   * digest is returned for the caller to record in its transaction. Undefined when it was no longer
   * `received` (another clerk handled it first).
   */
  async handle(
    trx: Db,
    id: string,
    patch: Pick<
      RepairNoticeSubmissionTable,
      'status' | 'handled_at' | 'handled_by' | 'handled_role' | 'step_seq' | 'dismissal_reason'
    >,
  ): Promise<SubmissionRow | undefined> {
    return trx
      .updateTable('repair_notice_submissions')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', 'received')
      .returningAll()
      .executeTakeFirst();
  },

  async byId(db: Db, id: string): Promise<SubmissionRow | undefined> {
    return db.selectFrom('repair_notice_submissions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The submissions of these repairs, by repair, in the order they arrived. */
  async ofRepairs(db: Db, repairIds: readonly string[]): Promise<Map<string, SubmissionRow[]>> {
    const out = new Map<string, SubmissionRow[]>(repairIds.map((id) => [id, []]));
    for (const part of inChunks(repairIds, 500)) {
      const rows = await db
        .selectFrom('repair_notice_submissions')
        .selectAll()
        .where('repair_id', 'in', part)
        .orderBy('submitted_at')
        .orderBy('id')
        .execute();
      for (const r of rows) out.get(r.repair_id)?.push(r);
    }
    return out;
  },

  /**
   * What the bounds on a repair's submissions are checked against: how many it holds, how many came
   * from this client address (by its digest), and whether one arrived on this day already.
   */
  async tallyOf(
    db: Db,
    repairId: string,
    clientDigest: string | null,
    day: string,
  ): Promise<{ total: number; fromClient: number; onDay: number }> {
    const rows = await db
      .selectFrom('repair_notice_submissions')
      .select(['client_digest', 'submitted_on'])
      .where('repair_id', '=', repairId)
      .execute();
    return {
      total: rows.length,
      fromClient: clientDigest === null ? 0 : rows.filter((r) => r.client_digest === clientDigest).length,
      onDay: rows.filter((r) => r.submitted_on === day).length,
    };
  },

  /** How many submissions a repair holds (a bound against flooding one notice). */
  async countOf(db: Db, repairId: string): Promise<number> {
    const row = await db
      .selectFrom('repair_notice_submissions')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('repair_id', '=', repairId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

export { REPAIR_NOTICE_SUBMISSIONS_AUDITED };
