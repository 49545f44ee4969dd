import { z } from 'zod';
import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { Account } from './accounts.repository.ts';
import type { AccountsService } from './accounts.service.ts';
import { actorId } from './actor.ts';
import type { AuthService } from './auth.service.ts';
import { PERMISSIONS, ROLES } from './roles.ts';

const AccountView = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: z.string(),
  departmentCode: z.string().nullable(),
  status: z.string(),
  totpEnabled: z.boolean(),
});
const ApiKeyView = z.object({
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
const IssuedKey = z.object({
  id: z.string(),
  key: z.string().describe('完整密钥只显示这一次 / the full key, shown this once only'),
  expiresAt: z.string(),
});
const KeyId = z.object({
  id: z.string().regex(/^[A-Za-z0-9]{8,40}$/, '密钥编号格式不正确 / malformed key id'),
});

const accountView = (a: Account): z.infer<typeof AccountView> => ({
  id: a.id,
  login: a.login,
  displayName: a.displayName,
  role: a.role,
  departmentCode: a.departmentCode,
  status: a.status,
  totpEnabled: a.totpSecretSealed !== null,
});

const accountsAccess = { kind: 'permission', permission: 'accounts.manage', systems: false } as const;
const keysAccess = { kind: 'permission', permission: 'apikeys.manage', systems: false } as const;

/** Administration of accounts and API keys (administrators only; never by a system key). */
export type AdminRoutesDeps = {
  auth: Pick<AuthService, 'accounts' | 'apiKeys'>;
  accountsAdmin: Pick<AccountsService, 'createAccount' | 'issueApiKey' | 'rotateApiKey'>;
  audit: Pick<AuditTrail, 'record'>;
  now: () => string;
};

export function adminRoutes(ctx: AdminRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/admin/accounts',
      {
        schema: {
          tags: ['access'],
          summary: '账号列表 / accounts',
          response: { 200: z.object({ accounts: z.array(AccountView) }) },
        },
        config: { access: accountsAccess },
      },
      async (request) => {
        await ctx.audit.record({
          actor: request.actor,
          action: 'account.list',
          targetType: 'account',
          result: 'ok',
          requestId: request.id,
        });
        return {
          accounts: (await ctx.auth.accounts.list()).map(accountView),
        };
      },
    );

    app.post(
      '/api/v1/admin/accounts',
      {
        schema: {
          tags: ['access'],
          summary: '创建账号 / create an account',
          body: z
            .object({
              login: z.string().max(64),
              displayName: z.string().min(1).max(100),
              role: z.enum(ROLES),
              departmentCode: z.string().max(40).optional(),
              subjectCode: z.string().max(64).optional(),
              password: z.string().min(1).max(256),
            })
            .strict(),
          response: { 201: AccountView },
        },
        config: { access: accountsAccess },
      },
      async (request, reply) => {
        const a = await ctx.accountsAdmin.createAccount(request.body);
        await ctx.audit.record({
          actor: request.actor,
          action: 'account.create',
          targetType: 'account',
          targetId: a.id,
          result: 'ok',
          detail: { login: a.login, role: a.role, departmentCode: a.departmentCode },
          requestId: request.id,
        });
        return reply.status(201).send(accountView(a));
      },
    );

    app.get(
      '/api/v1/admin/api-keys',
      {
        schema: {
          tags: ['access'],
          summary: 'API 密钥列表 / API keys (no secrets)',
          response: { 200: z.object({ apiKeys: z.array(ApiKeyView) }) },
        },
        config: { access: keysAccess },
      },
      async () => ({ apiKeys: await ctx.auth.apiKeys.list() }),
    );

    app.post(
      '/api/v1/admin/api-keys',
      {
        schema: {
          tags: ['access'],
          summary: '签发 API 密钥 / issue an API key for a department system',
          body: z
            .object({
              departmentCode: z.string().min(1).max(40),
              permissions: z.array(z.enum(PERMISSIONS)).min(1),
              label: z.string().min(1).max(100),
              expiresAt: z.iso.datetime().optional(),
            })
            .strict(),
          response: { 201: IssuedKey },
        },
        config: { access: keysAccess },
      },
      async (request, reply) => {
        const issued = await ctx.accountsAdmin.issueApiKey({
          ...request.body,
          createdBy: actorId(request.actor) ?? 'unknown',
        });
        await ctx.audit.record({
          actor: request.actor,
          action: 'apikey.issue',
          targetType: 'api_key',
          targetId: issued.id,
          result: 'ok',
          detail: { departmentCode: request.body.departmentCode, permissions: request.body.permissions },
          requestId: request.id,
        });
        return reply.status(201).send(issued);
      },
    );

    app.post(
      '/api/v1/admin/api-keys/:id/rotate',
      {
        schema: {
          tags: ['access'],
          summary: '轮换密钥 / rotate a key (the old one is revoked)',
          params: KeyId,
          response: { 201: IssuedKey },
        },
        config: { access: keysAccess },
      },
      async (request, reply) => {
        const issued = await ctx.accountsAdmin.rotateApiKey(
          request.params.id,
          actorId(request.actor) ?? 'unknown',
        );
        await ctx.audit.record({
          actor: request.actor,
          action: 'apikey.rotate',
          targetType: 'api_key',
          targetId: request.params.id,
          result: 'ok',
          detail: { replacedBy: issued.id },
          requestId: request.id,
        });
        return reply.status(201).send(issued);
      },
    );

    app.post(
      '/api/v1/admin/api-keys/:id/revoke',
      {
        schema: {
          tags: ['access'],
          summary: '吊销密钥 / revoke a key',
          params: KeyId,
          response: { 200: z.object({ revoked: z.boolean() }) },
        },
        config: { access: keysAccess },
      },
      async (request) => {
        const revoked = await ctx.auth.apiKeys.revoke(request.params.id, ctx.now());
        await ctx.audit.record({
          actor: request.actor,
          action: 'apikey.revoke',
          targetType: 'api_key',
          targetId: request.params.id,
          result: revoked ? 'ok' : 'error',
          requestId: request.id,
        });
        return { revoked };
      },
    );
  };
}
