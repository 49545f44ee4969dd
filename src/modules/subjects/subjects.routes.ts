import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import { maskCitizenId, maskPersonName, type Policy } from '../policy/index.ts';
import { CodeParam, OwnSubjectView, PublicOrganizationView, SubjectView } from './subjects.api.ts';
import type { Subject, SubjectsRepository } from './subjects.repository.ts';

const view = (s: Subject) => ({
  id: s.id,
  kind: s.kind,
  code: s.code,
  codeKind: s.codeKind,
  name: s.name,
  regionCode: s.regionCode,
  attributes: s.attributes,
});

const notFound = () =>
  new AppError('SUBJECT_NOT_FOUND', 404, '平台上没有这个信息主体', 'No such subject on the platform');

/**
 * Subjects as different parties may see them: the subject itself (B20), government staff and
 * systems for their duties with a stated purpose (B18, B33: every such read is audited), and the
 * public, who see organizations only, with personal data masked by policy (A7).
 */
export type SubjectsRoutesDeps = {
  subjects: Pick<SubjectsRepository, 'findByCode' | 'findById'>;
  codes: Pick<CodesService, 'normalize'>;
  audit: Pick<AuditTrail, 'record'>;
  policy: Policy;
};

export function subjectsRoutes(ctx: SubjectsRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/me/subject',
      {
        schema: {
          tags: ['subjects'],
          summary: '我的主体信息 / my own subject record (B20)',
          response: { 200: OwnSubjectView },
        },
        config: { access: { kind: 'permission', permission: 'subjects.read_own', systems: false } },
      },
      async (request) => {
        const actor = request.actor;
        const subject =
          actor.kind === 'account' && actor.subjectId
            ? await ctx.subjects.findById(actor.subjectId)
            : undefined;
        if (!subject) throw notFound();
        await ctx.audit.record({
          actor,
          action: 'subject.read_own',
          targetType: 'subject',
          targetId: subject.id,
          result: 'ok',
          requestId: request.id,
        });
        // A page of one's own file may be open where others see the screen: a person's ID number is
        // shown masked until its owner asks for it (issue 17).
        const codeMasked = subject.kind === 'person' ? maskCitizenId(ctx.policy, subject.code) : subject.code;
        return { ...view(subject), codeMasked };
      },
    );

    app.get(
      '/api/v1/subjects/:code',
      {
        schema: {
          tags: ['subjects'],
          summary: '查询信息主体 / look a subject up (staff and systems; X-Purpose required, audited)',
          params: CodeParam,
          response: { 200: SubjectView },
        },
        config: { access: { kind: 'permission', permission: 'subjects.read', purpose: true } },
      },
      async (request) => {
        const subject = await ctx.subjects.findByCode(ctx.codes.normalize(request.params.code));
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'subject.read',
          targetType: 'subject',
          targetId: subject?.id ?? null,
          result: subject ? 'ok' : 'error',
          detail: subject ? {} : { notFound: true },
          requestId: request.id,
        });
        if (!subject) throw notFound();
        return view(subject);
      },
    );

    app.get(
      '/api/v1/public/subjects/:code',
      {
        schema: {
          tags: ['subjects'],
          summary: '公示查询：组织 / public view of an organization (persons are not listed publicly)',
          params: CodeParam,
          response: { 200: PublicOrganizationView },
        },
        config: {
          access: {
            kind: 'public',
            reason: 'organization registration data is public; persons are refused, names masked (A7)',
          },
          rateLimit: { max: ctx.policy.access.rateLimits.publicPerMinute, timeWindow: 60_000 },
        },
      },
      async (request) => {
        const subject = await ctx.subjects.findByCode(ctx.codes.normalize(request.params.code));
        // A7: no privacy in public: a person's existence on the platform is not disclosed by ID number.
        if (subject?.kind !== 'organization') throw notFound();
        const representativeId = subject.attributes.legalRepresentativeId;
        const representative =
          typeof representativeId === 'string' ? await ctx.subjects.findById(representativeId) : undefined;
        return {
          kind: 'organization' as const,
          code: subject.code,
          name: subject.name,
          regionCode: subject.regionCode,
          legalForm:
            typeof subject.attributes.legalForm === 'string' ? subject.attributes.legalForm : undefined,
          legalRepresentative: representative ? maskPersonName(ctx.policy, representative.name) : undefined,
        };
      },
    );
  };
}
