import { createHash } from 'node:crypto';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { type PublishOutcome, publishVersion } from '../../platform/db/versioned.ts';
import { conflict } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import {
  CATALOG_ITEM_VERSIONS_AUDITED,
  CATALOG_ITEMS_AUDITED,
  type RowsWrittenMeta,
} from '../audit/index.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';
import { canonicalJson } from '../policy/index.ts';
import {
  CATEGORIES,
  type CatalogCategory,
  type CatalogItemDraft,
  type CatalogItemVersion,
} from './catalog.ts';
import { parseCatalogDraft } from './catalog-draft.ts';

export type { PublishOutcome } from '../../platform/db/versioned.ts';

type VersionRow = { version: number; definition: unknown; published_at: string };

const toVersion = (row: VersionRow): CatalogItemVersion => ({
  ...fromJson<CatalogItemDraft>(row.definition),
  version: row.version,
  publishedAt: row.published_at,
});

const VERSION_COLUMNS = ['version', 'definition', 'published_at'] as const;

/**
 * Versions of items by `code@version`, read on `db` — a transaction's connection where the caller
 * holds one (B26 applies a relation to an organization's records inside the relation's transaction).
 * Versions are immutable, so what is read here never goes stale.
 */
export async function itemVersionsOn(
  db: Db,
  refs: readonly { code: string; version: number }[],
): Promise<Map<string, CatalogItemVersion>> {
  const out = new Map<string, CatalogItemVersion>();
  for (const { code, version } of refs) {
    const key = `${code}@${version}`;
    if (out.has(key)) continue;
    const row = await db
      .selectFrom('catalog_item_versions')
      .select(VERSION_COLUMNS)
      .where('item_code', '=', code)
      .where('version', '=', version)
      .executeTakeFirst();
    if (row) out.set(key, toVersion(row));
  }
  return out;
}

/** What tells two versions of an item apart: the SHA-256 of the checked draft's canonical JSON. */
export const catalogFingerprint = (content: CatalogItemDraft): string =>
  createHash('sha256').update(canonicalJson(content)).digest('hex');

/**
 * The catalog (B8): items by code, each with its versions. Publishing never edits: a changed draft
 * becomes the next version, an identical one changes nothing, and every version stays readable
 * (platform/db/versioned.ts). A publication records the item's head row and its new version on the
 * audit chain in the same transaction (`writer`; issue 14 §3): a usage scope or list type edited in
 * the database is named by `audit verify`.
 */
export function catalogRepository(store: Store, writer: RowsWrittenMeta) {
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
      const { value, outcome } = await publishVersion(
        store,
        {
          heads: 'catalog_items',
          versions: 'catalog_item_versions',
          codeColumn: 'item_code',
          readColumns: VERSION_COLUMNS,
        },
        {
          code: content.code,
          fingerprint: catalogFingerprint(content),
          now,
          row: () => ({
            id: uuidv7(),
            name: content.name,
            category: content.category,
            usage_scope: content.usageScope,
            list_type: content.listType,
            severity_required: content.severityRequired ? 1 : 0,
            definition: toJson(content),
            published_at: now,
          }),
          unchanged: (current) => toVersion(current as VersionRow),
          published: (version) => ({ ...content, version, publishedAt: now }),
          written: (trx, { head, version }) =>
            recordStoredTables(
              trx as Db,
              [
                { table: CATALOG_ITEMS_AUDITED, rows: [head] },
                { table: CATALOG_ITEM_VERSIONS_AUDITED, rows: [version] },
              ],
              writer,
            ),
          conflict: () =>
            conflict(
              'CATALOG_PUBLISH_CONFLICT',
              `目录项 ${content.code} 正由他人同时发布，请刷新后重试`,
              `Catalog item ${content.code} was published by someone else at the same time; reload and retry`,
              { code: content.code },
            ),
        },
      );
      return { item: value, outcome };
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
