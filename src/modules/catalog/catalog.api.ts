/** The catalog API: the published catalog, one item by version, and its spreadsheet template. */
import { z } from 'zod';
import { CATEGORIES } from './catalog.ts';
import { CatalogItemDraftSchema } from './catalog-draft.ts';

export const CatalogItemView = CatalogItemDraftSchema.extend({
  version: z.int(),
  publishedAt: z.string(),
  currentVersion: z.int(),
});

export const CatalogQuery = z.object({ category: z.enum(CATEGORIES).optional() });
export const CatalogResponse = z.object({ items: z.array(CatalogItemView) });

export const ItemParams = z.object({ code: z.string().min(1).max(60) });
export const VersionQuery = z.object({
  version: z.coerce.number().int().min(1).max(1_000_000).optional().describe('目录项版本；缺省为当前版本'),
});
