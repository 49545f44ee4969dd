import { z } from 'zod';
import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import { MATCH_REASONS } from './search-ranking.ts';
import { MAX_QUERY_LENGTH, parseSearchQuery } from './search-text.ts';
import type { SubjectSearchRepository } from './subject-search.repository.ts';

const SearchQuerystring = z.object({
  q: z
    .string()
    .optional()
    .describe(
      `姓名或名称的全部或部分、拼音或首字母 / name, part of it, pinyin or initials (≤ ${MAX_QUERY_LENGTH})`,
    ),
  kind: z.enum(['person', 'organization']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const SearchHitView = z.object({
  subjectId: z.string(),
  kind: z.enum(['person', 'organization']),
  name: z.string(),
  code: z.string(),
  codeKind: z.string(),
  regionCode: z.string().nullable(),
  matchedBy: z.array(z.enum(MATCH_REASONS)),
  matched: z.string().describe('the indexed value that matched: searchable name, pinyin or initials'),
});

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
          response: { 200: z.object({ results: z.array(SearchHitView) }) },
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
