/**
 * Issue 15 W10 (B8): a usage period declared on a list item binds checks and list views, not only
 * reads of records. The city publishes its red list item with a usage period of one year; an honour
 * identified more than a year ago no longer favors anyone, and the list says it expired.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { entryLastDay } from './list-rules.ts';
import { type DemoSubject, demoSubjects, listsTestApp, push, redOrg, setClock } from './test-support.ts';

it('W10, B8, B27: an entry is used until its B27 validity or its item’s usage period, whichever ends first', () => {
  // counted as B27 is (民法典 第二百零一条): the start day not counted, the last day inclusive
  assert.equal(entryLastDay('2029-11-20', '2026-11-20', null), '2029-11-20');
  assert.equal(entryLastDay('2029-11-20', '2026-11-20', { years: 1 }), '2027-11-20');
  assert.equal(entryLastDay('2027-11-20', '2026-11-20', { years: 3 }), '2027-11-20');
  assert.equal(
    entryLastDay(null, '2026-11-20', { months: 6 }),
    '2027-05-20',
    'red lists have no B27 validity',
  );
});

describeEachEngine('lists: item usage periods in checks and list views (W10)', (getStore) => {
  let t: TestApp;
  let old: DemoSubject;
  let recent: DemoSubject;
  let key = '';

  before(async () => {
    setClock('2026-11-26T08:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 4, organizations: 12 });
    [old, recent] = (await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise')) as [
      DemoSubject,
      DemoSubject,
    ];
    const item = (await t.ctx.catalog.current('redlist-organization'))!;
    const { version: _v, publishedAt: _p, ...draft } = item;
    await t.ctx.catalog.publish({ ...draft, usagePeriod: { years: 1 } }, t.ctx.now());
    const pushed = await push(t, 'HA-FGW', [
      redOrg('R-OLD', old, { identifiedOn: '2025-06-01' }),
      redOrg('R-NEW', recent, { identifiedOn: '2026-11-18' }),
    ]);
    assert.deepEqual(
      pushed.results.map((r) => r.outcome),
      ['created', 'created'],
      JSON.stringify(pushed.results),
    );
    key = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-CZJ',
        permissions: ['checks.run', 'lists.read'],
        label: '公共资源交易系统',
        createdBy: 'test',
      })
    ).key;
  });
  after(() => t.close());

  it('W10, B8, A13(4): an honour past its item’s usage period favors no one in a check; a recent one still does', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { authorization: `Bearer ${key}` },
      payload: {
        scenario: 'public_resource_trading',
        purpose: '投标保证金减免审查',
        subjects: [{ code: old.code }, { code: recent.code }],
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json().results.map((r: { decision: string }) => r.decision),
      ['none', 'favor'],
    );
  });

  it('W10, B8: the list view says the old entry expired on the last day of its usage period', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/lists/entries?listType=red&state=all',
      headers: { authorization: `Bearer ${key}`, 'x-purpose': encodeURIComponent('红名单核查测试') },
    });
    assert.equal(res.statusCode, 200, res.body);
    const byCode = new Map(
      res.json().entries.map((e: { subject: { code: string } }) => [e.subject.code, e] as const),
    );
    const stale = byCode.get(old.code) as { state: string; validityEndsOn: string };
    const fresh = byCode.get(recent.code) as { state: string; validityEndsOn: string };
    assert.deepEqual([stale.state, stale.validityEndsOn], ['expired', '2026-06-01']);
    assert.deepEqual([fresh.state, fresh.validityEndsOn], ['effective', '2027-11-18']);
    const effective = await t.app.inject({
      method: 'GET',
      url: '/api/v1/lists/entries?listType=red&state=effective',
      headers: { authorization: `Bearer ${key}`, 'x-purpose': encodeURIComponent('红名单核查测试') },
    });
    const codes = effective.json().entries.map((e: { subject: { code: string } }) => e.subject.code);
    assert.ok(codes.includes(recent.code) && !codes.includes(old.code), JSON.stringify(codes));
  });
});
