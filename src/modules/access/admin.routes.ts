import { AppError } from '../../platform/errors.ts';
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
import { purposeStated } from './authorize.ts';

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
          description:
            '为信息主体开设账号（role=subject）须在 X-Purpose 中说明用途：该账号可查看主体的全部信息，开设行为记入审计并向主体展示。\n' +
            'A subject account (role=subject) needs a stated purpose in X-Purpose: it opens the subject’s whole file; the act is audited and shown to the subject.',
          body: CreateAccountBody,
          response: { 201: AccountView },
        },
        config: { access: accountsAccess, errors: [409] },
      },
      async (request, reply) => {
        // An account acting for a subject opens that subject's whole file, 授权查询 items included:
        // the center opens one only for a stated purpose, and the subject sees it (issue 14 §1).
        if (request.body.role === 'subject' && !purposeStated(request.purpose)) {
          await ctx.audit.record({
            actor: request.actor,
            action: 'access.denied',
            targetType: 'route',
            targetId: 'POST /api/v1/admin/accounts',
            result: 'denied',
            detail: { code: 'PURPOSE_REQUIRED', role: 'subject' },
            requestId: request.id,
          });
          throw new AppError(
            'PURPOSE_REQUIRED',
            403,
            '为信息主体开设账号须说明用途（请求头 X-Purpose，至少 4 个字）；信息主体会看到这个账号和用途',
            'Opening an account for a subject requires a stated purpose (X-Purpose header, 4+ characters); the subject will see the account and the purpose',
          );
        }
        const a = await ctx.accountsAdmin.createAccount(request.body, {
          actor: request.actor,
          via: 'center',
          purpose: request.purpose,
          requestId: request.id,
        });
        await ctx.audit.record({
          actor: request.actor,
          purpose: a.subjectId ? request.purpose : undefined,
          action: 'account.create',
          targetType: 'account',
          targetId: a.id,
          result: 'ok',
          detail: {
            login: a.login,
            role: a.role,
            departmentCode: a.departmentCode,
            ...(a.subjectId ? { subjectId: a.subjectId } : {}),
          },
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
