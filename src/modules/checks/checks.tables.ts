/** Tables of the checks module (migrations 0009-checks, 0010-check-feed). */
export type ChecksTables = {
  checks: CheckTable;
  check_parts: CheckPartTable;
  check_hits: CheckHitTable;
  check_feedback: CheckFeedbackTable;
  check_feed: CheckFeedTable;
  check_feed_head: CheckFeedHeadTable;
};

/**
 * Written only by triggers on subjects and list_entries (decision 0011): `seq` in commit order
 * (shared by the rows of one transaction on PostgreSQL); topic 'subject' (reload that subject) or
 * 'reload' (a row was deleted: reload everything) or 'reference' (measures, list types or catalog
 * items changed: drop cached copies; migration 0011).
 */
export type CheckFeedTable = {
  seq: number;
  subject_id: string | null;
  topic: 'subject' | 'reload' | 'reference';
  at: string;
};

/** PostgreSQL only: the last feed number handed out, locked by a committing writer. */
export type CheckFeedHeadTable = { id: number; seq: number };

export type CheckTable = {
  id: string;
  at: string;
  check_day: string;
  actor_id: string | null;
  actor_role: string;
  department: string | null;
  api_key_id: string | null;
  purpose: string;
  scenario: string;
  channel: 'api' | 'stream';
  subject_count: number;
  block_count: number;
  warn_count: number;
  favor_count: number;
  none_count: number;
  error_count: number;
  policy_id: string;
  policy_version: string;
  request_id: string | null;
  /**
   * JSON: the compact results of a check recorded in one part (every API check; migration 0012);
   * null for a streamed check, whose results are its parts
   */
  results: unknown;
};

export type CheckPartTable = {
  check_id: string;
  part: number;
  first_position: number;
  /** JSON: compact results, see check-record.ts */
  results: unknown;
};

export type CheckHitTable = {
  id: string;
  check_id: string;
  position: number;
  subject_id: string;
  decision: 'block' | 'warn' | 'favor';
  /** JSON array of list entry ids */
  entry_ids: unknown;
  /** JSON array of "code@version" */
  measures: unknown;
  department: string | null;
  check_day: string;
};

export type CheckFeedbackTable = {
  id: string;
  check_id: string;
  position: number;
  hit_id: string | null;
  department: string;
  /** JSON array of measure codes */
  measures_applied: unknown;
  outcome: string;
  amount: string | null;
  legal_basis: string;
  decided_on: string;
  business_ref: string | null;
  note: string | null;
  reported_at: string;
  reported_by: string | null;
};
