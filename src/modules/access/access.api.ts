/** The access API: signing in, self-registration, accounts and API keys, and subjects' consents. */
import { z } from 'zod';
import { PERMISSIONS, ROLES } from './roles.ts';

// Signing in and out, self-registration, the caller's own password and TOTP (auth.routes.ts)

export const Me = z.object({
  kind: z.enum(['anonymous', 'account', 'system']),
  login: z.string().optional(),
  displayName: z.string().optional(),
  role: z.string().optional(),
  departmentCode: z.string().nullable().optional(),
  subjectId: z.string().nullable().optional(),
  totpEnabled: z.boolean().optional(),
  csrfToken: z.string().optional(),
});

export const LoginBody = z
  .object({
    login: z.string().min(1).max(100),
    password: z.string().min(1).max(256),
    totp: z.string().max(10).optional(),
  })
  .strict();

export const RegisterBody = z
  .object({
    code: z.string().min(1).max(64),
    name: z.string().min(1).max(100),
    login: z.string().max(64),
    password: z.string().min(1).max(256),
    evidence: z.record(z.string().max(40), z.string().max(200)),
  })
  .strict();
export const RegisterResponse = z.object({ login: z.string(), verifier: z.string() });

/** Whether self-registration is open here, and what the verifier asks for (issue 14 §1, issue 17). */
export const RegistrationInfo = z.object({
  open: z
    .boolean()
    .describe('是否开放自助注册：配置了实名核验服务时开放 / whether self-registration is open'),
  verifier: z
    .object({
      id: z.string(),
      label: z.string().describe('核验服务的名称，向申请人展示 / shown to applicants'),
      demo: z.boolean().describe('演示核验：不是真实实名认证 / the demo verifier: not a real identity check'),
    })
    .nullable(),
  evidenceFields: z
    .array(
      z.object({
        key: z.string().describe('注册请求 evidence 中的字段名 / the key in the registration’s evidence'),
        label: z.string(),
        labelEn: z.string(),
      }),
    )
    .describe('核验服务要求申请人填写的信息 / what the verifier asks the applicant for'),
  message: z.string().describe('向申请人说明的话 / what to tell applicants'),
  messageEn: z.string(),
});

export const NoContent = z.null();

export const PasswordBody = z
  .object({ current: z.string().min(1).max(256), next: z.string().min(1).max(256) })
  .strict();

export const TotpBody = z
  .object({
    secret: z
      .string()
      .max(64)
      .optional()
      .describe(
        '平台生成的密钥（随 enrollment 一起交回）/ the secret the platform generated, sent back with its enrollment',
      ),
    enrollment: z
      .string()
      .max(200)
      .optional()
      .describe('生成密钥时一并给出的登记凭据 / the enrollment token given with the secret'),
    code: z.string().max(10).optional().describe('新密钥的当前验证码 / the current code of the new secret'),
    password: z.string().min(1).max(256).optional().describe('账号密码 / the account password'),
    currentCode: z
      .string()
      .max(10)
      .optional()
      .describe(
        '已启用动态验证码时：现有密钥的当前验证码 / with TOTP on: a current code of the secret in use',
      ),
  })
  .strict();
export const TotpResponse = z.object({
  enabled: z.boolean(),
  secret: z.string().optional(),
  otpauthUri: z.string().optional(),
  enrollment: z.string().optional(),
  enrollmentExpiresAt: z.string().optional(),
});

// Accounts and API keys, for administrators (admin.routes.ts)

export const AccountView = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: z.string(),
  departmentCode: z.string().nullable(),
  status: z.string(),
  totpEnabled: z.boolean(),
});
export type AccountView = z.infer<typeof AccountView>;
export const AccountsResponse = z.object({ accounts: z.array(AccountView) });
export const CreateAccountBody = z
  .object({
    login: z.string().max(64),
    displayName: z.string().min(1).max(100),
    role: z.enum(ROLES),
    departmentCode: z.string().max(40).optional(),
    subjectCode: z.string().max(64).optional(),
    password: z.string().min(1).max(256),
  })
  .strict();

export const ApiKeyView = z.object({
  id: z.string(),
  label: z.string(),
  departmentCode: z.string(),
  permissions: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  replacesId: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const ApiKeysResponse = z.object({ apiKeys: z.array(ApiKeyView) });
export const IssueApiKeyBody = z
  .object({
    departmentCode: z.string().min(1).max(40),
    permissions: z.array(z.enum(PERMISSIONS)).min(1),
    label: z.string().min(1).max(100),
    expiresAt: z.iso.datetime().optional(),
  })
  .strict();
export const IssuedKey = z.object({
  id: z.string(),
  key: z.string().describe('完整密钥只显示这一次 / the full key, shown this once only'),
  expiresAt: z.string(),
});
export const KeyId = z.object({
  id: z.string().regex(/^[A-Za-z0-9]{8,40}$/, '密钥编号格式不正确 / malformed key id'),
});
export const ApiKeyRevokeResponse = z.object({ revoked: z.boolean() });

// The accounts bound to a subject, seen and managed by the subject (subject-accounts.routes.ts)

export const SubjectAccountView = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  current: z.boolean().describe('当前登录的账号 / the account signed in'),
  boundAt: z.string(),
  via: z
    .enum(['self_registration', 'center', 'subject', 'operator', 'before_record'])
    .describe(
      '绑定方式：自助注册（经实名核验）、信用中心开设（附用途）、本人添加、服务器命令行、早于记录 / how it was bound',
    ),
  verifier: z.string().nullable(),
  reference: z.string().nullable(),
  purpose: z.string().nullable(),
  boundBy: z.object({ role: z.string(), department: z.string().nullable() }),
});
export type SubjectAccountView = z.infer<typeof SubjectAccountView>;
export const SubjectAccountsResponse = z.object({ accounts: z.array(SubjectAccountView) });
export const AddSubjectAccountBody = z
  .object({
    login: z.string().max(64),
    displayName: z.string().min(1).max(100),
    password: z.string().min(1).max(256).describe('新账号的密码 / the new account’s password'),
    currentPassword: z.string().min(1).max(256).describe('当前账号的密码 / your own password'),
  })
  .strict();
