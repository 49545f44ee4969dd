/** Tables of the audit module (migration 0002-audit). */
export type AuditTables = {
  audit_entries: AuditEntryTable;
  audit_head: AuditHeadTable;
  audit_anchors: AuditAnchorTable;
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
