import {
  checkPasswordStrength,
  generateTotpSecret,
  hashPassword,
  otpauthUri,
  passwordRejected,
  verifyPassword,
  verifyTotp,
} from '../../platform/auth/index.ts';
import type { Config } from '../../platform/config.ts';
import type { Sealer } from '../../platform/crypto/sealing.ts';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import type { Policy } from '../policy/index.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import {
  LoginBody,
  Me,
  NoContent,
  PasswordBody,
  RegisterBody,
  RegisterResponse,
  TotpBody,
  TotpResponse,
} from './access.api.ts';
import { SESSION_COOKIE } from './access.hook.ts';
import type { AccountsService } from './accounts.service.ts';
import type { AuthService } from './auth.service.ts';
import { identityVerifier } from './identity-verification.ts';

export type AuthRoutesDeps = {
  auth: AuthService;
  accountsAdmin: Pick<AccountsService, 'createAccount'>;
  subjects: Pick<SubjectsRepository, 'findByCode'>;
  codes: Pick<CodesService, 'normalize'>;
  audit: Pick<AuditTrail, 'record'>;
  sealer: Pick<Sealer, 'seal'>;
  policy: Policy;
  config: Pick<Config, 'cookieSecure' | 'identityVerifier'>;
  now: () => string;
};

