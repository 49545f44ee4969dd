/**
 * Issue 14 §6: `X-Purpose` is checked against the purposes (事项) the caller's department registered,
 * where it registered some; free text otherwise; bounded in length everywhere (B33, decision 0025).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, relaxedPolicy, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { actorId, cliOperator } from '../access/actor.ts';
import { loadDemoData } from '../demo/demo.loader.ts';

describeEachEngine('registered purposes (事项) and X-Purpose', (getStore) => {
  let t: TestApp;
  let key = '';

  before(async () => {
    t = await createTestApp(getStore(), {
      now: () => '2026-11-26T08:00:00.000Z',
      policy: await relaxedPolicy(),
    });
    await loadDemoData(t.ctx, { persons: 2, organizations: 2 });
    key = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-FGW',
        permissions: ['lists.read'],
        label: 'test',
        createdBy: 'test',
      })
    ).key;
  });
  after(async () => t.close());

  const read = (purpose: string) =>
    t.app.inject({
      method: 'GET',
      url: '/api/v1/lists/entries',
      headers: { authorization: `Bearer ${key}`, 'x-purpose': encodeURIComponent(purpose) },
    });

  it('issue 14 §6: X-Purpose longer than 200 characters is refused (PURPOSE_TOO_LONG)', async () => {
    const res = await read('审'.repeat(201));
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'PURPOSE_TOO_LONG');
    assert.equal((await read('审'.repeat(200))).statusCode, 200);
  });

  it('issue 14 §6: where the department registered purposes, X-Purpose must be one of them; free text elsewhere', async () => {
    assert.equal((await read('核查一下这家企业')).statusCode, 200, 'nothing registered: free text');

    const added = await t.ctx.departmentPurposes.register(cliOperator(), 'HA-FGW', [
      ' 政府投资项目审批 ',
      '评优评先（示范）',
    ]);
    assert.deepEqual(added, ['政府投资项目审批', '评优评先(示范)']);
    const refused = await read('核查一下这家企业');
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().error.code, 'PURPOSE_NOT_REGISTERED');
    assert.deepEqual(refused.json().error.details.registered, ['政府投资项目审批', '评优评先(示范)']);
    for (const purpose of [
      '政府投资项目审批',
      '政府投资项目审批：淮发改投资〔2026〕12号',
      '评优评先（示范）',
    ]) {
      assert.equal((await read(purpose)).statusCode, 200, purpose);
    }
    const audit = await Array.fromAsync(t.ctx.audit.repository.entries());
    assert.ok(audit.some((e) => e.action === 'department.purposes.register' && e.targetId === 'HA-FGW'));
    assert.ok(
      audit.some(
        (e) =>
          e.action === 'access.denied' && (e.detail as { code?: string }).code === 'PURPOSE_NOT_REGISTERED',
      ),
      'the refusal is on the audit trail',
    );

    const departments = (await t.app.inject({ method: 'GET', url: '/api/v1/departments' })).json()
      .departments;
    const fgw = departments.find((d: { code: string }) => d.code === 'HA-FGW');
    assert.deepEqual(fgw.purposes, ['政府投资项目审批', '评优评先(示范)'], 'published for integrators');
    assert.deepEqual(departments.find((d: { code: string }) => d.code === 'HA-GSJ').purposes, []);

    await t.ctx.departmentPurposes.remove(cliOperator(), 'HA-FGW');
    assert.equal((await read('核查一下这家企业')).statusCode, 200, 'cleared: free text again');
  });

  it("issue 14 §6: a check's own purpose (body, or the stream's query) is held to the registered purposes as X-Purpose is; nothing is recorded for a refused one", async () => {
    const checker = (
      await t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-CZJ',
        permissions: ['checks.run'],
        label: 'test',
        createdBy: 'test',
      })
    ).key;
    const code = '91320800MA1XXXXX0Y';
    const checks = async () =>
      Number(
        (
          await t.ctx.store.db
            .selectFrom('checks')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const check = (purpose: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/checks',
        headers: { authorization: `Bearer ${checker}` },
        payload: { scenario: 'public_resource_trading', purpose, subjects: [{ code }] },
      });
    const stream = (purpose: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/checks/stream?scenario=public_resource_trading&purpose=${encodeURIComponent(purpose)}`,
        headers: { authorization: `Bearer ${checker}`, 'content-type': 'application/x-ndjson' },
        payload: `${JSON.stringify({ code })}\n`,
      });

    assert.equal((await check('随便查查')).statusCode, 200, 'nothing registered: free text');
    await t.ctx.departmentPurposes.register(cliOperator(), 'HA-CZJ', ['政府采购供应商资格审查']);
    const before = await checks();
    for (const res of [await check('随便查查'), await stream('随便查查')]) {
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'PURPOSE_NOT_REGISTERED');
      assert.deepEqual(res.json().error.details.registered, ['政府采购供应商资格审查']);
    }
    assert.equal(await checks(), before, 'a refused check is not recorded');
    assert.equal((await check('政府采购供应商资格审查：淮采〔2026〕7号')).statusCode, 200);
    assert.equal((await stream('政府采购供应商资格审查')).statusCode, 200);
    assert.equal(await checks(), before + 2);
    await t.ctx.departmentPurposes.remove(cliOperator(), 'HA-CZJ');
  });

  it('issue 14 §3: a removal keeps the row, dated and signed; registering again revives it; the trail verifies throughout', async () => {
    const rows = () =>
      t.ctx.store.db
        .selectFrom('department_purposes')
        .select(['purpose', 'removed_by', 'removed_at'])
        .where('department_code', '=', 'HA-FGW')
        .orderBy('purpose')
        .execute();
    // the previous test registered two purposes and cleared them: both rows are still there, removed
    const cleared = await rows();
    assert.equal(cleared.length, 2);
    assert.ok(cleared.every((r) => r.removed_at !== null && r.removed_by === actorId(cliOperator())));
    assert.deepEqual(await t.ctx.departmentPurposes.registered('HA-FGW'), []);

    assert.deepEqual(
      await t.ctx.departmentPurposes.register(cliOperator(), 'HA-FGW', ['政府投资项目审批', '招标投标']),
      ['政府投资项目审批', '招标投标'],
    );
    assert.deepEqual(await t.ctx.departmentPurposes.register(cliOperator(), 'HA-FGW', ['招标投标']), []);
    assert.deepEqual(
      (await rows()).map((r) => [r.purpose, r.removed_at === null]).sort(),
      [
        ['招标投标', true],
        ['政府投资项目审批', true],
        ['评优评先(示范)', false],
      ].sort(),
    );
    assert.deepEqual(await t.ctx.departmentPurposes.remove(cliOperator(), 'HA-FGW', ['招标投标']), [
      '招标投标',
    ]);
    assert.deepEqual(await t.ctx.departmentPurposes.registered('HA-FGW'), ['政府投资项目审批']);
    const report = await t.ctx.audit.verify();
    assert.deepEqual(
      report.rowProblems.filter((p) => p.table === 'department_purposes'),
      [],
      'every registration, removal and revival is recorded',
    );
  });
});
