import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import { parseSearchQuery } from './search-text.ts';
import { SearchQuerystring, SearchResponse } from './subject-search.api.ts';
import type { SubjectSearchRepository } from './subject-search.repository.ts';

/**
 * Name search for the check page (issue 5 point 8): staff and systems find a subject by its name,
 * part of it, pinyin or initials, in simplified or traditional characters. Like the lookup by code,
 * it shows identity codes, so it needs a stated purpose and every search is audited (B18, B33).
 */
export type SubjectSearchRoutesDeps = {
  subjectSearch: Pick<SubjectSearchRepository, 'search'>;
  audit: Pick<AuditTrail, 'record'>;
};

export function subjectSearchRoutes(ctx: SubjectSearchRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/subjects/search',
      {
        schema: {
          tags: ['subjects'],
          summary:
            '按名称查找信息主体 / search subjects by name (staff and systems; X-Purpose required, audited)',
          querystring: SearchQuerystring,
          response: { 200: SearchResponse },
        },
        config: { access: { kind: 'permission', permission: 'subjects.read', purpose: true } },
      },
      async (request) => {
        const { kind, limit } = request.query;
        const query = parseSearchQuery(request.query.q);
        const results = await ctx.subjectSearch.search(query, { kind, limit });
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'subject.search',
          targetType: 'subject',
          targetId: null,
          result: 'ok',
          detail: {
            terms: query.terms,
            kind: kind ?? null,
            limit,
            subjectIds: results.map((r) => r.subjectId),
          },
          requestId: request.id,
        });
        return { results };
      },
    );
  };
}
