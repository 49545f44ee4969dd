import { inTransaction } from '../../platform/db/transaction.ts';
import { DEPARTMENT_PURPOSES_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';

/**
 * The purposes (事项) departments registered for their queries (decision 0025). They decide whether a
 * query is admitted, so every write records its row digest on the audit chain in the same transaction
 * (`writer`; issue 14 §3). A removal keeps the row (removed_by, removed_at): nothing is deleted.
 */
export function departmentPurposesRepository(store: Store, writer: RowsWrittenMeta) {
  const { db } = store;
  const write = <T>(run: (trx: Db) => Promise<{ rows: Record<string, unknown>[]; result: T }>) =>
    inTransaction(db, async (trx) => {
      const { rows, result } = await run(trx);
      await recordStoredRows(trx, DEPARTMENT_PURPOSES_AUDITED, rows, writer);
      return result;
    });

  return {
    /** The purposes (事项) a department registered, sorted; none: it states free text (decision 0025). */
    async purposesOf(code: string): Promise<string[]> {
      const rows = await db
        .selectFrom('department_purposes')
        .select('purpose')
        .where('department_code', '=', code)
        .where('removed_at', 'is', null)
        .orderBy('purpose')
        .execute();
      return rows.map((r) => r.purpose);
    },

    /** Every department's registered purposes, by department code. */
    async allPurposes(): Promise<Map<string, string[]>> {
      const rows = await db
        .selectFrom('department_purposes')
        .select(['department_code', 'purpose'])
        .where('removed_at', 'is', null)
        .orderBy('department_code')
        .orderBy('purpose')
        .execute();
      const byDepartment = new Map<string, string[]>();
      for (const r of rows)
        byDepartment.set(r.department_code, [...(byDepartment.get(r.department_code) ?? []), r.purpose]);
      return byDepartment;
    },

    /**
     * Registers purposes (normalised by the caller): new ones are inserted, removed ones registered
     * again (re-dated, the removal cleared), those registered already left as they are. The added ones.
     */
    async register(code: string, purposes: readonly string[], by: string, now: string): Promise<string[]> {
      const wanted = [...new Set(purposes)];
      if (wanted.length === 0) return [];
      return write(async (trx) => {
        const stored = await trx
          .selectFrom('department_purposes')
          .select(['purpose', 'removed_at'])
          .where('department_code', '=', code)
          .where('purpose', 'in', wanted)
          .execute();
        const state = new Map(stored.map((r) => [r.purpose, r.removed_at === null]));
        const fresh = wanted.filter((p) => !state.has(p));
        const revived = wanted.filter((p) => state.get(p) === false);
        const rows: Record<string, unknown>[] = [];
        if (fresh.length > 0) {
          rows.push(
            ...(await trx
              .insertInto('department_purposes')
              .values(
                fresh.map((purpose) => ({
                  department_code: code,
                  purpose,
                  registered_by: by,
                  registered_at: now,
                  removed_by: null,
                  removed_at: null,
                })),
              )
              .returningAll()
              .execute()),
          );
        }
        if (revived.length > 0) {
          rows.push(
            ...(await trx
              .updateTable('department_purposes')
              .set({ registered_by: by, registered_at: now, removed_by: null, removed_at: null })
              .where('department_code', '=', code)
              .where('purpose', 'in', revived)
              .where('removed_at', 'is not', null)
              .returningAll()
              .execute()),
          );
        }
        return { rows, result: wanted.filter((p) => state.get(p) !== true) };
      });
    },

    /** Removes registered purposes (all of them when `purposes` is undefined); the removed ones. */
    async remove(
      code: string,
      purposes: readonly string[] | undefined,
      by: string,
      now: string,
    ): Promise<string[]> {
      if (purposes?.length === 0) return [];
      return write(async (trx) => {
        let query = trx
          .updateTable('department_purposes')
          .set({ removed_by: by, removed_at: now })
          .where('department_code', '=', code)
          .where('removed_at', 'is', null);
        if (purposes !== undefined) query = query.where('purpose', 'in', [...purposes]);
        const rows = await query.returningAll().execute();
        return { rows, result: rows.map((r) => r.purpose).sort() };
      });
    },
  };
}
export type DepartmentPurposesRepository = ReturnType<typeof departmentPurposesRepository>;
