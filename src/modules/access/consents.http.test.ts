/** Consents (B21) as the subject grants them: what the scope may name (issue 14 §6). */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, relaxedPolicy, signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { loadDemoData } from '../demo/demo.loader.ts';

describeEachEngine('consents: the scope names catalog items', (getStore) => {
  let t: TestApp;
  let person: Record<string, string>;

  before(async () => {
    t = await createTestApp(getStore(), {
      now: () => '2026-11-26T08:00:00.000Z',
      policy: await relaxedPolicy(),
    });
    await loadDemoData(t.ctx, { persons: 4, organizations: 2 });
    person = await signIn(t.app, 'demo.person');
  });
  after(async () => t.close());

  const grant = (scope: string[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/consents',
      headers: person,
      payload: { granteeDepartment: 'HA-ZJJ', scope, purpose: '申请公租房', expiresOn: '2026-12-31' },
    });

  it('issue 14 §6: a consent scope naming an item the catalog does not have is refused, and nothing is stored', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/me/consents', headers: person })).json()
      .consents.length;
    const refused = await grant(['tax-arrears', 'no-such-item', 'TAX-ARREARS']);
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().error.code, 'CONSENT_SCOPE_UNKNOWN');
    assert.deepEqual(refused.json().error.details.unknown, ['no-such-item', 'TAX-ARREARS']);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/me/consents', headers: person })).json()
      .consents.length;
    assert.equal(after, before, 'nothing stored');

    assert.equal((await grant(['tax-arrears'])).statusCode, 201, 'an existing item');
    assert.equal((await grant(['*'])).statusCode, 201, "'*': every item of the subject's file");
  });
});
