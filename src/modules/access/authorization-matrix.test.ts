/**
 * The authorization matrix (access issue; A7, B18–B21, B33): every declared route × every kind of
 * caller → allowed or denied, stated here by hand. A route that is added without a row below makes
 * this suite fail, so no route ships without a decided rule.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { declaredAccess } from '../../platform/http/server.ts';
import { createTestApp, relaxedPolicy, signIn as signInAs, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { loadDemoData } from '../demo/demo.loader.ts';
import { ROLES, type Role } from './roles.ts';

type Caller = 'anonymous' | Role | 'system' | 'system_revoked' | 'system_expired';
const CALLERS: Caller[] = ['anonymous', ...ROLES, 'system', 'system_revoked', 'system_expired'];
const PEOPLE: Caller[] = [
  'subject',
  'provider_staff',
  'user_staff',
  'center_staff',
  'credit_office',
  'admin',
  'auditor',
];
const EVERYONE: Caller[] = ['anonymous', ...PEOPLE, 'system'];
const GOVERNMENT_READERS: Caller[] = [
  'provider_staff',
  'user_staff',
  'center_staff',
  'credit_office',
  'system',
];

/** Staff who read lists and receive notices (the matrix's system key carries neither permission). */
const LIST_READERS: Caller[] = ['provider_staff', 'user_staff', 'center_staff', 'credit_office'];

