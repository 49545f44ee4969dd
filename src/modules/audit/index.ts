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
  entryHash,
  verifyChain,
} from './audit.chain.ts';
export {
  type AuditEntryInput,
  type AuditWriter,
  appendAudit,
  appendAuditMany,
  auditRepository,
  readAuditEntries,
  readAuditHead,
} from './audit.repository.ts';
export { type AuditReport, anchorDay, verifyAudit } from './audit.service.ts';
export { scanAuditedTable } from './audited-rows.repository.ts';
export {
  AUDITED_TABLES,
  CHECK_HITS_AUDITED,
  CHECK_PARTS_AUDITED,
  CHECKS_AUDITED,
  RECORDS_AUDITED,
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
export {
  type RowProblem,
  type RowsWrittenMeta,
  recordRowsWritten,
  rowDigestTexts,
  rowsWrittenEntries,
  verifyRows,
} from './row-digests.service.ts';
