import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import {
  AccountsResponse,
  AccountView,
  ApiKeyRevokeResponse,
  ApiKeysResponse,
  CreateAccountBody,
  IssueApiKeyBody,
  IssuedKey,
  KeyId,
} from './access.api.ts';
import type { Account } from './accounts.repository.ts';
import type { AccountsService } from './accounts.service.ts';
import { actorId } from './actor.ts';
import type { AuthService } from './auth.service.ts';

const accountView = (a: Account): AccountView => ({
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
          response: { 200: AccountsResponse },
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
          body: CreateAccountBody,
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
          response: { 200: ApiKeysResponse },
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
          body: IssueApiKeyBody,
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
          response: { 200: ApiKeyRevokeResponse },
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
