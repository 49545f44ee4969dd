import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { totp } from '../../platform/auth/index.ts';
import { createTestApp, relaxedPolicy, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { DEMO_PASSWORD, loadDemoData } from '../demo/demo.loader.ts';
import { generateDemoSubjects } from '../demo/index.ts';
import { maskCitizenId } from '../policy/index.ts';

let clock = Date.parse('2026-11-26T08:00:00.000Z');
const PURPOSE = { 'x-purpose': encodeURIComponent('住房保障资格审查') };

describeEachEngine('access: sessions, consent, purpose, lockout', (getStore) => {
  let t: TestApp;
  let personCode = '';
  const session = new Map<string, { cookie: string; 'x-csrf-token': string }>();

  async function signIn(login: string, extra: Record<string, string> = {}) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password: DEMO_PASSWORD, ...extra },
    });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === 'xinyong_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    const headers = {
      cookie: `xinyong_session=${cookie.value}`,
      'x-csrf-token': res.json().csrfToken as string,
    };
    session.set(login, headers);
    return headers;
  }

  before(async () => {
    t = await createTestApp(getStore(), {
      now: () => new Date(clock).toISOString(),
      policy: await relaxedPolicy(),
      config: { demo: true, identityVerifier: 'demo' },
    });
    await loadDemoData(t.ctx, { persons: 20, organizations: 5 });
    const person = await t.ctx.auth.accounts.findByLogin('demo.person');
    personCode = (await t.ctx.subjects.findById(person!.subjectId!))!.code;
    await signIn('demo.person');
    await signIn('demo.user');
  });
  after(async () => t.close());

  it('lets a subject see its own record with the full code (B20)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/subject',
      headers: session.get('demo.person'),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().code, personCode);
  });

  it('B20, A7, issue 17: the own subject comes with its ID number masked for the screen, the full one beside it', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/subject',
      headers: session.get('demo.person'),
    });
    const { code, codeMasked } = res.json();
    assert.equal(code, personCode);
    assert.equal(codeMasked, maskCitizenId(t.ctx.policy, personCode));
    assert.notEqual(codeMasked, personCode);
    assert.equal(codeMasked.slice(0, 6), personCode.slice(0, 6));
  });

  it('refuses a state-changing request of a cookie session without its CSRF token', async () => {
    const { cookie } = session.get('demo.person')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/consents',
      headers: { cookie },
      payload: {},
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'CSRF_INVALID');
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/consents',
      headers: { cookie, 'x-csrf-token': session.get('demo.user')!['x-csrf-token'] },
      payload: {},
    });
    assert.equal(other.json().error.code, 'CSRF_INVALID', 'a token of another session does not count');
  });

  it('requires a stated purpose for a staff query, and audits it with the purpose (B33)', async () => {
    const without = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${personCode}`,
      headers: session.get('demo.user'),
    });
    assert.equal(without.statusCode, 403);
    assert.equal(without.json().error.code, 'PURPOSE_REQUIRED');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${personCode}`,
      headers: { ...session.get('demo.user'), ...PURPOSE },
    });
    assert.equal(res.statusCode, 200, res.body);
    const entries = await Array.fromAsync(t.ctx.audit.repository.entries());
    const read = entries.filter((e) => e.action === 'subject.read').at(-1)!;
    assert.equal(read.purpose, '住房保障资格审查');
    assert.equal(read.actorRole, 'user_staff');
    assert.equal(read.actorDepartment, 'HA-ZJJ');
    assert.equal(read.policyId, t.ctx.policy.id);
    const denied = entries.filter(
      (e) => e.action === 'access.denied' && e.detail.code === 'PURPOSE_REQUIRED',
    );
    assert.ok(denied.length >= 1, 'the refused attempt is in the audit trail too');
  });

  it('consent lifecycle: none → denied; granted → allowed and audited; revoked or expired → denied (B21)', async () => {
    const covers = async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/subjects/${personCode}/consents?item=tax-arrears`,
        headers: { ...session.get('demo.user'), ...PURPOSE },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().covers as boolean;
    };
    assert.equal(await covers(), false, 'no consent yet');

    const grant = (expiresOn: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/consents',
        headers: session.get('demo.person'),
        payload: { granteeDepartment: 'HA-ZJJ', scope: ['tax-arrears'], purpose: '申请公租房', expiresOn },
      });
    const tooLong = await grant('2028-12-31');
    assert.equal(tooLong.statusCode, 400);
    assert.equal(tooLong.json().error.code, 'CONSENT_EXPIRY_INVALID');

    const granted = await grant('2026-12-31');
    assert.equal(granted.statusCode, 201, granted.body);
    assert.equal(granted.json().status, 'active');
    assert.equal(await covers(), true);
    const audit = await Array.fromAsync(t.ctx.audit.repository.entries());
    assert.ok(audit.some((e) => e.action === 'consent.grant' && e.targetId === granted.json().id));

    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/consents/${granted.json().id}/revoke`,
      headers: session.get('demo.person'),
      payload: {},
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(await covers(), false, 'revoked');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/consents',
      headers: session.get('demo.person'),
    });
    assert.equal(list.json().consents[0].status, 'revoked', 'kept as evidence, not deleted');

    const second = await grant('2026-12-01');
    assert.equal(await covers(), true);
    const saved = clock;
    clock = Date.parse('2026-12-02T00:00:00.000+08:00');
    try {
      await signIn('demo.user'); // the earlier session has itself expired by then
      assert.equal(await covers(), false, 'expired');
    } finally {
      clock = saved;
    }
    assert.equal(second.statusCode, 201);
  });

  it('gives another department nothing under a consent naming a different one (B21)', async () => {
    const provider = await signIn('demo.provider');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/subjects/${personCode}/consents?item=tax-arrears`,
      headers: { ...provider, ...PURPOSE },
    });
    assert.equal(res.json().covers, false);
    assert.deepEqual(res.json().consents, []);
  });

  it('refuses revoked and expired API keys, and accepts a live one', async () => {
    const issued = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-ZJJ',
      permissions: ['subjects.read'],
      label: '住建审批系统',
      createdBy: 'test',
    });
    const call = (key: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/subjects/${personCode}`,
        headers: { authorization: `Bearer ${key}`, ...PURPOSE },
      });
    assert.equal((await call(issued.key)).statusCode, 200);
    const rotated = await t.ctx.accountsAdmin.rotateApiKey(issued.id, 'test');
    const old = await call(issued.key);
    assert.equal(old.statusCode, 401);
    assert.equal(old.json().error.code, 'API_KEY_INVALID');
    assert.equal((await call(rotated.key)).statusCode, 200);
    assert.equal((await call(`${rotated.key.slice(0, -2)}AA`)).json().error.code, 'API_KEY_INVALID');
    assert.equal((await call('garbage')).json().error.code, 'API_KEY_INVALID');
  });

  it('refuses system keys any administrative permission', async () => {
    await assert.rejects(
      t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-ZJJ',
        permissions: ['accounts.manage'],
        label: 'x',
        createdBy: 't',
      }),
      /APIKEY_PERMISSIONS_INVALID|系统密钥/,
    );
  });

  it('locks a login after repeated failures, before looking at the password (lockout per policy)', async () => {
    const { maxFailures } = t.ctx.policy.access.loginLockout;
    for (let i = 0; i < maxFailures; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: 'demo.office', password: 'wrong-password-123' },
      });
      assert.equal(res.json().error.code, 'AUTH_LOGIN_FAILED');
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'demo.office', password: DEMO_PASSWORD },
    });
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().error.code, 'AUTH_LOCKED');
    clock += (t.ctx.policy.access.loginLockout.lockMinutes + 1) * 60_000;
    await signIn('demo.office');
  });

  it('asks for the TOTP code once enabled, and refuses its replay', async () => {
    const headers = await signIn('demo.center');
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers, payload: {} });
    const { secret, enrollment } = setup.json() as { secret: string; enrollment: string };
    assert.match(setup.json().otpauthUri, /^otpauth:\/\/totp\//);
    const enable = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      headers,
      payload: { secret, enrollment, code: totp(secret, { at: clock }), password: DEMO_PASSWORD },
    });
    assert.equal(enable.json().enabled, true, enable.body);
    const noCode = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'demo.center', password: DEMO_PASSWORD },
    });
    assert.equal(noCode.json().error.code, 'AUTH_LOGIN_FAILED', 'the same answer as a wrong password');
    clock += 30_000;
    const code = totp(secret, { at: clock });
    await signIn('demo.center', { totp: code });
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'demo.center', password: DEMO_PASSWORD, totp: code },
    });
    assert.equal(replay.json().error.code, 'AUTH_LOGIN_FAILED');
  });

  it('opens a subject account only after real-name verification (demo verifier, clearly labelled)', async () => {
    const { persons } = generateDemoSubjects({ persons: 2, organizations: 0 });
    const p = persons[1]!;
    const register = (name: string, demoCode: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: {
          code: p.code,
          name,
          login: 'citizen.two',
          password: 'Qingjiangpu-Spring-88',
          evidence: { demoCode },
        },
      });
    assert.equal((await register(`${p.name}x`, '888888')).json().error.code, 'IDENTITY_NOT_VERIFIED');
    assert.equal((await register(p.name, '123456')).json().error.code, 'IDENTITY_NOT_VERIFIED');
    const ok = await register(p.name, '888888');
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().verifier, 'demo');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'citizen.two', password: 'Qingjiangpu-Spring-88' },
    });
    assert.equal(login.json().role, 'subject');
  });

  it('ends a session at sign-out', async () => {
    const headers = await signIn('demo.auditor');
    assert.equal(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers, payload: {} })).statusCode,
      204,
    );
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    assert.equal(me.json().kind, 'anonymous');
  });

  it('shows the public an organization with its representative’s name masked, and no persons (A7)', async () => {
    const company = await t.ctx.auth.accounts.findByLogin('demo.company');
    const org = (await t.ctx.subjects.findById(company!.subjectId!))!;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/subjects/${org.code}` });
    assert.equal(res.statusCode, 200, res.body);
    const rep = (await t.ctx.subjects.findById(org.attributes.legalRepresentativeId as string))!;
    assert.notEqual(res.json().legalRepresentative, rep.name);
    assert.equal(res.json().legalRepresentative[0], rep.name[0]);
    assert.match(res.json().legalRepresentative, /\*/);
    const person = await t.app.inject({ method: 'GET', url: `/api/v1/public/subjects/${personCode}` });
    assert.equal(person.statusCode, 404);
  });
});

describeEachEngine('access: rate limits (policy access.rateLimits)', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore());
  });
  after(async () => t.close());

  it('limits sign-in attempts per client address', async () => {
    const limit = t.ctx.policy.access.rateLimits.loginPerMinute;
    let last = 0;
    for (let i = 0; i <= limit; i++) {
      last = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { login: `nobody${i}`, password: 'x' },
        })
      ).statusCode;
    }
    assert.equal(last, 429);
  });
});
