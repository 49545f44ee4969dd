import type { Insertable, Selectable } from 'kysely';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { AuditEntryInput } from '../audit/audit.repository.ts';
import { NOTIFICATIONS_AUDITED, PROCEDURE_FIRINGS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import type { ProcedureFiringTable } from './procedures.tables.ts';

export type ProcedureFiringRow = Selectable<ProcedureFiringTable>;

/** The key a step fires under, once: `procedure_id \u0000 step \u0000 kind`. */
export const firingKey = (r: { procedure_id: string; step: string; kind: string }) =>
  `${r.procedure_id}\u0000${r.step}\u0000${r.kind}`;

/** The scheduler's firings (decision 0031): one row per (procedure, id, step, kind), ever. */
export const procedureFiringsRepository = {
  /** The keys already fired for these procedures (read before trying, so a tick writes only what is new). */
  async firedKeys(db: Db, procedure: string, ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    if (ids.length === 0) return out;
    const rows = await db
      .selectFrom('procedure_firings')
      .select(['procedure_id', 'step', 'kind'])
      .where('procedure', '=', procedure)
      .where('procedure_id', 'in', [...ids])
      .execute();
    for (const r of rows) out.add(firingKey(r));
    return out;
  },

  /**
   * Fires a step once: inserts the firing unless its key is taken (insert … on conflict do nothing;
   * on PostgreSQL a second process inserting the same key waits for the first to commit and then
   * inserts nothing) and, only when this call inserted it, its notices, their row digests and the act's
   * audit entry — all in one transaction. False: another tick (this process or another) fired it.
   */
  async fire(
    db: Db,
    firing: Insertable<ProcedureFiringTable>,
    notices: readonly Insertable<NotificationTable>[],
    writer: RowsWrittenMeta & { at: string },
    act: Omit<AuditEntryInput, 'actorRole' | 'policyId' | 'policyVersion'>,
  ): Promise<boolean> {
    return inTransaction(db, async (trx) => {
      const inserted = await trx
        .insertInto('procedure_firings')
        .values(firing)
        .onConflict((oc) => oc.columns(['procedure', 'procedure_id', 'step', 'kind']).doNothing())
        .returningAll()
        .execute();
      if (inserted.length === 0) return false;
      const stored =
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
          { table: PROCEDURE_FIRINGS_AUDITED, rows: inserted },
          { table: NOTIFICATIONS_AUDITED, rows: stored },
        ],
        writer,
        [{ ...writer, ...act }],
      );
      return true;
    });
  },

  async ofProcedure(db: Db, procedureId: string): Promise<ProcedureFiringRow[]> {
    return db
      .selectFrom('procedure_firings')
      .selectAll()
      .where('procedure_id', '=', procedureId)
      .orderBy('fired_at')
      .orderBy('id')
      .execute();
  },
};
