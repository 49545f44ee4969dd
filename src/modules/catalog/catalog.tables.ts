/** Tables of the catalog module (migration 0004-catalog). */
export type CatalogTables = {
  catalog_items: CatalogItemTable;
  catalog_item_versions: CatalogItemVersionTable;
};

/** One row per catalog item (B8), keyed by its stable code; points at its current version. */
export type CatalogItemTable = {
  code: string;
  current_version: number;
  created_at: string;
  updated_at: string;
};

/**
 * Every published version of an item, never updated or deleted: records name the version they were
 * recorded under (item_code, version). `definition` holds the whole published draft; the other columns
 * repeat what lists and filters need.
 */
export type CatalogItemVersionTable = {
  id: string;
  item_code: string;
  version: number;
  name: string;
  category: string;
  usage_scope: string;
  list_type: string | null;
  severity_required: number;
  /** JSON: the published CatalogItemDraft */
  definition: unknown;
  /** SHA-256 of the definition's canonical JSON: an unchanged republication adds no version */
  digest: string;
  published_at: string;
};