/** Who is allowed on each route; everyone else must be refused. */
const MATRIX: Record<string, Caller[]> = {
  'GET /': EVERYONE,
  'GET /assets/*': EVERYONE,
  'GET /*': EVERYONE,
  'GET /api/openapi.json': EVERYONE,
  'GET /api/health': EVERYONE,
  'GET /api/v1/codes/:code': EVERYONE,
  'POST /api/v1/codes/check': EVERYONE,
  'GET /api/v1/calendar/deadline': EVERYONE,
  'GET /api/v1/calendar/days/:date': EVERYONE,
  'GET /api/v1/calendar/years': EVERYONE,
  'GET /api/v1/regions': EVERYONE,
  'GET /api/v1/departments': EVERYONE,
  'GET /api/v1/policy': EVERYONE,
  'GET /api/v1/procedures/filing-rules': EVERYONE,
  'POST /api/v1/auth/login': EVERYONE,
  'POST /api/v1/auth/register': EVERYONE,
  'GET /api/v1/auth/registration': EVERYONE,
  'GET /api/v1/auth/me': EVERYONE,
  'GET /api/v1/public/subjects/:code': EVERYONE,
  'POST /api/v1/auth/logout': PEOPLE,
  'POST /api/v1/auth/password': PEOPLE,
  'POST /api/v1/auth/totp': PEOPLE,
  'GET /api/v1/admin/accounts': ['admin'],
  'POST /api/v1/admin/accounts': ['admin'],
  'GET /api/v1/admin/api-keys': ['admin'],
  'POST /api/v1/admin/api-keys': ['admin'],
  'POST /api/v1/admin/api-keys/:id/rotate': ['admin'],
  'POST /api/v1/admin/api-keys/:id/revoke': ['admin'],
  'GET /api/v1/admin/code-exceptions': ['admin', 'center_staff'],
  'POST /api/v1/admin/code-exceptions': ['admin', 'center_staff'],
  'GET /api/v1/me/subject': ['subject'],
  'GET /api/v1/me/accounts': ['subject'],
  'POST /api/v1/me/accounts': ['subject'],
  'POST /api/v1/me/accounts/:id/disable': ['subject'],
  'GET /api/v1/me/consents': ['subject'],
  'POST /api/v1/me/consents': ['subject'],
  'POST /api/v1/me/consents/:id/revoke': ['subject'],
  'GET /api/v1/me/consents/:id/reads': ['subject'],
  // B24: a counterparty is a subject reading through its own account; never staff or a system key
  'GET /api/v1/me/consents/received': ['subject'],
  'GET /api/v1/consented/:code/records': ['subject'],
  'GET /api/v1/subjects/search': GOVERNMENT_READERS,
  'GET /api/v1/subjects/:code': GOVERNMENT_READERS,
  'GET /api/v1/subjects/:code/consents': GOVERNMENT_READERS,
  'GET /api/v1/catalog': EVERYONE,
  'GET /api/v1/catalog/:code': EVERYONE,
  'GET /api/v1/catalog/:code/template.xlsx': EVERYONE,
  'POST /api/v1/records': ['provider_staff'],
  'POST /api/v1/records/upload': ['provider_staff'],
  'GET /api/v1/me/records': ['subject'],
  'GET /api/v1/subjects/:code/records': GOVERNMENT_READERS,
  'GET /api/v1/records/stats': ['center_staff', 'credit_office'],
  'GET /api/v1/audit/verify': ['auditor'],
  'GET /api/v1/audit/entries': ['auditor'],
  'GET /api/v1/audit/anchors': ['auditor'],
  'GET /api/v1/scenarios': EVERYONE,
  'GET /api/v1/measures': EVERYONE,
  'GET /api/v1/measures/:code': EVERYONE,
  'POST /api/v1/measures': ['credit_office'],
  'PUT /api/v1/measures/:code': ['credit_office'],
  'GET /api/v1/list-types': EVERYONE,
  'POST /api/v1/list-types': ['credit_office'],
  'GET /api/v1/lists/entries': LIST_READERS,
  'GET /api/v1/lists/entries/:id': LIST_READERS,
  'POST /api/v1/lists/decisions': ['provider_staff'],
  'GET /api/v1/subjects/:code/relations': LIST_READERS,
  'POST /api/v1/subjects/:code/relations': ['center_staff'],
  'GET /api/v1/inbox': LIST_READERS,
  'POST /api/v1/inbox/:id/read': LIST_READERS,
  'POST /api/v1/checks': ['user_staff', 'system'],
  'POST /api/v1/checks/stream': ['user_staff', 'system'],
  'POST /api/v1/checks/:checkId/feedback': ['user_staff', 'system'],
  'GET /api/v1/reports/joint-measures': ['user_staff', 'center_staff', 'credit_office'],
  'POST /api/v1/external-decisions': ['credit_office'],
  'GET /api/v1/external-decisions': ['provider_staff', 'center_staff', 'credit_office'],
  'POST /api/v1/me/objections': ['subject'],
  'GET /api/v1/me/objections': ['subject'],
  'POST /api/v1/objections': ['center_staff'],
  'GET /api/v1/objections': ['provider_staff', 'center_staff', 'credit_office'],
  'GET /api/v1/objections/:id': ['provider_staff', 'center_staff', 'credit_office'],
  'POST /api/v1/objections/:id/steps': ['provider_staff', 'center_staff', 'credit_office'],
  'POST /api/v1/me/objections/:id/appeal': ['subject'],
  'GET /api/v1/me/objections/:id': ['subject'],
  'GET /api/v1/me/repairs/eligibility': ['subject'],
  'GET /api/v1/me/repairs/commitment': ['subject'],
  'POST /api/v1/me/repairs': ['subject'],
  'GET /api/v1/me/repairs': ['subject'],
  'GET /api/v1/me/repairs/:id': ['subject'],
  'GET /api/v1/me/repairs/:id/decision': ['subject'],
  'GET /api/v1/repairs/eligibility': ['center_staff'],
  'GET /api/v1/repairs/commitment': ['center_staff'],
  'POST /api/v1/repairs': ['center_staff'],
  'GET /api/v1/repairs': ['provider_staff', 'center_staff', 'credit_office'],
  'GET /api/v1/repairs/:id': ['provider_staff', 'center_staff', 'credit_office'],
  'GET /api/v1/repairs/:id/decision': ['provider_staff', 'center_staff', 'credit_office'],
  'POST /api/v1/repairs/:id/steps': ['provider_staff', 'center_staff'],
  'POST /api/v1/me/repairs/:id/evidence': ['subject'],
  'GET /api/v1/me/repairs/:id/evidence/:evidenceId': ['subject'],
  'POST /api/v1/repairs/:id/evidence': ['center_staff'],
  'GET /api/v1/repairs/:id/evidence/:evidenceId': ['provider_staff', 'center_staff', 'credit_office'],
  'GET /api/v1/public/repair-notices': EVERYONE,
  'POST /api/v1/public/repair-notices/:id/objections': EVERYONE,
  // the permission to act on repairs; the service lets only the center dismiss (REPAIR_STEP_FORBIDDEN)
  'POST /api/v1/repairs/:id/submissions/:submissionId/dismiss': ['provider_staff', 'center_staff'],
  'GET /api/v1/public/search': EVERYONE,
  'GET /api/v1/public/subjects/:code/profile': EVERYONE,
  'GET /api/v1/public/persons/:handle': EVERYONE,
  'GET /api/v1/public/lists/red': EVERYONE,
  'GET /api/v1/public/lists/red/export.csv': EVERYONE,
  'GET /api/v1/public/lists/red/export.xlsx': EVERYONE,
  'GET /api/v1/public/lists/black': EVERYONE,
  'GET /api/v1/public/lists/black/export.csv': EVERYONE,
  'GET /api/v1/public/lists/black/export.xlsx': EVERYONE,
  'GET /api/v1/public/policy': EVERYONE,
  'GET /api/v1/public/reports/verify': EVERYONE,
  'GET /api/v1/public/lists/red/filters': EVERYONE,
  'GET /api/v1/public/lists/black/filters': EVERYONE,
  'POST /api/v1/public/reports/verify-file': EVERYONE,
  'GET /api/v1/procedures/stats': ['center_staff', 'credit_office'],
  'GET /api/v1/me/inbox': ['subject'],
  'POST /api/v1/me/inbox/:id/read': ['subject'],
  'POST /api/v1/me/objections/:id/evidence': ['subject'],
  'GET /api/v1/me/objections/:id/evidence/:evidenceId': ['subject'],
  'POST /api/v1/objections/:id/evidence': ['center_staff'],
  'GET /api/v1/objections/:id/evidence/:evidenceId': ['provider_staff', 'center_staff', 'credit_office'],
};

