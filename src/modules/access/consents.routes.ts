import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { endOfChinaDay } from '../../platform/clock.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CatalogRepository } from '../catalog/catalog.repository.ts';
import type { DepartmentsRepository } from '../departments/departments.repository.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import { addPolicyDuration, CONSENT_GRANT_LIMITS, type Policy } from '../policy/index.ts';
import type { Subject, SubjectsRepository } from '../subjects/subjects.repository.ts';
import {
  ConsentIdParams,
  ConsentReadsQuery,
  ConsentReadsResponse,
  ConsentRevokeResponse,
  ConsentsResponse,
  ConsentView,
  GrantConsentBody,
  ReceivedConsentsResponse,
  SubjectConsentsParams,
  SubjectConsentsQuery,
  SubjectConsentsResponse,
} from './access.api.ts';
import { actorDepartment } from './actor.ts';
import { type ConsentPartyView, departmentParty, subjectParty } from './consent-parties.ts';
import type { ConsentReadsRepository } from './consent-reads.repository.ts';
import type { ConsentsRepository, StoredConsent } from './consents.repository.ts';
import { consentCovers, consentLive } from './scope.ts';

const manageOwn = { kind: 'permission', permission: 'consents.manage_own', systems: false } as const;
const useReceived = { kind: 'permission', permission: 'consents.use_received', systems: false } as const;

/**
 * B21: a subject authorizes a named party — a department, or a counterparty subject on the platform
 * (B24: a bank, an employer, a landlord) — to query its 授权查询 information, for a purpose, until a
 * date; it may revoke at any time, and sees every read made under each consent. Consents are kept as
 * evidence, never deleted (decision 0040).
 */
export type ConsentsRoutesDeps = {
  consents: ConsentsRepository;
  consentReads: Pick<ConsentReadsRepository, 'ofConsent' | 'countsOf'>;
  departments: Pick<DepartmentsRepository, 'findByCode' | 'list'>;
  subjects: Pick<SubjectsRepository, 'findByCode' | 'findByIds'>;
  /** the scope of a consent names catalog items that exist (issue 14 §6) */
  catalog: Pick<CatalogRepository, 'list'>;
  codes: Pick<CodesService, 'normalize' | 'check'>;
  audit: Pick<AuditTrail, 'record' | 'entry' | 'writer'>;
  policy: Policy;
  now: () => string;
  today: () => string;
};

type Grantee = { department: string; subject?: undefined } | { subject: Subject; department?: undefined };

