import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import { RecordsResponse, SubjectCodeParams } from './records.api.ts';
import type { RecordsReader } from './records-read.service.ts';

/** Reading credit records (records-read.service.ts): the subject's own (B20), and a subject's as the caller may. */
export type RecordsReadRoutesDeps = {
  records: RecordsReader;
  subjects: Pick<SubjectsRepository, 'findByCode'>;
  codes: Pick<CodesService, 'normalize'>;
  audit: Pick<AuditTrail, 'record'>;
};

export function recordsReadRoutes(ctx: RecordsReadRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/me/records',
      {
        schema: {
          tags: ['records'],
          summary: '我的信用记录 / my credit records (B20)',
          response: { 200: RecordsResponse },
        },
        config: { access: { kind: 'permission', permission: 'subjects.read_own', systems: false } },
      },
      async (request) => {
        const actor = request.actor;
        if (actor.kind !== 'account' || !actor.subjectId)
          throw new AppError('ACCESS_DENIED', 403, '仅限信息主体本人', 'Only the subject itself');
        const result = await ctx.records.readable(actor, actor.subjectId);
        await ctx.audit.record({
          actor,
          action: 'records.read_own',
          targetType: 'subject',
          targetId: actor.subjectId,
          result: 'ok',
          detail: { records: result.records.length },
          requestId: request.id,
        });
        return result;
      },
    );

    app.get(
      '/api/v1/subjects/:code/records',
      {
        schema: {
          tags: ['records'],
          summary:
            '查询信用记录 / a subject’s credit records as the caller may read them (X-Purpose required, audited)',
          params: SubjectCodeParams,
          response: { 200: RecordsResponse },
        },
        config: { access: { kind: 'permission', permission: 'subjects.read', purpose: true } },
      },
      async (request) => {
        const subject = await ctx.subjects.findByCode(ctx.codes.normalize(request.params.code));
        if (!subject)
          throw new AppError(
            'SUBJECT_NOT_FOUND',
            404,
            '平台上没有这个信息主体',
            'No such subject on the platform',
          );
        const result = await ctx.records.readable(request.actor, subject.id);
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'records.read',
          targetType: 'subject',
          targetId: subject.id,
          result: 'ok',
          detail: {
            records: result.records.map((r) => [r.id, r.readBasis]),
            withheld: result.withheld,
          },
          requestId: request.id,
        });
        return result;
      },
    );
  };
}