export const SubjectAccountIdParams = z.object({ id: z.uuid() });
export const DisableSubjectAccountBody = z
  .object({ currentPassword: z.string().min(1).max(256).describe('当前账号的密码 / your own password') })
  .strict();

// Consents a subject gives (B21), those it received as a counterparty (B24), those a department holds,
// and the reads made under them (consents.routes.ts; decision 0040)

const CONSENT_STATUS = z.enum(['active', 'expired', 'revoked']);

export const ConsentParty = z
  .object({
    kind: z.enum(['department', 'organization', 'person']),
    code: z
      .string()
      .describe('部门代码或统一社会信用代码；个人的身份证号按 A7 遮蔽 / masked for a person (A7)'),
    name: z.string().describe('部门或主体名称；个人姓名按 A7 遮蔽 / masked for a person (A7)'),
  })
  .describe('被授权方或授权方 / a party to a consent');

export const ConsentView = z.object({
  id: z.string(),
  /** kept for callers of the first version: the grantee department, or null for a counterparty */
  granteeDepartment: z.string().nullable().describe('被授权部门代码；授权给主体时为 null'),
  grantee: ConsentParty,
  scope: z.array(z.string()),
  purpose: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  status: CONSENT_STATUS,
  reads: z
    .object({ count: z.number().int(), lastAt: z.string().nullable() })
    .optional()
    .describe('在此授权下的查询次数与最近一次时间（仅授权人本人可见）'),
});
export const ConsentsResponse = z.object({
  consents: z.array(ConsentView),
  grant: z
    .object({
      expiresOnFrom: z
        .string()
        .describe('授权截止日最早可选：今天（中国日期）/ the earliest end date: today, China time'),
      expiresOnUntil: z
        .string()
        .describe(
          '授权截止日最晚可选：今天加政策规定的最长授权期限 / the latest: today plus the policy’s longest consent',
        ),
      maxPeriod: z
        .string()
        .describe(
          '政策规定的最长授权期限，如“1年”（access.consentMaxPeriod，B21）/ the longest consent, in words',
        ),
      basis: z.string(),
    })
    .describe('新授权的截止日可选范围（B21；授权表单据此限定日期）/ the end dates a new consent may have'),
});

export const GrantConsentBody = z
  .object({
    granteeDepartment: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .describe('被授权部门代码（与 granteeSubjectCode 二选一）'),
    granteeSubjectCode: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe(
        '被授权主体（交易对方）的统一社会信用代码或身份证号，须已在平台登记（与 granteeDepartment 二选一；B24）',
      ),
    granteeName: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('被授权主体的名称：授权给个人时必填，须与平台登记的姓名一致；授权给单位时可填，填则须一致'),
    scope: z.array(z.string().min(1).max(80)).min(1).max(200),
    purpose: z.string().min(2).max(200),
    expiresOn: z.iso.date().describe('授权截止日（含），最长见政策 access.consentMaxPeriod'),
  })
  .strict();

export const ReceivedConsentView = z.object({
  id: z.string(),
  granter: ConsentParty.describe(
    '授权人：授权有效时给出完整代码与名称（读取其记录所需），失效后个人按 A7 遮蔽',
  ),
  scope: z.array(z.string()),
  purpose: z.string().describe('读取时须在 X-Purpose 中说明的用途（与此一致）'),
  grantedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  status: CONSENT_STATUS,
});
export const ReceivedConsentsResponse = z.object({ consents: z.array(ReceivedConsentView) });

export const ConsentReadsQuery = z.object({
  before: z.uuid().optional().describe('上一页最后一条的 id / the previous page’s `next`'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ConsentReadView = z.object({
  id: z.string(),
  at: z.string(),
  reader: ConsentParty.extend({
    via: z
      .enum(['staff', 'system', 'account'])
      .describe('部门工作人员、部门业务系统，或被授权主体本身的账号；工作人员只以部门标明，不具姓名'),
  }),
  purpose: z.string().nullable(),
  records: z.array(z.object({ id: z.string(), item: z.string(), itemName: z.string() })),
});
export const ConsentReadsResponse = z.object({
  consent: ConsentView,
  reads: z.array(ConsentReadView),
  next: z.string().nullable(),
});

export const ConsentIdParams = z.object({ id: z.uuid() });
export const ConsentRevokeResponse = z.object({ revoked: z.boolean() });

export const SubjectConsentsParams = z.object({ code: z.string().min(1).max(64) });
export const SubjectConsentsQuery = z.object({ item: z.string().max(80).optional() });
export const SubjectConsentsResponse = z.object({
  consents: z.array(ConsentView),
  covers: z.boolean().optional(),
});
