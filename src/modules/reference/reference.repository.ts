import type { Db } from '../database.ts';

/** How many rows each kind of reference data has: what `serve` checks before it opens its port. */
export type ReferenceCounts = {
  regions: number;
  departments: number;
  listTypes: number;
  catalogItems: number;
  measures: number;
};

export async function referenceCounts(db: Db): Promise<ReferenceCounts> {
  const count = async (table: 'regions' | 'departments' | 'list_types' | 'catalog_items' | 'measures') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const [regions, departments, listTypes, catalogItems, measures] = await Promise.all([
    count('regions'),
    count('departments'),
    count('list_types'),
    count('catalog_items'),
    count('measures'),
  ]);
  return { regions, departments, listTypes, catalogItems, measures };
}
