import type { Generated } from 'kysely';
import type { AccessTables } from '../../modules/access/access.schema.ts';
import type { CatalogTables } from '../../modules/catalog/catalog.schema.ts';
import type { ChecksTables } from '../../modules/checks/checks.schema.ts';
import type { ListsTables } from '../../modules/lists/lists.schema.ts';
import type { MeasuresTables } from '../../modules/measures/measures.schema.ts';
import type { RecordsTables } from '../../modules/records/records.schema.ts';
import type { SubjectSearchTables } from '../../modules/subject-search/subject-search.schema.ts';

/**
 * The Kysely view of the database: one interface per table, column names as stored (snake_case).
 * Instants are ISO 8601 strings, plain dates YYYY-MM-DD, JSON columns go through toJson/fromJson,
 * flags are integers 0/1 (better-sqlite3 cannot bind booleans).
 */
export type Database = AccessTables &
  CatalogTables &
  RecordsTables &
  ListsTables &
  MeasuresTables &
  SubjectSearchTables &
  ChecksTables & {
    regions: RegionTable;
    departments: DepartmentTable;
    subjects: SubjectTable;
    code_exceptions: CodeExceptionTable;
    calendar_years: CalendarYearTable;
    policy_versions: PolicyVersionTable;
    audit_entries: AuditEntryTable;
    audit_head: AuditHeadTable;
    audit_anchors: AuditAnchorTable;
  };

export type RegionTable = {
  code: string;
  name: string;
  full_name: string;
  level: string;
  parent_code: string | null;
  abolished: number;
};

export type DepartmentTable = {
  id: string;
  code: string;
  name: string;
  short_name: string;
  region_code: string;
  /** JSON array of 'provider' | 'user' | 'credit_center' | 'credit_office' | 'regional_node' */
  kinds: unknown;
  nature: string;
  parent_code: string | null;
  created_at: string;
  updated_at: string;
};

/**
 * 信息主体. The identity code is personal data for persons, so it is never stored in plaintext:
 * `code_digest` is a keyed blind index (HMAC) for exact lookups, `code_sealed` the authenticated
 * ciphertext. Masked forms for display are derived on read under the active policy's masking rules.
 */
export type SubjectTable = {
  id: string;
  kind: 'person' | 'organization';
  code_kind: string;
  code_digest: string;
  code_sealed: string;
  name: string;
  region_code: string | null;
  /** JSON: kind-specific attributes (gender, birth date, registered address, legal representative, …) */
  attributes: unknown;
  created_at: string;
  updated_at: string;
};

/** Codes issued before the standards settled that fail their check character yet are real. */
export type CodeExceptionTable = {
  id: string;
  code_digest: string;
  code_sealed: string;
  kind: string;
  reason: string;
  registered_by: string;
  created_at: string;
};

/** A year's official holiday schedule imported by an administrator; replaces built-in data. */
export type CalendarYearTable = {
  year: number;
  source: string;
  schedule: unknown;
  digest: string;
  imported_by: string;
  imported_at: string;
};

/** Every policy content the platform has run under; decisions reference (policy_id, version). */
export type PolicyVersionTable = {
  id: string;
  policy_id: string;
  version: string;
  digest: string;
  content: unknown;
  first_loaded_at: string;
};

/** The audit trail, hash-chained with SM3 (A20, B33, C §4(1)); see modules/audit. Append-only. */
export type AuditEntryTable = {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: string;
  actor_department: string | null;
  purpose: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  result: 'ok' | 'denied' | 'error';
  /** JSON, written in canonical form */
  detail: unknown;
  policy_id: string;
  policy_version: string;
  request_id: string | null;
  prev_hash: string;
  hash: string;
};

/** The last link of each chain; appenders update it first, which serializes them. */
export type AuditHeadTable = {
  chain: string;
  seq: number;
  hash: string;
  updated_at: string;
};

/** The chain head at the end of a day (China time), for publication. */
export type AuditAnchorTable = {
  day: string;
  seq: number;
  hash: string;
  created_at: string;
};

export type WithGenerated<T> = { [K in keyof T]: T[K] | Generated<T[K]> };
