/**
 * Issue 14 §4: sessions and the second factor. A password change left other sessions open; a caller
 * could bind a TOTP secret of its own choosing without the password; `/auth/password` was a free
 * password oracle; the sign-in answer told an existing login with TOTP apart; and a stranger typing a
 * known login locked its owner out for 30 minutes.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { base32Decode, generateTotpSecret, totp } from '../../platform/auth/index.ts';
import { loadConfig } from '../../platform/config.ts';
import { createTestApp, relaxedPolicy, signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { DEMO_PASSWORD, loadDemoData } from '../demo/demo.loader.ts';

let clock = Date.parse('2026-11-26T08:00:00.000Z');
const now = () => new Date(clock).toISOString();

function login(
  t: TestApp,
  body: Record<string, string>,
  options: { from?: string; forwardedFor?: string } = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: options.from ?? '127.0.0.1',
    headers: options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {},
    payload: body,
  });
}

/** The error of an answer, without what differs between any two requests. */
const errorOf = (res: { statusCode: number; json(): { error: unknown } }) => [
  res.statusCode,
  res.json().error,
];

describeEachEngine('issue 14 §4: sessions and the second factor', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore(), { now, policy: await relaxedPolicy() });
    await loadDemoData(t.ctx, { persons: 20, organizations: 5 });
  });
  after(async () => t.close());

  const totpCall = (headers: Record<string, string>, payload: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers, payload });

  it('issue 14 §4: a password change ends every other session of the account', async () => {
    const here = await signIn(t.app, 'demo.provider');
    const elsewhere = await signIn(t.app, 'demo.provider');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: here,
      payload: { current: DEMO_PASSWORD, next: 'Grand-Canal-Lock-2026' },
    });
    assert.equal(change.statusCode, 204, change.body);
    const who = async (headers: Record<string, string>) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).json().kind;
    assert.equal(await who(elsewhere), 'anonymous', 'the other session has ended');
    assert.equal(await who(here), 'account', 'the session that changed it goes on');
    await signIn(t.app, 'demo.provider', 'Grand-Canal-Lock-2026');
    // issue 14 §3: the sessions ended are recorded as ended, so the trail still holds every row
    const report = await t.ctx.audit.verify();
    assert.deepEqual(
      report.rowProblems.filter((p) => p.table === 'sessions'),
      [],
    );
  });

  it('issue 14 §4: the server generates the TOTP secret (160 bits); binding needs the password; a caller-chosen secret is refused', async () => {
    const headers = await signIn(t.app, 'demo.user');
    const chosen = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const own = await totpCall(headers, { secret: chosen, code: totp(chosen, { at: clock }) });
    assert.equal(own.statusCode, 400, own.body);
    assert.equal(own.json().error.code, 'TOTP_SECRET_NOT_ISSUED');

    const issued = await totpCall(headers, {});
    assert.equal(issued.statusCode, 200, issued.body);
    const { secret, enrollment, enabled } = issued.json() as {
      secret: string;
      enrollment: string;
      enabled: boolean;
    };
    assert.equal(enabled, false);
    assert.ok(base32Decode(secret).length >= 20, 'at least 160 bits');
    // The enrollment vouches for that secret only.
    const swapped = await totpCall(headers, {
      secret: chosen,
      enrollment,
      code: totp(chosen, { at: clock }),
      password: DEMO_PASSWORD,
    });
    assert.equal(swapped.json().error.code, 'TOTP_SECRET_NOT_ISSUED');
    const noPassword = await totpCall(headers, { secret, enrollment, code: totp(secret, { at: clock }) });
    assert.equal(noPassword.statusCode, 400);
    assert.equal(noPassword.json().error.code, 'TOTP_BINDING_INCOMPLETE');
    const wrongPassword = await totpCall(headers, {
      secret,
      enrollment,
      code: totp(secret, { at: clock }),
      password: 'not-the-password',
    });
    assert.equal(wrongPassword.statusCode, 401);
    const me = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).json();
    assert.equal((await me()).totpEnabled, false, 'nothing bound so far');

    const bound = await totpCall(headers, {
      secret,
      enrollment,
      code: totp(secret, { at: clock }),
      password: DEMO_PASSWORD,
    });
    assert.equal(bound.statusCode, 200, bound.body);
    assert.equal((await me()).totpEnabled, true);
    clock += 30_000;
    const noCode = await login(t, { login: 'demo.user', password: DEMO_PASSWORD });
    assert.equal(noCode.statusCode, 401, 'the code is needed from now on');
    const res = await login(t, {
      login: 'demo.user',
      password: DEMO_PASSWORD,
      totp: totp(secret, { at: clock }),
    });
    assert.equal(res.statusCode, 200, res.body);
  });

  it('issue 14 §4: replacing TOTP needs the password and a current code', async () => {
    clock += 30_000;
    const account = (await t.ctx.auth.accounts.findByLogin('demo.user'))!;
    const oldSecret = t.ctx.sealer.open(account.totpSecretSealed!);
    const res = await login(t, {
      login: 'demo.user',
      password: DEMO_PASSWORD,
      totp: totp(oldSecret, { at: clock }),
    });
    const cookie = res.cookies.find((c) => c.name === 'xinyong_session')!;
    const headers = { cookie: `xinyong_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken };
    clock += 30_000;
    const { secret, enrollment } = (await totpCall(headers, {})).json() as {
      secret: string;
      enrollment: string;
    };
    const bind = (extra: Record<string, string>) =>
      totpCall(headers, {
        secret,
        enrollment,
        code: totp(secret, { at: clock }),
        password: DEMO_PASSWORD,
        ...extra,
      });
    const withoutCode = await bind({});
    assert.equal(withoutCode.statusCode, 400, withoutCode.body);
    assert.equal(withoutCode.json().error.code, 'AUTH_TOTP_INVALID');
    assert.equal((await bind({ currentCode: '000000' })).json().error.code, 'AUTH_TOTP_INVALID');
    const replaced = await bind({ currentCode: totp(oldSecret, { at: clock }) });
    assert.equal(replaced.statusCode, 200, replaced.body);
    clock += 30_000;
    const withOld = await login(t, {
      login: 'demo.user',
      password: DEMO_PASSWORD,
      totp: totp(oldSecret, { at: clock }),
    });
    assert.equal(withOld.statusCode, 401, 'the old secret no longer signs in');
    const withNew = await login(t, {
      login: 'demo.user',
      password: DEMO_PASSWORD,
      totp: totp(secret, { at: clock }),
    });
    assert.equal(withNew.statusCode, 200, withNew.body);
  });

  it('issue 14 §4: an existing login with TOTP on gets the same answer as an unknown login', async () => {
    const company = (await t.ctx.auth.accounts.findByLogin('demo.company'))!;
    await t.ctx.auth.accounts.setTotp(company.id, t.ctx.sealer.seal(generateTotpSecret()), now());
    const unknown = await login(t, { login: 'nobody.here', password: DEMO_PASSWORD });
    assert.equal(unknown.json().error.code, 'AUTH_LOGIN_FAILED');
    const rightPasswordNoCode = await login(t, { login: 'demo.company', password: DEMO_PASSWORD });
    const rightPasswordWrongCode = await login(t, {
      login: 'demo.company',
      password: DEMO_PASSWORD,
      totp: '123456',
    });
    const wrongPassword = await login(t, { login: 'demo.company', password: 'Wrong-Password-2026' });
    for (const res of [rightPasswordNoCode, rightPasswordWrongCode, wrongPassword]) {
      assert.deepEqual(errorOf(res), errorOf(unknown));
    }
  });

  it('issue 14 §4: /api/v1/auth/password counts towards lockout', async () => {
    const headers = await signIn(t.app, 'demo.office');
    const { maxFailures } = t.ctx.policy.access.loginLockout;
    const guess = (current: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        remoteAddress: '10.9.9.9',
        headers,
        payload: { current, next: 'Hongze-Lake-Fisher-2026' },
      });
    for (let i = 0; i < maxFailures; i++) assert.equal((await guess(`guess-${i}-password`)).statusCode, 401);
    const locked = await guess(DEMO_PASSWORD);
    assert.equal(locked.statusCode, 429, locked.body);
    assert.equal(locked.json().error.code, 'AUTH_LOCKED');
    const signInThere = await login(
      t,
      { login: 'demo.office', password: DEMO_PASSWORD },
      { from: '10.9.9.9' },
    );
    assert.equal(signInThere.json().error.code, 'AUTH_LOCKED', 'the same lock as sign-in');
  });

  it('issue 14 §4: a stranger typing a known login locks only his own address, with a longer lock each time', async () => {
    const { maxFailures, lockMinutes } = t.ctx.policy.access.loginLockout;
    const stranger = (password: string) =>
      login(t, { login: 'demo.auditor', password }, { from: '10.6.6.6' });
    for (let i = 0; i < maxFailures; i++) await stranger(`guess-${i}-password`);
    const lockedOut = await stranger(DEMO_PASSWORD);
    assert.equal(lockedOut.json().error.code, 'AUTH_LOCKED');
    const firstUntil = Date.parse(lockedOut.json().error.details.until);
    assert.equal(firstUntil, clock + lockMinutes * 60_000);
    // The owner, at his own desk, is not locked out.
    const owner = await login(t, { login: 'demo.auditor', password: DEMO_PASSWORD });
    assert.equal(owner.statusCode, 200, owner.body);

    // Backoff: once the first lock ends, the next lock from that address lasts twice as long.
    clock = firstUntil + 60_000;
    for (let i = 0; i < maxFailures; i++) await stranger(`again-${i}-password`);
    const again = await stranger(DEMO_PASSWORD);
    assert.equal(again.json().error.code, 'AUTH_LOCKED');
    assert.equal(Date.parse(again.json().error.details.until), clock + 2 * lockMinutes * 60_000);
  });

  it('issue 14 §4: without a trusted proxy, X-Forwarded-For is not believed', async () => {
    const { maxFailures } = t.ctx.policy.access.loginLockout;
    for (let i = 0; i < maxFailures; i++) {
      await login(t, { login: 'demo.center', password: `guess-${i}-password` }, { forwardedFor: '10.6.6.7' });
    }
    // Both "addresses" are the socket's peer: the claimed one counted for nothing.
    const owner = await login(
      t,
      { login: 'demo.center', password: DEMO_PASSWORD },
      { forwardedFor: '10.1.1.1' },
    );
    assert.equal(owner.json().error.code, 'AUTH_LOCKED');
  });
});

describeEachEngine('issue 14 §4: behind a trusted reverse proxy', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore(), {
      now,
      policy: await relaxedPolicy(),
      config: { trustProxy: loadConfig({ XINYONG_TRUST_PROXY: '127.0.0.1' }).trustProxy },
    });
    await loadDemoData(t.ctx, { persons: 20, organizations: 5 });
  });
  after(async () => t.close());

  it('issue 14 §4: behind a trusted proxy, lockout keys on the forwarded client address', async () => {
    const { maxFailures } = t.ctx.policy.access.loginLockout;
    for (let i = 0; i < maxFailures; i++) {
      await login(t, { login: 'demo.center', password: `guess-${i}-password` }, { forwardedFor: '10.6.6.7' });
    }
    const stranger = await login(
      t,
      { login: 'demo.center', password: DEMO_PASSWORD },
      { forwardedFor: '10.6.6.7' },
    );
    assert.equal(stranger.json().error.code, 'AUTH_LOCKED');
    const owner = await login(
      t,
      { login: 'demo.center', password: DEMO_PASSWORD },
      { forwardedFor: '10.1.1.1' },
    );
    assert.equal(owner.statusCode, 200, owner.body);
  });

  it('issue 14 §4: the trust-proxy setting is read from XINYONG_TRUST_PROXY', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ XINYONG_TRUST_PROXY: 'true' }).trustProxy, true);
    assert.deepEqual(loadConfig({ XINYONG_TRUST_PROXY: '10.0.0.2, 172.16.0.0/12, ::1' }).trustProxy, [
      '10.0.0.2',
      '172.16.0.0/12',
      '::1',
    ]);
    assert.throws(() => loadConfig({ XINYONG_TRUST_PROXY: 'nginx' }), /XINYONG_TRUST_PROXY/);
    assert.throws(() => loadConfig({ XINYONG_TRUST_PROXY: '10.0.0.0/33' }), /XINYONG_TRUST_PROXY/);
  });
});

describeEachEngine('issue 14 §4: password change rate limit', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore());
    await loadDemoData(t.ctx, { persons: 20, organizations: 5 });
  });
  after(async () => t.close());

  it('issue 14 §4: /api/v1/auth/password is rate-limited per client address', async () => {
    const headers = await signIn(t.app, 'demo.provider');
    const limit = t.ctx.policy.access.rateLimits.loginPerMinute;
    let last: { statusCode: number; json(): { error: { code: string } } } | undefined;
    for (let i = 0; i <= limit; i++) {
      last = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers,
        payload: { current: `guess-${i}-password`, next: 'Hongze-Lake-Fisher-2026' },
      });
    }
    assert.equal(last?.statusCode, 429);
    assert.equal(last?.json().error.code, 'RATE_LIMITED');
  });
});
