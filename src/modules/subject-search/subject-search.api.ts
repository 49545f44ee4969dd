/** The subject name search API: `GET /api/v1/subjects/search` by name, pinyin or initials. */
import { z } from 'zod';
import { MATCH_REASONS } from './search-ranking.ts';
import { MAX_QUERY_LENGTH } from './search-text.ts';

export const SearchQuerystring = z.object({
  q: z
    .string()
    .optional()
    .describe(
      `姓名或名称的全部或部分、拼音或首字母 / name, part of it, pinyin or initials (≤ ${MAX_QUERY_LENGTH})`,
    ),
  kind: z.enum(['person', 'organization']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const SearchHitView = z.object({
  subjectId: z.string(),
  kind: z.enum(['person', 'organization']),
  name: z.string(),
  code: z.string(),
  codeKind: z.string(),
  regionCode: z.string().nullable(),
  matchedBy: z.array(z.enum(MATCH_REASONS)),
  matched: z.string().describe('the indexed value that matched: searchable name, pinyin or initials'),
});

export const SearchResponse = z.object({ results: z.array(SearchHitView) });
