/** The SQL of the registry of code exceptions: found by blind index, the code itself sealed. */
import type { Insertable, Selectable } from 'kysely';
import { inChunks } from '../../platform/chunks.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { CODE_EXCEPTIONS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type { CodeExceptionTable } from './identity-codes.tables.ts';

/** Blind indexes per IN list. */
const PER_QUERY = 500;

export const codeExceptionsRepository = {
  /** The registered exceptions among these blind indexes. */
  async findByIndexes(
    db: Db,
    indexes: readonly string[],
  ): Promise<Pick<CodeExceptionTable, 'code_digest' | 'kind' | 'reason'>[]> {
    const out = [];
    for (const part of inChunks(indexes, PER_QUERY)) {
      out.push(
        ...(await db
          .selectFrom('code_exceptions')
          .select(['code_digest', 'kind', 'reason'])
          .where('code_digest', 'in', part)
          .execute()),
      );
    }
    return out;
  },

  /** Registers an exception; its digest is recorded on the audit chain in the same transaction (issue 14 §3). */
  async insert(db: Db, row: Insertable<CodeExceptionTable>, writer: RowsWrittenMeta): Promise<void> {
    await inTransaction(db, async (trx) => {
      const rows = await trx.insertInto('code_exceptions').values(row).returningAll().execute();
      await recordStoredRows(trx, CODE_EXCEPTIONS_AUDITED, rows, writer);
    });
  },

  /** Every registered exception, oldest first. */
  async list(db: Db): Promise<Selectable<CodeExceptionTable>[]> {
    return db.selectFrom('code_exceptions').selectAll().orderBy('created_at').execute();
  },
};
