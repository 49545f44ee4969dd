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

export const NoContent = z.null();

export const PasswordBody = z
  .object({ current: z.string().min(1).max(256), next: z.string().min(1).max(256) })
  .strict();

export const TotpBody = z
  .object({ secret: z.string().max(64).optional(), code: z.string().max(10).optional() })
  .strict();
export const TotpResponse = z.object({
  enabled: z.boolean(),
  secret: z.string().optional(),
  otpauthUri: z.string().optional(),
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

// Consents a subject gives (B21), and those a department holds (consents.routes.ts)

export const ConsentView = z.object({
  id: z.string(),
  granteeDepartment: z.string(),
  scope: z.array(z.string()),
  purpose: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export const ConsentsResponse = z.object({ consents: z.array(ConsentView) });

export const GrantConsentBody = z
  .object({
    granteeDepartment: z.string().min(1).max(40),
    scope: z.array(z.string().min(1).max(80)).min(1).max(200),
    purpose: z.string().min(2).max(200),
    expiresOn: z.iso.date().describe('授权截止日（含），最长见政策 access.consentMaxPeriod'),
  })
  .strict();

export const ConsentIdParams = z.object({ id: z.uuid() });
export const ConsentRevokeResponse = z.object({ revoked: z.boolean() });

export const SubjectConsentsParams = z.object({ code: z.string().min(1).max(64) });
export const SubjectConsentsQuery = z.object({ item: z.string().max(80).optional() });
export const SubjectConsentsResponse = z.object({
  consents: z.array(ConsentView),
  covers: z.boolean().optional(),
});
