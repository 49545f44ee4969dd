/** Tables of the measures module (migration 0007-measures). */
export type MeasuresTables = {
  measures: MeasureTable;
  measure_versions: MeasureVersionTable;
};

/** One row per measure (A13, A14, D §5), keyed by its stable code; points at its current version. */
export type MeasureTable = {
  code: string;
  current_version: number;
  created_at: string;
  updated_at: string;
};

/**
 * Every published version of a measure, never updated or deleted: a check names the version it
 * applied. `definition` holds the whole published draft; the other columns repeat what lists need.
 */
export type MeasureVersionTable = {
  id: string;
  measure_code: string;
  version: number;
  title: string;
  article: string;
  effect: string;
  /** 0/1: a retired measure is a version with active = 0 */
  active: number;
  /** JSON: the published MeasureDraft */
  definition: unknown;
  /** SHA-256 of the definition's canonical JSON: an unchanged republication adds no version */
  digest: string;
  published_at: string;
  /** the publishing actor's id; null for the platform's seed */
  published_by: string | null;
  reason: string | null;
};
