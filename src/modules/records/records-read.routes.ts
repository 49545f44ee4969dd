import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { actorId, actorRole } from '../access/actor.ts';
import type { ConsentRead, ConsentReadsRepository } from '../access/consent-reads.repository.ts';
import type { ConsentsRepository } from '../access/consents.repository.ts';
import { type Consent, type ConsentReader, consentLive, consentReaderOf } from '../access/scope.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import { ConsentedReadHeaders, RecordsResponse, SubjectCodeParams } from './records.api.ts';
import type { RecordsReader } from './records-read.service.ts';

/**
 * Reading credit records (records-read.service.ts): the subject's own (B20), a subject's as a
 * department may (B18, B21, B33), and a subject's under its consents as a counterparty (B21, B24).
 */
export type RecordsReadRoutesDeps = {
  records: RecordsReader;
  subjects: Pick<SubjectsRepository, 'findByCode'>;
  codes: Pick<CodesService, 'normalize'>;
  consents: Pick<ConsentsRepository, 'grantedTo'>;
  consentReads: Pick<ConsentReadsRepository, 'record'>;
  audit: Pick<AuditTrail, 'record' | 'entry' | 'writer'>;
  now: () => string;
};

type ReadResult = Awaited<ReturnType<RecordsReader['readable']>>;

export function recordsReadRoutes(ctx: RecordsReadRoutesDeps) {
  /**
   * The read's audit entry and, for each consent it read under, the read as the granter will list it
   * (decision 0040), in one transaction. `admitted`: the consents that let a counterparty in, each
   * listed even where it covered none of the subject's records (it was used to look).
   */
  async function recordRead(
    request: FastifyRequest,
    subjectId: string,
    result: ReadResult,
    admitted: readonly Consent[] = [],
  ) {
    const actor = request.actor;
    const reader = consentReaderOf(actor);
    const at = ctx.now();
    const under = new Map<string, ConsentRead['records']>(admitted.map((c) => [c.id, []]));
    for (const r of result.records) {
      // A counterparty admitted by consents read every record it got under them, its public ones
      // too: the granter sees each (decision 0040). A record read under one consent is listed there.
      const consents = r.consentId !== null ? [r.consentId] : admitted.map((c) => c.id);
      for (const id of consents) {
        const records = under.get(id) ?? [];
        records.push({ id: r.id, item: r.item });
        under.set(id, records);
      }
    }
    await ctx.consentReads.record({
      entry: ctx.audit.entry({
        actor,
        purpose: request.purpose,
        action: 'records.read',
        targetType: 'subject',
        targetId: subjectId,
        result: 'ok',
        detail: {
          records: result.records.map((r) => [r.id, r.readBasis]),
          withheld: result.withheld,
        },
        requestId: request.id,
      }),
      writer: ctx.audit.writer(actor, request.id, request.purpose),
      under:
        reader === null
          ? []
          : [...under].map(([consentId, records]) => ({
              consentId,
              subjectId,
              at,
              reader,
              actorId: actorId(actor),
              actorRole: actorRole(actor),
              purpose: request.purpose ?? null,
              records,
              requestId: request.id,
            })),
    });
  }

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
            '查询信用记录 / a subject’s credit records as the caller may read them (X-Purpose required, audited; reads under a consent are shown to the subject)',
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
        await recordRead(request, subject.id, result);
        return result;
      },
    );

    app.get(
      '/api/v1/consented/:code/records',
      {
        schema: {
          operationId: 'readConsentedRecords',
          tags: ['records', 'consents'],
          summary:
            '依授权查询 / a subject’s records read under its consent to me, a counterparty (B21, B24): X-Purpose must be the consent’s purpose; the 授权查询 items it covers and the public ones, never 政府共享 items; audited and shown to the subject',
          params: SubjectCodeParams,
          headers: ConsentedReadHeaders,
          response: { 200: RecordsResponse },
        },
        config: { access: { kind: 'permission', permission: 'consents.use_received', systems: false } },
      },
      async (request) => {
        const actor = request.actor;
        const reader = consentReaderOf(actor);
        if (actor.kind !== 'account' || !reader || reader.subjectId === undefined)
          throw new AppError(
            'ACCESS_DENIED',
            403,
            '仅限被授权主体本身的账号',
            'Only the account of a subject named by consents',
          );
        const admitted = await admittingConsents(request, reader);
        const subjectId = admitted[0]!.subjectId;
        const result = await ctx.records.readable(actor, subjectId, { consents: admitted });
        await recordRead(request, subjectId, result, admitted);
        return { records: result.records, withheld: nothingWithheld(result.withheld) };
      },
    );
  };

  /**
   * The live consents of the subject named by the code that name this counterparty and were given for
   * the purpose it states (B21: consent is for a purpose). An unknown code and a subject that gave it
   * no live consent get the one answer, so the route tells nothing about who is on the platform.
   */
  async function admittingConsents(
    request: FastifyRequest<{ Params: { code: string } }>,
    reader: ConsentReader,
  ) {
    const subject = await ctx.subjects.findByCode(ctx.codes.normalize(request.params.code));
    const now = ctx.now();
    const live = subject
      ? (await ctx.consents.grantedTo(subject.id, reader)).filter((c) => consentLive(c, now))
      : [];
    const refuse = async (code: string) =>
      ctx.audit.record({
        actor: request.actor,
        purpose: request.purpose,
        action: 'records.read',
        targetType: 'subject',
        targetId: subject?.id ?? null,
        result: 'denied',
        detail: { code },
        requestId: request.id,
      });
    if (live.length === 0) {
      await refuse('CONSENT_REQUIRED');
      throw new AppError(
        'CONSENT_REQUIRED',
        403,
        '该主体没有给您有效的授权（或授权已撤回、已到期）；授权查询须取得信息主体的有效书面授权（B21）',
        'This subject has no live consent naming you (none given, revoked or expired); B21 requires one',
      );
    }
    const purpose = request.purpose?.trim();
    if (!purpose) {
      await refuse('PURPOSE_REQUIRED');
      throw new AppError(
        'PURPOSE_REQUIRED',
        403,
        '请在 X-Purpose 请求头中说明查询用途，须与授权的用途一致（B21；见 GET /api/v1/me/consents/received）',
        'State the purpose in the X-Purpose header, as the consent gives it (B21; see GET /api/v1/me/consents/received)',
      );
    }
    const admitted = live.filter((c) => c.purpose.trim() === purpose);
    if (admitted.length === 0) {
      await refuse('CONSENT_PURPOSE_MISMATCH');
      throw new AppError(
        'CONSENT_PURPOSE_MISMATCH',
        403,
        `所述用途不在该主体的授权之内；授权的用途为：${live.map((c) => c.purpose).join('、')}（B21）`,
        `The stated purpose is not one the subject consented to; its consents are for: ${live.map((c) => c.purpose).join(', ')} (B21)`,
        { purposes: live.map((c) => c.purpose) },
      );
    }
    return admitted;
  }
}

/**
 * What a counterparty is told of what it may not read: nothing. Unlike a department clerk (told how
 * many items need consent, B21), it learns only what the subject let it see — not that 政府共享 items,
 * items outside the consent or expired ones exist (A7; decision 0040). The audit entry keeps the counts.
 */
function nothingWithheld(withheld: ReadResult['withheld']): ReadResult['withheld'] {
  return Object.fromEntries(Object.keys(withheld).map((k) => [k, 0])) as ReadResult['withheld'];
}
