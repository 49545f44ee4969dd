import type { Insertable, Selectable } from 'kysely';
import type { AuditEntryInput } from '../audit/audit.repository.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import { EXTERNAL_DECISIONS_AUDITED, NOTIFICATIONS_AUDITED } from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import type { ExternalDecisionTable } from './procedures.tables.ts';

/** The record a decision is recorded against, as the office names it (any version of it). */
export type RecordConcerned = {
  id: string;
  record_key: string;
  version: number;
  subject_id: string;
  provider_department: string;
  provider_record_id: string;
  item_code: string;
  identified_on: string;
};

export type DecisionRow = Selectable<ExternalDecisionTable> & {
  /** the version of its record that rests on it, once the provider pushed it */
  applied_record_id: string | null;
  applied_version: number | null;
};

/** External decisions (issue 15 W3): written once with their row digests, read by id, record or department. */
export const externalDecisionsRepository = {
  async recordById(db: Db, id: string): Promise<RecordConcerned | undefined> {
    const row = await db
      .selectFrom('records')
      .select([
        'id',
        'record_key',
        'version',
        'subject_id',
        'provider_department',
        'provider_record_id',
        'item_code',
        'identified_on',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { ...row, version: Number(row.version) } : undefined;
  },

  async findByDocument(db: Db, recordKey: string, documentNumber: string) {
    return db
      .selectFrom('external_decisions')
      .select(['id'])
      .where('record_key', '=', recordKey)
      .where('document_number', '=', documentNumber)
      .executeTakeFirst();
  },

  /**
   * The decision, its provider's notice, their row digests and the act's audit entry, in the caller's
   * transaction: a decision nobody was told about, or one the chain does not vouch for, never exists.
   */
  async insert(
    trx: Db,
    decision: Insertable<ExternalDecisionTable>,
    notice: Insertable<NotificationTable>,
    writer: RowsWrittenMeta & { at: string },
    act: Omit<AuditEntryInput, 'actorRole' | 'policyId' | 'policyVersion'>,
  ): Promise<void> {
    await trx.insertInto('external_decisions').values(decision).execute();
    const [stored] = await trx.insertInto('notifications').values(notice).returningAll().execute();
    await recordStoredTables(
      trx,
      [
        { table: EXTERNAL_DECISIONS_AUDITED, rows: [decision] },
        { table: NOTIFICATIONS_AUDITED, rows: [stored!] },
      ],
      writer,
      [{ ...writer, ...act }],
    );
  },

  /** The record each decision was recorded for, by decision id (intake's change bases). */
  async recordKeysOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('external_decisions')
      .select(['id', 'record_key'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, r.record_key]));
  },

  /** Decisions by id, with the version that applied each (none yet: nulls). */
  async byIds(db: Db, ids: readonly string[]): Promise<DecisionRow[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('external_decisions')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    return withApplied(db, rows);
  },

  /** Newest first; `department`: only those about that provider's records; `recordKey`: one record's. */
  async list(
    db: Db,
    filter: { department?: string | undefined; recordKey?: string | undefined; limit: number },
  ): Promise<DecisionRow[]> {
    let query = db.selectFrom('external_decisions').selectAll();
    if (filter.department !== undefined) query = query.where('provider_department', '=', filter.department);
    if (filter.recordKey !== undefined) query = query.where('record_key', '=', filter.recordKey);
    const rows = await query
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .execute();
    return withApplied(db, rows);
  },
};

/** Each decision with the version of its record that rests on it (one at most: unique index). */
async function withApplied(db: Db, rows: Selectable<ExternalDecisionTable>[]): Promise<DecisionRow[]> {
  if (rows.length === 0) return [];
  const applied = await db
    .selectFrom('records')
    .select(['id', 'version', 'change_basis_id'])
    .where(
      'change_basis_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byBasis = new Map(applied.map((a) => [a.change_basis_id!, a]));
  return rows.map((r) => {
    const a = byBasis.get(r.id);
    return { ...r, applied_record_id: a?.id ?? null, applied_version: a ? Number(a.version) : null };
  });
}
