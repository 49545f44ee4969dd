/** Tables of the records module (migration 0005-records). */
export type RecordsTables = {
  records: RecordTable;
  intake_batches: IntakeBatchTable;
  subject_name_conflicts: SubjectNameConflictTable;
};

/**
 * One immutable version of a piece of credit information. A change is a new row (next `version`,
 * same `record_key`); the current version is the highest one. Never updated, never deleted (A20, B33).
 */
export type RecordTable = {
  id: string;
  record_key: string;
  version: number;
  item_code: string;
  item_version: number;
  /** 谁提供谁负责 (B4): part of the record's identity with `provider_record_id` */
  provider_department: string;
  provider_record_id: string;
  subject_id: string;
  /** the subject's name as the provider wrote it on this record (A8) */
  subject_name: string;
  /** B2: 'B2' for a person of 16 or 17 living on their own labour (migration 0016); null otherwise */
  subject_ground: 'B2' | null;
  severity: '一般' | '较重' | '严重' | null;
  identified_on: string;
  received_at: string;
  /** B27: last day of validity, counted from `identified_on`; null for non-negative items */
  validity_ends_on: string | null;
  policy_id: string;
  policy_version: string;
  /** JSON: the item's fields; `code` fields sealed as `{ "sealed": … }` (decision in records.content.ts) */
  fields: unknown;
  /**
   * The content fingerprint: SHA-256 of the canonical content, codes replaced by their blind index
   * (records.content.ts); it detects unchanged retries. The column keeps its first name: records are
   * under row digests, whose bytes include column names.
   */
  content_digest: string;
  reason: string | null;
  /** A9: working days from identification to the China date of receipt */
  push_workdays: number;
  push_late: number;
  push_provisional: number;
  /** the batch that brought this content (a B26 record: its source's batch) */
  batch_id: string;
  /**
   * Issue 15 W3 (A20, B33): the procedure this version rests on — 'external_decision' (an
   * administrative review, judgment or revocation the credit office recorded) now, the platform's
   * objection, appeal and repair decisions later; null for a version that needs none. One basis
   * allows one version (unique index, migration 0017).
   */
  change_basis_kind: ChangeBasisKind | null;
  change_basis_id: string | null;
  /**
   * B26 (issue 15 W5, decision 0028; migration 0018): set on a record the platform writes into a
   * responsible person's credit record from a severe organization's record — the source version it
   * follows, the source's key, the article, the person's role, and 1 on the version that ends it.
   * Null on every record a provider pushed.
   */
  derived_from: string | null;
  derived_from_key: string | null;
  derived_basis: 'B26' | null;
  derived_role: string | null;
  derived_ended: number | null;
  /**
   * 1 on the version that withdraws the record (撤销; issue 15 W3, migration 0020): it rests on a
   * decision (`change_basis_*`) like every weakening, ends the record (A20) and takes no further
   * version. 0 otherwise; null on records stored before.
   */
  withdrawn: number | null;
};

/** The procedures a new version may rest on (issue 15 W3; the due-process issue adds its own). */
export type ChangeBasisKind = 'external_decision' | 'objection';

export type IntakeBatchTable = {
  id: string;
  provider_department: string;
  channel: 'api' | 'spreadsheet' | 'cli' | 'form';
  mode: 'all_or_nothing' | 'accept_valid';
  total: number;
  created: number;
  unchanged: number;
  new_version: number;
  /** rows refused for their own errors */
  refused: number;
  /** valid rows not written because an all-or-nothing batch had a refused row */
  aborted: number;
  actor_id: string | null;
  actor_role: string;
  request_id: string | null;
  started_at: string;
  finished_at: string;
};

/** A known code submitted with another name: kept for review, the subject's name is not overwritten. */
export type SubjectNameConflictTable = {
  id: string;
  subject_id: string;
  known_name: string;
  submitted_name: string;
  provider_department: string;
  batch_id: string;
  record_id: string | null;
  status: 'open' | 'resolved';
  detected_at: string;
};
