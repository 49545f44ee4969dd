import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from './actor.ts';
import { authorize } from './authorize.ts';
import { type Consent, canRead, type ReadTarget } from './scope.ts';

const NOW = '2026-11-26T08:00:00.000Z';
const staff = (role: 'provider_staff' | 'user_staff' | 'center_staff' | 'auditor', dept: string): Actor => ({
  kind: 'account',
  accountId: `a-${role}`,
  login: role,
  role,
  departmentCode: dept,
  regionCode: '320800',
  subjectId: null,
  sessionId: 's',
});
const subject = (subjectId: string): Actor => ({
  kind: 'account',
  accountId: 'a-subject',
  login: 'subject',
  role: 'subject',
  departmentCode: null,
  regionCode: null,
  subjectId,
  sessionId: 's',
});
const bankSystem: Actor = {
  kind: 'system',
  apiKeyId: 'k',
  departmentCode: 'HA-BANK',
  regionCode: null,
  permissions: ['subjects.read'],
};

const target = (scope: ReadTarget['scope']): ReadTarget => ({
  subjectId: 'subj-1',
  itemCode: 'tax-arrears',
  scope,
  providerDepartment: 'HA-SWJ',
});
const consent = (over: Partial<Consent> = {}): Consent => ({
  id: 'c1',
  subjectId: 'subj-1',
  granteeDepartment: 'HA-BANK',
  granteeSubjectId: null,
  scope: ['tax-arrears'],
  purpose: '贷款审批',
  grantedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2027-11-01T00:00:00.000Z',
  revokedAt: null,
  ...over,
});

