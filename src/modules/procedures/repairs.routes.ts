import { notFound } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import type { Policy } from '../policy/index.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import {
  CenterCommitmentQuery,
  CenterEligibilityQuery,
  CenterRepairBody,
  CommitmentQuery,
  CommitmentView,
  DismissSubmissionBody,
  EligibilityQuery,
  EligibilityView,
  OwnRepairBody,
  PublicNoticeObjectionBody,
  PublicNoticeObjectionResponse,
  RepairIdParam,
  RepairNoticesQuery,
  RepairNoticesResponse,
  RepairStepBody,
  RepairsQuery,
  RepairsResponse,
  RepairView,
  SubmissionIdParam,
} from './repairs.api.ts';
import type { RepairsService } from './repairs.service.ts';
import { staffRead } from './staff-read.ts';
import { subjectAtWindow } from './window-subject.ts';

export type RepairsRoutesDeps = {
  repairs: RepairsService;
  subjects: Pick<SubjectsRepository, 'findByCode'>;
  codes: Pick<CodesService, 'normalize' | 'check'>;
  audit: Pick<AuditTrail, 'record'>;
  policy: Policy;
};

type Reply = { header(name: string, value: string): unknown; send(body: unknown): unknown };

/** The 信用修复决定书 as a download: never rendered in the platform's origin with its scripts. */
function sendDecision(reply: Reply, doc: { number: string; html: string }) {
  reply.header('Content-Type', 'text/html; charset=utf-8');
  reply.header(
    'Content-Disposition',
    `attachment; filename="repair-decision.html"; filename*=UTF-8''${encodeURIComponent(`信用修复决定书-${doc.number}.html`)}`,
  );
  reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  reply.header('X-Content-Type-Options', 'nosniff');
  return reply.send(doc.html);
}

/**
 * Issue 16: credit repair (A18–A19, B31–B32). The subject applies and follows its applications under
 * /me; the credit center files at a window, records objections to a notice and adopts; the record's
 * provider gives its opinion and verifies; the public reads the notices running today.
 */
