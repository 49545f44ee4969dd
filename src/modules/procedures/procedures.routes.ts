import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import type { ExternalDecisionsService } from './external-decisions.service.ts';
import type { ObjectionsService } from './objections.service.ts';
import {
  AppealBody,
  CenterObjectionBody,
  ExternalDecisionBody,
  ExternalDecisionsQuery,
  ExternalDecisionsResponse,
  ExternalDecisionView,
  NoContent,
  ObjectionIdParam,
  ObjectionStepBody,
  ObjectionsQuery,
  ObjectionsResponse,
  ObjectionView,
  OwnObjectionBody,
  SubjectInboxQuery,
  SubjectInboxResponse,
  SubjectNoticeIdParam,
} from './procedures.api.ts';
import { staffRead } from './staff-read.ts';
import type { SubjectInboxService } from './subject-inbox.service.ts';
import { subjectAtWindow } from './window-subject.ts';

/**
 * Issue 15 W3: the credit office records decisions taken outside the platform (administrative review,
 * judgments, revocations) against a record; providers read those about their records, the credit
 * center and office all of them.
 */
export type ProceduresRoutesDeps = {
  externalDecisions: ExternalDecisionsService;
  objections: ObjectionsService;
  subjectInbox: SubjectInboxService;
  subjects: Pick<SubjectsRepository, 'findByCode'>;
  codes: Pick<CodesService, 'normalize' | 'check'>;
  audit: Pick<AuditTrail, 'record'>;
};

