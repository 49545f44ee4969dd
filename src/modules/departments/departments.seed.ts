import type { Store } from '../database.ts';
import { departmentsRepository } from './departments.repository.ts';
import { SEED_DEPARTMENTS } from './seed-departments.ts';

/**
 * Registers the seed departments that are missing; a department already registered is left as it is
 * (the city's register, not the seed's). Idempotent: returns how many were added.
 */
export async function ensureSeedDepartments(store: Store, now: string): Promise<number> {
  return departmentsRepository(store).ensure(
    SEED_DEPARTMENTS.map((d) => ({
      code: d.code,
      name: d.name,
      shortName: d.shortName,
      regionCode: d.regionCode,
      kinds: [...d.kinds],
      nature: d.nature,
      parentCode: d.parentCode ?? null,
    })),
    now,
  );
}
