/**
 * Issue 14 §1: self-registration was an account takeover. Anyone knowing a subject's code and name
 * (both public for an organization) registered an account on it with the demo verifier's constant
 * code, which was on by default; the answers told wrong names from wrong codes; and the center could
 * bind an account to any subject silently.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { loadConfig } from '../../platform/config.ts';
import { createTestApp, relaxedPolicy, signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { DEMO_PASSWORD, loadDemoData } from '../demo/demo.loader.ts';
import { generateDemoSubjects } from '../demo/index.ts';

const DEMO_CONFIG = { demo: true, identityVerifier: 'demo' };
const { persons, organizations } = generateDemoSubjects({ persons: 20, organizations: 5 });
/** A well-formed citizen ID number of nobody on the platform. */
const UNKNOWN_CODE = '11010519491231002X';
const PURPOSE = (text: string) => ({ 'x-purpose': encodeURIComponent(text) });

type Registration = { code: string; name: string; login: string; evidence: Record<string, string> };

function register(t: TestApp, r: Registration, remoteAddress = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    remoteAddress,
    payload: { password: 'Qingjiangpu-Spring-88', ...r },
  });
}

async function auditEntries(t: TestApp, action: string) {
  return (await Array.fromAsync(t.ctx.audit.repository.entries())).filter((e) => e.action === action);
}

describeEachEngine('issue 14 §1: self-registration, off by default', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore(), { policy: await relaxedPolicy() });
    await loadDemoData(t.ctx, { persons: 20, organizations: 5 });
  });
  after(async () => t.close());

  it('issue 14 §1: self-registration is off unless a verifier is configured, and nothing says demo', async () => {
    const config = loadConfig({});
    assert.equal(config.identityVerifier, 'none');
    assert.equal(config.demo, false);
    const p = persons[1]!;
    const res = await register(t, {
      code: p.code,
      name: p.name,
      login: 'taker.one',
      evidence: { demoCode: '888888' },
    });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error.code, 'REGISTRATION_DISABLED');
    assert.equal(await t.ctx.auth.accounts.findByLogin('taker.one'), undefined);

    const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    assert.equal(health.demo, false);
    assert.equal(health.notice, undefined);
    const home = (await t.app.inject({ method: 'GET', url: '/' })).body;
    assert.doesNotMatch(home, /演示环境/);
    assert.match(home, /自助注册未开放/);
  });

  it('issue 14 §1, issue 17: the sign-in page learns that self-registration is off, in the refusal’s words', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/registration' });
    assert.equal(res.statusCode, 200, res.body);
    const refusal = await register(t, {
      code: persons[1]!.code,
      name: persons[1]!.name,
      login: 'taker.two',
      evidence: {},
    });
    assert.deepEqual(res.json(), {
      open: false,
      verifier: null,
      evidenceFields: [],
      message: refusal.json().error.message,
      messageEn: refusal.json().error.message_en,
    });
    assert.match(res.json().message, /窗口/);
  });

  it('issue 14 §1: the demo verifier cannot be switched on outside a demo environment', () => {
    assert.throws(() => loadConfig({ XINYONG_IDENTITY_VERIFIER: 'demo' }), /XINYONG_DEMO/);
    assert.equal(loadConfig({ XINYONG_DEMO: 'true' }).identityVerifier, 'demo');
    assert.equal(
      loadConfig({ XINYONG_DEMO: 'true', XINYONG_IDENTITY_VERIFIER: 'none' }).identityVerifier,
      'none',
    );
    assert.equal(
      loadConfig({ XINYONG_IDENTITY_VERIFIER: 'module:/etc/xinyong/eid.js' }).identityVerifier,
      'module:/etc/xinyong/eid.js',
    );
    assert.throws(() => loadConfig({ XINYONG_IDENTITY_VERIFIER: 'gongan' }), /module:/);
    assert.throws(() => loadConfig({ XINYONG_DEMO: 'yes' }), /XINYONG_DEMO/);
  });
});