export function proceduresRoutes(ctx: ProceduresRoutesDeps) {
  const { externalDecisions, objections } = ctx;
  /** B33, C §4(1): every staff read is registered with its stated purpose. */
  const read = staffRead(ctx.audit);

  return (app: HttpApp) => {
    app.get(
      '/api/v1/me/inbox',
      {
        schema: {
          tags: ['procedures'],
          summary:
            '我的通知：异议、申诉等程序的受理、期限、结果和理由 / my inbox: what my procedures’ steps mean for me (A16, A17)',
          querystring: SubjectInboxQuery,
          response: { 200: SubjectInboxResponse },
        },
        config: { access: { kind: 'permission', permission: 'inbox.read_own' } },
      },
      async (request) => ctx.subjectInbox.inbox(request.actor, request.query),
    );

    app.post(
      '/api/v1/me/inbox/:id/read',
      {
        schema: {
          tags: ['procedures'],
          summary: '标记通知已读 / mark one of my notices read',
          params: SubjectNoticeIdParam,
          response: { 204: NoContent },
        },
        config: { access: { kind: 'permission', permission: 'inbox.read_own' } },
      },
      async (request, reply) => {
        await ctx.subjectInbox.read(request.actor, request.params.id, request.id);
        return reply.code(204).send(null);
      },
    );

    // Evidence files (evidence.routes.ts, decision 0033; A15, B28).
    evidenceRoutes(app, {
      ownPath: '/api/v1/me/objections',
      staffPath: '/api/v1/objections',
      noun: { zh: '异议', en: 'objection' },
      summaries: {
        addOwn: '为本人的异议提交证据材料 / add an evidence file to my open objection (A15, B28)',
        addWindow:
          '窗口代信息主体提交证据材料 / add an evidence file for the subject at a service window (B28)',
        readOwn: '下载本人异议的证据材料 / download an evidence file of my objection (as an attachment)',
        readStaff:
          '下载异议的证据材料 / download an evidence file (center; the record’s provider; the credit office on appeal); purpose stated, read registered (B33)',
      },
      permissions: { own: 'objections.file_own', window: 'objections.manage', read: 'objections.read' },
      add: objections.addEvidence,
      read: objections.evidenceFile,
      registerRead: (request, fileId) => read(request, 'objection_evidence', 1, fileId),
    });

    app.post(
      '/api/v1/me/objections',
      {
        schema: {
          tags: ['procedures'],
          summary: '对本人的信用记录提出异议 / object to one of my records (A15, B28)',
          body: OwnObjectionBody,
          response: { 201: ObjectionView },
        },
        config: { access: { kind: 'permission', permission: 'objections.file_own' }, errors: [409] },
      },
      async (request, reply) => {
        const actor = request.actor;
        const subjectId = actor.kind === 'account' ? (actor.subjectId ?? undefined) : undefined;
        const objection = await objections.file(actor, request.body, { subjectId, requestId: request.id });
        return reply.code(201).send(objection);
      },
    );

    app.get(
      '/api/v1/me/objections',
      {
        schema: {
          tags: ['procedures'],
          summary: '我的异议及其进度 / my objections, their steps, deadlines and outcomes (A16)',
          querystring: ObjectionsQuery,
          response: { 200: ObjectionsResponse },
        },
        config: { access: { kind: 'permission', permission: 'objections.file_own' } },
      },
      async (request) => ({ objections: await objections.list(request.actor, request.query) }),
    );

    app.get(
      '/api/v1/me/objections/:id',
      {
        schema: {
          tags: ['procedures'],
          summary: '我的一项异议 / one of my objections, with its steps, deadlines and outcome (A16)',
          params: ObjectionIdParam,
          response: { 200: ObjectionView },
        },
        config: { access: { kind: 'permission', permission: 'objections.file_own' } },
      },
      async (request) => objections.get(request.actor, request.params.id),
    );

    app.post(
      '/api/v1/me/objections/:id/appeal',
      {
        schema: {
          tags: ['procedures'],
          summary:
            '对异议处理结果申诉 / appeal against the objection’s outcome to the credit office (A17, B30)',
          params: ObjectionIdParam,
          body: AppealBody,
          response: { 200: ObjectionView },
        },
        config: { access: { kind: 'permission', permission: 'objections.file_own' }, errors: [409] },
      },
      async (request) =>
        objections.act(
          request.actor,
          request.params.id,
          { kind: 'appealed', reasons: request.body.reasons },
          request.id,
        ),
    );

    app.post(
      '/api/v1/objections',
      {
        schema: {
          tags: ['procedures'],
          summary: '窗口代信息主体提出异议 / file an objection for a subject at a service window (B28)',
          body: CenterObjectionBody,
          response: { 201: ObjectionView },
        },
        config: {
          errors: [409],
          access: { kind: 'permission', permission: 'objections.manage', purpose: true, systems: false },
        },
      },
      async (request, reply) => {
        const { subjectCode, ...input } = request.body;
        const objection = await objections.file(request.actor, input, {
          subjectId: await subjectAtWindow(ctx, subjectCode),
          purpose: request.purpose,
          requestId: request.id,
        });
        return reply.code(201).send(objection);
      },
    );

    app.get(
      '/api/v1/objections',
      {
        schema: {
          tags: ['procedures'],
          summary: '异议 / objections (the center all; a provider those about its records)',
          querystring: ObjectionsQuery,
          response: { 200: ObjectionsResponse },
        },
        config: { access: { kind: 'permission', permission: 'objections.read', purpose: true } },
      },
      async (request) => {
        const found = await objections.list(request.actor, request.query);
        await read(request, 'objections', found.length);
        return { objections: found };
      },
    );

    app.get(
      '/api/v1/objections/:id',
      {
        schema: {
          tags: ['procedures'],
          summary: '一项异议 / one objection with its steps',
          params: ObjectionIdParam,
          response: { 200: ObjectionView },
        },
        config: { access: { kind: 'permission', permission: 'objections.read', purpose: true } },
      },
      async (request) => {
        const objection = await objections.get(request.actor, request.params.id);
        await read(request, 'objection', 1, objection.id);
        return objection;
      },
    );

    app.post(
      '/api/v1/objections/:id/steps',
      {
        schema: {
          tags: ['procedures'],
          summary:
            '处理异议：转核实、反馈核实结果、作出审核决定 / a step: ask to verify, report the verification, decide (A16, B29)',
          params: ObjectionIdParam,
          body: ObjectionStepBody,
          response: { 200: ObjectionView },
        },
        config: { access: { kind: 'permission', permission: 'objections.act' }, errors: [409] },
      },
      async (request) => objections.act(request.actor, request.params.id, request.body, request.id),
    );

    app.post(
      '/api/v1/external-decisions',
      {
        schema: {
          tags: ['procedures'],
          summary:
            '登记外部决定（行政复议、判决、撤销）/ record an external decision about a record (A17, B30, A20)',
          body: ExternalDecisionBody,
          response: { 201: ExternalDecisionView },
        },
        config: {
          access: { kind: 'permission', permission: 'procedures.record_external', systems: false },
          errors: [409],
        },
      },
      async (request, reply) => {
        const decision = await externalDecisions.record(request.actor, request.body, request.id);
        return reply.code(201).send(decision);
      },
    );

    app.get(
      '/api/v1/external-decisions',
      {
        schema: {
          tags: ['procedures'],
          summary: '外部决定 / external decisions (a provider sees those about its records)',
          querystring: ExternalDecisionsQuery,
          response: { 200: ExternalDecisionsResponse },
        },
        config: { access: { kind: 'permission', permission: 'procedures.read', purpose: true } },
      },
      async (request) => {
        const decisions = await externalDecisions.list(request.actor, request.query);
        await read(request, 'external_decisions', decisions.length);
        return { decisions };
      },
    );
  };
}