describe('reading by usage scope (B18–B21)', () => {
  it('lets anyone read 社会公开 information (B18)', () => {
    assert.equal(canRead({ kind: 'anonymous' }, target('public'), [], NOW).allowed, true);
  });

  it('lets a subject read all of its own information, and nobody else’s (B20)', () => {
    assert.deepEqual(canRead(subject('subj-1'), target('authorized'), [], NOW), {
      allowed: true,
      basis: 'own_subject',
    });
    assert.equal(canRead(subject('subj-2'), target('government'), [], NOW).allowed, false);
  });

  it('lets the providing department read what it provided (B4)', () => {
    assert.equal(canRead(staff('provider_staff', 'HA-SWJ'), target('authorized'), [], NOW).allowed, true);
  });

  it('shares 政府共享 information with government readers only (B18)', () => {
    assert.equal(canRead(staff('user_staff', 'HA-ZJJ'), target('government'), [], NOW).allowed, true);
    assert.equal(canRead({ kind: 'anonymous' }, target('government'), [], NOW).allowed, false);
    assert.equal(canRead(staff('auditor', 'HA-XYZX'), target('government'), [], NOW).allowed, false);
  });

  it('refuses 授权查询 information without consent, even to government staff (B21)', () => {
    const d = canRead(staff('user_staff', 'HA-ZJJ'), target('authorized'), [], NOW);
    assert.equal(d.allowed, false);
    assert.equal(!d.allowed && d.code, 'CONSENT_REQUIRED');
  });

  it('allows 授权查询 under a live consent naming the department and item (B21)', () => {
    assert.deepEqual(canRead(bankSystem, target('authorized'), [consent()], NOW), {
      allowed: true,
      basis: 'consent',
      consentId: 'c1',
    });
    assert.equal(canRead(bankSystem, target('authorized'), [consent({ scope: ['*'] })], NOW).allowed, true);
  });

  it('counts an expired, revoked, not-yet-valid, other-department or other-item consent for nothing (B21)', () => {
    for (const c of [
      consent({ expiresAt: '2026-11-26T07:59:59.999Z' }),
      consent({ revokedAt: '2026-11-20T00:00:00.000Z' }),
      consent({ grantedAt: '2026-12-01T00:00:00.000Z' }),
      consent({ granteeDepartment: 'HA-OTHER' }),
      consent({ scope: ['court-judgments'] }),
      consent({ subjectId: 'subj-2' }),
    ]) {
      assert.equal(canRead(bankSystem, target('authorized'), [c], NOW).allowed, false, JSON.stringify(c));
    }
  });

  it('B24: a counterparty reads 授权查询 under a live consent naming its subject — not one naming a department, never 政府共享', () => {
    const toBank = consent({ id: 'c2', granteeDepartment: null, granteeSubjectId: 'bank-subject' });
    assert.deepEqual(canRead(subject('bank-subject'), target('authorized'), [toBank], NOW), {
      allowed: true,
      basis: 'consent',
      consentId: 'c2',
    });
    // a consent to the bank's department does not admit a subject account, nor one to another subject
    for (const [reader, c] of [
      [subject('bank-subject'), consent()],
      [subject('other-subject'), toBank],
      [subject('bank-subject'), { ...toBank, revokedAt: '2026-11-20T00:00:00.000Z' }],
    ] as const) {
      const d = canRead(reader, target('authorized'), [c], NOW);
      assert.equal(!d.allowed && d.code, 'CONSENT_REQUIRED');
    }
    // a department's system is no counterparty: a consent to a subject does not admit it
    assert.equal(canRead(bankSystem, target('authorized'), [toBank], NOW).allowed, false);
    assert.equal(canRead(subject('bank-subject'), target('government'), [toBank], NOW).allowed, false);
    assert.equal(canRead(subject('bank-subject'), target('public'), [], NOW).allowed, true);
  });

  it('A7, B24: a counterparty reading a person gets only the items the consent names — the person’s 社会公开 items too only if named', () => {
    const toBank = consent({ id: 'c3', granteeDepartment: null, granteeSubjectId: 'bank-subject' });
    const personPublic: ReadTarget = {
      ...target('public'),
      itemCode: 'admin-penalty',
      subjectKind: 'person',
    };
    const d = canRead(subject('bank-subject'), personPublic, [toBank], NOW);
    assert.equal(!d.allowed && d.code, 'CONSENT_REQUIRED');
    const named = { ...toBank, scope: [personPublic.itemCode] };
    assert.deepEqual(canRead(subject('bank-subject'), personPublic, [named], NOW), {
      allowed: true,
      basis: 'consent',
      consentId: 'c3',
    });
    // an organization's public items stay public to it; a department's reader and the public are unchanged
    const orgPublic: ReadTarget = { ...target('public'), subjectKind: 'organization' };
    assert.equal(canRead(subject('bank-subject'), orgPublic, [toBank], NOW).allowed, true);
    assert.equal(canRead(bankSystem, personPublic, [], NOW).allowed, true);
  });
});

describe('route authorization', () => {
  const access = { kind: 'permission', permission: 'subjects.read', purpose: true } as const;

  it('asks the public to sign in (401)', () => {
    const d = authorize({ kind: 'anonymous' }, access, 'x');
    assert.equal(!d.allowed && d.status, 401);
  });

  it('refuses a role without the permission (403)', () => {
    const d = authorize(staff('auditor', 'HA-XYZX'), access, '执法检查核实');
    assert.equal(!d.allowed && d.code, 'ACCESS_DENIED');
  });

  it('requires a stated purpose for staff queries (B33 非履职需要不得查询)', () => {
    const d = authorize(staff('user_staff', 'HA-ZJJ'), access, undefined);
    assert.equal(!d.allowed && d.code, 'PURPOSE_REQUIRED');
    assert.equal(authorize(staff('user_staff', 'HA-ZJJ'), access, '行政许可受理审查').allowed, true);
  });

  it('refuses a system key on a person-only route', () => {
    const d = authorize(
      bankSystem,
      { kind: 'permission', permission: 'subjects.read', systems: false },
      undefined,
    );
    assert.equal(!d.allowed && d.code, 'ACCESS_DENIED');
  });
});