describeEachEngine('issue 14 §1: self-registration in a demo environment', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore(), { policy: await relaxedPolicy(), config: DEMO_CONFIG });
    await loadDemoData(t.ctx, { persons: 20, organizations: 5 });
  });
  after(async () => t.close());

  it('issue 14 §1: a demo environment says so on the landing page and in /api/health (演示环境)', async () => {
    const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    assert.equal(health.demo, true);
    assert.match(health.notice, /演示环境/);
    assert.match(health.notice, /888888/);
    const home = (await t.app.inject({ method: 'GET', url: '/' })).body;
    assert.match(home, /class="demo" role="alert"><strong>⚠ 演示环境/);
    assert.match(home, /Demo environment/);
  });

  it('issue 14 §1, issue 17: the registration info names the demo verifier and the field it asks for', async () => {
    const info = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/registration' })).json();
    assert.equal(info.open, true);
    assert.deepEqual(info.verifier, {
      id: 'demo',
      label: info.verifier.label,
      demo: true,
    });
    assert.match(info.verifier.label, /演示核验/);
    assert.deepEqual(info.evidenceFields, [
      { key: 'demoCode', label: '演示核验码', labelEn: 'demo verification code' },
    ]);
    assert.match(info.message, /实名核验/);
    // The field it names is the one registration reads.
    const p = persons[6]!;
    const res = await register(t, {
      code: p.code,
      name: p.name,
      login: 'owner.six',
      evidence: { [info.evidenceFields[0].key]: '888888' },
    });
    assert.equal(res.statusCode, 201, res.body);
  });

  it('issue 14 §1: no oracle — wrong name, wrong code and unknown subject get the same answer', async () => {
    const p = persons[2]!;
    const answers = [
      await register(t, {
        code: p.code,
        name: `${p.name}某`,
        login: 'probe.one',
        evidence: { demoCode: '888888' },
      }),
      await register(t, { code: p.code, name: p.name, login: 'probe.one', evidence: { demoCode: '123456' } }),
      await register(t, {
        code: UNKNOWN_CODE,
        name: p.name,
        login: 'probe.one',
        evidence: { demoCode: '888888' },
      }),
      await register(t, { code: UNKNOWN_CODE, name: p.name, login: 'probe.one', evidence: {} }),
    ];
    for (const res of answers) {
      assert.equal(res.statusCode, 403, res.body);
      assert.deepEqual(res.json(), answers[0]!.json());
    }
    assert.equal(answers[0]!.json().error.code, 'IDENTITY_NOT_VERIFIED');
    assert.doesNotMatch(answers[0]!.body, /888888|姓名不匹配|do not match/);
    // The auditors still see which check failed.
    const failures = (await auditEntries(t, 'subject.identity_verification'))
      .slice(-4)
      .map((e) => e.detail.failure);
    assert.deepEqual(failures, ['name_mismatch', 'verifier_refused', 'subject_unknown', 'verifier_refused']);
  });

  it('issue 14 §1: one subject, one self-registered account; a subject already bound registers none', async () => {
    const p = persons[3]!;
    const first = await register(t, {
      code: p.code,
      name: p.name,
      login: 'owner.three',
      evidence: { demoCode: '888888' },
    });
    assert.equal(first.statusCode, 201, first.body);
    const second = await register(t, {
      code: p.code,
      name: p.name,
      login: 'taker.three',
      evidence: { demoCode: '888888' },
    });
    assert.equal(second.statusCode, 409, second.body);
    assert.equal(second.json().error.code, 'REGISTRATION_SUBJECT_HAS_ACCOUNT');
    assert.equal(await t.ctx.auth.accounts.findByLogin('taker.three'), undefined);
    // The first demo company already acts through demo.company: nobody registers on it.
    const org = organizations[0]!;
    const onCompany = await register(t, {
      code: org.code,
      name: org.name,
      login: 'taker.company',
      evidence: { demoCode: '888888' },
    });
    assert.equal(onCompany.statusCode, 409, onCompany.body);
    assert.equal(await t.ctx.auth.accounts.findByLogin('taker.company'), undefined);
  });

  it('issue 14 §1: every binding is audited and shown to the subject, who may add an account and disable one', async () => {
    const p = persons[4]!;
    const created = await register(t, {
      code: p.code,
      name: p.name,
      login: 'owner.four',
      evidence: { demoCode: '888888' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const owner = await signIn(t.app, 'owner.four', 'Qingjiangpu-Spring-88');
    const mine = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/accounts', headers: owner });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().accounts as Array<Record<string, unknown>>;
    };
    const [self] = await mine();
    assert.equal(self!.login, 'owner.four');
    assert.equal(self!.via, 'self_registration');
    assert.equal(self!.verifier, 'demo');
    assert.equal(self!.current, true);

    // Adding another needs the owner's password.
    const add = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/accounts',
        headers: owner,
        payload: {
          login: 'family.four',
          displayName: '家属代办',
          password: 'Huai-River-Boat-2026',
          currentPassword,
        },
      });
    assert.equal((await add('not-my-password')).statusCode, 401);
    const added = await add('Qingjiangpu-Spring-88');
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.json().via, 'subject');
    assert.deepEqual(
      (await mine()).map((a) => [a.login, a.via, a.status]),
      [
        ['owner.four', 'self_registration', 'active'],
        ['family.four', 'subject', 'active'],
      ],
    );
    const binds = (await auditEntries(t, 'account.bind')).filter((e) =>
      e.detail.login?.toString().endsWith('.four'),
    );
    assert.deepEqual(
      binds.map((e) => [e.detail.login, e.detail.via, e.actorRole]),
      [
        ['owner.four', 'self_registration', 'public'],
        ['family.four', 'subject', 'subject'],
      ],
    );

    // The subject disables an account it no longer wants: it signs in no more.
    const family = await signIn(t.app, 'family.four', 'Huai-River-Boat-2026');
    const disabled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/accounts/${added.json().id}/disable`,
      headers: owner,
      payload: { currentPassword: 'Qingjiangpu-Spring-88' },
    });
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal(disabled.json().status, 'disabled');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: family });
    assert.equal(me.json().kind, 'anonymous', 'its session has ended');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'family.four', password: 'Huai-River-Boat-2026' },
    });
    assert.equal(login.json().error.code, 'AUTH_LOGIN_FAILED');
    // Another subject cannot touch it.
    const other = await signIn(t.app, 'demo.person');
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/accounts/${self!.id}/disable`,
      headers: other,
      payload: { currentPassword: DEMO_PASSWORD },
    });
    assert.equal(foreign.statusCode, 404, foreign.body);
  });

  it('issue 14 §1: an admin creating a subject account needs a stated purpose, is audited as such, and the subject sees it', async () => {
    const admin = await signIn(t.app, 'demo.admin');
    const subjectCode = persons[0]!.code; // demo.person's subject
    const create = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/accounts',
        headers: { ...admin, ...headers },
        payload: {
          login: 'center.made',
          displayName: '窗口代开',
          role: 'subject',
          subjectCode,
          password: 'Zhou-Enlai-Lake-2026',
        },
      });
    const without = await create({});
    assert.equal(without.statusCode, 403, without.body);
    assert.equal(without.json().error.code, 'PURPOSE_REQUIRED');
    assert.equal(await t.ctx.auth.accounts.findByLogin('center.made'), undefined);

    const made = await create(PURPOSE('本人到窗口申请代开账号，受理单 2026-118'));
    assert.equal(made.statusCode, 201, made.body);
    const [bind] = (await auditEntries(t, 'account.bind')).filter((e) => e.detail.login === 'center.made');
    assert.equal(bind!.purpose, '本人到窗口申请代开账号，受理单 2026-118');
    assert.equal(bind!.actorRole, 'admin');
    assert.equal(bind!.detail.via, 'center');

    const person = await signIn(t.app, 'demo.person');
    const seen = await t.app.inject({ method: 'GET', url: '/api/v1/me/accounts', headers: person });
    const entry = (seen.json().accounts as Array<Record<string, unknown>>).find(
      (a) => a.login === 'center.made',
    );
    assert.deepEqual(
      {
        via: entry?.via,
        purpose: entry?.purpose,
        boundBy: entry?.boundBy,
      },
      {
        via: 'center',
        purpose: '本人到窗口申请代开账号，受理单 2026-118',
        boundBy: { role: 'admin', department: 'HA-XYZX' },
      },
    );
  });
});

