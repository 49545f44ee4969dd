/**
 * The reference data a city starts from (`xinyong init`; `xinyong demo` loads it first): GB/T 2260
 * regions, the departments 淮政发〔2018〕103号 names, the list types, the published catalog (B8) and the
 * measures of joint incentives and punishments (A13, A14, D §5), which name departments, list types and
 * business scenarios (the scenarios are code: `measures/scenarios.ts`). No subject and no account:
 * those are the demo's (`modules/demo`) or the city's own. Every part is keyed by its natural code and
 * added only where missing, so a second run changes nothing and the city's later edits are kept.
 */

import { AppError } from '../../platform/errors.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import { ensureSeedCatalog } from '../catalog/catalog.seed.ts';
import type { Store } from '../database.ts';
import { ensureSeedDepartments } from '../departments/departments.seed.ts';
import { listRegions } from '../identity-codes/index.ts';
import { ensureSeedListTypes } from '../lists/list-types.repository.ts';
import { ensureSeedMeasures } from '../measures/measures.seed.ts';
import type { MeasuresService } from '../measures/measures.service.ts';
import { SCENARIOS } from '../measures/scenarios.ts';
import type { Policy } from '../policy/index.ts';
import { regionsRepository } from '../regions/regions.repository.ts';
import { type ReferenceCounts, referenceCounts } from './reference.repository.ts';

/**
 * The policies this reference data belongs to: the departments, catalog and measures shipped are
 * Huai'an's, drawn from the same document as `policies/huaian-2018.json`. `national-2026` is the same
 * city under the 2026 national repair rules: it keeps Huai'an's numbers outside repair and uses the
 * same reference data (decision 0034). Another city's policy brings its own (decision 0023).
 */
export const REFERENCE_DATA_POLICIES: readonly string[] = ['huaian-2018', 'national-2026'];

export type ReferenceDeps = {
  store: Store;
  policy: Pick<Policy, 'id'>;
  measures: Pick<MeasuresService, 'reload'>;
  /** who the reference rows are recorded as on the audit chain (issue 14 §3) */
  rowWriter: RowsWrittenMeta;
  now: () => string;
};

/** What a load added (zero everywhere on a second run). */
export type ReferenceLoadResult = {
  regions: number;
  departments: number;
  listTypes: number;
  catalogItems: number;
  measures: number;
  /** seed measures whose shipped content changed and got a new version */
  measuresUpdated: number;
  /** catalog items still as an earlier release shipped them, given the corrected version */
  catalogItemsCorrected: number;
  /** business scenarios measures may name (built in, nothing to store) */
  scenarios: number;
};

export async function loadReferenceData(deps: ReferenceDeps): Promise<ReferenceLoadResult> {
  if (!REFERENCE_DATA_POLICIES.includes(deps.policy.id)) {
    throw new AppError(
      'REFERENCE_DATA_UNKNOWN',
      400,
      `本平台没有政策 ${deps.policy.id} 的参考数据（部门、目录、措施）；随附的参考数据属于：${REFERENCE_DATA_POLICIES.join('、')}`,
      `No reference data (departments, catalog, measures) ships for policy ${deps.policy.id}; the shipped reference data belongs to: ${REFERENCE_DATA_POLICIES.join(', ')}`,
      { policy: deps.policy.id, known: [...REFERENCE_DATA_POLICIES] },
    );
  }
  const now = deps.now();
  const regions = await regionsRepository(deps.store).ensure(
    listRegions().map((r) => ({
      code: r.code,
      name: r.name,
      fullName: r.fullName,
      level: r.level,
      parentCode: r.parentCode ?? null,
      abolished: r.abolished === true,
    })),
  );
  const departments = await ensureSeedDepartments(deps.store, now);
  const listTypes = await ensureSeedListTypes(deps.store.db, now, deps.rowWriter);
  // The published catalog (B8): what providers may record, item by item.
  const catalog = await ensureSeedCatalog(deps.store, now, deps.rowWriter);
  // The measures (A13, A14, D §5) name departments and list types, so they come last.
  const measures = await ensureSeedMeasures(deps.store, now, deps.rowWriter);
  deps.measures.reload();
  return {
    regions,
    departments,
    listTypes,
    catalogItems: catalog.published.length,
    measures: measures.created.length,
    measuresUpdated: measures.updated.length,
    catalogItemsCorrected: catalog.corrected.length,
    scenarios: SCENARIOS.length,
  };
}

/**
 * What `xinyong init` would publish or correct in the catalog and the measures of this release (issue
 * 15: seed corrections reach a database through `init` only); nothing is written. Empty when the
 * database is up to date, or when no reference data ships for the policy.
 */
export async function pendingSeedChanges(
  deps: Pick<ReferenceDeps, 'store' | 'now' | 'rowWriter' | 'policy'>,
) {
  if (!REFERENCE_DATA_POLICIES.includes(deps.policy.id)) return { catalogItems: [], measures: [] };
  const dryRun = { dryRun: true };
  const catalog = await ensureSeedCatalog(deps.store, deps.now(), deps.rowWriter, dryRun);
  let measures: string[];
  try {
    const seed = await ensureSeedMeasures(deps.store, deps.now(), deps.rowWriter, dryRun);
    measures = [...seed.created, ...seed.updated];
  } catch (error) {
    // A new measure naming a department or list type `init` has not loaded yet: init is pending.
    if (!(error instanceof AppError)) throw error;
    measures = ['(xinyong init)'];
  }
  return { catalogItems: [...catalog.published, ...catalog.corrected], measures };
}

/** What reference data the database holds, and which kinds are missing (none after `xinyong init`). */
export async function referenceDataStatus(
  store: Store,
): Promise<{ counts: ReferenceCounts; missing: (keyof ReferenceCounts)[] }> {
  const counts = await referenceCounts(store.db);
  const missing = (Object.keys(counts) as (keyof ReferenceCounts)[]).filter((kind) => counts[kind] === 0);
  return { counts, missing };
}
