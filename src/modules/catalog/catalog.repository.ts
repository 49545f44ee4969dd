import { createHash } from 'node:crypto';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { conflict } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Store } from '../database.ts';
import { canonicalJson } from '../policy/index.ts';
import {
  CATEGORIES,
  type CatalogCategory,
  type CatalogItemDraft,
  type CatalogItemVersion,
} from './catalog.ts';
import { parseCatalogDraft } from './catalog-draft.ts';

export type PublishOutcome = 'created' | 'new_version' | 'unchanged';

type VersionRow = { version: number; definition: unknown; published_at: string };

const toVersion = (row: VersionRow): CatalogItemVersion => ({
  ...fromJson<CatalogItemDraft>(row.definition),
  version: row.version,
  publishedAt: row.published_at,
});

const VERSION_COLUMNS = ['version', 'definition', 'published_at'] as const;

/**
 * The catalog (B8): items by code, each with its versions. Publishing never edits: a changed draft
 * becomes the next version, an identical one changes nothing, and every version stays readable.
 */
export function catalogRepository(store: Store) {
  const { db } = store;

  return {
    /**
     * Publishes `draft` (checked by `parseCatalogDraft`): the item's first version, its next version
     * when the content differs from the current one, or nothing when it is the same.
     */
    async publish(
      draft: CatalogItemDraft,
      now: string,
    ): Promise<{ item: CatalogItemVersion; outcome: PublishOutcome }> {
      const content = parseCatalogDraft(draft);
      const digest = createHash('sha256').update(canonicalJson(content)).digest('hex');
      try {
        return await db.transaction().execute(async (trx) => {
          let query = trx
            .selectFrom('catalog_items')
            .select('current_version')
            .where('code', '=', content.code);
          // Two publishers of one item at once: the second waits for the first (PostgreSQL); SQLite
          // has one writer anyway, and the unique (item_code, version) index is the last guard.
          if (store.capabilities.concurrentWriters) query = query.forUpdate();
          const item = await query.executeTakeFirst();
          if (item) {
            const current = await trx
              .selectFrom('catalog_item_versions')
              .select([...VERSION_COLUMNS, 'digest'])
              .where('item_code', '=', content.code)
              .where('version', '=', item.current_version)
              .executeTakeFirstOrThrow();
            if (current.digest === digest) return { item: toVersion(current), outcome: 'unchanged' as const };
          } else {
            await trx
              .insertInto('catalog_items')
              .values({ code: content.code, current_version: 0, created_at: now, updated_at: now })
              .execute();
          }
          const version = (item?.current_version ?? 0) + 1;
          await trx
            .insertInto('catalog_item_versions')
            .values({
              id: uuidv7(),
              item_code: content.code,
              version,
              name: content.name,
              category: content.category,
              usage_scope: content.usageScope,
              list_type: content.listType,
              severity_required: content.severityRequired ? 1 : 0,
              definition: toJson(content),
              digest,
              published_at: now,
            })
            .execute();
          await trx
            .updateTable('catalog_items')
            .set({ current_version: version, updated_at: now })
            .where('code', '=', content.code)
            .execute();
          return {
            item: { ...content, version, publishedAt: now },
            outcome: item ? ('new_version' as const) : ('created' as const),
          };
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict(
            'CATALOG_PUBLISH_CONFLICT',
            `目录项 ${content.code} 正由他人同时发布，请刷新后重试`,
            `Catalog item ${content.code} was published by someone else at the same time; reload and retry`,
            { code: content.code },
          );
        }
        throw error;
      }
    },

    /** The item's current version. */
    async current(code: string): Promise<CatalogItemVersion | undefined> {
      const row = await db
        .selectFrom('catalog_items as i')
        .innerJoin('catalog_item_versions as v', (j) =>
          j.onRef('v.item_code', '=', 'i.code').onRef('v.version', '=', 'i.current_version'),
        )
        .select(['v.version', 'v.definition', 'v.published_at'])
        .where('i.code', '=', code)
        .executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },

    /** A given version: what a record recorded under it was checked against. */
    async version(code: string, version: number): Promise<CatalogItemVersion | undefined> {
      const row = await db
        .selectFrom('catalog_item_versions')
        .select(VERSION_COLUMNS)
        .where('item_code', '=', code)
        .where('version', '=', version)
        .executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },

    /** Current versions of every item, by category (B9) then code. */
    async list(filter: { category?: CatalogCategory | undefined } = {}): Promise<CatalogItemVersion[]> {
      let query = db
        .selectFrom('catalog_items as i')
        .innerJoin('catalog_item_versions as v', (j) =>
          j.onRef('v.item_code', '=', 'i.code').onRef('v.version', '=', 'i.current_version'),
        )
        .select(['v.version', 'v.definition', 'v.published_at'])
        .orderBy('i.code');
      if (filter.category) query = query.where('v.category', '=', filter.category);
      const items = (await query.execute()).map(toVersion);
      // B9's order: basic, positive, negative, other.
      return items.sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
    },

    /** Every version of an item, oldest first. */
    async history(code: string): Promise<{ version: number; publishedAt: string; digest: string }[]> {
      const rows = await db
        .selectFrom('catalog_item_versions')
        .select(['version', 'published_at', 'digest'])
        .where('item_code', '=', code)
        .orderBy('version')
        .execute();
      return rows.map((r) => ({ version: r.version, publishedAt: r.published_at, digest: r.digest }));
    },
  };
}

export type CatalogRepository = ReturnType<typeof catalogRepository>;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === '23505' || (typeof e?.message === 'string' && e.message.includes('UNIQUE constraint failed'))
  );
}
