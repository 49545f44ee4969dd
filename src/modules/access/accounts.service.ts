import {
  checkPasswordStrength,
  hashApiKeySecret,
  hashPassword,
  newApiKey,
  passwordRejected,
} from '../../platform/auth/index.ts';
import { parseInstant, startOfChinaDay } from '../../platform/clock.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { addPolicyDuration, type Policy } from '../policy/index.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import type { ApiKeysRepository } from './api-keys.repository.ts';
import { isPermission, isRole, type Permission, type Role, SYSTEM_PERMISSIONS } from './roles.ts';

export type AccountsServiceDeps = {
  accounts: AccountsRepository;
  apiKeys: Pick<ApiKeysRepository, 'create' | 'findWithHash' | 'revoke'>;
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

/** Creating accounts and issuing API keys: shared by the admin API, the CLI and the demo loader. */
export function accountsService(deps: AccountsServiceDeps) {
  return {
    async createAccount(input: NewAccountInput) {
      if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(input.login)) {
        throw badRequest(
          'ACCOUNT_LOGIN_INVALID',
          '登录名应为 3–64 位小写字母、数字、点、下划线或连字符',
          'The login must be 3–64 lower-case letters, digits, dots, underscores or hyphens',
          { field: 'login' },
        );
      }
      if (!isRole(input.role)) {
        throw badRequest('ACCOUNT_ROLE_INVALID', `未知角色：${input.role}`, `Unknown role: ${input.role}`, {
          field: 'role',
        });
      }
      const role: Role = input.role;
      let subjectId: string | null = null;
      if (role === 'subject') {
        subjectId = input.subjectCode ? ((await deps.subjectIdByCode(input.subjectCode)) ?? null) : null;
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
      if (await deps.accounts.findByLogin(input.login)) {
        throw conflict(
          'ACCOUNT_LOGIN_TAKEN',
          `登录名 ${input.login} 已被使用`,
          `Login ${input.login} is taken`,
          { field: 'login' },
        );
      }
      return deps.accounts.create(
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
      );
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
