/**
 * Granting a consent must not be an oracle for (ID number, name) pairs (issue 17 review; B24, A7;
 * decision 0040): every other field is checked before the grantee is looked up, each look-up is
 * audited, hit or miss, and grants are limited per account and per client address.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, relaxedPolicy, signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { citizenId } from '../catalog/test-support.ts';
import { DEMO_PASSWORD, loadDemoData } from '../demo/demo.loader.ts';
import type { Policy } from '../policy/index.ts';
import type { Subject } from '../subjects/subjects.repository.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

describeEachEngine('consents: granting is no oracle for ID numbers and names (B24, A7)', (getStore) => {
  let t: TestApp;
  let person: Subject;
  let landlord: Subject;
  const sessions = new Map<string, Record<string, string>>();

  before(async () => {
    const policy = (await relaxedPolicy()) as Policy & { access: { rateLimits: Record<string, number> } };
    policy.access.rateLimits.consentGrantsPerTenMinutes = 7;
    policy.access.rateLimits.consentGrantsPerAddressPerTenMinutes = 9;
    t = await createTestApp(getStore(), { now: () => '2026-11-26T08:00:00.000Z', policy });
    await loadDemoData(t.ctx, { persons: 4, organizations: 2 });
    const subjectOf = async (login: string) =>
      (await t.ctx.subjects.findById((await t.ctx.auth.accounts.findByLogin(login))!.subjectId!))!;
    person = await subjectOf('demo.person');
    const all = await t.ctx.subjects.list({ limit: 100, offset: 0 });
    landlord = all.find((s) => s.kind === 'person' && s.id !== person.id)!;
    await t.ctx.accountsAdmin.createAccount({
      login: 'landlord',
      displayName: '交易对方（测试）',
      role: 'subject',
      subjectId: landlord.id,
      password: DEMO_PASSWORD,
    });
    for (const login of ['demo.person', 'landlord']) sessions.set(login, await signIn(t.app, login));
  });
  after(async () => t.close());

  const grant = (payload: Json, login = 'demo.person') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/consents',
      headers: sessions.get(login)!,
      payload: { scope: ['tax-arrears'], purpose: '租房信用审查', expiresOn: '2026-12-31', ...payload },
    });
  const denials = async () =>
    (await Array.fromAsync(t.ctx.audit.repository.entries())).filter(
      (e) => e.action === 'consent.grant' && e.result === 'denied',
    );

  it('B24, A7: a bad scope, end date or purpose is refused alike whether or not the code and name are a registered pair', async () => {
    const registered = { granteeSubjectCode: landlord.code, granteeName: landlord.name };
    const unregistered = { granteeSubjectCode: citizenId('19850101', '555'), granteeName: landlord.name };
    for (const bad of [
      { scope: ['no-such-item'] },
      { expiresOn: '2000-01-01' },
      { purpose: '   ' },
    ] as Json[]) {
      const hit = await grant({ ...registered, ...bad });
      const miss = await grant({ ...unregistered, ...bad });
      assert.equal(hit.statusCode, 400, hit.body);
      assert.deepEqual(hit.json(), miss.json(), `one answer for ${JSON.stringify(bad)}`);
      assert.notEqual(hit.json().error.code, 'CONSENT_GRANTEE_UNKNOWN');
    }
  });

  it('B24: every look-up of a grantee is audited, a hit that grants nothing too', async () => {
    const before = (await denials()).length;
    const miss = await grant({ granteeSubjectCode: landlord.code, granteeName: '王芳' }, 'landlord');
    assert.equal(miss.json().error.code, 'CONSENT_GRANTEE_UNKNOWN');
    const self = await grant({ granteeSubjectCode: landlord.code, granteeName: landlord.name }, 'landlord');
    assert.equal(self.json().error.code, 'CONSENT_GRANTEE_SELF');
    const entries = (await denials()).slice(before);
    assert.deepEqual(
      entries.map((e) => [e.targetId, (e.detail as Json | null)?.failure]),
      [
        [landlord.id, 'name_mismatch'],
        [landlord.id, 'self'],
      ],
    );
  });

  it('B24: grants are limited per account and per client address; the limit answers 429 RATE_LIMITED', async () => {
    // The account limit (7 in ten minutes, this suite's policy) counts every attempt, refused or not:
    // demo.person made 6 above, landlord 2.
    assert.equal((await grant({ granteeDepartment: 'HA-ZJJ' })).statusCode, 201, 'the 7th');
    const limited = await grant({ granteeDepartment: 'HA-ZJJ' });
    assert.equal(limited.statusCode, 429, limited.body);
    assert.equal(limited.json().error.code, 'RATE_LIMITED');
    // landlord's account has room (2 of 7), but the address has had its 9 (the limited one not counted).
    const byAddress = await grant({ granteeDepartment: 'HA-ZJJ' }, 'landlord');
    assert.equal(byAddress.statusCode, 429, byAddress.body);
    assert.equal(byAddress.json().error.code, 'RATE_LIMITED');
  });
});