export function consentsRoutes(ctx: ConsentsRoutesDeps) {
  const statusOf = (c: StoredConsent, now: string) =>
    c.revokedAt ? ('revoked' as const) : c.expiresAt <= now ? ('expired' as const) : ('active' as const);

  /** The end dates a consent may have when granted today (B21: the policy's longest consent). */
  const grantWindow = () => {
    const today = ctx.today();
    const max = ctx.policy.access.consentMaxPeriod;
    return {
      expiresOnFrom: today,
      expiresOnUntil: addPolicyDuration(today, max),
      maxPeriod: max.years !== undefined ? `${max.years}年` : `${max.months}个月`,
      basis: max.basis,
    };
  };

  const departmentNames = async () => new Map((await ctx.departments.list()).map((d) => [d.code, d.name]));

  /** The consents as the granter (or a named department) sees them: the grantee named, a person masked (A7). */
  async function views(
    consents: readonly StoredConsent[],
    reads?: Awaited<ReturnType<typeof ctx.consentReads.countsOf>>,
  ) {
    const now = ctx.now();
    const names = consents.some((c) => c.granteeDepartment !== null) ? await departmentNames() : new Map();
    const subjects = await ctx.subjects.findByIds(
      consents.flatMap((c) => (c.granteeSubjectId === null ? [] : [c.granteeSubjectId])),
    );
    return consents.map((c) => {
      const grantee: ConsentPartyView =
        c.granteeDepartment !== null
          ? departmentParty(c.granteeDepartment, names)
          : subjectParty(ctx.policy, subjectOf(subjects, c.granteeSubjectId));
      const counted = reads?.get(c.id);
      return {
        id: c.id,
        granteeDepartment: c.granteeDepartment,
        grantee,
        scope: c.scope,
        purpose: c.purpose,
        grantedAt: c.grantedAt,
        expiresAt: c.expiresAt,
        revokedAt: c.revokedAt,
        status: statusOf(c, now),
        ...(reads ? { reads: { count: counted?.count ?? 0, lastAt: counted?.lastAt ?? null } } : {}),
      };
    });
  }

  const ownSubject = (request: FastifyRequest) => {
    if (request.actor.kind !== 'account' || !request.actor.subjectId) {
      throw new AppError('ACCESS_DENIED', 403, '仅限信息主体本人', 'Only the subject itself');
    }
    return request.actor.subjectId;
  };

  /** What a grant says besides its grantee: items the catalog has, an end date in the window, a purpose. */
  async function checkGrantTerms(body: z.infer<typeof GrantConsentBody>) {
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
    const { expiresOnFrom: today, expiresOnUntil: latest } = grantWindow();
    if (body.expiresOn < today || body.expiresOn > latest) {
      throw badRequest(
        'CONSENT_EXPIRY_INVALID',
        `授权截止日应在今天至 ${latest} 之间`,
        `The consent must end between today and ${latest}`,
        { field: 'expiresOn', latest },
      );
    }
    if (body.purpose.trim().length < 2) {
      throw badRequest(
        'CONSENT_PURPOSE_REQUIRED',
        '请写明授权查询的用途（至少两个字）',
        'State the purpose of the consent (two characters at least)',
        { field: 'purpose' },
      );
    }
  }

  /**
   * The party a consent is to name. A subject by its code (B24), which must be registered on the
   * platform; a person also by the name registered, so granting cannot tell anyone more about a
   * person than registration does (code and name together, one answer whatever failed; decision 0040).
   */
  async function granteeOf(
    request: FastifyRequest,
    body: z.infer<typeof GrantConsentBody>,
    granter: string,
  ): Promise<Grantee> {
    if ((body.granteeDepartment === undefined) === (body.granteeSubjectCode === undefined)) {
      throw badRequest(
        'CONSENT_GRANTEE_REQUIRED',
        '请指定一个被授权方：部门（granteeDepartment）或平台上的主体（granteeSubjectCode），二者选一',
        'Name one grantee: a department (granteeDepartment) or a subject on the platform (granteeSubjectCode)',
        { fields: ['granteeDepartment', 'granteeSubjectCode'] },
      );
    }
    if (body.granteeDepartment !== undefined) {
      if (body.granteeName !== undefined) {
        throw badRequest(
          'CONSENT_GRANTEE_NAME_UNEXPECTED',
          'granteeName 只用于授权给主体（granteeSubjectCode），授权给部门时请去掉',
          'granteeName goes with granteeSubjectCode only; leave it out for a department',
          { field: 'granteeName' },
        );
      }
      if (!(await ctx.departments.findByCode(body.granteeDepartment))) {
        throw badRequest(
          'CONSENT_GRANTEE_UNKNOWN',
          `被授权单位未登记：${body.granteeDepartment}`,
          `Unknown grantee: ${body.granteeDepartment}`,
          { field: 'granteeDepartment' },
        );
      }
      return { department: body.granteeDepartment };
    }
    const check = await ctx.codes.check(body.granteeSubjectCode ?? '');
    const code = check.upgraded ?? check.normalized;
    const person = check.kind === 'citizen_id' || check.kind === 'citizen_id_15';
    if (!check.valid || !(person || check.kind === 'uscc')) {
      const why = check.valid
        ? { message: '须为统一社会信用代码或身份证号', messageEn: 'it must be a USCC or a citizen ID number' }
        : (check.error ?? { message: '', messageEn: '' });
      throw badRequest(
        'CONSENT_GRANTEE_CODE_INVALID',
        `被授权主体的代码有误：${why.message}`,
        `The grantee's code is wrong: ${why.messageEn}`,
        { field: 'granteeSubjectCode', reason: check.error?.code ?? 'CODE_KIND' },
      );
    }
    const name = body.granteeName?.trim();
    if (person && !name) {
      throw badRequest(
        'CONSENT_GRANTEE_NAME_REQUIRED',
        '授权给个人时，请同时填写其姓名（granteeName），须与平台登记一致',
        'To name a person, give their name as well (granteeName), as registered on the platform',
        { field: 'granteeName' },
      );
    }
    const subject = await ctx.subjects.findByCode(code);
    const failure = !subject
      ? 'subject_unknown'
      : name !== undefined && subject.name !== name
        ? 'name_mismatch'
        : null;
    if (failure || !subject) {
      // Who tried to name whom is kept for the center; the granter hears one answer whatever failed.
      await ctx.audit.record({
        actor: request.actor,
        action: 'consent.grant',
        targetType: 'subject',
        targetId: subject?.id ?? null,
        result: 'denied',
        detail: { failure },
        requestId: request.id,
      });
      throw badRequest(
        'CONSENT_GRANTEE_UNKNOWN',
        person
          ? '平台上没有以此身份证号和姓名登记的个人，请核对'
          : '平台上没有以此统一社会信用代码（及名称）登记的单位，请核对',
        person
          ? 'No person is registered on the platform under this ID number and name; check both'
          : 'No organization is registered on the platform under this code (and name); check them',
        { field: 'granteeSubjectCode' },
      );
    }
    if (subject.id === granter) {
      // Every look-up leaves an entry (decision 0040): a miss above, a hit in the grant's own entry,
      // and this hit that grants nothing.
      await ctx.audit.record({
        actor: request.actor,
        action: 'consent.grant',
        targetType: 'subject',
        targetId: subject.id,
        result: 'denied',
        detail: { failure: 'self' },
        requestId: request.id,
      });
      throw badRequest(
        'CONSENT_GRANTEE_SELF',
        '不能授权给自己：本人随时可以查看自己的全部信息',
        'A subject cannot name itself: it reads all of its own information anyway',
        { field: 'granteeSubjectCode' },
      );
    }
    return { subject };
  }

  /**
   * Granting to a subject checks its code and name, so the grant route is limited (decision 0040):
   * per signed-in account (each is identity-verified, so accounts are scarce) in the route's config,
   * and per client address across accounts here. Ten minutes: a person granting a few consents in a
   * sitting never meets it; a probe of the ~2,600 birth dates a masked ID number hides needs days.
   */
  const grantWindowMs = 10 * 60_000;
  const perAccountRate = {
    max: ctx.policy.access.rateLimits.consentGrantsPerTenMinutes ?? CONSENT_GRANT_LIMITS.perAccount,
    timeWindow: grantWindowMs,
    keyGenerator: (request: FastifyRequest) =>
      request.actor.kind === 'account'
        ? `consent-grant:${request.actor.accountId}`
        : `consent-grant@${request.ip}`,
  };

  return (app: HttpApp) => {
    const addressLimit = app.createRateLimit({
      max:
        ctx.policy.access.rateLimits.consentGrantsPerAddressPerTenMinutes ?? CONSENT_GRANT_LIMITS.perAddress,
      timeWindow: grantWindowMs,
      keyGenerator: (request) => `consent-grant@${request.ip}`,
    });
    const perAddress = async (request: FastifyRequest) => {
      const limited = await addressLimit(request);
      if (limited.isAllowed || !limited.isExceeded) return;
      throw new AppError(
        'RATE_LIMITED',
        429,
        `请求过于频繁，请 ${limited.ttlInSeconds} 秒后再试`,
        `Too many requests; retry in ${limited.ttlInSeconds} s`,
        { limit: limited.max, retryAfterSeconds: limited.ttlInSeconds },
      );
    };

    app.get(
      '/api/v1/me/consents',
      {
        schema: {
          tags: ['consents'],
          summary: '我的授权 / my consents, each with its grantee and how often it was read under',
          response: { 200: ConsentsResponse },
        },
        config: { access: manageOwn },
      },
      async (request) => {
        const consents = await ctx.consents.listForSubject(ownSubject(request));
        const reads = await ctx.consentReads.countsOf(consents.map((c) => c.id));
        return { consents: await views(consents, reads), grant: grantWindow() };
      },
    );

    app.post(
      '/api/v1/me/consents',
      {
        schema: {
          tags: ['consents'],
          summary:
            '授权查询 / grant a consent to a department or to a counterparty on the platform (B21, B24)',
          body: GrantConsentBody,
          response: { 201: ConsentView },
        },
        config: { access: manageOwn, rateLimit: perAccountRate },
      },
      async (request, reply) => {
        const subjectId = ownSubject(request);
        const now = ctx.now();
        const body = request.body;
        await perAddress(request);
        // Every other field is checked before the grantee is looked up: a refusal naming the scope,
        // the end date or the purpose must not tell that the code and name were a registered pair
        // (decision 0040).
        await checkGrantTerms(body);
        const grantee = await granteeOf(request, body, subjectId);
        // The consent runs to the end of its last day, China time (UTC+8).
        const expiresAt = endOfChinaDay(body.expiresOn);
        const granteeDetail =
          grantee.department !== undefined
            ? { granteeDepartment: grantee.department }
            : { granteeSubject: grantee.subject.id };
        // The consent and the act's entry commit together: a refused grant stores nothing.
        const consent = await ctx.consents.grant(
          {
            subjectId,
            granteeDepartment: grantee.department ?? null,
            granteeSubjectId: grantee.subject?.id ?? null,
            scope: body.scope,
            purpose: body.purpose.trim(),
            grantedAt: now,
            expiresAt,
            evidence: {
              method: 'online',
              accountId: request.actor.kind === 'account' ? request.actor.accountId : null,
              requestId: request.id,
              userAgent: request.headers['user-agent'] ?? null,
            },
            grantedBy: request.actor.kind === 'account' ? request.actor.login : 'unknown',
          },
          (id) => ({
            writer: ctx.audit.writer(request.actor, request.id),
            entry: ctx.audit.entry({
              actor: request.actor,
              action: 'consent.grant',
              targetType: 'consent',
              targetId: id,
              result: 'ok',
              detail: { ...granteeDetail, scope: body.scope, expiresAt },
              requestId: request.id,
            }),
          }),
        );
        const [view] = await views([consent]);
        return reply.status(201).send(view!);
      },
    );

    app.post(
      '/api/v1/me/consents/:id/revoke',
      {
        schema: {
          tags: ['consents'],
          summary: '撤回授权 / revoke a consent: reads under it stop at once',
          params: ConsentIdParams,
          response: { 200: ConsentRevokeResponse },
        },
        config: { access: manageOwn },
      },
      async (request) => {
        const revoked = await ctx.consents.revoke(request.params.id, ownSubject(request), ctx.now(), {
          writer: ctx.audit.writer(request.actor, request.id),
          entry: ctx.audit.entry({
            actor: request.actor,
            action: 'consent.revoke',
            targetType: 'consent',
            targetId: request.params.id,
            result: 'ok',
            requestId: request.id,
          }),
        });
        if (!revoked) {
          throw new AppError('CONSENT_NOT_FOUND', 404, '没有这项有效授权', 'No such live consent of yours');
        }
        return { revoked };
      },
    );

    app.get(
      '/api/v1/me/consents/:id/reads',
      {
        schema: {
          operationId: 'listMyConsentReads',
          tags: ['consents'],
          summary:
            '授权查询记录 / who read what under one of my consents: when, which department or counterparty, the purpose, the records (newest first)',
          params: ConsentIdParams,
          querystring: ConsentReadsQuery,
          response: { 200: ConsentReadsResponse },
        },
        config: { access: manageOwn },
      },
      async (request) => {
        const consent = await ctx.consents.ofSubject(ownSubject(request), request.params.id);
        if (!consent) {
          throw new AppError('CONSENT_NOT_FOUND', 404, '没有这项授权', 'No such consent of yours');
        }
        const { limit, before } = request.query;
        const page = await ctx.consentReads.ofConsent(consent.id, { before, limit: limit + 1 });
        const reads = page.slice(0, limit);
        const [view] = await views([consent], await ctx.consentReads.countsOf([consent.id]));
        const names = await departmentNames();
        const readers = await ctx.subjects.findByIds(
          reads.flatMap((r) => (r.reader.subjectId === undefined ? [] : [r.reader.subjectId])),
        );
        const itemNames = new Map((await ctx.catalog.list()).map((item) => [item.code, item.name]));
        return {
          consent: view!,
          reads: reads.map((r) => ({
            id: r.id,
            at: r.at,
            // A department's staff member is named by the department, never as a person (B33: the
            // department answers for its staff's queries); a counterparty by its subject.
            reader: {
              ...(r.reader.department !== undefined
                ? departmentParty(r.reader.department, names)
                : subjectParty(ctx.policy, subjectOf(readers, r.reader.subjectId))),
              via:
                r.actorRole === 'system'
                  ? ('system' as const)
                  : r.reader.subjectId !== undefined
                    ? ('account' as const)
                    : ('staff' as const),
            },
            purpose: r.purpose,
            records: r.records.map((x) => ({
              id: x.id,
              item: x.item,
              itemName: itemNames.get(x.item) ?? x.item,
            })),
          })),
          next: page.length > limit ? (reads.at(-1)?.id ?? null) : null,
        };
      },
    );

    app.get(
      '/api/v1/me/consents/received',
      {
        schema: {
          operationId: 'listReceivedConsents',
          tags: ['consents'],
          summary:
            '我收到的授权 / the consents other subjects gave me as a counterparty (B24); read under one at GET /api/v1/consented/{code}/records',
          response: { 200: ReceivedConsentsResponse },
        },
        config: { access: useReceived },
      },
      async (request) => {
        const consents = await ctx.consents.receivedBy(ownSubject(request));
        const now = ctx.now();
        const granters = await ctx.subjects.findByIds([...new Set(consents.map((c) => c.subjectId))]);
        return {
          consents: consents.map((c) => ({
            id: c.id,
            // While it is live the counterparty is shown who granted it in full: it reads the file by
            // that code. Once revoked or expired, a person is masked again (A7).
            granter: subjectParty(ctx.policy, subjectOf(granters, c.subjectId), {
              full: consentLive(c, now),
            }),
            scope: c.scope,
            purpose: c.purpose,
            grantedAt: c.grantedAt,
            expiresAt: c.expiresAt,
            revokedAt: c.revokedAt,
            status: statusOf(c, now),
          })),
        };
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
        const consents = await ctx.consents.grantedTo(subject.id, { department });
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
                { department },
                ctx.now(),
              ),
            )
          : undefined;
        return { consents: await views(consents), covers };
      },
    );
  };
}

/** A subject a consent names (its row references it: never missing). */
function subjectOf(subjects: ReadonlyMap<string, Subject>, id: string | null | undefined): Subject {
  const subject = id ? subjects.get(id) : undefined;
  if (!subject) throw new Error(`consent party ${id} missing`);
  return subject;
}