export function repairsRoutes(ctx: RepairsRoutesDeps) {
  const { repairs } = ctx;
  const subjectOf = (code: string) => subjectAtWindow(ctx, code);
  const ownSubject = (actor: { kind: string; subjectId?: string | null }) =>
    actor.kind === 'account' ? (actor.subjectId ?? undefined) : undefined;
  /** B33, C §4(1): every staff read is registered with its stated purpose. */
  const read = staffRead(ctx.audit);
  const statedOf = (q: {
    obligationsMetOn?: string | undefined;
    correctedOn?: string | undefined;
    creditManagementSystemOn?: string | undefined;
    majorRepentance?: string | undefined;
  }) => ({
    obligationsMetOn: q.obligationsMetOn,
    correctedOn: q.correctedOn,
    creditManagementSystemOn: q.creditManagementSystemOn,
    majorRepentance: q.majorRepentance,
  });

  return (app: HttpApp) => {
    const own = { access: { kind: 'permission', permission: 'repairs.apply_own' } } as const;

    app.get(
      '/api/v1/me/repairs/eligibility',
      {
        schema: {
          tags: ['procedures'],
          summary:
            '我能否申请信用修复：逐条说明条件和最早可申请日期 / may I apply to repair this record (A18, B31)',
          querystring: EligibilityQuery,
          response: { 200: EligibilityView },
        },
        config: { ...own, errors: [409] },
      },
      async (request) => {
        const subjectId = ownSubject(request.actor);
        if (subjectId === undefined)
          throw notFound('REPAIR_RECORD_NOT_FOUND', '没有这条记录', 'No such record');
        return repairs.eligibility(subjectId, {
          recordId: request.query.recordId,
          stated: statedOf(request.query),
        });
      },
    );

    app.get(
      '/api/v1/me/repairs/commitment',
      {
        schema: {
          tags: ['procedures'],
          summary: '信用承诺书（签署后提交申请）/ the commitment to sign for this record',
          querystring: CommitmentQuery,
          response: { 200: CommitmentView },
        },
        config: { ...own, errors: [409] },
      },
      async (request) => {
        const subjectId = ownSubject(request.actor);
        if (subjectId === undefined)
          throw notFound('REPAIR_RECORD_NOT_FOUND', '没有这条记录', 'No such record');
        return repairs.commitment(subjectId, request.query.recordId);
      },
    );

    app.post(
      '/api/v1/me/repairs',
      {
        schema: {
          tags: ['procedures'],
          summary: '申请信用修复 / apply to repair one of my records (A18–A19, B31–B32; free of charge)',
          body: OwnRepairBody,
          response: { 201: RepairView },
        },
        config: { ...own, errors: [409] },
      },
      async (request, reply) => {
        const repair = await repairs.apply(request.actor, request.body, {
          subjectId: ownSubject(request.actor),
          requestId: request.id,
        });
        return reply.code(201).send(repair);
      },
    );

    app.get(
      '/api/v1/me/repairs',
      {
        schema: {
          tags: ['procedures'],
          summary: '我的信用修复申请及进度 / my repair applications, their steps and outcomes',
          querystring: RepairsQuery,
          response: { 200: RepairsResponse },
        },
        config: own,
      },
      async (request) => ({ repairs: await repairs.list(request.actor, request.query) }),
    );

    app.get(
      '/api/v1/me/repairs/:id',
      {
        schema: {
          tags: ['procedures'],
          summary: '我的一项信用修复申请 / one of my repair applications',
          params: RepairIdParam,
          response: { 200: RepairView },
        },
        config: own,
      },
      async (request) => repairs.get(request.actor, request.params.id),
    );

    app.get(
      '/api/v1/me/repairs/:id/decision',
      {
        schema: {
          tags: ['procedures'],
          summary: '下载信用修复决定书 / download the repair decision (HTML, printable)',
          params: RepairIdParam,
        },
        config: { ...own, errors: [409] },
      },
      async (request, reply) =>
        sendDecision(reply, await repairs.decisionDocument(request.actor, request.params.id)),
    );

    const staff = (permission: string, purpose = true) =>
      ({ access: { kind: 'permission', permission, purpose } }) as const;

    app.get(
      '/api/v1/repairs/eligibility',
      {
        schema: {
          tags: ['procedures'],
          summary: '窗口：信息主体能否申请信用修复 / at a window: may the subject apply (A18, B31)',
          querystring: CenterEligibilityQuery,
          response: { 200: EligibilityView },
        },
        config: {
          errors: [409],
          access: { kind: 'permission', permission: 'repairs.manage', purpose: true, systems: false },
        },
      },
      async (request) => {
        const subjectId = await subjectOf(request.query.subjectCode);
        const result = await repairs.eligibility(subjectId, {
          recordId: request.query.recordId,
          stated: statedOf(request.query),
        });
        await read(request, 'repair_eligibility', 1, request.query.recordId);
        return result;
      },
    );

    app.get(
      '/api/v1/repairs/commitment',
      {
        schema: {
          tags: ['procedures'],
          summary: '窗口：信用承诺书 / at a window: the commitment the subject signs',
          querystring: CenterCommitmentQuery,
          response: { 200: CommitmentView },
        },
        config: {
          errors: [409],
          access: { kind: 'permission', permission: 'repairs.manage', purpose: true, systems: false },
        },
      },
      async (request) => {
        const subjectId = await subjectOf(request.query.subjectCode);
        const result = await repairs.commitment(subjectId, request.query.recordId);
        await read(request, 'repair_commitment', 1, request.query.recordId);
        return result;
      },
    );

    app.post(
      '/api/v1/repairs',
      {
        schema: {
          tags: ['procedures'],
          summary: '窗口代信息主体申请信用修复 / file a repair application for a subject at a window',
          body: CenterRepairBody,
          response: { 201: RepairView },
        },
        config: {
          errors: [409],
          access: { kind: 'permission', permission: 'repairs.manage', purpose: true, systems: false },
        },
      },
      async (request, reply) => {
        const { subjectCode, ...input } = request.body;
        const repair = await repairs.apply(request.actor, input, {
          subjectId: await subjectOf(subjectCode),
          purpose: request.purpose,
          requestId: request.id,
        });
        return reply.code(201).send(repair);
      },
    );

    app.get(
      '/api/v1/repairs',
      {
        schema: {
          tags: ['procedures'],
          summary: '信用修复申请 / repair applications (the center all; a provider those about its records)',
          querystring: RepairsQuery,
          response: { 200: RepairsResponse },
        },
        config: staff('repairs.read'),
      },
      async (request) => {
        const found = await repairs.list(request.actor, request.query);
        await read(request, 'repairs', found.length);
        return { repairs: found };
      },
    );

    app.get(
      '/api/v1/repairs/:id',
      {
        schema: {
          tags: ['procedures'],
          summary: '一项信用修复申请 / one repair application with its steps',
          params: RepairIdParam,
          response: { 200: RepairView },
        },
        config: staff('repairs.read'),
      },
      async (request) => {
        const repair = await repairs.get(request.actor, request.params.id);
        await read(request, 'repair', 1, repair.id);
        return repair;
      },
    );

    app.get(
      '/api/v1/repairs/:id/decision',
      {
        schema: {
          tags: ['procedures'],
          summary: '信用修复决定书 / the repair decision (HTML)',
          params: RepairIdParam,
        },
        config: { ...staff('repairs.read'), errors: [409] },
      },
      async (request, reply) => {
        const doc = await repairs.decisionDocument(request.actor, request.params.id);
        await read(request, 'repair_decision', 1, request.params.id);
        return sendDecision(reply, doc);
      },
    );

    // The proof of performance as files (A19, B32, 国办发〔2025〕22号; evidence.routes.ts, decision 0033):
    // the applicant to its own open application — mostly with it, before the provider's opinion — or
    // the center at a window; read by the repair's parties.
    evidenceRoutes(app, {
      ownPath: '/api/v1/me/repairs',
      staffPath: '/api/v1/repairs',
      noun: { zh: '信用修复申请', en: 'repair application' },
      summaries: {
        addOwn:
          '为本人的信用修复申请提交证明材料 / add a file proving performance to my open repair application (A19, B32)',
        addWindow:
          '窗口代信息主体提交信用修复证明材料 / add a file proving performance for the subject at a service window',
        readOwn:
          '下载本人信用修复申请的证明材料 / download a file of my repair application (as an attachment)',
        readStaff:
          '下载信用修复申请的证明材料 / download a file of a repair application (center; the record’s provider; the credit office); purpose stated, read registered (B33)',
      },
      permissions: { own: 'repairs.apply_own', window: 'repairs.manage', read: 'repairs.read' },
      add: repairs.addEvidence,
      read: repairs.evidenceFile,
      registerRead: (request, fileId) => read(request, 'repair_evidence', 1, fileId),
    });

    app.post(
      '/api/v1/repairs/:id/steps',
      {
        schema: {
          tags: ['procedures'],
          summary: '办理信用修复：出具修复意见、登记公示异议、反馈核实、作出采纳决定 / a step (A19, B32)',
          params: RepairIdParam,
          body: RepairStepBody,
          response: { 200: RepairView },
        },
        config: { ...staff('repairs.act', false), errors: [409] },
      },
      async (request) => repairs.act(request.actor, request.params.id, request.body, request.id),
    );

    app.get(
      '/api/v1/public/repair-notices',
      {
        schema: {
          tags: ['public', 'procedures'],
          operationId: 'publicRepairNotices',
          summary: '信用修复公示 / repair opinions under public notice today (A19, B32)',
          description:
            '今天正在公示的信用修复意见，最新的在前；每条附提出异议的地址（objectionUrl）。信用修复免费。\n' +
            'Repair opinions under public notice today, newest first, each with where to object (objectionUrl). Repair is free.',
          querystring: RepairNoticesQuery,
          response: { 200: RepairNoticesResponse },
        },
        config: {
          access: { kind: 'public', reason: 'A19, B32: the repair opinion is publicized for 5 working days' },
          rateLimit: { max: ctx.policy.access.rateLimits.publicPerMinute, timeWindow: 60_000 },
          publicCache: {},
        },
      },
      async (request) => repairs.publicNotices(request.query),
    );

    app.post(
      '/api/v1/public/repair-notices/:id/objections',
      {
        schema: {
          tags: ['public', 'procedures'],
          operationId: 'publicRepairNoticeObjection',
          summary: '对信用修复公示提出异议 / object to a repair under public notice (A19, B32; no login)',
          description:
            '公示期间任何人可提出异议：异议的事实和理由必填，姓名和联系方式可不填（加密保存，仅信用中心可见）。信用中心登记为公示异议交提供单位核实，或说明理由不予登记。各字段不得含控制字符或零宽、文字方向等不可见格式字符（TEXT_CONTROL_CHARACTERS，400）；理由至少 5 个汉字、字母或数字（REPAIR_NOTICE_GROUNDS_TOO_THIN，400）。409：公示期外提交（REPAIR_NOTICE_NOT_RUNNING）；该公示的网上异议已达 500 条存储上限（REPAIR_SUBMISSIONS_FULL）；同一来源地址对该公示已提出 3 条（REPAIR_SUBMISSIONS_PER_CLIENT）——均可改到信用中心窗口或书面提出。\n' +
            'Anyone may object during the notice: grounds required, name and contact optional (sealed; the credit center alone reads them). The center records it as an objection to the notice for the provider to verify, or dismisses it with a reason. No field may hold control characters or invisible format characters such as zero-width spaces or direction overrides (TEXT_CONTROL_CHARACTERS, 400); grounds need at least 5 letters, digits or Han characters (REPAIR_NOTICE_GROUNDS_TOO_THIN, 400). 409: outside the notice (REPAIR_NOTICE_NOT_RUNNING); the notice holds the 500 online objections kept at most (REPAIR_SUBMISSIONS_FULL); this client address has submitted 3 to it (REPAIR_SUBMISSIONS_PER_CLIENT) — each may write to the credit center instead.',
          params: RepairIdParam,
          body: PublicNoticeObjectionBody,
          response: { 201: PublicNoticeObjectionResponse },
        },
        bodyLimit: 16 * 1024,
        config: {
          access: {
            kind: 'public',
            reason: 'A19, B32: objections during the public notice are taken from anyone and verified',
          },
          errors: [409],
          rateLimit: {
            max: Math.max(1, Math.floor(ctx.policy.access.rateLimits.publicPerMinute / 10)),
            timeWindow: 60_000,
          },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .header('Cache-Control', 'no-store')
          .send(await repairs.submitNoticeObjection(request.params.id, request.body, request.id, request.ip)),
    );

    app.post(
      '/api/v1/repairs/:id/submissions/:submissionId/dismiss',
      {
        schema: {
          tags: ['procedures'],
          operationId: 'dismissRepairNoticeSubmission',
          summary:
            '不予登记公众提交的公示异议（说明理由）/ dismiss an objection the public submitted to a notice, with the reason',
          params: SubmissionIdParam,
          body: DismissSubmissionBody,
          response: { 200: RepairView },
        },
        config: staff('repairs.act', false),
      },
      async (request) =>
        repairs.dismissSubmission(
          request.actor,
          request.params.id,
          request.params.submissionId,
          request.body.reason,
          request.id,
        ),
    );
  };
}
