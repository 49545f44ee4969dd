import { endOfChinaDay } from '../../platform/clock.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CatalogRepository } from '../catalog/catalog.repository.ts';
import type { DepartmentsRepository } from '../departments/departments.repository.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import { addPolicyDuration, type Policy } from '../policy/index.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import {
  ConsentIdParams,
  ConsentRevokeResponse,
  ConsentsResponse,
  ConsentView,
  GrantConsentBody,
  SubjectConsentsParams,
  SubjectConsentsQuery,
  SubjectConsentsResponse,
} from './access.api.ts';
import { actorDepartment } from './actor.ts';
import type { ConsentsRepository } from './consents.repository.ts';
import { consentCovers } from './scope.ts';

const manageOwn = { kind: 'permission', permission: 'consents.manage_own', systems: false } as const;

/**
 * B21: a subject authorizes a named party to query its 授权查询 information, for a purpose, until a
 * date; it may revoke at any time. Consents are kept as evidence, never deleted.
 */
export type ConsentsRoutesDeps = {
  consents: ConsentsRepository;
  departments: Pick<DepartmentsRepository, 'findByCode'>;
  subjects: Pick<SubjectsRepository, 'findByCode'>;
  /** the scope of a consent names catalog items that exist (issue 14 §6) */
  catalog: Pick<CatalogRepository, 'list'>;
  codes: Pick<CodesService, 'normalize'>;
  audit: Pick<AuditTrail, 'record'>;
  policy: Policy;
  now: () => string;
  today: () => string;
};

export function consentsRoutes(ctx: ConsentsRoutesDeps) {
  const view = (c: Awaited<ReturnType<ConsentsRepository['listForSubject']>>[number]) => {
    const now = ctx.now();
    const status = c.revokedAt
      ? ('revoked' as const)
      : c.expiresAt <= now
        ? ('expired' as const)
        : ('active' as const);
    return {
      id: c.id,
      granteeDepartment: c.granteeDepartment,
      scope: c.scope,
      purpose: c.purpose,
      grantedAt: c.grantedAt,
      expiresAt: c.expiresAt,
      revokedAt: c.revokedAt,
      status,
    };
  };
  const ownSubject = (request: { actor: { kind: string; subjectId?: string | null } }) => {
    if (request.actor.kind !== 'account' || !request.actor.subjectId) {
      throw new AppError('ACCESS_DENIED', 403, '仅限信息主体本人', 'Only the subject itself');
    }
    return request.actor.subjectId;
  };

  return (app: HttpApp) => {
    app.get(
      '/api/v1/me/consents',
      {
        schema: {
          tags: ['consents'],
          summary: '我的授权 / my consents',
          response: { 200: ConsentsResponse },
        },
        config: { access: manageOwn },
      },
      async (request) => ({ consents: (await ctx.consents.listForSubject(ownSubject(request))).map(view) }),
    );

    app.post(
      '/api/v1/me/consents',
      {
        schema: {
          tags: ['consents'],
          summary: '授权查询 / grant a consent (B21)',
          body: GrantConsentBody,
          response: { 201: ConsentView },
        },
        config: { access: manageOwn },
      },
      async (request, reply) => {
        const subjectId = ownSubject(request);
        const now = ctx.now();
        const body = request.body;
        if (!(await ctx.departments.findByCode(body.granteeDepartment))) {
          throw badRequest(
            'CONSENT_GRANTEE_UNKNOWN',
            `被授权单位未登记：${body.granteeDepartment}`,
            `Unknown grantee: ${body.granteeDepartment}`,
            {
              field: 'granteeDepartment',
            },
          );
        }
        // '*': every item of the subject's file; otherwise catalog item codes that exist (issue 14 §6).
        const items = new Set((await ctx.catalog.list()).map((item) => item.code));
        const unknown = [...new Set(body.scope)].filter((code) => code !== '*' && !items.has(code));
        if (unknown.length > 0) {
          throw badRequest(
            'CONSENT_SCOPE_UNKNOWN',
            `授权范围中有目录中不存在的信息项：${unknown.join('、')}（见 GET /api/v1/catalog）`,
            `The scope names items the catalog does not have: ${unknown.join(', ')} (see GET /api/v1/catalog)`,
            { field: 'scope', unknown },
          );
        }
        const today = ctx.today();
        const latest = addPolicyDuration(today, ctx.policy.access.consentMaxPeriod);
        if (body.expiresOn < today || body.expiresOn > latest) {
          throw badRequest(
            'CONSENT_EXPIRY_INVALID',
            `授权截止日应在今天至 ${latest} 之间`,
            `The consent must end between today and ${latest}`,
            { field: 'expiresOn', latest },
          );
        }
        // The consent runs to the end of its last day, China time (UTC+8).
        const expiresAt = endOfChinaDay(body.expiresOn);
        const consent = await ctx.consents.grant({
          subjectId,
          granteeDepartment: body.granteeDepartment,
          scope: body.scope,
          purpose: body.purpose,
          grantedAt: now,
          expiresAt,
          evidence: {
            method: 'online',
            accountId: request.actor.kind === 'account' ? request.actor.accountId : null,
            requestId: request.id,
            userAgent: request.headers['user-agent'] ?? null,
          },
          grantedBy: request.actor.kind === 'account' ? request.actor.login : 'unknown',
        });
        await ctx.audit.record({
          actor: request.actor,
          action: 'consent.grant',
          targetType: 'consent',
          targetId: consent.id,
          result: 'ok',
          detail: { granteeDepartment: body.granteeDepartment, scope: body.scope, expiresAt },
          requestId: request.id,
        });
        return reply.status(201).send(view(consent));
      },
    );

    app.post(
      '/api/v1/me/consents/:id/revoke',
      {
        schema: {
          tags: ['consents'],
          summary: '撤回授权 / revoke a consent',
          params: ConsentIdParams,
          response: { 200: ConsentRevokeResponse },
        },
        config: { access: manageOwn },
      },
      async (request) => {
        const revoked = await ctx.consents.revoke(request.params.id, ownSubject(request), ctx.now());
        if (!revoked) {
          throw new AppError('CONSENT_NOT_FOUND', 404, '没有这项有效授权', 'No such live consent of yours');
        }
        await ctx.audit.record({
          actor: request.actor,
          action: 'consent.revoke',
          targetType: 'consent',
          targetId: request.params.id,
          result: 'ok',
          requestId: request.id,
        });
        return { revoked };
      },
    );

    app.get(
      '/api/v1/subjects/:code/consents',
      {
        schema: {
          tags: ['consents'],
          summary: '本单位获得的授权 / the consents this subject gave my department',
          params: SubjectConsentsParams,
          querystring: SubjectConsentsQuery,
          response: { 200: SubjectConsentsResponse },
        },
        config: { access: { kind: 'permission', permission: 'consents.read', purpose: true } },
      },
      async (request) => {
        const subject = await ctx.subjects.findByCode(ctx.codes.normalize(request.params.code));
        const department = actorDepartment(request.actor);
        if (!subject || !department) return { consents: [] };
        const consents = await ctx.consents.forSubjectAndDepartment(subject.id, department);
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'consent.read',
          targetType: 'subject',
          targetId: subject.id,
          result: 'ok',
          requestId: request.id,
        });
        const item = request.query.item;
        const covers = item
          ? consents.some((c) =>
              consentCovers(
                c,
                { subjectId: subject.id, itemCode: item, scope: 'authorized', providerDepartment: '' },
                department,
                ctx.now(),
              ),
            )
          : undefined;
        return { consents: consents.map(view), covers };
      },
    );
  };
}
