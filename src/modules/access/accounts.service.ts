import {
  checkPasswordStrength,
  hashApiKeySecret,
  hashPassword,
  newApiKey,
  passwordRejected,
} from '../../platform/auth/index.ts';
import { parseInstant, startOfChinaDay } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/unique-violation.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import { addPolicyDuration, type Policy } from '../policy/index.ts';
import type { AccountBindingsRepository, BindingVia } from './account-bindings.repository.ts';
import type { Account, AccountsRepository } from './accounts.repository.ts';
import { type Actor, actorDepartment, actorId, actorRole, cliOperator } from './actor.ts';
import type { ApiKeysRepository } from './api-keys.repository.ts';
import { purposeStated } from './authorize.ts';
import { isPermission, isRole, type Permission, type Role, SYSTEM_PERMISSIONS } from './roles.ts';
import type { SessionsRepository } from './sessions.repository.ts';

export type AccountsServiceDeps = {
  accounts: AccountsRepository;
  bindings: AccountBindingsRepository;
  sessions: Pick<SessionsRepository, 'revokeAllOf'>;
  apiKeys: Pick<ApiKeysRepository, 'create' | 'findWithHash' | 'revoke'>;
  audit: Pick<AuditTrail, 'record'>;
  policy: Policy;
  now: () => string;
  today: () => string;
  departmentExists: (code: string) => Promise<boolean>;
  subjectIdByCode: (code: string) => Promise<string | undefined>;
};

export type NewAccountInput = {
  login: string;
  displayName: string;
  role: string;
  departmentCode?: string | null | undefined;
  regionCode?: string | null | undefined;
  /** for role 'subject': the identity code of the subject the account acts for */
  subjectCode?: string | undefined;
  password: string;
};

/**
 * Who binds a subject account to its subject, and how (issue 14 §1); kept in `account_bindings`,
 * audited as `account.bind`, and shown to the subject. `center` (an administrator of the credit
 * center) needs a stated purpose; `self_registration` the verifier's id and reference.
 */
export type AccountBinder = {
  actor: Actor;
  via: Exclude<BindingVia, 'before_record'>;
  purpose?: string | undefined;
  verifier?: string | undefined;
  reference?: string | undefined;
  requestId?: string | undefined;
};

/** The person at the command line (`xinyong user create`, the demo loader). */
const OPERATOR = (): AccountBinder => ({ actor: cliOperator(), via: 'operator' });

const loginPattern = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** A login's form, checked before anything else (registration checks it before verifying anyone). */
export function checkLoginForm(login: string): void {
  if (!loginPattern.test(login)) {
    throw badRequest(
      'ACCOUNT_LOGIN_INVALID',
      '登录名应为 3–64 位小写字母、数字、点、下划线或连字符',
      'The login must be 3–64 lower-case letters, digits, dots, underscores or hyphens',
      { field: 'login' },
    );
  }
}

const subjectHasAccount = () =>
  conflict(
    'REGISTRATION_SUBJECT_HAS_ACCOUNT',
    '该信息主体已有账号：请用已有账号登录后添加账号，或到信用中心窗口办理',
    'This subject already has an account: sign in with it to add another, or apply at the credit center',
  );

const purposeRequiredToBind = () =>
  new AppError(
    'PURPOSE_REQUIRED',
    403,
    '为信息主体开设账号须说明用途（请求头 X-Purpose 或 --purpose，至少 4 个字）',
    'Opening an account for a subject requires a stated purpose (X-Purpose header or --purpose, 4+ characters)',
  );

