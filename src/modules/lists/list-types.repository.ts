/** The SQL of list types: read them, add one, add the seed types where missing. */
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

/** Adds a list type; an existing code is left as it is (returns false). */
export async function addListType(db: Db, type: ListType, now: string): Promise<boolean> {
  const existing = await db
    .selectFrom('list_types')
    .select('code')
    .where('code', '=', type.code)
    .executeTakeFirst();
  if (existing) return false;
  await db
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
    .execute();
  return true;
}

/** The seed types, added where missing; a second run changes nothing. */
export async function ensureSeedListTypes(db: Db, now: string): Promise<number> {
  let added = 0;
  for (const type of SEED_LIST_TYPES) if (await addListType(db, type, now)) added++;
  return added;
}
