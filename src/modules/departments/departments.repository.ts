import { fromJson, toJson } from '../../platform/db/engine.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Store } from '../database.ts';
import type { DepartmentTable } from './departments.tables.ts';

export const DEPARTMENT_KINDS = [
  'provider',
  'user',
  'credit_center',
  'credit_office',
  'regional_node',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export type Department = {
  id: string;
  code: string;
  name: string;
  shortName: string;
  regionCode: string;
  kinds: DepartmentKind[];
  nature: string;
  parentCode: string | null;
};

export type NewDepartment = Omit<Department, 'id'>;

/** Departments: providers, users, the credit center and office, county nodes (DOMAIN "Who uses it"). */
export function departmentsRepository(store: Store) {
  const { db } = store;
  const toDepartment = (r: DepartmentTable): Department => ({
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    regionCode: r.region_code,
    kinds: fromJson<DepartmentKind[]>(r.kinds),
    nature: r.nature,
    parentCode: r.parent_code,
  });

  return {
    /** Inserts departments whose code is not known yet; known codes are left unchanged. */
    async ensure(departments: NewDepartment[], now: string): Promise<number> {
      if (departments.length === 0) return 0;
      const result = await db
        .insertInto('departments')
        .values(
          departments.map((d) => ({
            id: uuidv7(),
            code: d.code,
            name: d.name,
            short_name: d.shortName,
            region_code: d.regionCode,
            kinds: toJson(d.kinds),
            nature: d.nature,
            parent_code: d.parentCode,
            created_at: now,
            updated_at: now,
          })),
        )
        .onConflict((oc) => oc.column('code').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },

    async list(filter: { regionCode?: string | undefined; kind?: DepartmentKind | undefined } = {}) {
      let query = db.selectFrom('departments').selectAll().orderBy('code');
      if (filter.regionCode) query = query.where('region_code', '=', filter.regionCode);
      const rows = (await query.execute()).map(toDepartment);
      return filter.kind ? rows.filter((d) => d.kinds.includes(filter.kind!)) : rows;
    },

    async findByCode(code: string): Promise<Department | undefined> {
      const row = await db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toDepartment(row) : undefined;
    },
  };
}
export type DepartmentsRepository = ReturnType<typeof departmentsRepository>;
