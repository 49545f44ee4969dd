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

    /** The purposes (事项) a department registered, sorted; none: it states free text (decision 0025). */
    async purposesOf(code: string): Promise<string[]> {
      const rows = await db
        .selectFrom('department_purposes')
        .select('purpose')
        .where('department_code', '=', code)
        .orderBy('purpose')
        .execute();
      return rows.map((r) => r.purpose);
    },

    /** Every department's registered purposes, by department code. */
    async allPurposes(): Promise<Map<string, string[]>> {
      const rows = await db
        .selectFrom('department_purposes')
        .select(['department_code', 'purpose'])
        .orderBy('department_code')
        .orderBy('purpose')
        .execute();
      const byDepartment = new Map<string, string[]>();
      for (const r of rows)
        byDepartment.set(r.department_code, [...(byDepartment.get(r.department_code) ?? []), r.purpose]);
      return byDepartment;
    },

    /** Registers purposes (normalised by the caller); those already registered are left as they are. */
    async registerPurposes(
      code: string,
      purposes: readonly string[],
      by: string,
      now: string,
    ): Promise<string[]> {
      if (purposes.length === 0) return [];
      const known = new Set(await this.purposesOf(code));
      const added = [...new Set(purposes)].filter((p) => !known.has(p));
      if (added.length > 0) {
        await db
          .insertInto('department_purposes')
          .values(
            added.map((purpose) => ({
              department_code: code,
              purpose,
              registered_by: by,
              registered_at: now,
            })),
          )
          .onConflict((oc) => oc.columns(['department_code', 'purpose']).doNothing())
          .execute();
      }
      return added;
    },

    /** Removes registered purposes (all of them when `purposes` is undefined); the removed ones. */
    async removePurposes(code: string, purposes?: readonly string[]): Promise<string[]> {
      const before = await this.purposesOf(code);
      const removed = purposes === undefined ? before : before.filter((p) => purposes.includes(p));
      if (removed.length > 0) {
        await db
          .deleteFrom('department_purposes')
          .where('department_code', '=', code)
          .where('purpose', 'in', removed)
          .execute();
      }
      return removed;
    },
  };
}
export type DepartmentsRepository = ReturnType<typeof departmentsRepository>;