export function authRoutes(ctx: AuthRoutesDeps) {
  const rate = { max: ctx.policy.access.rateLimits.loginPerMinute, timeWindow: 60_000 };
  const cookieOptions = (expiresAt: string) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.cookieSecure,
    expires: new Date(expiresAt),
  });

  return (app: HttpApp) => {
    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags: ['access'],
          summary: '登录 / sign in (password, and TOTP where enabled)',
          body: LoginBody,
          response: { 200: Me },
        },
        config: { access: { kind: 'public', reason: 'signing in' }, rateLimit: rate },
      },
      async (request, reply) => {
        try {
          const session = await ctx.auth.login(request.body);
          await ctx.audit.record({
            actor: request.actor,
            action: 'auth.login',
            targetType: 'account',
            targetId: session.account.id,
            result: 'ok',
            requestId: request.id,
          });
          reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(session.expiresAt));
          return {
            kind: 'account' as const,
            login: session.account.login,
            displayName: session.account.displayName,
            role: session.account.role,
            departmentCode: session.account.departmentCode,
            subjectId: session.account.subjectId,
            totpEnabled: session.account.totpSecretSealed !== null,
            csrfToken: session.csrfToken,
          };
        } catch (error) {
          if (error instanceof AppError) {
            await ctx.audit.record({
              actor: request.actor,
              action: 'auth.login',
              targetType: 'login',
              targetId: request.body.login,
              result: 'denied',
              detail: { code: error.code },
              requestId: request.id,
            });
          }
          throw error;
        }
      },
    );

    app.post(
      '/api/v1/auth/register',
      {
        schema: {
          tags: ['access'],
          summary: '信息主体注册 / subject self-registration after real-name verification',
          description:
            '经配置的实名核验服务核验身份后，为平台上已有的信息主体开通账号。演示环境使用演示核验（核验码 888888），不是真实实名认证。\n' +
            'Opens an account for a subject already on the platform once the configured real-name verifier confirms the identity. ' +
            'The demo verifier (code 888888) is NOT a real identity check.',
          body: RegisterBody,
          response: { 201: RegisterResponse },
        },
        config: {
          access: { kind: 'public', reason: 'self-registration, gated by real-name verification' },
          rateLimit: rate,
        },
      },
      async (request, reply) => {
        const verifier = identityVerifier(ctx.config.identityVerifier);
        if (!verifier) {
          throw new AppError(
            'REGISTRATION_DISABLED',
            403,
            '本平台未开放自助注册，请到信用中心窗口办理',
            'Self-registration is disabled; apply at the credit center',
          );
        }
        const code = ctx.codes.normalize(request.body.code);
        const subject = await ctx.subjects.findByCode(code);
        const result = await verifier.verify(
          { code, name: request.body.name, evidence: request.body.evidence },
          subject?.name,
        );
        await ctx.audit.record({
          actor: request.actor,
          action: 'subject.identity_verification',
          targetType: 'subject',
          targetId: subject?.id ?? null,
          result: result.verified ? 'ok' : 'denied',
          detail: {
            verifier: verifier.id,
            ...(result.verified ? { reference: result.reference } : { reason: result.reasonEn }),
          },
          requestId: request.id,
        });
        if (!result.verified || !subject) {
          throw new AppError(
            'IDENTITY_NOT_VERIFIED',
            403,
            `实名核验未通过：${result.verified ? '' : result.reason}`,
            `Identity not verified: ${result.verified ? '' : result.reasonEn}`,
          );
        }
        const account = await ctx.accountsAdmin.createAccount({
          login: request.body.login,
          displayName: subject.name,
          role: 'subject',
          subjectCode: code,
          password: request.body.password,
        });
        await ctx.audit.record({
          actor: request.actor,
          action: 'account.create',
          targetType: 'account',
          targetId: account.id,
          result: 'ok',
          detail: { via: 'self-registration', verifier: verifier.id },
          requestId: request.id,
        });
        return reply.status(201).send({ login: account.login, verifier: verifier.id });
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        schema: { tags: ['access'], summary: '退出登录 / sign out', response: { 204: NoContent } },
        config: { access: signedInAny() },
      },
      async (request, reply) => {
        if (request.actor.kind === 'account') await ctx.auth.logout(request.actor.sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        schema: {
          tags: ['access'],
          summary: '当前身份 / who am I (and the CSRF token for this session)',
          response: { 200: Me },
        },
        config: {
          access: { kind: 'public', reason: 'tells callers who they are; anonymous gets kind=anonymous' },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (actor.kind === 'anonymous' || actor.kind === 'operator') return { kind: 'anonymous' as const };
        if (actor.kind === 'system') return { kind: 'system' as const, departmentCode: actor.departmentCode };
        const account = await ctx.auth.accounts.findById(actor.accountId);
        return {
          kind: 'account' as const,
          login: actor.login,
          displayName: account?.displayName,
          role: actor.role,
          departmentCode: actor.departmentCode,
          subjectId: actor.subjectId,
          totpEnabled: account?.totpSecretSealed != null,
          csrfToken: request.sessionToken ? ctx.auth.csrfTokenFor(request.sessionToken) : undefined,
        };
      },
    );

    app.post(
      '/api/v1/auth/password',
      {
        schema: {
          tags: ['access'],
          summary: '修改密码 / change password',
          body: PasswordBody,
          response: { 204: NoContent },
        },
        config: { access: signedInAny() },
      },
      async (request, reply) => {
        const actor = request.actor;
        if (actor.kind !== 'account')
          throw new AppError('ACCESS_DENIED', 403, '仅限登录用户', 'Signed-in accounts only');
        const account = await ctx.auth.accounts.findById(actor.accountId);
        if (!account || !(await verifyPassword(request.body.current, account.passwordHash))) {
          throw new AppError('AUTH_LOGIN_FAILED', 401, '当前密码错误', 'The current password is wrong');
        }
        const problems = checkPasswordStrength(request.body.next, { userName: account.login });
        if (problems.length > 0) throw passwordRejected(problems);
        await ctx.auth.accounts.setPassword(account.id, await hashPassword(request.body.next), ctx.now());
        await ctx.audit.record({
          actor,
          action: 'account.password_change',
          targetType: 'account',
          targetId: account.id,
          result: 'ok',
          requestId: request.id,
        });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/totp',
      {
        schema: {
          tags: ['access'],
          summary:
            '启用动态验证码 / enable TOTP: first call without code returns a secret; call again with secret and code',
          body: TotpBody,
          response: { 200: TotpResponse },
        },
        config: { access: signedInAny() },
      },
      async (request) => {
        const actor = request.actor;
        if (actor.kind !== 'account')
          throw new AppError('ACCESS_DENIED', 403, '仅限登录用户', 'Signed-in accounts only');
        const { secret, code } = request.body;
        if (!secret || !code) {
          const fresh = generateTotpSecret();
          return {
            enabled: false,
            secret: fresh,
            otpauthUri: otpauthUri({ issuer: '信用淮安', account: actor.login, secret: fresh }),
          };
        }
        const check = verifyTotp(secret, code, { at: Date.parse(ctx.now()), window: 1 });
        if (!check.ok)
          throw new AppError(
            'AUTH_TOTP_INVALID',
            400,
            '动态验证码错误，请核对手机时间后重试',
            'Wrong one-time code; check the phone clock and retry',
          );
        await ctx.auth.accounts.setTotp(actor.accountId, ctx.sealer.seal(secret), ctx.now());
        await ctx.auth.accounts.claimTotpStep(actor.accountId, check.step);
        await ctx.audit.record({
          actor,
          action: 'account.totp_enable',
          targetType: 'account',
          targetId: actor.accountId,
          result: 'ok',
          requestId: request.id,
        });
        return { enabled: true };
      },
    );
  };

  /** Any signed-in person (staff or subject): every role holds at least one permission; systems excluded. */
  function signedInAny() {
    return { kind: 'signed_in' } as const;
  }
}
