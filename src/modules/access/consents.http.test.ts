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

describeEachEngine('consents: the end dates a new consent may have', (getStore) => {
  let t: TestApp;
  let person: Record<string, string>;

  before(async () => {
    // 16:30 UTC on 30 November is 1 December in China: the window starts on the China date.
    t = await createTestApp(getStore(), {
      now: () => '2026-11-30T16:30:00.000Z',
      policy: await relaxedPolicy(),
    });
    await loadDemoData(t.ctx, { persons: 4, organizations: 2 });
    person = await signIn(t.app, 'demo.person');
  });
  after(async () => t.close());

  const grant = (expiresOn: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/consents',
      headers: person,
      payload: { granteeDepartment: 'HA-ZJJ', scope: ['*'], purpose: '申请公租房', expiresOn },
    });

  it('B21, issue 17: the consents list says from which to which date a new consent may end, as the grant checks it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/consents', headers: person });
    assert.equal(res.statusCode, 200, res.body);
    const { grant: window } = res.json();
    assert.deepEqual(window, {
      expiresOnFrom: '2026-12-01',
      expiresOnUntil: '2027-12-01',
      maxPeriod: '1年',
      basis: t.ctx.policy.access.consentMaxPeriod.basis,
    });
    // The grant holds to the same window, both ends included.
    assert.equal((await grant('2026-11-30')).json().error?.code, 'CONSENT_EXPIRY_INVALID');
    assert.equal((await grant('2027-12-02')).json().error?.code, 'CONSENT_EXPIRY_INVALID');
    assert.equal((await grant(window.expiresOnFrom)).statusCode, 201);
    assert.equal((await grant(window.expiresOnUntil)).statusCode, 201);
  });
});