/** The demo account each signed-in caller uses (DEMO_ACCOUNTS). */
const LOGINS: Partial<Record<Caller, string>> = {
  subject: 'demo.person',
  provider_staff: 'demo.provider',
  user_staff: 'demo.user',
  center_staff: 'demo.center',
  credit_office: 'demo.office',
  admin: 'demo.admin',
  auditor: 'demo.auditor',
};

const DENIALS = new Set(['AUTH_REQUIRED', 'ACCESS_DENIED', 'API_KEY_INVALID']);
const PARAMS: Record<string, string> = {
  code: '11010519491231002X',
  date: '2025-01-01',
  id: '0190c2b6-0000-7000-8000-000000000000',
  evidenceId: '0190c2b6-0000-7000-8000-000000000001',
  submissionId: '0190c2b6-0000-7000-8000-000000000002',
  handle: '0190c2b6-0000-7000-8000-000000000003',
};

let clock = Date.parse('2026-11-26T08:00:00.000Z');

describeEachEngine('authorization matrix', (getStore) => {
  let t: TestApp;
  const credentials = new Map<Caller, Record<string, string>>();

  async function signIn(caller: Caller, login: string) {
    credentials.set(caller, await signInAs(t.app, login));
  }

  before(async () => {
    t = await createTestApp(getStore(), {
      now: () => new Date(clock).toISOString(),
      policy: await relaxedPolicy(),
    });
    await loadDemoData(t.ctx, { persons: 20, organizations: 5 });
    for (const [caller, login] of Object.entries(LOGINS)) await signIn(caller as Caller, login);
    const issue = (expiresAt?: string) =>
      t.ctx.accountsAdmin.issueApiKey({
        departmentCode: 'HA-ZJJ',
        permissions: ['subjects.read', 'checks.run', 'consents.read'],
        label: 'matrix',
        createdBy: 'test',
        expiresAt,
      });
    credentials.set('system', { authorization: `Bearer ${(await issue()).key}` });
    const revoked = await issue();
    await t.ctx.auth.apiKeys.revoke(revoked.id, t.ctx.now());
    credentials.set('system_revoked', { 'x-api-key': revoked.key });
    const expiring = await issue(new Date(clock + 60_000).toISOString());
    credentials.set('system_expired', { authorization: `Bearer ${expiring.key}` });
    credentials.set('anonymous', {});
    clock += 120_000; // the expiring key is now past its expiry
  });
  after(async () => t.close());

  it('has a decided row for every declared route, and no row for a route that does not exist', () => {
    const declared = [...declaredAccess.keys()].filter(
      (k) => !k.includes('/api/docs') && !k.startsWith('HEAD '),
    );
    const missing = declared.filter((k) => !(k in MATRIX));
    assert.deepEqual(missing, [], `routes without a rule in the authorization matrix: ${missing.join(', ')}`);
    const stale = Object.keys(MATRIX).filter((k) => !declaredAccess.has(k));
    assert.deepEqual(stale, [], `matrix rows for routes that do not exist: ${stale.join(', ')}`);
  });

  for (const caller of CALLERS) {
    it(`allows and refuses exactly as the matrix says for ${caller}`, async () => {
      const wrong: string[] = [];
      for (const [route, allowedCallers] of Object.entries(MATRIX)) {
        if (!declaredAccess.has(route)) continue;
        const [method, path] = route.split(' ') as [string, string];
        const url = path.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? 'x');
        const res = await t.app.inject({
          method: method as 'GET',
          url,
          headers: { ...credentials.get(caller), 'x-purpose': encodeURIComponent('授权矩阵测试核查') },
          ...(method === 'POST' ? { payload: {} } : {}),
        });
        const code =
          res.statusCode === 401 || res.statusCode === 403 ? (res.json().error?.code as string) : '';
        const denied = DENIALS.has(code);
        const expected = allowedCallers.includes(caller);
        if (denied === expected)
          wrong.push(`${route}: expected ${expected ? 'allow' : 'deny'}, got ${res.statusCode} ${code}`);
        if (route === 'POST /api/v1/auth/logout' && !denied && caller !== 'anonymous') {
          const login = LOGINS[caller];
          if (login) await signIn(caller, login);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
});
