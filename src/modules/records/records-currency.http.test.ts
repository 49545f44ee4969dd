/**
 * Issue 15 W1, W10: every read of records derives currency from one rule (record-currency.ts): a
 * red-list record removed under A4, a black-list record past its removal date and an interview past
 * its usage period are no longer served as current.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import type { Actor } from '../access/actor.ts';
import { exampleRow } from '../catalog/index.ts';
import {
  blackOrg,
  blackPerson,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  redOrg,
  setClock,
} from '../lists/test-support.ts';

const PURPOSE = { 'x-purpose': encodeURIComponent('建设工程招标资格审查') };
type Read = {
  records: { item: string; state: string; stateBasis: string | null; expired: boolean }[];
  withheld: Record<string, number>;
};

describeEachEngine('reading records: one rule of currency (W1, W10)', (getStore) => {
  let t: TestApp;
  let session: Record<string, string>;
  let company: DemoSubject;
  let person: DemoSubject;
  let interviewed: DemoSubject;

  before(async () => {
    setClock('2026-11-26T08:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 20, organizations: 20 });
    const companies = await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise');
    [company, interviewed] = companies as [DemoSubject, DemoSubject];
    person = (await demoSubjects(t, 'person', (a) => a.employerDepartmentCode === undefined))[0]!;
    session = await signIn(t.app, 'demo.user');
  });
  after(() => t.close());

  const read = async (code: string): Promise<Read> => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${code}/records`,
      headers: { ...session, ...PURPOSE },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  /** The provider's own view: everything it provided, with its state. */
  const providerView = async (department: string, subjectId: string): Promise<Read> => {
    const actor: Actor = {
      kind: 'system',
      apiKeyId: `test-${department}`,
      departmentCode: department,
      regionCode: '320800',
      permissions: ['records.write'],
    };
    return (await t.ctx.records.readable(actor, subjectId)) as unknown as Read;
  };

  it('W1, A4: a red-list record removed by a black listing is withheld from others, and shown removed to its provider', async () => {
    const red = await push(t, 'HA-FGW', [redOrg('W1-R', company)]);
    assert.equal(red.results[0]!.outcome, 'created', JSON.stringify(red.results[0]));
    assert.deepEqual(
      (await read(company.code)).records.map((r) => [r.item, r.state]),
      [['redlist-organization', 'current']],
    );
    await push(t, 'HA-GSJ', [blackOrg('W1-B', company)]);
    const after = await read(company.code);
    assert.deepEqual(
      after.records.map((r) => [r.item, r.state]),
      [['blacklist-organization', 'current']],
    );
    assert.equal(after.withheld.REMOVED, 1);
    const own = await providerView('HA-FGW', company.id);
    assert.deepEqual(
      own.records
        .filter((r) => r.item === 'redlist-organization')
        .map((r) => [r.state, r.stateBasis, r.expired]),
      [['removed', 'A4', true]],
    );
  });

  it('W1, A12: a black-list record past its removal date is no longer served as current, though B27 validity runs', async () => {
    setClock('2026-10-05T08:00:00.000Z');
    const result = await push(t, 'HA-FY', [
      blackPerson('W1-BP', person, { identifiedOn: '2026-10-01' }, { validUntil: '2026-10-31' }),
    ]);
    assert.equal(result.results[0]!.outcome, 'created', JSON.stringify(result.results[0]));
    assert.deepEqual(
      (await read(person.code)).records.map((r) => r.state),
      ['current'],
    );
    setClock('2026-11-26T08:00:00.000Z');
    const later = await read(person.code);
    assert.deepEqual([later.records, later.withheld.EXPIRED], [[], 1]);
    const own = await providerView('HA-FY', person.id);
    assert.deepEqual(
      own.records.map((r) => [r.state, r.stateBasis]),
      [['expired', 'A12']],
    );
  });

  it('W10, B8: an interview past its 1-year usage period is withheld; a recent one is served', async () => {
    const item = (await t.ctx.catalog.current('interview'))!;
    const row = (n: string, identifiedOn: string) => ({
      ...(exampleRow(item) as Record<string, unknown>),
      providerRecordId: n,
      subject: { code: interviewed.code, name: interviewed.name },
      identifiedOn,
      fields: { ...(exampleRow(item) as { fields: Record<string, unknown> }).fields, rectifyBy: null },
    });
    const result = await push(t, 'HA-FGW', [row('W10-OLD', '2024-05-01'), row('W10-NEW', '2026-05-01')]);
    assert.equal(result.summary.created, 2, JSON.stringify(result.results));
    const seen = await read(interviewed.code);
    assert.deepEqual(
      seen.records.map((r) => [r.item, r.state]),
      [['interview', 'current']],
    );
    assert.equal(seen.withheld.EXPIRED, 1);
    const own = await providerView('HA-FGW', interviewed.id);
    assert.deepEqual(own.records.map((r) => [r.state, r.stateBasis]).sort(), [
      ['current', null],
      ['usage_ended', 'B8'],
    ]);
  });
});