describeEachEngine('issue 14 §1: a deployment’s own verifier', (getStore) => {
  let t: TestApp;
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-verifier-'));
  before(async () => {
    const adapter = path.join(dir, 'eid-verifier.mjs');
    writeFileSync(
      adapter,
      `export default function ({ env }) {
        return {
          id: 'test-eid',
          label: '测试电子身份 / test e-ID',
          async verify({ code, evidence }) {
            if (evidence.ticket === 'down') throw new Error('e-ID service down');
            return evidence.ticket === 'ok-' + code
              ? { verified: true, reference: 'EID-42' }
              : { verified: false, reason: 'ticket does not match' };
          },
        };
      }\n`,
    );
    t = await createTestApp(getStore(), {
      policy: await relaxedPolicy(),
      config: { identityVerifier: `module:${adapter}` },
    });
    await loadDemoData(t.ctx, { persons: 20, organizations: 5 });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issue 14 §1: a deployment plugs in a real verifier as an adapter module selected by configuration', async () => {
    const p = persons[5]!;
    const attempt = (ticket: string) =>
      register(t, { code: p.code, name: p.name, login: 'eid.five', evidence: { ticket } });
    assert.equal((await attempt('forged')).json().error.code, 'IDENTITY_NOT_VERIFIED');
    const down = await attempt('down');
    assert.equal(down.statusCode, 503);
    assert.equal(down.json().error.code, 'IDENTITY_VERIFIER_UNAVAILABLE');
    const ok = await attempt(`ok-${p.code}`);
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().verifier, 'test-eid');
    const headers = await signIn(t.app, 'eid.five', 'Qingjiangpu-Spring-88');
    const [bound] = (await t.app.inject({ method: 'GET', url: '/api/v1/me/accounts', headers })).json()
      .accounts as Array<Record<string, unknown>>;
    assert.deepEqual(
      [bound!.via, bound!.verifier, bound!.reference],
      ['self_registration', 'test-eid', 'EID-42'],
    );
    // A real verifier is no demo.
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/health' })).json().demo, false);
  });
});

describeEachEngine('issue 14 §1: registration rate limit', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore(), { config: DEMO_CONFIG });
  });
  after(async () => t.close());

  it('issue 14 §1: registration is rate-limited per client address', async () => {
    const limit = t.ctx.policy.access.rateLimits.loginPerMinute;
    const attempt = (i: number, from: string) =>
      register(
        t,
        { code: UNKNOWN_CODE, name: `某${i}`, login: `probe.${i}`, evidence: { demoCode: '888888' } },
        from,
      );
    for (let i = 0; i < limit; i++) assert.equal((await attempt(i, '10.1.1.1')).statusCode, 403);
    const over = await attempt(limit, '10.1.1.1');
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().error.code, 'RATE_LIMITED');
    assert.equal((await attempt(limit, '10.1.1.2')).statusCode, 403, 'another address is not limited');
  });
});
