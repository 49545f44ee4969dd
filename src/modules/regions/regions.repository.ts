import type { Store } from '../database.ts';

export type Region = {
  code: string;
  name: string;
  fullName: string;
  level: string;
  parentCode: string | null;
  abolished: boolean;
};

/** GB/T 2260 administrative divisions known to this node (reference data; loaded by `xinyong init`). */
export function regionsRepository(store: Store) {
  const { db } = store;
  return {
    /** Inserts regions that are not there yet; existing codes are left as they are. */
    async ensure(regions: Region[]): Promise<number> {
      if (regions.length === 0) return 0;
      const result = await db
        .insertInto('regions')
        .values(
          regions.map((r) => ({
            code: r.code,
            name: r.name,
            full_name: r.fullName,
            level: r.level,
            parent_code: r.parentCode,
            abolished: r.abolished ? 1 : 0,
          })),
        )
        .onConflict((oc) => oc.column('code').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },

    async list(filter: { parentCode?: string | undefined } = {}): Promise<Region[]> {
      let query = db.selectFrom('regions').selectAll().orderBy('code');
      if (filter.parentCode) query = query.where('parent_code', '=', filter.parentCode);
      const rows = await query.execute();
      return rows.map((r) => ({
        code: r.code,
        name: r.name,
        fullName: r.full_name,
        level: r.level,
        parentCode: r.parent_code,
        abolished: r.abolished === 1,
      }));
    },
  };
}
export type RegionsRepository = ReturnType<typeof regionsRepository>;
