import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { TEST_WRITER } from '../audit/test-support.ts';
import { SEED_CATALOG } from '../catalog/seed-catalog.ts';
import { SEED_DEPARTMENTS } from '../departments/seed-departments.ts';
import { SEED_LIST_TYPES } from '../lists/list-types.ts';
import { SCENARIOS } from '../measures/scenarios.ts';
import { SEED_MEASURES } from '../measures/seed.ts';
import { loadReferenceData, referenceDataStatus } from './reference.seed.ts';

const now = () => '2026-11-26T08:00:00.000Z';

describeEachEngine('reference data (xinyong init)', (getStore) => {
  const deps = () => {
    let reloads = 0;
    return {
      store: getStore(),
      policy: { id: 'huaian-2018' },
      rowWriter: TEST_WRITER,
      measures: {
        reload: () => {
          reloads++;
        },
      },
      now,
      reloads: () => reloads,
    };
  };
  const rows = async (table: 'subjects' | 'accounts' | 'api_keys' | 'records') => {
    const row = await getStore()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('issue 14 §0: a migrated database holds no reference data, and the status names each kind missing', async () => {
    const { missing } = await referenceDataStatus(getStore());
    assert.deepEqual(missing, ['regions', 'departments', 'listTypes', 'catalogItems', 'measures']);
  });

  it('issue 14 §0: init loads regions, the seed departments, list types, catalog and measures — no subject, no account', async () => {
    const d = deps();
    const added = await loadReferenceData(d);
    assert.ok(added.regions > 100, `regions: ${added.regions}`);
    assert.equal(added.departments, SEED_DEPARTMENTS.length);
    assert.equal(added.listTypes, SEED_LIST_TYPES.length);
    assert.equal(added.catalogItems, SEED_CATALOG.length);
    assert.equal(added.measures, SEED_MEASURES.length);
    assert.equal(added.scenarios, SCENARIOS.length);
    assert.equal(d.reloads(), 1, 'the measures cache is told');
    const { counts, missing } = await referenceDataStatus(getStore());
    assert.deepEqual(missing, []);
    assert.equal(counts.departments, SEED_DEPARTMENTS.length);
    assert.equal(counts.measures, SEED_MEASURES.length);
    // Nothing invented and no way in: the first administrator is the operator's to create.
    assert.equal(await rows('subjects'), 0);
    assert.equal(await rows('accounts'), 0);
    assert.equal(await rows('api_keys'), 0);
    assert.equal(await rows('records'), 0);
  });

  it('issue 14 §0: a second init changes nothing', async () => {
    const before = await referenceDataStatus(getStore());
    const again = await loadReferenceData(deps());
    assert.deepEqual(again, {
      regions: 0,
      departments: 0,
      listTypes: 0,
      catalogItems: 0,
      measures: 0,
      measuresUpdated: 0,
      catalogItemsCorrected: 0,
      scenarios: SCENARIOS.length,
    });
    assert.deepEqual(await referenceDataStatus(getStore()), before);
  });

  it('decision 0034 (国办发〔2025〕22号): a deployment under national-2026 is Huai’an under the national repair rules and uses the same reference data', async () => {
    const again = await loadReferenceData({ ...deps(), policy: { id: 'national-2026' } });
    assert.deepEqual([again.departments, again.catalogItems, again.measures], [0, 0, 0]);
  });

  it('issue 14 §0: init refuses a policy whose reference data does not ship (no Huai’an departments in another city)', async () => {
    await assert.rejects(
      loadReferenceData({ ...deps(), policy: { id: 'suqian-2020' } }),
      (error) => error instanceof AppError && error.code === 'REFERENCE_DATA_UNKNOWN',
    );
  });
});
