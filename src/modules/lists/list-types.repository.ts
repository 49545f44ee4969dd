/** The SQL of list types: read them, add one, add the seed types where missing. */
import { inTransaction } from '../../platform/db/transaction.ts';
import { LIST_TYPES_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import { type ListType, SEED_LIST_TYPES } from './list-types.ts';
import type { ListTypeTable } from './lists.tables.ts';

const fromRow = (r: ListTypeTable): ListType => ({
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  polarity: r.polarity,
  description: r.description,
});

export async function listTypes(db: Db): Promise<ListType[]> {
  const rows = await db.selectFrom('list_types').selectAll().orderBy('code').execute();
  return rows.map(fromRow);
}

/**
 * Adds a list type; an existing code is left as it is (returns false). The row's digest is recorded on
 * the audit chain in the same transaction (`writer`; issue 14 §3): a type's polarity decides whether
 * its entries punish or reward.
 */
export async function addListType(
  db: Db,
  type: ListType,
  now: string,
  writer: RowsWrittenMeta,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('list_types')
      .select('code')
      .where('code', '=', type.code)
      .executeTakeFirst();
    if (existing) return false;
    const rows = await trx
      .insertInto('list_types')
      .values({
        code: type.code,
        name: type.name,
        name_en: type.nameEn,
        polarity: type.polarity,
        description: type.description,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .execute();
    await recordStoredRows(trx, LIST_TYPES_AUDITED, rows, writer);
    return true;
  });
}

/** The seed types, added where missing; a second run changes nothing. */
export async function ensureSeedListTypes(db: Db, now: string, writer: RowsWrittenMeta): Promise<number> {
  let added = 0;
  for (const type of SEED_LIST_TYPES) if (await addListType(db, type, now, writer)) added++;
  return added;
}
