import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import {
  AddSubjectAccountBody,
  DisableSubjectAccountBody,
  SubjectAccountIdParams,
  SubjectAccountsResponse,
  SubjectAccountView,
} from './access.api.ts';
import type { BoundAccount } from './account-bindings.repository.ts';
import type { AccountsService } from './accounts.service.ts';
import type { Actor } from './actor.ts';
import type { AuthService } from './auth.service.ts';

const manageOwn = { kind: 'permission', permission: 'accounts.manage_own', systems: false } as const;

/**
 * The accounts that act for a subject, as the subject sees them (issue 14 §1): every account bound to
 * it, how and by whom (self-registration with the verifier, the center with its stated purpose, the
 * subject itself), so an account the subject does not recognise is seen — and disabled — by it.
 */
export type SubjectAccountsRoutesDeps = {
  auth: Pick<AuthService, 'accounts' | 'confirmPassword'>;
  accountsAdmin: Pick<AccountsService, 'createAccount' | 'accountsOfSubject' | 'disableBoundAccount'>;
  audit: Pick<AuditTrail, 'record'>;
  policy: { access: { rateLimits: { loginPerMinute: number } } };
};

export function subjectAccountsRoutes(ctx: SubjectAccountsRoutesDeps) {
  // Each of these confirms the password: limited like sign-in.
  const rate = { max: ctx.policy.access.rateLimits.loginPerMinute, timeWindow: 60_000 };
  const view = (b: BoundAccount, me: string): SubjectAccountView => ({
    id: b.accountId,
    login: b.login,
    displayName: b.displayName,
    status: b.status,
    current: b.accountId === me,
    boundAt: b.boundAt,
    via: b.via,
    verifier: b.verifier,
    reference: b.reference,
    purpose: b.purpose,
    boundBy: { role: b.actorRole, department: b.actorDepartment },
  });

  /** The signed-in subject account and the subject it acts for. */
  async function me(actor: Actor) {
    if (actor.kind !== 'account' || !actor.subjectId)
      throw new AppError('ACCESS_DENIED', 403, '仅限信息主体本人', 'Only the subject itself');
    const account = await ctx.auth.accounts.findById(actor.accountId);
    if (!account) throw new AppError('ACCESS_DENIED', 403, '仅限信息主体本人', 'Only the subject itself');
    return { actor, account, subjectId: actor.subjectId };
  }

  return (app: HttpApp) => {
    app.get(
      '/api/v1/me/accounts',
      {
        schema: {
          tags: ['access'],
          summary: '绑定到本主体的账号 / the accounts bound to me, and how each was bound',
          response: { 200: SubjectAccountsResponse },
        },
        config: { access: manageOwn },
      },
      async (request) => {
        const { actor, subjectId } = await me(request.actor);
        const bound = await ctx.accountsAdmin.accountsOfSubject(subjectId);
        return { accounts: bound.map((b) => view(b, actor.accountId)) };
      },
    );

    app.post(
      '/api/v1/me/accounts',
      {
        schema: {
          tags: ['access'],
          summary:
            '为本主体添加账号 / add another account acting for me (e.g. a second agent of an organization)',
          body: AddSubjectAccountBody,
          response: { 201: SubjectAccountView },
        },
        config: { access: manageOwn, rateLimit: rate, errors: [409] },
      },
      async (request, reply) => {
        const { actor, account, subjectId } = await me(request.actor);
        await ctx.auth.confirmPassword(account, request.body.currentPassword, request.ip);
        const added = await ctx.accountsAdmin.createAccount(
          {
            login: request.body.login,
            displayName: request.body.displayName,
            role: 'subject',
            subjectId,
            password: request.body.password,
          },
          { actor, via: 'subject', requestId: request.id },
        );
        await ctx.audit.record({
          actor,
          action: 'account.create',
          targetType: 'account',
          targetId: added.id,
          result: 'ok',
          detail: { via: 'subject', login: added.login, subjectId },
          requestId: request.id,
        });
        const bound = (await ctx.accountsAdmin.accountsOfSubject(subjectId)).find(
          (b) => b.accountId === added.id,
        )!;
        return reply.status(201).send(view(bound, actor.accountId));
      },
    );

    app.post(
      '/api/v1/me/accounts/:id/disable',
      {
        schema: {
          tags: ['access'],
          summary: '停用绑定到本主体的账号 / disable an account bound to me (its sessions end)',
          params: SubjectAccountIdParams,
          body: DisableSubjectAccountBody,
          response: { 200: SubjectAccountView },
        },
        config: { access: manageOwn, rateLimit: rate },
      },
      async (request) => {
        const { actor, account, subjectId } = await me(request.actor);
        await ctx.auth.confirmPassword(account, request.body.currentPassword, request.ip);
        await ctx.accountsAdmin.disableBoundAccount(subjectId, request.params.id, {
          actor,
          requestId: request.id,
        });
        const bound = (await ctx.accountsAdmin.accountsOfSubject(subjectId)).find(
          (b) => b.accountId === request.params.id,
        )!;
        return view(bound, actor.accountId);
      },
    );
  };
}
