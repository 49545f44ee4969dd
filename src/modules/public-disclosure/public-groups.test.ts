/**
 * The subject page's grouping (issue 17: "grouped like a national credit report"), held to every item
 * the platform ships: a new seed item without a decided group fails here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEED_CATALOG } from '../catalog/index.ts';
import { SEED_LIST_TYPES } from '../lists/list-types.ts';
import { groupOf, PUBLIC_GROUPS } from './public-groups.ts';

/** Every seeded item and the group the portal shows it in. */
const EXPECTED: Record<string, string> = {
  registration: 'basic',
  'admin-license': 'licensing',
  qualification: 'basic',
  'person-basic': 'basic',
  honor: 'red',
  volunteering: 'red',
  charity: 'red',
  'criminal-judgment': 'other',
  'judgment-debtor': 'black',
  'tax-arrears': 'other',
  'social-insurance-arrears': 'other',
  'wage-arrears': 'other',
  'bidding-fraud': 'other',
  'safety-accident': 'other',
  'false-materials': 'other',
  'market-ban': 'other',
  'academic-misconduct': 'other',
  'admin-penalty': 'penalties',
  'fee-arrears': 'other',
  'admin-enforcement': 'other',
  'student-loan-default': 'other',
  'forged-job-papers': 'other',
  'credit-commitment': 'commitments',
  'credit-rating': 'other',
  interview: 'other',
  inspection: 'other',
  mortgage: 'other',
  pledge: 'other',
  trademark: 'other',
  'blacklist-person': 'black',
  'blacklist-organization': 'black',
  'redlist-person': 'red',
  'redlist-organization': 'red',
  'ecommerce-blacklist': 'black',
  'ecommerce-redlist': 'red',
  'redlist-rural': 'red',
};

const polarity = new Map(SEED_LIST_TYPES.map((t) => [t.code, t.polarity]));

describe('the subject page groups (issue 17)', () => {
  it('B10–B13, C §6(3): every seeded item has its decided group — 双公示 apart, lists by polarity, honours as 守信激励', () => {
    const actual = Object.fromEntries(SEED_CATALOG.map((i) => [i.code, groupOf(i, (t) => polarity.get(t))]));
    assert.deepEqual(actual, EXPECTED);
    for (const group of Object.values(actual))
      assert.ok((PUBLIC_GROUPS as readonly string[]).includes(group));
  });

  it('A3: a list type the city adds is grouped by its polarity; a watch list is never a list group', () => {
    const item = { code: 'new-list', category: 'negative' as const, listType: 'city-black' };
    assert.equal(
      groupOf(item, () => 'black'),
      'black',
    );
    assert.equal(
      groupOf({ ...item, listType: 'watch' }, () => 'watch'),
      'other',
    );
    assert.equal(
      groupOf({ ...item, category: 'positive', listType: 'city-red' }, () => 'red'),
      'red',
    );
  });
});
