/** The audit trail: SM3 hash chain, row digests for immutable tables, verification and anchors. */
export {
  type Anchor,
  type AuditRecord,
  type AuditResult,
  type BreakReason,
  type BrokenLink,
  type ChainHead,
  type ChainVerdict,
  canonicalEntry,
  createChainVerifier,
  type DayAnchor,
  entryHash,
  verifyChain,
} from './audit.chain.ts';
export type { AuditEntryInput, AuditWriter } from './audit.repository.ts';
export type { AuditReport } from './audit.service.ts';
export {
  ACCOUNT_BINDINGS_AUDITED,
  ACCOUNTS_AUDITED,
  API_KEYS_AUDITED,
  AUDITED_TABLES,
  CALENDAR_YEARS_AUDITED,
  CATALOG_ITEM_VERSIONS_AUDITED,
  CATALOG_ITEMS_AUDITED,
  CHECK_HITS_AUDITED,
  CHECK_PARTS_AUDITED,
  CHECKS_AUDITED,
  CODE_EXCEPTIONS_AUDITED,
  CONSENTS_AUDITED,
  DEPARTMENT_PURPOSES_AUDITED,
  EXTERNAL_DECISIONS_AUDITED,
  LIST_ENTRIES_AUDITED,
  LIST_ENTRY_EVENTS_AUDITED,
  LIST_TYPES_AUDITED,
  MEASURE_VERSIONS_AUDITED,
  MEASURES_AUDITED,
  NOTIFICATIONS_AUDITED,
  OBJECTION_EVENTS_AUDITED,
  OBJECTIONS_AUDITED,
  POLICY_VERSIONS_AUDITED,
  PROCEDURE_FIRINGS_AUDITED,
  RECORDS_AUDITED,
  SESSIONS_AUDITED,
  SUBJECT_RELATIONS_AUDITED,
  SUBJECTS_AUDITED,
} from './audited-tables.ts';
export { canonicalJson, GENESIS_HASH } from './canonical.ts';
export {
  type AuditedTable,
  CanonicalJsonText,
  type ColumnKind,
  ROWS_WRITTEN,
  rowDigest,
} from './row-digest.ts';
export type { RowProblem, RowsWrittenMeta } from './row-digests.service.ts';
