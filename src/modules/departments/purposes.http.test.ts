/**
 * Issue 14 §6: `X-Purpose` is checked against the purposes (事项) the caller's department registered,
 * where it registered some; free text otherwise; bounded in length everywhere (B33, decision 0025).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, relaxedPolicy, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { cliOperator } from '../access/actor.ts';
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
});
