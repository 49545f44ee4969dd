/**
 * POST /api/v1/records and GET /api/v1/records/stats: who may push (providers, for their own
 * department: B4), who may read the figures (credit center and office: A22), and the batch limits.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { HttpApp } from '../../platform/http/server.ts';
import { signIn } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { penalty, type RecordsTestApp, recordsHttpApp, recordsTestApp, setClock } from './test-support.ts';

describeEachEngine('records HTTP: intake and stats', (getStore) => {
  let t: RecordsTestApp;
  let app: HttpApp;
  let key = '';
  const sessions = new Map<string, Record<string, string>>();

  before(async () => {
    setClock('2026-11-26T08:00:00.000Z');
    t = await recordsTestApp(getStore());
    app = await recordsHttpApp(t);
    ({ key } = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-TAX',
      permissions: ['records.write'],
      label: '税务归集系统',
      createdBy: 'test',
    }));
    for (const login of ['demo.provider', 'demo.user', 'demo.center', 'demo.office']) {
      sessions.set(login, await signIn(app, login));
    }
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  const post = (headers: Record<string, string>, payload: unknown) =>
    app.inject({ method: 'POST', url: '/api/v1/records', headers, payload: payload as object });

  it("accepts a provider system's batch with its API key: 200 with a result per row", async () => {
    const res = await post(
      { authorization: `Bearer ${key}` },
      { rows: [penalty(1), penalty(2, { identifiedOn: 'x' })] },
    );
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(
      body.results.map((r: { outcome: string }) => r.outcome),
      ['created', 'refused'],
      'accept_valid is the default mode',
    );
    assert.equal(body.summary.total, 2);
    assert.match(body.batchId, /^[0-9a-f-]{36}$/);
    assert.equal((await t.intake.repository.versions('HA-TAX', 'P-1'))[0]!.provider_department, 'HA-TAX');
  });

  it("accepts a provider's staff member signed in, for their own department (B4)", async () => {
    const res = await post(sessions.get('demo.provider')!, { mode: 'all_or_nothing', rows: [penalty(3)] });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().summary.created, 1);
    const entries = await Array.fromAsync(t.ctx.audit.repository.entries());
    const intake = entries.filter((e) => e.action === 'records.intake').at(-1)!;
    assert.deepEqual([intake.actorRole, intake.actorDepartment], ['provider_staff', 'HA-TAX']);
  });

  it('refuses user-department staff (403) and the anonymous public (401)', async () => {
    const staff = await post(sessions.get('demo.user')!, { rows: [penalty(4)] });
    assert.equal(staff.statusCode, 403);
    assert.equal(staff.json().error.code, 'ACCESS_DENIED');
    const anonymous = await post({}, { rows: [penalty(4)] });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(await t.intake.repository.versions('HA-TAX', 'P-4').then((v) => v.length), 0);
  });

  it('takes a batch far above the default body limit, and refuses more than 10,000 rows', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => penalty(5, { providerRecordId: `BIG-${i}` }));
    assert.ok(Buffer.byteLength(JSON.stringify({ rows })) > 1024 * 1024, 'above the 1 MiB default');
    const big = await post({ authorization: `Bearer ${key}` }, { rows });
    assert.equal(big.statusCode, 200, big.body.slice(0, 500));
    assert.equal(big.json().summary.created, 2500);
    const tooMany = await post(
      { authorization: `Bearer ${key}` },
      { rows: Array.from({ length: 10_001 }, () => ({})) },
    );
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json().error.code, 'REQUEST_INVALID');
  });

  it('gives the credit center and office per-department figures; providers and users may not read them', async () => {
    const url = '/api/v1/records/stats?from=2026-11-26&to=2026-11-26';
    for (const login of ['demo.center', 'demo.office']) {
      const res = await app.inject({ method: 'GET', url, headers: sessions.get(login)! });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().departments, [
        { department: 'HA-TAX', pushed: 2502, late: 0, provisional: 0, refused: 1 },
      ]);
    }
    for (const login of ['demo.provider', 'demo.user']) {
      const res = await app.inject({ method: 'GET', url, headers: sessions.get(login)! });
      assert.equal(res.statusCode, 403);
    }
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/records/stats?from=2026-12-01&to=2026-11-01',
      headers: sessions.get('demo.center')!,
    });
    assert.equal(bad.json().error.code, 'RECORD_STATS_RANGE_INVALID');
  });
});