/** Creating accounts and issuing API keys: shared by the admin API, the CLI and the demo loader. */
export function accountsService(deps: AccountsServiceDeps) {
  async function bind(account: Account, subjectId: string, by: AccountBinder) {
    await deps.audit.record({
      actor: by.actor,
      purpose: by.purpose,
      action: 'account.bind',
      targetType: 'subject',
      targetId: subjectId,
      result: 'ok',
      detail: {
        accountId: account.id,
        login: account.login,
        via: by.via,
        ...(by.verifier ? { verifier: by.verifier, reference: by.reference ?? null } : {}),
      },
      requestId: by.requestId,
    });
  }

  return {
    /**
     * Creates an account. A subject account is bound to its subject by `by` (the person at the command
     * line when omitted): the binding is stored with the account and audited, and the subject sees it.
     * The center binds only with a stated purpose; self-registration only while the subject has no
     * account at all (one subject, one self-registered account: more are added by the subject itself
     * or by the center).
     */
    async createAccount(
      input: NewAccountInput & { subjectId?: string | undefined },
      by: AccountBinder = OPERATOR(),
    ) {
      checkLoginForm(input.login);
      if (!isRole(input.role)) {
        throw badRequest('ACCOUNT_ROLE_INVALID', `未知角色：${input.role}`, `Unknown role: ${input.role}`, {
          field: 'role',
        });
      }
      const role: Role = input.role;
      let subjectId: string | null = null;
      if (role === 'subject') {
        subjectId =
          input.subjectId ??
          (input.subjectCode ? ((await deps.subjectIdByCode(input.subjectCode)) ?? null) : null);
        if (!subjectId) {
          throw badRequest(
            'ACCOUNT_SUBJECT_UNKNOWN',
            '信息主体账号须关联平台上已有的主体（给出其身份代码）',
            'A subject account must name an existing subject by its identity code',
            { field: 'subjectCode' },
          );
        }
      } else if (!input.departmentCode || !(await deps.departmentExists(input.departmentCode))) {
        throw badRequest(
          'ACCOUNT_DEPARTMENT_UNKNOWN',
          `工作人员账号须属于已登记的部门：${input.departmentCode ?? '(未填)'}`,
          `A staff account must belong to a registered department: ${input.departmentCode ?? '(none)'}`,
          { field: 'departmentCode' },
        );
      }
      const problems = checkPasswordStrength(input.password, { userName: input.login });
      if (problems.length > 0) throw passwordRejected(problems);
      const loginTaken = () =>
        conflict('ACCOUNT_LOGIN_TAKEN', `登录名 ${input.login} 已被使用`, `Login ${input.login} is taken`, {
          field: 'login',
        });
      if (await deps.accounts.findByLogin(input.login)) throw loginTaken();
      if (subjectId !== null) {
        if (by.via === 'center' && !purposeStated(by.purpose)) throw purposeRequiredToBind();
        if (by.via === 'self_registration' && (await deps.bindings.anyForSubject(subjectId)))
          throw subjectHasAccount();
      }
      let account: Account;
      try {
        account = await deps.accounts.create(
          {
            login: input.login,
            displayName: input.displayName,
            role,
            departmentCode: role === 'subject' ? null : (input.departmentCode ?? null),
            regionCode: input.regionCode ?? null,
            subjectId,
            passwordHash: await hashPassword(input.password),
            totpSecretSealed: null,
          },
          deps.now(),
          subjectId === null
            ? undefined
            : {
                via: by.via,
                verifier: by.verifier ?? null,
                reference: by.reference ?? null,
                purpose: by.purpose ?? null,
                actorId: actorId(by.actor),
                actorRole: actorRole(by.actor),
                actorDepartment: actorDepartment(by.actor),
                requestId: by.requestId ?? null,
              },
        );
      } catch (error) {
        // Two at once: the same login, or a second self-registration of one subject.
        if (!isUniqueViolation(error)) throw error;
        if (await deps.accounts.findByLogin(input.login)) throw loginTaken();
        throw subjectHasAccount();
      }
      if (subjectId !== null) await bind(account, subjectId, by);
      return account;
    },

    /** The accounts bound to a subject, with how each was bound (issue 14 §1: shown to the subject). */
    accountsOfSubject: (subjectId: string) => deps.bindings.listForSubject(subjectId),

    /**
     * A subject disables an account bound to it (one it does not recognise, or no longer uses): the
     * account can no longer sign in and its sessions end. Its own account is disabled at the center.
     */
    async disableBoundAccount(
      subjectId: string,
      accountId: string,
      by: { actor: Actor & { kind: 'account' }; requestId?: string | undefined },
    ) {
      const account = await deps.accounts.findById(accountId);
      if (!account || account.subjectId !== subjectId) {
        throw notFound(
          'SUBJECT_ACCOUNT_UNKNOWN',
          '没有绑定到本信息主体的这个账号',
          'No such account is bound to this subject',
        );
      }
      if (account.id === by.actor.accountId) {
        throw badRequest(
          'SUBJECT_ACCOUNT_SELF',
          '不能停用当前登录的账号；请用另一个账号操作，或到信用中心办理',
          'The account signed in cannot disable itself; use another account, or apply at the credit center',
        );
      }
      const now = deps.now();
      const changed = account.status !== 'disabled';
      if (changed) {
        await deps.accounts.setStatus(account.id, 'disabled', now);
        await deps.sessions.revokeAllOf(account.id, now);
      }
      await deps.audit.record({
        actor: by.actor,
        action: 'account.disable',
        targetType: 'account',
        targetId: account.id,
        result: 'ok',
        detail: { by: 'subject', subjectId, changed },
        requestId: by.requestId,
      });
      return { ...account, status: 'disabled' as const };
    },

    /**
     * Issues a key for a department's business system. The full key is returned once and never
     * stored; systems never get administrative permissions.
     */
    async issueApiKey(input: {
      departmentCode: string;
      permissions: string[];
      label: string;
      createdBy: string;
      expiresAt?: string | undefined;
      replacesId?: string | undefined;
    }) {
      if (!(await deps.departmentExists(input.departmentCode))) {
        throw badRequest(
          'APIKEY_DEPARTMENT_UNKNOWN',
          `部门未登记：${input.departmentCode}`,
          `Unknown department: ${input.departmentCode}`,
          { field: 'departmentCode' },
        );
      }
      const wrong = input.permissions.filter((p) => !isPermission(p) || !SYSTEM_PERMISSIONS.includes(p));
      if (input.permissions.length === 0 || wrong.length > 0) {
        throw badRequest(
          'APIKEY_PERMISSIONS_INVALID',
          `系统密钥只能带有这些权限：${SYSTEM_PERMISSIONS.join(', ')}；不可用：${wrong.join(', ') || '(空)'}`,
          `System keys may carry only: ${SYSTEM_PERMISSIONS.join(', ')}; not allowed: ${wrong.join(', ') || '(none given)'}`,
          { field: 'permissions', invalid: wrong },
        );
      }
      const now = deps.now();
      // An instant, stored as ISO 8601 UTC so that it compares as a string (issue 14 §6).
      const expiresAt =
        input.expiresAt === undefined
          ? startOfChinaDay(addPolicyDuration(deps.today(), deps.policy.access.apiKeyValidity))
          : parseInstant(input.expiresAt);
      if (expiresAt === undefined) {
        throw badRequest(
          'APIKEY_EXPIRY_INVALID',
          '到期时间应为带时区的 ISO 8601 时刻（如 2027-06-30T00:00:00+08:00）或日期（如 2027-06-30，当日零时到期）',
          'The expiry must be an ISO 8601 instant with its zone (e.g. 2027-06-30T00:00:00+08:00) or a date (e.g. 2027-06-30: at its first moment, China time)',
          { field: 'expiresAt', value: input.expiresAt },
        );
      }
      if (expiresAt <= now) {
        throw badRequest('APIKEY_EXPIRY_INVALID', '到期时间须晚于现在', 'The expiry must be in the future', {
          field: 'expiresAt',
          expiresAt,
        });
      }
      const key = newApiKey();
      await deps.apiKeys.create({
        id: key.id,
        secretHash: hashApiKeySecret(key.secret),
        label: input.label,
        departmentCode: input.departmentCode,
        permissions: input.permissions as Permission[],
        createdBy: input.createdBy,
        createdAt: now,
        expiresAt,
        replacesId: input.replacesId ?? null,
      });
      return { id: key.id, key: key.display, expiresAt };
    },

    /** Rotation: a new key with the same department and permissions; the old one is revoked at once. */
    async rotateApiKey(id: string, createdBy: string) {
      const old = await deps.apiKeys.findWithHash(id);
      if (!old || old.revokedAt) {
        throw badRequest(
          'APIKEY_UNKNOWN',
          `密钥 ${id} 不存在或已吊销`,
          `Key ${id} does not exist or is revoked`,
        );
      }
      const fresh = await this.issueApiKey({
        departmentCode: old.departmentCode,
        permissions: old.permissions,
        label: old.label,
        createdBy,
        replacesId: old.id,
      });
      await deps.apiKeys.revoke(old.id, deps.now());
      return fresh;
    },
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
