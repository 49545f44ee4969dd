/**
 * Reading credit records by usage scope (B18), own records (B20), consent (B21) and validity (B27).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { signIn as signInAs } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { SEED_CATALOG } from '../catalog/index.ts';
import { clock, penalty, push, type RecordsTestApp, recordsTestApp, setClock } from './test-support.ts';

const PURPOSE = { 'x-purpose': encodeURIComponent('建设工程招标资格审查') };

describeEachEngine('reading records by scope, consent and validity', (getStore) => {
  let t: RecordsTestApp;
  let personCode = '';
  const sessions = new Map<string, Record<string, string>>();

  async function signIn(login: string) {
    sessions.set(login, await signInAs(t.app, login));
  }
  const read = async (login: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${personCode}/records`,
      headers: { ...sessions.get(login), ...PURPOSE },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as {
      records: { id: string; item: string; readBasis: string; expired: boolean }[];
      withheld: Record<string, number>;
    };
  };

  before(async () => {
    t = await recordsTestApp(getStore());
    const penaltyItem = SEED_CATALOG.find((d) => d.code === 'admin-penalty')!;
    for (const [code, usageScope] of [
      ['test-government-penalty', 'government'],
      ['test-authorized-penalty', 'authorized'],
    ] as const) {
      await t.ctx.catalog.publish({ ...structuredClone(penaltyItem), code, usageScope }, t.ctx.now());
    }
    const account = await t.ctx.auth.accounts.findByLogin('demo.person');
    const person = (await t.ctx.subjects.findById(account!.subjectId!))!;
    personCode = person.code;
    const subject = { code: person.code, name: person.name };
    const result = await push(t, 'HA-GSJ', [
      penalty(1, { subject, identifiedOn: '2026-10-15' }), // 社会公开
      penalty(2, { subject, item: 'test-government-penalty', identifiedOn: '2026-10-15' }),
      penalty(3, { subject, item: 'test-authorized-penalty', identifiedOn: '2026-10-15' }),
      penalty(4, { subject, identifiedOn: '2025-01-10' }), // 一般: valid 1 year → expired (B27)
    ]);
    assert.equal(result.summary.created, 4, JSON.stringify(result.results));
    for (const login of ['demo.person', 'demo.user']) await signIn(login);
  });
  after(async () => t.close());

  it('shows the subject all of its own records, expired ones marked (B20, B27)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/records',
      headers: sessions.get('demo.person'),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.records.length, 4);
    assert.equal(body.records.filter((r: { expired: boolean }) => r.expired).length, 1);
    const own = await Array.fromAsync(t.ctx.audit.repository.entries({ action: 'records.read_own' }));
    assert.equal(own.length, 1, 'a subject reading its own non-public records leaves a trace too (C §4(1))');
  });

  it('shows other government staff public and shared items, withholds 授权查询 and expired ones (B18, B21, B27)', async () => {
    const body = await read('demo.user');
    assert.deepEqual(body.records.map((r) => r.item).sort(), ['admin-penalty', 'test-government-penalty']);
    assert.deepEqual(body.withheld, {
      CONSENT_REQUIRED: 1,
      SCOPE_DENIED: 0,
      EXPIRED: 1,
      REMOVED: 0,
      WITHDRAWN: 0,
      REPAIRED: 0,
      PUBLICATION_ENDED: 0,
    });
  });

  it('shows the 授权查询 item once the subject consents, and audits the read with its basis (B21, B33)', async () => {
    const grant = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/consents',
      headers: sessions.get('demo.person'),
      payload: {
        granteeDepartment: 'HA-ZJJ',
        scope: ['test-authorized-penalty'],
        purpose: '投标资格审查',
        expiresOn: '2026-12-31',
      },
    });
    assert.equal(grant.statusCode, 201, grant.body);
    const body = await read('demo.user');
    assert.equal(body.records.length, 3);
    assert.equal(body.records.find((r) => r.item === 'test-authorized-penalty')?.readBasis, 'consent');
    const entries = await Array.fromAsync(t.ctx.audit.repository.entries({ action: 'records.read' }));
    const last = entries.at(-1)!;
    assert.equal(last.purpose, '建设工程招标资格审查');
    assert.deepEqual((last.detail.withheld as Record<string, number>).CONSENT_REQUIRED, 0);
  });

  it('lets the providing department read what it provided, expired included (B4)', async () => {
    const { key } = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-GSJ',
      permissions: ['subjects.read', 'records.write'],
      label: '市场监管系统',
      createdBy: 'test',
    });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${personCode}/records`,
      headers: { authorization: `Bearer ${key}`, ...PURPOSE },
    });
    assert.equal(res.json().records.length, 4);
  });

  it('W2, B27: from 00:00 China time a record whose validity ended yesterday is expired, though the UTC date is still yesterday', async () => {
    const saved = new Date(clock.now).toISOString();
    try {
      const account = await t.ctx.auth.accounts.findByLogin('demo.person');
      const person = (await t.ctx.subjects.findById(account!.subjectId!))!;
      const pushed = await push(t, 'HA-GSJ', [
        penalty(5, { subject: { code: person.code, name: person.name }, identifiedOn: '2025-11-28' }),
      ]);
      assert.equal(pushed.summary.created, 1, JSON.stringify(pushed.results));
      const own = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/records',
        headers: sessions.get('demo.person'),
      });
      const record = (own.json().records as { id: string; validityEndsOn: string; expired: boolean }[]).find(
        (r) => r.id === pushed.results[0]!.recordId,
      )!;
      assert.equal(record.expired, false);
      // 01:00 in Beijing on the day after the validity ended; the UTC date is still the last valid day.
      const lastDay = record.validityEndsOn;
      setClock(`${lastDay}T17:00:00.000Z`);
      assert.equal(t.ctx.today() > lastDay, true, 'today is the China date');
      for (const login of ['demo.person', 'demo.user']) await signIn(login);
      const again = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/records',
        headers: sessions.get('demo.person'),
      });
      const now = (again.json().records as { id: string; expired: boolean }[]).find(
        (r) => r.id === record.id,
      )!;
      assert.equal(now.expired, true, 'served as expired from 00:00 China time');
      const staff = await read('demo.user');
      assert.equal(
        staff.records.some((r) => r.id === record.id),
        false,
        'not served to another department',
      );
      assert.equal(staff.withheld.EXPIRED, 2, 'withheld as expired, with the record that expired a year ago');
    } finally {
      setClock(saved);
    }
  });
});
